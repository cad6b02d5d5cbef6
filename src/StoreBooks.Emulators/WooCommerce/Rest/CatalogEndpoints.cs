using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using StoreBooks.Emulators.Stores;

namespace StoreBooks.Emulators.WooCommerce.Rest;

/// <summary>Products and variations (<c>modified_after</c>, <c>sku</c>, <c>type</c>, <c>status</c>…), customers (no modified filter), coupons and tax rates.</summary>
internal static class CatalogEndpoints
{
    public static void Map(RouteGroupBuilder api, WooCommerceEmulator woo)
    {
        var store = woo.Store;
        api.MapGet("/products", (HttpContext context) => List(context, woo, Snapshot(woo, () => store.Products.Values), product: true));
        api.MapGet("/products/{id:long}", (long id) => Get(woo, store.Products, id, "woocommerce_rest_product_invalid_id"));
        api.MapGet("/products/{id:long}/variations", (HttpContext context, long id) =>
        {
            var variations = Snapshot(woo, () => store.Variations.GetValueOrDefault(id)?.Values ?? Enumerable.Empty<JsonObject>());
            return variations.Count == 0 && Snapshot(woo, () => store.Products.Keys.Where(k => k == id)).Count == 0
                ? OrderEndpoints.NotFound("woocommerce_rest_product_invalid_id")
                : List(context, woo, variations, product: false);
        });
        api.MapGet("/products/{id:long}/variations/{variationId:long}", (long id, long variationId) =>
        {
            lock (store.Gate)
            {
                return store.Variations.GetValueOrDefault(id)?.GetValueOrDefault(variationId) is { } v
                    ? StoreJson.Result(v.DeepClone())
                    : OrderEndpoints.NotFound("woocommerce_rest_product_variation_invalid_id");
            }
        });

        api.MapGet("/customers", (HttpContext context) =>
        {
            var email = WooPaging.Last(context, "email");
            var role = WooPaging.Last(context, "role") ?? "customer";
            var search = WooPaging.Last(context, "search");
            var orderBy = WooPaging.Last(context, "orderby") ?? "name";
            var descending = WooPaging.Last(context, "order") == "desc";
            var list = Snapshot(woo, () => store.Customers.Values).Where(c =>
                (email is null || string.Equals(StoreJson.String(c["email"]), email, StringComparison.OrdinalIgnoreCase))
                && (role == "all" || StoreJson.String(c["role"]) == role)
                && (search is null || $"{c["email"]} {c["first_name"]} {c["last_name"]} {c["username"]}".Contains(search, StringComparison.OrdinalIgnoreCase))).ToList();
            IEnumerable<JsonObject> sorted = orderBy switch
            {
                "id" or "include" => list.OrderBy(c => StoreJson.Long(c["id"])),
                "registered_date" => list.OrderBy(c => StoreJson.String(c["date_created_gmt"]), StringComparer.Ordinal),
                _ => list.OrderBy(c => $"{StoreJson.String(c["first_name"])} {StoreJson.String(c["last_name"])}", StringComparer.OrdinalIgnoreCase),
            };
            var result = sorted.ToList();
            if (descending)
            {
                result.Reverse();
            }

            return WooPaging.Page(context, result, c => c.DeepClone());
        });
        api.MapGet("/customers/{id:long}", (long id) => Get(woo, store.Customers, id, "woocommerce_rest_invalid_id"));
        api.MapGet("/coupons", (HttpContext context) => WooPaging.Page(context, Snapshot(woo, () => store.Coupons.Values), c => c.DeepClone()));
        api.MapGet("/coupons/{id:long}", (long id) => Get(woo, store.Coupons, id, "woocommerce_rest_shop_coupon_invalid_id"));
        api.MapGet("/taxes", (HttpContext context) => WooPaging.Page(context, Snapshot(woo, () => store.Taxes.Values), t => t.DeepClone()));
        api.MapGet("/taxes/{id:long}", (long id) => Get(woo, store.Taxes, id, "woocommerce_rest_invalid_id"));
    }

