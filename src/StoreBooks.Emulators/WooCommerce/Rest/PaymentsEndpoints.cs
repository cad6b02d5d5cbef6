using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using StoreBooks.Emulators.Stores;
using StoreBooks.Emulators.WooCommerce.Payments;

namespace StoreBooks.Emulators.WooCommerce.Rest;

/// <summary>
/// WooPayments' REST routes (plugin 8.x): <c>/payments/deposits</c> (<c>sort</c> required; <c>page</c>, <c>pagesize</c> default 25,
/// <c>direction</c>, <c>status_is</c>, <c>date_after</c>, <c>date_before</c>; <c>{data, total_count}</c>), <c>/payments/deposits/{id}</c>
/// (an unknown id is the plugin's 500), and <c>/payments/reports/transactions</c> (<c>deposit_id</c>, <c>order_id</c>, <c>type</c>;
/// WordPress paging, a bare array). On a site without WooPayments these routes do not exist: WordPress's 404 <c>rest_no_route</c>.
/// </summary>
internal static class PaymentsEndpoints
{
    public static void Map(RouteGroupBuilder api, WooCommerceEmulator woo)
    {
        api.MapGet("/payments/deposits", (HttpContext context) => Active(woo) ?? Deposits(context, woo.Payments.Current()));
        api.MapGet("/payments/deposits/{id}", (string id) => Active(woo) ?? (woo.Payments.Current().Deposits.FirstOrDefault(d => StoreJson.String(d["id"]) == id) is { } deposit
            ? StoreJson.Result(deposit)
            : WooPaging.Error(500, "wcpay_server_error", $"Error: No such payout: '{id}'")));
        api.MapGet("/payments/reports/transactions", (HttpContext context) => Active(woo) ?? Transactions(context, woo.Payments.Current()));
    }

    private static IResult? Active(WooCommerceEmulator woo) =>
        woo.Payments.Active ? null : WooPaging.Error(404, "rest_no_route", "No route was found matching the URL and request method.");

    private static IResult Deposits(HttpContext context, WooPaymentsBook.Ledger ledger)
    {
        if (WooPaging.Last(context, "sort") is not { } sort)
        {
            return StoreJson.Result(new JsonObject
            {
                ["code"] = "rest_missing_callback_param",
                ["message"] = "Missing parameter(s): sort",
                ["data"] = new JsonObject { ["status"] = 400, ["params"] = new JsonArray("sort") },
            }, 400);
        }

        var page = Number(context, "page", 1);
        var size = Number(context, "pagesize", 25);
        if (page is null or < 1)
        {
            return WooPaging.InvalidParam("page", "page must be greater than or equal to 1");
        }

        if (size is null or < 1 or > 100)
        {
            return WooPaging.InvalidParam("pagesize", "pagesize must be between 1 (inclusive) and 100 (inclusive)");
        }

        var direction = WooPaging.Last(context, "direction") ?? "desc";
        if (direction is not ("asc" or "desc"))
        {
            return WooPaging.InvalidParam("direction", "direction is not one of asc and desc.");
        }

        DateOnly? Day(string name) => WooPaging.Last(context, name) is { } text && text.Length >= 10
            && DateOnly.TryParseExact(text[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;
        var (after, before) = (Day("date_after"), Day("date_before"));
        var status = WooPaging.Last(context, "status_is");
        var rows = ledger.Deposits.Where(d =>
        {
            var day = DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeMilliseconds(StoreJson.Long(d["date"]) ?? 0).UtcDateTime);
            return (after is null || day > after) && (before is null || day < before) && (status is null || StoreJson.String(d["status"]) == status);
        });
        Func<JsonObject, string> key = sort switch
        {
            "amount" => d => (StoreJson.Long(d["amount"]) ?? 0).ToString("D20", CultureInfo.InvariantCulture),
            "status" => d => StoreJson.String(d["status"]) ?? "",
            _ => d => (StoreJson.Long(d["date"]) ?? 0).ToString("D20", CultureInfo.InvariantCulture) + StoreJson.String(d["id"]),
        };
        var sorted = direction == "asc" ? rows.OrderBy(key, StringComparer.Ordinal).ToList() : rows.OrderByDescending(key, StringComparer.Ordinal).ToList();
        var data = new JsonArray([.. sorted.Skip((page.Value - 1) * size.Value).Take(size.Value).Select(d => (JsonNode)d.DeepClone())]);
        return StoreJson.Result(new JsonObject { ["data"] = data, ["total_count"] = sorted.Count });
    }

    private static IResult Transactions(HttpContext context, WooPaymentsBook.Ledger ledger)
    {
        var deposit = WooPaging.Last(context, "deposit_id");
        var order = WooPaging.Last(context, "order_id");
        var type = WooPaging.Last(context, "type");
        var rows = ledger.Transactions.Where(t => (deposit is null || StoreJson.String(t["deposit_id"]) == deposit)
            && (order is null || StoreJson.Long(t["order_id"])?.ToString(CultureInfo.InvariantCulture) == order)
            && (type is null || StoreJson.String(t["type"]) == type)).ToList();
        return WooPaging.Page(context, rows, t => t.DeepClone());
    }

    private static int? Number(HttpContext context, string name, int fallback) =>
        WooPaging.Last(context, name) is not { } text ? fallback
            : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;
}
