using StoreBooks.Core.Messages;
using StoreBooks.Core.Model;
using StoreBooks.QuickBooks.Common;
using StoreBooks.QuickBooks.TaxRates;

namespace StoreBooks.Sync.Sales;

/// <summary>How a document is taxed.</summary>
public enum TaxMode
{
    /// <summary>US company: lines are NON, the tax the store collected is its own line (QuickBooks' automated tax stays out).</summary>
    Us,

    /// <summary>Non-US, prices before tax.</summary>
    Exclusive,

    /// <summary>Non-US, prices that include tax: lines are sent at their net of the store's own tax.</summary>
    Inclusive,
}

/// <summary>
/// The lines of one document as they are added, with the running figures QuickBooks will show: the discount line, shipping,
/// and the store's tax per QuickBooks rate (the tax detail that holds QuickBooks' tax total to the store's).
/// </summary>
internal sealed class DraftLines
{
    private readonly TaxMode _mode;
    private readonly TaxCodeMap? _taxes;
    private readonly SyncMessage _reference;
    private readonly bool _included;
    private readonly Dictionary<string, (TaxRate Rate, decimal Tax, decimal Base)> _rates = new(StringComparer.Ordinal);

    /// <param name="pricesIncludeTax">
    /// The store's prices include its tax. Always so in <see cref="TaxMode.Inclusive"/>; in <see cref="TaxMode.Us"/> (a VAT-style
    /// store booked in a US company) the lines are sent net of the tax, which goes on the collected-tax line.
    /// </param>
    public DraftLines(TaxMode mode, TaxCodeMap? taxes, SyncMessage reference, bool pricesIncludeTax = false)
    {
        _mode = mode;
        _taxes = taxes;
        _reference = reference;
        _included = mode == TaxMode.Inclusive || (mode == TaxMode.Us && pricesIncludeTax);
    }

    public List<Line> Lines { get; } = [];

    private readonly Dictionary<string, (SyncMessage Problem, List<string> Places)> _taxProblems = new(StringComparer.Ordinal);
    private readonly List<SyncMessage> _problems = [];

    public IReadOnlyList<SyncMessage> Problems =>
        [.. _problems, .. _taxProblems.Values.Select(p => SalesMessages.TaxProblem.With(("sale", _reference), ("places", MessageArg.List(p.Places.Select(w => (MessageArg)w), ", ")), ("problem", p.Problem)))];

    /// <summary>Adds <paramref name="problem"/> unless the same words are there already.</summary>
    public void AddProblem(SyncMessage problem)
    {
        if (!_problems.Any(p => p.Text == problem.Text))
        {
            _problems.Add(problem);
        }
    }

    public decimal Discount { get; private set; }

    public decimal Shipping { get; private set; }

    /// <summary>US: the tax the store collected, for the collected-tax line.</summary>
    public decimal UsTax { get; private set; }

    public decimal RateTax => _rates.Values.Sum(r => r.Tax);

    /// <summary>
    /// A line that sells something: <paramref name="gross"/> is quantity × unit price as the store shows it (tax included for
    /// tax-inclusive orders), <paramref name="discount"/> the part of it given away, <paramref name="taxes"/> what the store charged.
    /// </summary>
    public void AddSold(string where, Ref item, string? description, decimal? qty, decimal? unitPrice, decimal gross, decimal discount, IReadOnlyList<StoreTax> taxes, bool isShipping = false)
    {
        var code = TaxCodeFor(where, taxes);
        decimal amount, taxBase;
        if (_included)
        {
            var tax = taxes.Sum(t => t.Amount);
            var combined = taxes.Sum(t => t.Rate);
            var netAfterDiscount = gross - discount - tax;
            var discountNet = Cents.Round(discount / (1m + combined));
            amount = netAfterDiscount + discountNet;
            taxBase = netAfterDiscount;
            Discount += discountNet;
            unitPrice = qty is { } q && q != 0 && ExactPrice(amount, q) is { } exact ? exact : null;
        }
        else
        {
            amount = gross;
            taxBase = gross - discount;
            Discount += discount;
            if (qty is { } q && unitPrice is { } p && Cents.Round(q * p) != gross)
            {
                unitPrice = ExactPrice(gross, q);
            }
        }

        if (isShipping)
        {
            Shipping += amount;
        }

        Lines.Add(new Line
        {
            DetailType = LineDetailTypes.SalesItem,
            Description = Trim(description, 4000),
            Amount = amount,
            SalesItemLineDetail = new SalesItemLineDetail
            {
                ItemRef = item,
                Qty = qty,
                UnitPrice = unitPrice,
                TaxCodeRef = code is null ? null : Ref.To(code),
            },
        });
        Record(taxes, taxBase);
    }

