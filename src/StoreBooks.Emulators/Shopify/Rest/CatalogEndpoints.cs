using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using StoreBooks.Emulators.Stores;
using static StoreBooks.Emulators.Shopify.Rest.OrdersEndpoints;

namespace StoreBooks.Emulators.Shopify.Rest;

/// <summary>REST products and variants (deprecated, flagged so), customers, locations, inventory items and levels, tender transactions.</summary>
internal static class CatalogEndpoints
{
    private const string ProductDeprecation = "https://shopify.dev/changelog/deprecation-timelines-related-to-new-graphql-product-apis";

    public static void Map(RouteGroupBuilder api, ShopifyEmulator shopify)
    {
        var shop = shopify.Shop;
        api.MapGet("/products.json", (HttpContext context) =>
        {
            Deprecated(context);
            return ListById(context, "products", shopify, Snapshot(shopify, () => shop.Products.Values.Select(shop.RenderProduct)));
        });
        api.MapGet("/products/count.json", (HttpContext context) =>
        {
            Deprecated(context);
            return Wrap("count", Snapshot(shopify, () => shop.Products.Values).Count);
        });
        api.MapGet("/products/{id:long}.json", (long id, HttpContext context) =>
        {
            Deprecated(context);
            var product = Get(shopify, shop.Products, id);
            return product is null ? NotFound() : Wrap("product", RestPaging.Trim(shop.RenderProduct(product), context.Request.Query["fields"]));
        });
        api.MapGet("/products/{id:long}/variants.json", (long id, HttpContext context) =>
        {
            Deprecated(context);
            var variants = Snapshot(shopify, () => shop.VariantsOf(id).Select(v => (JsonObject)v.DeepClone()));
            return variants.Count == 0 && Get(shopify, shop.Products, id) is null ? NotFound() : Wrap("variants", new JsonArray([.. variants]));
        });
        api.MapGet("/variants/{id:long}.json", (long id, HttpContext context) =>
        {
            Deprecated(context);
            return Get(shopify, shop.Variants, id) is { } v ? Wrap("variant", v.DeepClone()) : NotFound();
        });

        api.MapGet("/customers.json", (HttpContext context) =>
            ListById(context, "customers", shopify, Snapshot(shopify, () => shop.Customers.Values.Select(c => (JsonObject)c.DeepClone()))));
        api.MapGet("/customers/count.json", () => Wrap("count", Snapshot(shopify, () => shop.Customers.Values).Count));
        api.MapGet("/customers/{id:long}.json", (long id) => Get(shopify, shop.Customers, id) is { } c ? Wrap("customer", c.DeepClone()) : NotFound());

        api.MapGet("/locations.json", () => Wrap("locations", new JsonArray([.. Snapshot(shopify, () => shop.Locations.Values.Select(l => l.DeepClone()))])));
        api.MapGet("/locations/count.json", () => Wrap("count", Snapshot(shopify, () => shop.Locations.Values).Count));
        api.MapGet("/locations/{id:long}.json", (long id) => Get(shopify, shop.Locations, id) is { } l ? Wrap("location", l.DeepClone()) : NotFound());
        api.MapGet("/locations/{id:long}/inventory_levels.json", (long id) =>
            Wrap("inventory_levels", new JsonArray([.. Snapshot(shopify, () => shop.InventoryLevels.Where(l => StoreJson.Long(l["location_id"]) == id).Select(l => l.DeepClone()))])));

        api.MapGet("/inventory_items.json", (HttpContext context) =>
        {
            var ids = Ids(context.Request.Query["ids"]);
            if (ids is null)
            {
                return Unprocessable("ids", "ids is required: pass inventory item ids separated by commas.");
            }

            return Wrap("inventory_items", new JsonArray([.. Snapshot(shopify, () => shop.InventoryItems.Values.Where(i => ids.Contains(StoreJson.Long(i["id"]) ?? 0)).Select(i => i.DeepClone()))]));
        });
        api.MapGet("/inventory_items/{id:long}.json", (long id) => Get(shopify, shop.InventoryItems, id) is { } i ? Wrap("inventory_item", i.DeepClone()) : NotFound());
        api.MapGet("/inventory_levels.json", (HttpContext context) =>
        {
            var items = Ids(context.Request.Query["inventory_item_ids"]);
            var locations = Ids(context.Request.Query["location_ids"]);
            if (items is null && locations is null)
            {
                return Unprocessable("base", "inventory_item_ids, location_ids, or both are required.");
            }

            return Wrap("inventory_levels", new JsonArray([.. Snapshot(shopify, () => shop.InventoryLevels
                .Where(l => (items is null || items.Contains(StoreJson.Long(l["inventory_item_id"]) ?? 0)) && (locations is null || locations.Contains(StoreJson.Long(l["location_id"]) ?? 0)))
                .Select(l => l.DeepClone()))]));
        });

        api.MapGet("/tender_transactions.json", (HttpContext context) =>
        {
            var since = long.TryParse(context.Request.Query["since_id"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) ? s : long.MinValue;
            return Wrap("tender_transactions", new JsonArray([.. Snapshot(shopify, () => shop.TenderTransactions
                .Where(t => (StoreJson.Long(t["id"]) ?? 0) > since).Select(t => t.DeepClone()))]));
        });
    }

    private static void Deprecated(HttpContext context) => context.Response.Headers["X-Shopify-API-Deprecated-Reason"] = ProductDeprecation;

    private static List<T> Snapshot<T>(ShopifyEmulator shopify, Func<IEnumerable<T>> read)
    {
        lock (shopify.Shop.Gate)
        {
            return [.. read()];
        }
    }

    private static JsonObject? Get(ShopifyEmulator shopify, SortedDictionary<long, JsonObject> table, long id)
    {
        lock (shopify.Shop.Gate)
        {
            return table.GetValueOrDefault(id);
        }
    }

    internal static HashSet<long>? Ids(string? text) =>
        string.IsNullOrWhiteSpace(text)
            ? null
            : [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(s => long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) ? id : -1)];

    /// <summary>A list in id order with <c>ids</c>, <c>since_id</c>, <c>created_at_min</c>, <c>updated_at_min</c>, <c>fields</c> and page_info paging.</summary>
    private static IResult ListById(HttpContext context, string key, ShopifyEmulator shopify, List<JsonObject> items)
    {
        if (!RestPaging.TryRead(context, out var request, out var error))
        {
            return error!;
        }

        var ids = Ids(request.Filter("ids"));
        var since = long.TryParse(request.Filter("since_id"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) ? s : long.MinValue;
        var offset = shopify.Options.UtcOffset;
        var createdMin = StoreJson.ParseDate(request.Filter("created_at_min"), offset);
        var updatedMin = StoreJson.ParseDate(request.Filter("updated_at_min"), offset);
        var filtered = items.Where(i =>
        {
            var id = StoreJson.Long(i["id"]) ?? 0;
            return id > since && (ids is null || ids.Contains(id))
                && (createdMin is null || StoreJson.Date(i["created_at"], offset) >= createdMin)
                && (updatedMin is null || StoreJson.Date(i["updated_at"], offset) >= updatedMin);
        }).OrderBy(i => StoreJson.Long(i["id"])).ToList();
        var page = RestPaging.Page(context, filtered, i => (StoreJson.Long(i["id"]) ?? 0, StoreJson.Long(i["id"]) ?? 0), false, request);
        return Wrap(key, new JsonArray([.. page.Select(i => RestPaging.Trim(i, request.Fields))]));
    }
}
