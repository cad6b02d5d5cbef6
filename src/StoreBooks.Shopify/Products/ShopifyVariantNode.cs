namespace StoreBooks.Shopify.Products;

/// <summary>A <c>ProductVariant</c> node as <see cref="ProductQueries.Variants"/> asks for it.</summary>
internal sealed record ShopifyVariantNode
{
    public string? LegacyResourceId { get; init; }

    public string? Title { get; init; }

    public string? Sku { get; init; }

    public decimal? Price { get; init; }

    public DateTimeOffset? UpdatedAt { get; init; }

    public ShopifyInventoryItemNode? InventoryItem { get; init; }

    public ShopifyProductNode? Product { get; init; }
}

internal sealed record ShopifyInventoryItemNode(string? LegacyResourceId, bool? Tracked, ShopifyMoneyNode? UnitCost);

internal sealed record ShopifyMoneyNode(decimal? Amount);

internal sealed record ShopifyProductNode(string? LegacyResourceId, string? Title, string? Status, DateTimeOffset? UpdatedAt);

internal sealed record ShopifyPageInfo(bool HasNextPage, string? EndCursor);

/// <summary>A connection's page: nodes and where the next page starts.</summary>
internal sealed record ShopifyConnection<T>(List<T> Nodes, ShopifyPageInfo PageInfo);
