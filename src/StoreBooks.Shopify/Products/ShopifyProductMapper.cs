using StoreBooks.Core.Model;
using StoreBooks.Shopify.Orders;

namespace StoreBooks.Shopify.Products;

/// <summary>
/// A Shopify variant as a <see cref="StoreProduct"/>: every variant is its own product (SourceId = the variant id, the id order
/// lines carry); "Default Title" is no variant title; tracking and cost come from the inventory item; ACTIVE products are active.
/// </summary>
internal static class ShopifyProductMapper
{
    public static StoreProduct Map(ShopifyVariantNode variant)
    {
        var id = variant.LegacyResourceId ?? throw new FormatException("A variant came without its legacyResourceId.");
        var product = variant.Product;
        var updated = new[] { variant.UpdatedAt, product?.UpdatedAt }.Max();
        return new StoreProduct
        {
            SourceId = id,
            ProductId = product?.LegacyResourceId ?? id,
            ProductTitle = ShopifyOrderMapper.FirstText(product?.Title) ?? $"Product of variant {id}",
            VariantTitle = ShopifyOrderMapper.VariantTitle(variant.Title),
            Sku = string.IsNullOrWhiteSpace(variant.Sku) ? null : variant.Sku.Trim(),
            Price = variant.Price,
            TracksInventory = variant.InventoryItem?.Tracked ?? false,
            Cost = variant.InventoryItem?.UnitCost?.Amount,
            Active = string.Equals(product?.Status, "ACTIVE", StringComparison.OrdinalIgnoreCase),
            UpdatedAt = updated,
            Origin = $"Shopify variant {id}",
        };
    }
}
