namespace StoreBooks.Shopify.Inventory;

/// <summary>Stock of one variant at one location, from <c>inventory_levels.json</c>: available is null when the item is not stocked there.</summary>
public sealed record ShopifyInventoryLevel(string VariantId, string InventoryItemId, string LocationId, decimal? Available, DateTimeOffset? UpdatedAt);

/// <summary>An inventory level as the REST API writes it.</summary>
internal sealed record ShopifyInventoryLevelJson(long InventoryItemId, long LocationId, decimal? Available, DateTimeOffset? UpdatedAt);
