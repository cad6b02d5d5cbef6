using StoreBooks.Core.Model;

namespace StoreBooks.Sync.Tests.Sales;

/// <summary>A store's tax rate as orders carry it.</summary>
internal sealed record Rate(string Name, decimal Value)
{
    public static readonly Rate Gst = new("GST", 0.05m);
    public static readonly Rate Qst = new("QST", 0.09975m);
    public static readonly Rate HstOn = new("HST", 0.13m);
    public static readonly Rate HstNb = new("HST", 0.15m);
    public static readonly Rate CaState = new("CA State Tax", 0.0725m);
    public static readonly Rate Vat = new("VAT", 0.20m);

    /// <summary>Quebec: GST then QST.</summary>
    public static readonly Rate[] Quebec = [Gst, Qst];
}

/// <summary>
/// Builds a store order the way a store computes it: tax per line and per rate, rounded half away from zero (on the net for
/// tax-exclusive prices; carved out of the gross for tax-inclusive ones, the last rate taking the remainder), and the store's
/// totals from its parts. Paid in full by "shopify_payments" unless payments are given.
/// </summary>
internal sealed class OrderBuilder
{
    public static readonly DateTimeOffset DefaultTime = new(2026, 3, 2, 10, 0, 0, TimeSpan.FromHours(-5));

    private readonly string _number;
    private readonly List<StoreOrderLine> _lines = [];
    private readonly List<StoreCharge> _shipping = [];
    private readonly List<StoreCharge> _fees = [];
    private readonly List<StoreCharge> _duties = [];
    private readonly List<StorePayment> _payments = [];
    private readonly List<StoreRefund> _refunds = [];
    private bool _inclusive;
    private decimal _tip;
    private DateTimeOffset _createdAt = DefaultTime;
    private DateTimeOffset? _updatedAt;
    private StoreCustomer? _customer = Customers.Ann;
    private FinancialStatus _status = FinancialStatus.Paid;
    private string _currency = "CAD";
    private string? _note;
    private bool _noPayments;

    private OrderBuilder(string number) => _number = number;

    public static OrderBuilder Order(string number) => new(number);

    public string SourceId => "o-" + _number;

    public OrderBuilder Inclusive()
    {
        _inclusive = true;
        return this;
    }

    public OrderBuilder At(DateTimeOffset createdAt, DateTimeOffset? updatedAt = null)
    {
        _createdAt = createdAt;
        _updatedAt = updatedAt;
        return this;
    }

    public OrderBuilder UpdatedAt(DateTimeOffset updatedAt)
    {
        _updatedAt = updatedAt;
        return this;
    }

    public OrderBuilder In(string currency)
    {
        _currency = currency;
        return this;
    }

    public OrderBuilder By(StoreCustomer? customer)
    {
        _customer = customer;
        return this;
    }

    public OrderBuilder Status(FinancialStatus status)
    {
        _status = status;
        return this;
    }

    public OrderBuilder Note(string note)
    {
        _note = note;
        return this;
    }

    public OrderBuilder Unpaid()
    {
        _noPayments = true;
        _status = FinancialStatus.Pending;
        return this;
    }

    /// <summary>A product line; <paramref name="discount"/> is the part of its gross given away.</summary>
    public OrderBuilder Line(string? sku, string title, decimal qty, decimal price, decimal discount = 0, params Rate[] rates)
    {
        var position = _lines.Count + 1;
        _lines.Add(new StoreOrderLine
        {
            SourceId = $"{SourceId}:{position}",
            Position = position,
            Sku = sku,
            Title = title,
            Quantity = qty,
            UnitPrice = price,
            Discount = discount,
            Taxes = Taxes(qty * price - discount, rates),
            Taxable = rates.Length > 0,
        });
        return this;
    }

    public OrderBuilder GiftCardSold(decimal amount)
    {
        var position = _lines.Count + 1;
        _lines.Add(new StoreOrderLine
        {
            SourceId = $"{SourceId}:{position}",
            Position = position,
            Title = "Gift card",
            Quantity = 1,
            UnitPrice = amount,
            Taxable = false,
            IsGiftCard = true,
        });
        return this;
    }

