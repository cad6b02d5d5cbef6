using System.Text.Json.Nodes;
using StoreBooks.Emulators.Qbo.Api.Json;

namespace StoreBooks.Emulators.Qbo.Api.Arithmetic;

/// <summary>
/// A sales form's arithmetic once its lines are read: the SubTotal QBO appends (item lines, not shipping), discount
/// lines (a percentage of the SubTotal, or an amount), shipping, tax per rate, and TotalAmt =
/// SubTotal − discounts + shipping + tax.
/// </summary>
internal sealed class SalesTotals
{
    public decimal SubTotal { get; private init; }

    public decimal Discount { get; private init; }

    public decimal Shipping { get; private init; }

    public IReadOnlyList<TaxLineResult> TaxLines { get; private init; } = [];

    public decimal TotalTax { get; private init; }

    public decimal TotalAmt => SubTotal - Discount + Shipping + TotalTax;

    /// <param name="priced">Item, component and shipping lines.</param>
    /// <param name="discounts">Discount lines; a percent-based one gets its Amount here.</param>
    /// <param name="mode">How the transaction is taxed.</param>
    /// <param name="codeRates">The rates of a tax code (for US, of the TAX lines' code).</param>
    /// <param name="applyTaxAfterDiscount">Discounts reduce the taxable amount.</param>
    /// <param name="manualTotalTax">US without automated tax and without TxnTaxCodeRef: the client's TotalTax.</param>
    /// <param name="taxOverrides">
    /// Non-US: tax amounts the client set per rate (TxnTaxDetail.TaxLine with TaxRateRef and Amount), which replace the computed
    /// ones for rates the lines carry — QBO's tax override, so a connector can hold the tax to what its store charged.
    /// </param>
    public static SalesTotals Compute(
        IReadOnlyList<PricedLine> priced,
        IReadOnlyList<JsonObject> discounts,
        TaxMode mode,
        Func<string, TaxCodeRates?> codeRates,
        bool applyTaxAfterDiscount,
        decimal? manualTotalTax,
        IReadOnlyDictionary<string, decimal>? taxOverrides = null)
    {
        if (mode == TaxMode.Inclusive)
        {
            DeriveNets(priced, codeRates);
        }

        var subTotal = Money.Round(priced.Where(p => !p.IsShipping).Sum(p => p.Amount));
        var discount = 0m;
        foreach (var line in discounts)
        {
            var detail = line.Obj("DiscountLineDetail")!;
            var amount = detail.Bool("PercentBased") == true
                ? Money.Round(subTotal * (detail.Dec("DiscountPercent") ?? 0) / 100m)
                : Money.Round(line.Dec("Amount") ?? 0);
            line["Amount"] = Money.Node(amount);
            discount += amount;
        }

        var shipping = Money.Round(priced.Where(p => p.IsShipping).Sum(p => p.Amount));
        var factor = applyTaxAfterDiscount && subTotal != 0 && discount != 0 ? 1m - discount / subTotal : 1m;

        IReadOnlyList<TaxLineResult> taxLines = [];
        decimal totalTax;
        if (mode == TaxMode.NotApplicable)
        {
            totalTax = 0;
        }
        else if (mode is TaxMode.UsManual && manualTotalTax is not null)
        {
            totalTax = Money.Round(manualTotalTax.Value);
        }
        else
        {
            taxLines = TaxCalculator.Compute(Bases(priced, mode, codeRates), factor);
            if (taxOverrides is { Count: > 0 } && mode is TaxMode.Exclusive or TaxMode.Inclusive)
            {
                taxLines = taxLines.Select(t => taxOverrides.TryGetValue(t.Rate.RateId, out var amount) ? t with { Tax = Money.Round(amount) } : t).ToList();
            }

            totalTax = taxLines.Sum(t => t.Tax);
        }

        return new SalesTotals
        {
            SubTotal = subTotal,
            Discount = discount,
            Shipping = shipping,
            TaxLines = taxLines,
            TotalTax = totalTax,
        };
    }

    /// <summary>Taxable amounts per tax code; shipping is kept apart because a discount never reduces it.</summary>
    private static IEnumerable<TaxBase> Bases(IReadOnlyList<PricedLine> priced, TaxMode mode, Func<string, TaxCodeRates?> codeRates)
    {
        var bases = new Dictionary<string, TaxBase>(StringComparer.Ordinal);
        foreach (var line in priced)
        {
            var codeId = line.TaxCode;
            if (codeId is null || codeId == "NON")
            {
                continue;
            }

            var rates = codeRates(codeId);
            if (rates is null)
            {
                continue;
            }

            if (!bases.TryGetValue(rates.CodeId, out var b))
            {
                b = new TaxBase(rates);
                bases[rates.CodeId] = b;
            }

            if (mode == TaxMode.Inclusive && line.Gross is { } gross)
            {
                b.Gross += gross;
                b.NetOfGross += line.Amount;
            }
            else if (line.IsShipping)
            {
                b.ShippingNet += line.Amount;
            }
            else
            {
                b.Net += line.Amount;
            }
        }

        return bases.Values;
    }

    /// <summary>
    /// For lines sent with TaxInclusiveAmt: each tax code's net is the summed gross over one plus the combined rate,
    /// rounded once; each line's Amount is its own share, the last line taking the rounding, so nets add up exactly.
    /// </summary>
    private static void DeriveNets(IReadOnlyList<PricedLine> priced, Func<string, TaxCodeRates?> codeRates)
    {
        foreach (var group in priced.Where(p => p.Gross is not null && p.TaxCode is not null).GroupBy(p => p.TaxCode!))
        {
            var combined = codeRates(group.Key)?.CombinedPercent ?? 0m;
            var lines = group.ToList();
            var groupNet = TaxCalculator.NetOfGross(lines.Sum(l => l.Gross!.Value), combined);
            var running = 0m;
            for (var i = 0; i < lines.Count; i++)
            {
                var net = i == lines.Count - 1 ? groupNet - running : TaxCalculator.NetOfGross(lines[i].Gross!.Value, combined);
                running += net;
                lines[i].Amount = net;
                lines[i].Line["Amount"] = Money.Node(net);
            }
        }
    }
}
