using System.Globalization;
using System.Text.Json;
using StoreBooks.Core.Model;
using StoreBooks.WooCommerce.Orders;

namespace StoreBooks.WooCommerce.Products;

/// <summary>
/// WooCommerce products in the model: a simple (or external) product is one product; each variation of a variable product is
/// its own (SourceId = the variation id, what order lines carry in <c>variation_id</c>); a grouped product sells nothing itself.
/// </summary>
internal static class WooProductMapper
{
    public static StoreProduct Simple(WooProduct product)
    {
        var id = Id(product.Id);
        return new StoreProduct
        {
            SourceId = id,
            ProductId = id,
            ProductTitle = WooTaxes.Name(product.Name) ?? $"Product {id}",
            Sku = WooTaxes.FirstText(product.Sku),
            Price = product.Price,
            TracksInventory = IsTrue(product.ManageStock),
            Active = product.Status == "publish",
            UpdatedAt = product.DateModifiedGmt,
            Origin = $"WooCommerce product {id}",
        };
    }

    public static StoreProduct Variation(WooProduct parent, WooVariation variation)
    {
        var id = Id(variation.Id);
        var options = variation.Attributes.Select(a => WooTaxes.Name(a.Option)).OfType<string>().ToList();
        return new StoreProduct
        {
            SourceId = id,
            ProductId = Id(parent.Id),
            ProductTitle = WooTaxes.Name(parent.Name) ?? $"Product {parent.Id}",
            VariantTitle = options.Count == 0 ? null : string.Join(" / ", options),
            Sku = WooTaxes.FirstText(variation.Sku),
            Price = variation.Price,
            TracksInventory = variation.ManageStock.ValueKind == JsonValueKind.String && variation.ManageStock.GetString() == "parent"
                ? IsTrue(parent.ManageStock)
                : IsTrue(variation.ManageStock),
            Active = variation.Status is null or "publish" && parent.Status == "publish",
            UpdatedAt = new[] { variation.DateModifiedGmt, parent.DateModifiedGmt }.Max(),
            Origin = $"WooCommerce variation {id} of product {parent.Id}",
        };
    }

    private static bool IsTrue(JsonElement value) => value.ValueKind == JsonValueKind.True;

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