    public OrderBuilder Shipping(decimal amount, decimal discount = 0, params Rate[] rates)
    {
        _shipping.Add(new StoreCharge { Title = "Standard shipping", Amount = amount, Discount = discount, Taxes = Taxes(amount - discount, rates) });
        return this;
    }

    public OrderBuilder Fee(string title, decimal amount, params Rate[] rates)
    {
        _fees.Add(new StoreCharge { Title = title, Amount = amount, Taxes = Taxes(amount, rates) });
        return this;
    }

    /// <summary>Import duties the buyer paid, taxed at <paramref name="rates"/> when any.</summary>
    public OrderBuilder Duty(string title, decimal amount, params Rate[] rates)
    {
        _duties.Add(new StoreCharge { Title = title, Amount = amount, Taxes = Taxes(amount, rates) });
        return this;
    }

    public OrderBuilder Tip(decimal amount)
    {
        _tip = amount;
        return this;
    }

    public OrderBuilder Paid(string gateway, decimal amount)
    {
        _payments.Add(new StorePayment { SourceId = $"{SourceId}:pay{_payments.Count + 1}", Gateway = gateway, Amount = amount, Kind = StorePaymentKind.Received, ProcessedAt = _createdAt });
        return this;
    }

    public OrderBuilder PaidWithGiftCard(decimal amount)
    {
        _payments.Add(new StorePayment { SourceId = $"{SourceId}:gc{_payments.Count + 1}", Gateway = "gift_card", Amount = amount, Kind = StorePaymentKind.Received, IsGiftCard = true, ProcessedAt = _createdAt });
        return this;
    }

    /// <summary>
    /// A refund of some lines (by position, with quantity and whether it went back to stock), some shipping and an adjustment;
    /// each line's amount and tax are its share of what was sold, as the store splits them.
    /// </summary>
    public OrderBuilder Refund(string id, DateTimeOffset at, IEnumerable<(int Position, decimal Qty, bool Restock)> lines, decimal shipping = 0, decimal adjustment = 0, string gateway = "shopify_payments")
    {
        var refundLines = new List<StoreRefundLine>();
        foreach (var (position, qty, restock) in lines)
        {
            // What is left of the line when this refund takes the rest of it; else its share, rounded.
            var line = _lines[position - 1];
            var before = _refunds.SelectMany(r => r.Lines).Where(l => l.OrderLineSourceId == line.SourceId).ToList();
            var rest = before.Sum(l => l.Quantity) + qty == line.Quantity;
            var share = qty / line.Quantity;
            var amount = rest ? line.NetAmount - before.Sum(l => l.Amount) : Cents.Round(line.NetAmount * share);
            var taxes = line.Taxes.Select(t => t with
            {
                Amount = rest ? t.Amount - before.SelectMany(l => l.Taxes).Where(x => x.Name == t.Name).Sum(x => x.Amount) : Cents.Round(t.Amount * share),
            }).ToList();
            refundLines.Add(new StoreRefundLine { OrderLineSourceId = line.SourceId, Quantity = qty, Amount = amount, Taxes = taxes, Restock = restock });
        }

        var shippingTaxes = new List<StoreTax>();
        if (shipping != 0 && _shipping.Count > 0)
        {
            var sold = _shipping[0];
            var earlier = _refunds.Where(r => r.Shipping != 0).ToList();
            var rest = earlier.Sum(r => r.Shipping) + shipping == sold.NetAmount;
            var share = shipping / sold.NetAmount;
            shippingTaxes.AddRange(sold.Taxes.Select(t => t with
            {
                Amount = rest ? t.Amount - earlier.SelectMany(r => r.ShippingTaxes).Where(x => x.Name == t.Name).Sum(x => x.Amount) : Cents.Round(t.Amount * share),
            }));
        }

        var taxTotal = refundLines.Sum(l => l.Taxes.Sum(t => t.Amount)) + shippingTaxes.Sum(t => t.Amount);
        var total = refundLines.Sum(l => l.Amount) + shipping + adjustment + (_inclusive ? 0 : taxTotal);
        var payment = new StorePayment { SourceId = $"{id}:tx", Gateway = gateway, Kind = StorePaymentKind.Refunded, Amount = total, ProcessedAt = at };
        _refunds.Add(new StoreRefund
        {
            SourceId = id,
            CreatedAt = at,
            Lines = refundLines,
            Shipping = shipping,
            ShippingTaxes = shippingTaxes,
            Adjustment = adjustment,
            Payments = [payment],
            Total = total,
        });
        return this;
    }

