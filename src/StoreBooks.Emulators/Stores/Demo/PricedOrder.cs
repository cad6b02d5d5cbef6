namespace StoreBooks.Emulators.Stores.Demo;

/// <summary>
/// The arithmetic of one <see cref="OrderPlan"/>: discount allocation, per-rate taxes (prices with or without tax), shipping, fee,
/// refund amounts. Every amount is rounded to the cent the way a store does, and the totals add up:
/// <c>Total = Σ line net + fee + shipping + TotalTax</c>.
/// </summary>
public sealed class PricedOrder
{
    private PricedOrder(OrderPlan plan) => Plan = plan;

    public OrderPlan Plan { get; }

    public bool PricesIncludeTax { get; private init; }

    public IReadOnlyList<PricedLine> Lines { get; private init; } = [];

    public PricedCharge? Shipping { get; private init; }

    public PricedCharge? Fee { get; private init; }

    /// <summary>Σ price × quantity before discounts, without tax.</summary>
    public decimal LinesGross => Lines.Sum(l => l.Gross);

    public decimal DiscountTotal => Lines.Sum(l => l.Discount);

    /// <summary>Σ line net (after discounts), without tax.</summary>
    public decimal LinesNet => Lines.Sum(l => l.Net);

    public decimal DiscountTax => Lines.Sum(l => l.SubtotalTax - l.Tax);

    public decimal CartTax => Lines.Sum(l => l.Tax) + (Fee?.Tax ?? 0m);

    public decimal ShippingTotal => Shipping?.Amount ?? 0m;

    public decimal ShippingTax => Shipping?.Tax ?? 0m;

    public decimal TotalTax => CartTax + ShippingTax;

    public decimal Total => LinesNet + (Fee?.Amount ?? 0m) + ShippingTotal + TotalTax;

    /// <summary>Tax per rate over lines, fee and shipping.</summary>
    public IReadOnlyList<(PlanTaxRate Rate, decimal CartTax, decimal ShippingTax)> TaxLines =>
        [.. Plan.Taxes.Select((rate, i) => (rate, Lines.Sum(l => l.Taxes[i]) + (Fee?.Taxes[i] ?? 0m), Shipping?.Taxes[i] ?? 0m))];

    /// <summary>The refund, when the plan has one (a full refund for <see cref="OrderOutcome.Refunded"/>).</summary>
    public PricedRefund? Refund { get; private init; }

    public static PricedOrder Price(OrderPlan plan, bool pricesIncludeTax)
    {
        var rates = plan.Taxes;
        var gross = plan.Lines.Select(l => (DemoCatalog.Variant(l.VariantKey).Variant.Price ?? 0m) * l.Quantity).ToArray();
        var discounts = Allocate(plan.Discount, gross);
        var lines = new List<PricedLine>();
        for (var i = 0; i < plan.Lines.Count; i++)
        {
            var (product, variant) = DemoCatalog.Variant(plan.Lines[i].VariantKey);
            var taxable = product.Taxable ? rates : [];
            var (subtotal, subtotalTaxes) = Split(gross[i], taxable, rates.Count, pricesIncludeTax);
            var (net, taxes) = Split(gross[i] - discounts[i], taxable, rates.Count, pricesIncludeTax);
            lines.Add(new PricedLine(i, product, variant, plan.Lines[i].Quantity, subtotal, subtotal - net, net, taxes, subtotalTaxes.Sum()));
        }

        PricedCharge? shipping = null;
        if (plan.Shipping is { } s)
        {
            var (amount, taxes) = Split(s.Price, s.Taxable ? rates : [], rates.Count, pricesIncludeTax);
            shipping = new PricedCharge(s.Title, amount, taxes);
        }

        PricedCharge? fee = null;
        if (plan.Fee is { } f)
        {
            var (amount, taxes) = Split(f.Amount, f.Taxable ? rates : [], rates.Count, pricesIncludeTax);
            fee = new PricedCharge(f.Name, amount, taxes);
        }

        var priced = new PricedOrder(plan) { PricesIncludeTax = pricesIncludeTax, Lines = lines, Shipping = shipping, Fee = fee };
        return new PricedOrder(plan)
        {
            PricesIncludeTax = pricesIncludeTax,
            Lines = lines,
            Shipping = shipping,
            Fee = fee,
            Refund = PriceRefund(priced),
        };
    }

