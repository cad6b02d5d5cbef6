namespace StoreBooks.Core.Model;

/// <summary>One product line of an order.</summary>
public sealed record StoreOrderLine
{
    /// <summary>The store's id for the line (Shopify line item id; "1043:2" for a CSV row).</summary>
    public required string SourceId { get; init; }

    /// <summary>1-based position in the order, for messages ("order #1043, line 2").</summary>
    public int Position { get; init; }

    /// <summary>The <see cref="StoreProduct.SourceId"/> it sold, when the store knows it.</summary>
    public string? ProductSourceId { get; init; }

    public string? Sku { get; init; }

    /// <summary>Product title, e.g. "Organic Tee".</summary>
    public required string Title { get; init; }

    /// <summary>Variant title, e.g. "Large / Blue"; null when none.</summary>
    public string? VariantTitle { get; init; }

    public decimal Quantity { get; init; }

    /// <summary>Price of one unit before discounts, as the store shows it (tax included when <see cref="StoreOrder.TaxesIncluded"/>).</summary>
    public decimal UnitPrice { get; init; }

    /// <summary>Discounts allocated to this line (order-level discount codes included), as a positive amount.</summary>
    public decimal Discount { get; init; }

    /// <summary>Taxes the store charged on this line.</summary>
    public IReadOnlyList<StoreTax> Taxes { get; init; } = [];

    public bool Taxable { get; init; } = true;

    /// <summary>A gift card sold on this line: money owed to the buyer later, not income.</summary>
    public bool IsGiftCard { get; init; }

    /// <summary>Where the line came from, for messages ("orders.csv line 13"); null when the store's ids say enough.</summary>
    public string? Origin { get; init; }

    /// <summary>Quantity × unit price, before discounts.</summary>
    public decimal GrossAmount => Quantity * UnitPrice;

    /// <summary>What the line contributes after its discounts (tax included when the store's prices include tax).</summary>
    public decimal NetAmount => GrossAmount - Discount;
}
