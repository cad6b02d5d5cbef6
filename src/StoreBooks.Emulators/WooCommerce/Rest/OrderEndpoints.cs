using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using StoreBooks.Emulators.Stores;
using StoreBooks.Emulators.WooCommerce.Data;

namespace StoreBooks.Emulators.WooCommerce.Rest;

/// <summary><c>/wp-json/wc/v3/orders</c> and <c>/orders/{id}/refunds</c>: lists with WooCommerce's filters, get, and refund creation.</summary>
internal static class OrderEndpoints
{
    private static readonly HashSet<string> Statuses = new(StringComparer.Ordinal)
        { "any", "pending", "processing", "on-hold", "completed", "cancelled", "refunded", "failed", "trash", "checkout-draft" };

    public static void Map(RouteGroupBuilder api, WooCommerceEmulator woo)
    {
        api.MapGet("/orders", (HttpContext context) => List(context, woo));
        api.MapGet("/orders/{id:long}", (long id) => Find(woo, id) is { } order ? StoreJson.Result(order) : NotFound("woocommerce_rest_shop_order_invalid_id"));
        api.MapGet("/orders/{id:long}/refunds", (long id, HttpContext context) =>
            Find(woo, id) is null ? NotFound("woocommerce_rest_order_invalid_id") : WooPaging.Page(context, woo.Store.Refunds(id), r => r));
        api.MapGet("/orders/{id:long}/refunds/{refundId:long}", (long id, long refundId) =>
            woo.Store.Refunds(id).FirstOrDefault(r => StoreJson.Long(r["id"]) == refundId) is { } refund ? StoreJson.Result(refund) : NotFound("woocommerce_rest_invalid_id"));
        api.MapPost("/orders/{id:long}/refunds", async (long id, HttpContext context) =>
        {
            if (Find(woo, id) is not { } order)
            {
                return NotFound("woocommerce_rest_order_invalid_id");
            }

            var body = await WooCommerceEmulator.ReadBodyAsync(context).ConfigureAwait(false) as JsonObject ?? [];
            try
            {
                var refund = woo.Refunds.Create(order, body);
                woo.Webhooks.Publish("order.updated", woo.Store.Render(woo.Store.FindOrder(id)!));
                return StoreJson.Result(refund, 201);
            }
            catch (WooRefunds.RefundException e)
            {
                return WooPaging.Error(400, "woocommerce_rest_cannot_create_order_refund", e.Message);
            }
        });
    }

    internal static IResult NotFound(string code) => WooPaging.Error(404, code, "Invalid ID.");

    private static JsonObject? Find(WooCommerceEmulator woo, long id) => woo.Store.FindOrder(id) is { } row ? woo.Store.Render(row) : null;

    private static IResult List(HttpContext context, WooCommerceEmulator woo)
    {
        var statuses = WooPaging.ListParam(context, "status");
        if (statuses.Any(s => !Statuses.Contains(s)))
        {
            return WooPaging.InvalidParam("status", $"status[0] is not one of {string.Join(", ", Statuses)}.");
        }

        var gmt = WooPaging.Last(context, "dates_are_gmt") is "true" or "1";
        var clock = gmt ? TimeSpan.Zero : woo.Options.UtcOffset;
        DateTimeOffset? Date(string name) => StoreJson.ParseDate(WooPaging.Last(context, name), clock);
        foreach (var name in new[] { "after", "before", "modified_after", "modified_before" })
        {
            if (WooPaging.Last(context, name) is { } text && StoreJson.ParseDate(text, clock) is null)
            {
                return WooPaging.InvalidParam(name, "Invalid date.");
            }
        }

        var (after, before, modifiedAfter, modifiedBefore) = (Date("after"), Date("before"), Date("modified_after"), Date("modified_before"));
        var customer = long.TryParse(WooPaging.Last(context, "customer"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var c) ? c : (long?)null;
        var include = WooPaging.IdListParam(context, "include");
        var exclude = WooPaging.IdListParam(context, "exclude");
        var any = statuses.Count == 0 || statuses.Contains("any");
        var rows = woo.Store.OrderRows().Where(r =>
            (any ? r.Status != "trash" : statuses.Contains(r.Status))
            && (after is null || r.Created > after) && (before is null || r.Created < before)
            && (modifiedAfter is null || r.Modified > modifiedAfter) && (modifiedBefore is null || r.Modified < modifiedBefore)
            && (customer is null || r.CustomerId == customer)
            && (include.Count == 0 || include.Contains(r.Id)) && !exclude.Contains(r.Id)).ToList();

        var orderBy = WooPaging.Last(context, "orderby") ?? "date";
        var order = WooPaging.Last(context, "order") ?? "desc";
        if (orderBy is not ("date" or "id" or "include" or "title" or "slug" or "modified"))
        {
            return WooPaging.InvalidParam("orderby", "orderby is not one of date, id, include, title, slug, and modified.");
        }

        if (order is not ("asc" or "desc"))
        {
            return WooPaging.InvalidParam("order", "order is not one of asc and desc.");
        }

        Func<WooOrderRow, (long, long)> key = orderBy switch
        {
            "date" => r => (r.Created.UtcTicks, r.Id),
            "modified" => r => (r.Modified.UtcTicks, r.Id),
            _ => r => (r.Id, r.Id),
        };
        rows.Sort((a, b) => key(a).CompareTo(key(b)));
        if (order == "desc")
        {
            rows.Reverse();
        }

        return WooPaging.Page(context, rows, woo.Store.Render);
    }
}
