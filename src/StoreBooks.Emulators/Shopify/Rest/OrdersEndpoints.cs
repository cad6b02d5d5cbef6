using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using StoreBooks.Emulators.Http;
using StoreBooks.Emulators.Shopify.Data;
using StoreBooks.Emulators.Stores;

namespace StoreBooks.Emulators.Shopify.Rest;

/// <summary>REST orders, refunds and transactions: list with filters and cursor paging, count, get, cancel, refund, calculate.</summary>
internal static class OrdersEndpoints
{
    public static void Map(RouteGroupBuilder api, ShopifyEmulator shopify)
    {
        api.MapGet("/orders.json", (HttpContext context) => List(context, shopify));
        api.MapGet("/orders/count.json", (HttpContext context) => Count(context, shopify));
        api.MapGet("/orders/{id:long}.json", (long id, HttpContext context) =>
            Find(shopify, id) is { } order ? Wrap("order", RestPaging.Trim(order, context.Request.Query["fields"])) : NotFound());
        api.MapPost("/orders/{id:long}/cancel.json", (long id, HttpContext context) => CancelAsync(context, shopify, id));
        api.MapGet("/orders/{id:long}/refunds.json", (long id) =>
            Find(shopify, id) is null ? NotFound() : Wrap("refunds", new JsonArray([.. shopify.Shop.Refunds(id)])));
        api.MapGet("/orders/{id:long}/refunds/{refundId:long}.json", (long id, long refundId) =>
            shopify.Shop.Refunds(id).FirstOrDefault(r => StoreJson.Long(r["id"]) == refundId) is { } refund ? Wrap("refund", refund) : NotFound());
        api.MapPost("/orders/{id:long}/refunds.json", (long id, HttpContext context) => RefundAsync(context, shopify, id, calculate: false));
        api.MapPost("/orders/{id:long}/refunds/calculate.json", (long id, HttpContext context) => RefundAsync(context, shopify, id, calculate: true));
        api.MapGet("/orders/{id:long}/transactions.json", (long id, HttpContext context) => Transactions(context, shopify, id));
        api.MapGet("/orders/{id:long}/transactions/count.json", (long id) =>
            Find(shopify, id) is null ? NotFound() : Wrap("count", shopify.Shop.Transactions(id).Count));
        api.MapGet("/orders/{id:long}/transactions/{transactionId:long}.json", (long id, long transactionId) =>
            shopify.Shop.Transactions(id).FirstOrDefault(t => StoreJson.Long(t["id"]) == transactionId) is { } t ? Wrap("transaction", t) : NotFound());
    }

    internal static IResult Wrap(string key, JsonNode? value) => StoreJson.Result(new JsonObject { [key] = value });

    internal static IResult NotFound() => StoreJson.Result(new JsonObject { ["errors"] = "Not Found" }, 404);

    internal static IResult BadRequest(string message) => StoreJson.Result(new JsonObject { ["errors"] = message }, 400);

    internal static IResult Unprocessable(string field, string message) =>
        StoreJson.Result(new JsonObject { ["errors"] = new JsonObject { [field] = new JsonArray(message) } }, 422);

    private static JsonObject? Find(ShopifyEmulator shopify, long id)
    {
        var row = shopify.Shop.FindOrder(id);
        if (row is null || (!shopify.ReadAllOrders && row.CreatedAt < shopify.Time.GetUtcNow().AddDays(-60)))
        {
            return null;
        }

        return shopify.Shop.Render(row);
    }

    private static IResult List(HttpContext context, ShopifyEmulator shopify)
    {
        if (!RestPaging.TryRead(context, out var request, out var error))
        {
            return error!;
        }

        if (!OrderListing.TryFilter(shopify, request, forCount: false, out var rows, out var message)
            || !OrderListing.TrySort(request, rows, out var key, out var descending, out message))
        {
            return BadRequest(message!);
        }

        var page = RestPaging.Page(context, rows, key, descending, request);
        var orders = new JsonArray();
        foreach (var row in page)
        {
            orders.Add(RestPaging.Trim(shopify.Shop.Render(row), request.Fields));
        }

        return Wrap("orders", orders);
    }

    private static IResult Count(HttpContext context, ShopifyEmulator shopify)
    {
        var filters = context.Request.Query.ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);
        var request = new PageRequest(250, null, null, filters);
        return OrderListing.TryFilter(shopify, request, forCount: true, out var rows, out var message)
            ? Wrap("count", rows.Count)
            : BadRequest(message!);
    }

    private static IResult Transactions(HttpContext context, ShopifyEmulator shopify, long id)
    {
        if (Find(shopify, id) is null)
        {
            return NotFound();
        }

        var since = long.TryParse(context.Request.Query["since_id"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) ? s : long.MinValue;
        var list = shopify.Shop.Transactions(id).Where(t => (StoreJson.Long(t["id"]) ?? 0) > since).OrderBy(t => StoreJson.Long(t["id"]));
        return Wrap("transactions", new JsonArray([.. list]));
    }

    private static async Task<IResult> CancelAsync(HttpContext context, ShopifyEmulator shopify, long id)
    {
        if (Find(shopify, id) is not { } order)
        {
            return NotFound();
        }

        var body = await ReadBodyAsync(context).ConfigureAwait(false);
        var reason = StoreJson.String((body as JsonObject)?["reason"]) ?? "other";
        try
        {
            var (cancelled, refund) = shopify.OrderChanges.Cancel(order, reason);
            shopify.Webhooks.Publish("orders/cancelled", cancelled);
            if (refund is not null)
            {
                shopify.Webhooks.Publish("refunds/create", refund);
            }

            shopify.Webhooks.Publish("orders/updated", cancelled);
            return StoreJson.Result(new JsonObject { ["order"] = cancelled.DeepClone(), ["notice"] = "Order has been canceled" });
        }
        catch (ShopifyOrderChanges.RefundException e)
        {
            return Unprocessable(e.Field, e.Message);
        }
    }

    private static async Task<IResult> RefundAsync(HttpContext context, ShopifyEmulator shopify, long id, bool calculate)
    {
        if (Find(shopify, id) is not { } order)
        {
            return NotFound();
        }

        var body = await ReadBodyAsync(context).ConfigureAwait(false);
        if ((body as JsonObject)?["refund"] is not JsonObject request)
        {
            return Unprocessable("refund", "Required parameter missing or invalid: send {\"refund\":{…}}.");
        }

        try
        {
            if (calculate)
            {
                return Wrap("refund", shopify.OrderChanges.Calculation(order, shopify.OrderChanges.Compute(order, request)));
            }

            var refund = shopify.OrderChanges.Create(order, request);
            shopify.Webhooks.Publish("refunds/create", refund);
            shopify.Webhooks.Publish("orders/updated", order);
            return StoreJson.Result(new JsonObject { ["refund"] = refund }, 201);
        }
        catch (ShopifyOrderChanges.RefundException e)
        {
            return Unprocessable(e.Field, e.Message);
        }
    }

    internal static async Task<JsonNode?> ReadBodyAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var text = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var node = StrictJson.Parse(text, out var problem, maxDepth: StrictJson.StoreBodyDepth);
        return problem is null
            ? node
            : throw new RejectedRequestException(400, new JsonObject { ["errors"] = "Bad Request: the request body is not valid JSON (" + problem.Message + ")" });
    }
}