    public StoreOrder Build()
    {
        var linesGross = _lines.Sum(l => l.GrossAmount);
        var discounts = _lines.Sum(l => l.Discount) + _shipping.Sum(s => s.Discount) + _fees.Sum(f => f.Discount);
        var shipping = _shipping.Sum(s => s.Amount);
        var fees = _fees.Sum(f => f.Amount);
        var duties = _duties.Sum(d => d.Amount);
        var tax = _lines.SelectMany(l => l.Taxes).Concat(_shipping.SelectMany(s => s.Taxes)).Concat(_fees.SelectMany(f => f.Taxes))
            .Concat(_duties.SelectMany(d => d.Taxes)).Sum(t => t.Amount);
        var total = linesGross - discounts + shipping + fees + duties + _tip + (_inclusive ? 0 : tax);
        var payments = new List<StorePayment>(_payments);
        var received = payments.Sum(p => p.Amount);
        if (!_noPayments && received < total)
        {
            payments.Add(new StorePayment { SourceId = $"{SourceId}:pay", Gateway = "shopify_payments", Amount = total - received, Kind = StorePaymentKind.Received, ProcessedAt = _createdAt });
        }

        payments.AddRange(_refunds.SelectMany(r => r.Payments));
        var refunded = _refunds.Sum(r => r.Total);
        var status = _refunds.Count == 0 || _status != FinancialStatus.Paid ? _status
            : refunded >= total ? FinancialStatus.Refunded : FinancialStatus.PartiallyRefunded;
        return new StoreOrder
        {
            SourceId = SourceId,
            Number = _number,
            CreatedAt = _createdAt,
            UpdatedAt = _updatedAt ?? _refunds.Select(r => r.CreatedAt).Append(_createdAt).Max(),
            Currency = _currency,
            Status = status.ToString().ToLowerInvariant(),
            FinancialStatus = status,
            TaxesIncluded = _inclusive,
            Customer = _customer,
            BillingAddress = _customer?.BillingAddress,
            ShippingAddress = _customer?.ShippingAddress,
            Lines = [.. _lines],
            Shipping = [.. _shipping],
            Fees = [.. _fees],
            Duties = [.. _duties],
            Tip = _tip,
            Payments = payments,
            Refunds = [.. _refunds],
            Note = _note,
            Totals = new StoreOrderTotals
            {
                LinesGross = linesGross,
                Discounts = discounts,
                Shipping = shipping,
                Fees = fees,
                Duties = duties,
                Tax = tax,
                Tip = _tip,
                Total = total,
            },
            Origin = $"scenario order {_number}",
        };
    }

    /// <summary>The store's tax on <paramref name="amount"/>, per rate, to the cent.</summary>
    private IReadOnlyList<StoreTax> Taxes(decimal amount, Rate[] rates)
    {
        if (rates.Length == 0)
        {
            return [];
        }

        if (!_inclusive)
        {
            return rates.Select(r => new StoreTax(r.Name, r.Value, Cents.Round(amount * r.Value))).ToList();
        }

        var net = Cents.Round(amount / (1m + rates.Sum(r => r.Value)));
        var left = amount - net;
        var taxes = new List<StoreTax>();
        for (var i = 0; i < rates.Length; i++)
        {
            var part = i == rates.Length - 1 ? left : Cents.Round(net * rates[i].Value);
            left -= part;
            taxes.Add(new StoreTax(rates[i].Name, rates[i].Value, part));
        }

        return taxes;
    }
}

/// <summary>Buyers used by the scenarios.</summary>
internal static class Customers
{
    public static readonly StoreCustomer Ann = new()
    {
        SourceId = "c-ann",
        Email = "ann.lee@example.com",
        FirstName = "Ann",
        LastName = "Lee",
        BillingAddress = new StoreAddress { Name = "Ann Lee", Line1 = "12 Rue Sainte-Catherine", City = "Montréal", Region = "QC", PostalCode = "H2X 1Z4", Country = "CA" },
    };

    public static readonly StoreCustomer Bob = new()
    {
        SourceId = "c-bob",
        Email = "bob.martin@example.com",
        FirstName = "Bob",
        LastName = "Martin",
    };
}
