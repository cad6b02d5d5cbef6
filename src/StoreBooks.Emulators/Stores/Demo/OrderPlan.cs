namespace StoreBooks.Emulators.Stores.Demo;

/// <summary>How an order ends up: what its payment and refund history is.</summary>
public enum OrderOutcome
{
    Paid,
    Pending,
    Authorized,
    PartiallyRefunded,
    Refunded,
    Cancelled,
    Test,
}

/// <summary>
/// A platform-neutral description of one demo or generated order; <see cref="PricedOrder"/> does its arithmetic and each
/// emulator renders it in its own format. Kept small so that 100,000 generated orders cost little until they are read.
/// </summary>
public sealed record OrderPlan(
    int Index,
    DateTimeOffset CreatedAt,
    int? CustomerKey,
    IReadOnlyList<PlanLine> Lines,
    PlanShipping? Shipping,
    PlanDiscount? Discount,
    PlanFee? Fee,
    IReadOnlyList<PlanTaxRate> Taxes,
    OrderOutcome Outcome,
    bool SplitCapture,
    PlanRefund? Refund,
    string? Note)
{
    /// <summary>When the order last changed (refund, cancellation, capture).</summary>
    public DateTimeOffset UpdatedAt => Outcome switch
    {
        OrderOutcome.PartiallyRefunded or OrderOutcome.Refunded => RefundedAt,
        OrderOutcome.Cancelled => CreatedAt.AddHours(20),
        _ => CreatedAt.AddMinutes(SplitCapture ? 90 : 2),
    };

    public DateTimeOffset RefundedAt => CreatedAt.AddDays(2).AddHours(3);

    /// <summary>Paid orders older than a week are closed (fulfilled and archived).</summary>
    public bool Closed(DateTimeOffset now) =>
        Outcome is OrderOutcome.Paid or OrderOutcome.Refunded or OrderOutcome.PartiallyRefunded && now - CreatedAt > TimeSpan.FromDays(7);

    public DateTimeOffset ClosedAt => CreatedAt.AddDays(5);
}

public sealed record PlanLine(int VariantKey, int Quantity);

public sealed record PlanShipping(string Title, string Code, decimal Price, bool Taxable);

/// <summary>A discount code: a fixed amount off the order, or a percentage of the line items.</summary>
public sealed record PlanDiscount(string Code, bool Percentage, decimal Value);

/// <summary>A fee (gift wrap…): a WooCommerce fee line, a custom line item on Shopify.</summary>
public sealed record PlanFee(string Name, decimal Amount, bool Taxable);

public sealed record PlanTaxRate(int Id, string Title, decimal Rate);

/// <summary>Which lines (by index, with quantity) are refunded, and whether shipping is refunded too.</summary>
public sealed record PlanRefund(IReadOnlyList<(int Line, int Quantity)> Lines, bool Shipping, string Reason);