    internal static List<JsonObject> Snapshot(WooCommerceEmulator woo, Func<IEnumerable<JsonObject>> read)
    {
        lock (woo.Store.Gate)
        {
            return [.. read()];
        }
    }

    private static List<long> Snapshot(WooCommerceEmulator woo, Func<IEnumerable<long>> read)
    {
        lock (woo.Store.Gate)
        {
            return [.. read()];
        }
    }

    private static IResult Get(WooCommerceEmulator woo, SortedDictionary<long, JsonObject> table, long id, string code)
    {
        lock (woo.Store.Gate)
        {
            return table.TryGetValue(id, out var item) ? StoreJson.Result(item.DeepClone()) : OrderEndpoints.NotFound(code);
        }
    }

    private static IResult List(HttpContext context, WooCommerceEmulator woo, List<JsonObject> items, bool product)
    {
        var gmt = WooPaging.Last(context, "dates_are_gmt") is "true" or "1";
        var clock = gmt ? TimeSpan.Zero : woo.Options.UtcOffset;
        DateTimeOffset? Param(string name) => StoreJson.ParseDate(WooPaging.Last(context, name), clock);
        DateTimeOffset? Field(JsonObject item, string name) =>
            StoreJson.Date(item[name + "_gmt"], TimeSpan.Zero) ?? StoreJson.Date(item[name], woo.Options.UtcOffset);
        var (after, before, modifiedAfter, modifiedBefore) = (Param("after"), Param("before"), Param("modified_after"), Param("modified_before"));
        var sku = WooPaging.Last(context, "sku");
        var type = WooPaging.Last(context, "type");
        var status = WooPaging.Last(context, "status") ?? "any";
        var stockStatus = WooPaging.Last(context, "stock_status");
        var include = WooPaging.IdListParam(context, "include");
        var search = WooPaging.Last(context, "search");
        var filtered = items.Where(i =>
            (after is null || Field(i, "date_created") > after) && (before is null || Field(i, "date_created") < before)
            && (modifiedAfter is null || Field(i, "date_modified") > modifiedAfter) && (modifiedBefore is null || Field(i, "date_modified") < modifiedBefore)
            && (sku is null || sku.Split(',').Contains(StoreJson.String(i["sku"])))
            && (type is null || StoreJson.String(i["type"]) == type)
            && (status == "any" || StoreJson.String(i["status"]) == status)
            && (stockStatus is null || StoreJson.String(i["stock_status"]) == stockStatus)
            && (include.Count == 0 || include.Contains(StoreJson.Long(i["id"]) ?? 0))
            && (search is null || (StoreJson.String(i["name"]) ?? "").Contains(search, StringComparison.OrdinalIgnoreCase))).ToList();
        var orderBy = WooPaging.Last(context, "orderby") ?? (product ? "date" : "menu_order");
        Func<JsonObject, (long, long)> key = orderBy switch
        {
            "date" => i => (Field(i, "date_created")?.UtcTicks ?? 0, StoreJson.Long(i["id"]) ?? 0),
            "modified" => i => (Field(i, "date_modified")?.UtcTicks ?? 0, StoreJson.Long(i["id"]) ?? 0),
            "menu_order" => i => (StoreJson.Long(i["menu_order"]) ?? 0, StoreJson.Long(i["id"]) ?? 0),
            _ => i => (StoreJson.Long(i["id"]) ?? 0, StoreJson.Long(i["id"]) ?? 0),
        };
        filtered.Sort((a, b) => key(a).CompareTo(key(b)));
        if ((WooPaging.Last(context, "order") ?? (product ? "desc" : "asc")) == "desc")
        {
            filtered.Reverse();
        }

        return WooPaging.Page(context, filtered, i => i.DeepClone());
    }
}