    /// <summary>
    /// Holds the tax to the store's order-level figure when its lines' taxes differ from it by no more than
    /// <paramref name="tolerance"/> (a store rounding tax once for the order): the difference goes to the rate that carries the
    /// most tax (non-US), or to the collected tax (US). Larger differences are left for the order check to report.
    /// </summary>
    public void HoldTaxTo(decimal storeTax, decimal tolerance)
    {
        var difference = storeTax - (_mode == TaxMode.Us ? UsTax : RateTax);
        if (difference == 0 || Math.Abs(difference) > tolerance)
        {
            return;
        }

        if (_mode == TaxMode.Us)
        {
            UsTax += difference;
            return;
        }

        if (_rates.Count > 0)
        {
            var largest = _rates.OrderByDescending(r => r.Value.Tax).ThenBy(r => r.Key, StringComparer.Ordinal).First();
            _rates[largest.Key] = largest.Value with { Tax = largest.Value.Tax + difference };
        }
    }

    /// <summary>
    /// Money given back on the order that is not a product's discount (a negative fee): it joins the discount line, at its
    /// amount before tax for tax-inclusive orders, and its (negative) taxes lower the store's tax per rate.
    /// </summary>
    public void AddCredit(string where, decimal gross, IReadOnlyList<StoreTax> taxes)
    {
        TaxCodeFor(where, taxes);
        var net = _included ? gross - taxes.Sum(t => t.Amount) : gross;
        Discount -= net;
        Record(taxes, net);
    }

    /// <summary>An untaxed line of a plain amount (tips, gift cards, collected US tax, rounding, adjustments).</summary>
    public void AddFlat(string where, Ref item, string description, decimal amount)
    {
        var code = TaxCodeFor(where, []);
        Lines.Add(new Line
        {
            DetailType = LineDetailTypes.SalesItem,
            Description = description,
            Amount = amount,
            SalesItemLineDetail = new SalesItemLineDetail { ItemRef = item, TaxCodeRef = code is null ? null : Ref.To(code) },
        });
    }

    /// <summary>What QuickBooks will total: every line, less the discount line, plus the tax detail (non-US).</summary>
    public decimal Total => Lines.Sum(l => l.Amount ?? 0) - Discount + (_mode == TaxMode.Us ? 0 : RateTax);

    /// <summary>Non-US: one tax line per QuickBooks rate, with the store's amount.</summary>
    public TxnTaxDetail? TaxDetail() => _mode == TaxMode.Us ? null : new TxnTaxDetail
    {
        TotalTax = RateTax,
        TaxLine = _rates.Values.OrderBy(r => r.Rate.Id, StringComparer.Ordinal).Select(r => new TaxLine
        {
            Amount = r.Tax,
            DetailType = "TaxLineDetail",
            TaxLineDetail = new TaxLineDetail
            {
                TaxRateRef = Ref.To(r.Rate.Id!, r.Rate.Name),
                PercentBased = true,
                TaxPercent = r.Rate.RateValue,
                NetAmountTaxable = r.Base,
            },
        }).ToList(),
    };

    private string? TaxCodeFor(string where, IReadOnlyList<StoreTax> taxes)
    {
        if (_mode == TaxMode.Us)
        {
            UsTax += taxes.Sum(t => t.Amount);
            return "NON";
        }

        var (code, problem) = _taxes!.Resolve(taxes);
        if (problem is not null)
        {
            // One message per problem, naming every place it occurs: "order #1035 (line 1, line 2, shipping): tax HST 15% has ...".
            _taxProblems.TryAdd(problem.Text, (problem, []));
            _taxProblems[problem.Text].Places.Add(where);
            return null;
        }

        return code!.Code.Id;
    }

    private void Record(IReadOnlyList<StoreTax> taxes, decimal taxBase)
    {
        if (_mode == TaxMode.Us || _taxes is null)
        {
            return;
        }

        var (code, _) = _taxes.Resolve(taxes);
        foreach (var mapped in code?.Rates ?? [])
        {
            var current = _rates.TryGetValue(mapped.Rate.Id!, out var r) ? r : (mapped.Rate, 0m, 0m);
            _rates[mapped.Rate.Id!] = (mapped.Rate, current.Item2 + mapped.Tax.Amount, current.Item3 + taxBase);
        }
    }

    /// <summary>A unit price that gives exactly <paramref name="amount"/> for <paramref name="qty"/>, when one exists at 7 decimals.</summary>
    private static decimal? ExactPrice(decimal amount, decimal qty)
    {
        var price = Math.Round(amount / qty, 7, MidpointRounding.AwayFromZero);
        return price * qty == amount ? price : null;
    }

    private static string? Trim(string? text, int max) => text is null ? null : text.Length <= max ? text : text[..max];
}
