namespace StoreBooks.Core.Model;

/// <summary>One refund of an order, full or partial: which lines, how much shipping, how much tax.</summary>
public sealed record StoreRefund
{
    public required string SourceId { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public IReadOnlyList<StoreRefundLine> Lines { get; init; } = [];

    /// <summary>Shipping refunded, before tax (tax included when the order's prices include tax).</summary>
    public decimal Shipping { get; init; }

    /// <summary>Taxes refunded on the shipping.</summary>
    public IReadOnlyList<StoreTax> ShippingTaxes { get; init; } = [];

    /// <summary>Any amount refunded that is neither a line nor shipping (an "order adjustment", a goodwill refund), positive.</summary>
    public decimal Adjustment { get; init; }

    /// <summary>What <see cref="Adjustment"/> is, in the store's words ("Refund discrepancy: …"), for the document's line; null when the store does not say.</summary>
    public string? AdjustmentReason { get; init; }

    /// <summary>Money given back, by gateway.</summary>
    public IReadOnlyList<StorePayment> Payments { get; init; } = [];

    public string? Note { get; init; }

    /// <summary>What the store says it refunded in all.</summary>
    public decimal Total { get; init; }
}

/// <summary>A refunded order line.</summary>
public sealed record StoreRefundLine
{
    /// <summary>The refunded <see cref="StoreOrderLine.SourceId"/>.</summary>
    public required string OrderLineSourceId { get; init; }

    public decimal Quantity { get; init; }

    /// <summary>Amount refunded for the line before tax (after its discount; tax included when prices include tax).</summary>
    public decimal Amount { get; init; }

    public IReadOnlyList<StoreTax> Taxes { get; init; } = [];

    /// <summary>The goods came back to stock.</summary>
    public bool Restock { get; init; }
}
