namespace StoreBooks.Core.Model;

/// <summary>
/// One sellable thing from a store: a product variant, or a product without variants. Each becomes its own QuickBooks item.
/// </summary>
public sealed record StoreProduct
{
    /// <summary>The store's id for this variant (or product when it has no variants); links are keyed on it.</summary>
    public required string SourceId { get; init; }

    /// <summary>The store's id (or handle) of the product this variant belongs to.</summary>
    public required string ProductId { get; init; }

    public required string ProductTitle { get; init; }

    /// <summary>The variant's own title ("Large / Blue"); null for a product without variants.</summary>
    public string? VariantTitle { get; init; }

    /// <summary>Stock-keeping unit as the store has it; null or empty when the merchant set none.</summary>
    public string? Sku { get; init; }

    /// <summary>Selling price in the store's currency; null when the store has none.</summary>
    public decimal? Price { get; init; }

    /// <summary>Whether the store tracks stock for it (Shopify "Variant Inventory Tracker", WooCommerce manage_stock).</summary>
    public bool TracksInventory { get; init; }

    /// <summary>The store's cost price. Read for reports only: StoreBooks never sends it to QuickBooks.</summary>
    public decimal? Cost { get; init; }

    /// <summary>False for archived or draft products.</summary>
    public bool Active { get; init; } = true;

    public string? Description { get; init; }

    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>Where the record came from, for messages: "row 14 of products.csv", "Shopify variant 4242".</summary>
    public string? Origin { get; init; }
}