    private static PricedRefund? PriceRefund(PricedOrder order)
    {
        var plan = order.Plan;
        if (plan.Outcome == OrderOutcome.Refunded)
        {
            var all = order.Lines.Select(l => new RefundedLine(l, l.Quantity, l.Net, l.Taxes)).ToList();
            return new RefundedLineSet(all, order.Shipping, order.Fee, plan.Refund?.Reason ?? "Order refunded").ToRefund();
        }

        if (plan.Outcome != OrderOutcome.PartiallyRefunded || plan.Refund is null)
        {
            return null;
        }

        var lines = new List<RefundedLine>();
        foreach (var (index, quantity) in plan.Refund.Lines)
        {
            var line = order.Lines[index];
            var share = (decimal)quantity / line.Quantity;
            lines.Add(new RefundedLine(line, quantity, Round(line.Net * share), [.. line.Taxes.Select(t => Round(t * share))]));
        }

        return new RefundedLineSet(lines, plan.Refund.Shipping ? order.Shipping : null, null, plan.Refund.Reason).ToRefund();
    }

    private static decimal[] Allocate(PlanDiscount? discount, decimal[] gross)
    {
        var result = new decimal[gross.Length];
        if (discount is null || gross.Length == 0)
        {
            return result;
        }

        var total = gross.Sum();
        if (discount.Percentage)
        {
            for (var i = 0; i < gross.Length; i++)
            {
                result[i] = Round(gross[i] * discount.Value / 100m);
            }

            return result;
        }

        var amount = Math.Min(discount.Value, total);
        var left = amount;
        for (var i = 0; i < gross.Length; i++)
        {
            result[i] = i == gross.Length - 1 ? left : Round(total == 0 ? 0 : amount * gross[i] / total);
            left -= result[i];
        }

        return result;
    }

    /// <summary>Splits an amount into its net part and one tax per rate (zero for rates that do not apply).</summary>
    private static (decimal Net, decimal[] Taxes) Split(decimal amount, IReadOnlyList<PlanTaxRate> applicable, int rateCount, bool inclusive)
    {
        var taxes = new decimal[rateCount];
        if (applicable.Count == 0)
        {
            return (amount, taxes);
        }

        var combined = applicable.Sum(r => r.Rate);
        var net = inclusive ? Round(amount / (1 + combined)) : amount;
        for (var i = 0; i < rateCount; i++)
        {
            taxes[i] = Round(net * applicable[i].Rate);
        }

        if (inclusive)
        {
            taxes[rateCount - 1] += amount - net - taxes.Sum();
        }

        return (net, taxes);
    }

    internal static decimal Round(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);

    private sealed record RefundedLineSet(IReadOnlyList<RefundedLine> Lines, PricedCharge? Shipping, PricedCharge? Fee, string Reason)
    {
        public PricedRefund ToRefund() => new(Lines, Shipping, Fee, Reason);
    }
}

/// <summary>One priced line: <see cref="Gross"/> and <see cref="Net"/> exclude tax; <see cref="Taxes"/> has one entry per plan tax rate.</summary>
public sealed record PricedLine(
    int Index,
    DemoProduct Product,
    DemoVariant Variant,
    int Quantity,
    decimal Gross,
    decimal Discount,
    decimal Net,
    decimal[] Taxes,
    decimal SubtotalTax)
{
    public decimal Tax => Taxes.Sum();

    /// <summary>The unit price before discounts, without tax.</summary>
    public decimal UnitPrice => Quantity == 0 ? 0 : Math.Round(Gross / Quantity, 2, MidpointRounding.AwayFromZero);
}

/// <summary>Shipping or a fee: amount without tax and one tax per plan rate.</summary>
public sealed record PricedCharge(string Title, decimal Amount, decimal[] Taxes)
{
    public decimal Tax => Taxes.Sum();
}

public sealed record RefundedLine(PricedLine Line, int Quantity, decimal Subtotal, decimal[] Taxes)
{
    public decimal Tax => Taxes.Sum();
}

/// <summary>A refund of lines (and shipping or the fee when they are refunded too).</summary>
public sealed record PricedRefund(IReadOnlyList<RefundedLine> Lines, PricedCharge? Shipping, PricedCharge? Fee, string Reason)
{
    public decimal LinesSubtotal => Lines.Sum(l => l.Subtotal);

    public decimal LinesTax => Lines.Sum(l => l.Tax);

    public decimal ShippingAmount => Shipping?.Amount ?? 0m;

    public decimal ShippingTax => Shipping?.Tax ?? 0m;

    public decimal FeeAmount => Fee?.Amount ?? 0m;

    public decimal FeeTax => Fee?.Tax ?? 0m;

    public decimal Amount => LinesSubtotal + LinesTax + ShippingAmount + ShippingTax + FeeAmount + FeeTax;
}
