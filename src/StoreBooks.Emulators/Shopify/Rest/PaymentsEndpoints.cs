using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using StoreBooks.Emulators.Http;
using StoreBooks.Emulators.Shopify.Payments;
using StoreBooks.Emulators.Stores;
using static StoreBooks.Emulators.Shopify.Rest.OrdersEndpoints;

namespace StoreBooks.Emulators.Shopify.Rest;

/// <summary>
/// REST Shopify Payments: payouts (most recent first), balance transactions, the balance and disputes, with their filters and
/// Link paging. A shop without Shopify Payments answers 404 (as ShopifyClient libraries test <c>balance.json</c>); a token
/// without <c>read_shopify_payments_payouts</c> (or <c>…_disputes</c> for disputes) answers 403.
/// </summary>
internal static class PaymentsEndpoints
{
    public const string PayoutsScope = "read_shopify_payments_payouts";
    public const string DisputesScope = "read_shopify_payments_disputes";

    private static readonly string[] PayoutStatuses = ["scheduled", "in_transit", "paid", "failed", "canceled"];

    public static void Map(RouteGroupBuilder api, ShopifyEmulator shopify)
    {
        var payments = api.MapGroup("/shopify_payments");
        payments.MapGet("/payouts.json", (HttpContext context) => Guard(shopify, PayoutsScope) ?? Payouts(context, shopify));
        payments.MapGet("/payouts/{id:long}.json", (long id) => Guard(shopify, PayoutsScope)
            ?? (shopify.Payouts.Current().Payouts.FirstOrDefault(p => StoreJson.Long(p["id"]) == id) is { } payout ? Wrap("payout", payout) : NotFound()));
        payments.MapGet("/balance/transactions.json", (HttpContext context) => Guard(shopify, PayoutsScope) ?? Transactions(context, shopify));
        payments.MapGet("/balance.json", () => Guard(shopify, PayoutsScope) ?? Wrap("balance", shopify.Payouts.Current().Balance));
        payments.MapGet("/disputes.json", (HttpContext context) => Guard(shopify, DisputesScope) ?? Disputes(context, shopify));
        payments.MapGet("/disputes/{id:long}.json", (long id) => Guard(shopify, DisputesScope)
            ?? (shopify.Payouts.Current().Disputes.FirstOrDefault(d => StoreJson.Long(d["id"]) == id) is { } dispute ? Wrap("dispute", dispute) : NotFound()));
    }

    /// <summary>404 for a shop without Shopify Payments, 403 for a token without the scope; null when the call may go on.</summary>
    private static IResult? Guard(ShopifyEmulator shopify, string scope)
    {
        if (!shopify.UsesShopifyPayments)
        {
            return NotFound();
        }

        return shopify.DeniedScopes.Contains(scope)
            ? StoreJson.Result(new JsonObject { ["errors"] = $"[API] This action requires merchant approval for {scope} scope." }, 403)
            : null;
    }

    private static IResult Payouts(HttpContext context, ShopifyEmulator shopify)
    {
        if (!RestPaging.TryRead(context, out var request, out var error))
        {
            return error!;
        }

        var status = request.Filter("status");
        if (status is not null && !PayoutStatuses.Contains(status))
        {
            return BadRequest($"status must be one of {string.Join(", ", PayoutStatuses)}, not '{status}'");
        }

        if (!TryDate(request, "date_min", out var min, out var message) || !TryDate(request, "date_max", out var max, out message)
            || !TryDate(request, "date", out var on, out message) || !TryId(request, "since_id", out var since, out message)
            || !TryId(request, "last_id", out var last, out message))
        {
            return BadRequest(message!);
        }

        var rows = shopify.Payouts.Current().Payouts
            .Select(p => (Payout: p, Date: PayoutDate(p), Id: StoreJson.Long(p["id"]) ?? 0))
            .Where(p => (status is null || StoreJson.String(p.Payout["status"]) == status)
                && (min is null || p.Date >= min) && (max is null || p.Date <= max) && (on is null || p.Date == on)
                && (since is null || p.Id > since) && (last is null || p.Id < last))
            .OrderByDescending(p => p.Date).ThenByDescending(p => p.Id)
            .ToList();
        var page = RestPaging.Page(context, rows, p => (p.Date.DayNumber, p.Id), descending: true, request);
        return Wrap("payouts", new JsonArray([.. page.Select(p => RestPaging.Trim(p.Payout, request.Fields))]));
    }

    private static IResult Transactions(HttpContext context, ShopifyEmulator shopify)
    {
        if (!RestPaging.TryRead(context, out var request, out var error))
        {
            return error!;
        }

        if (!TryId(request, "payout_id", out var payout, out var message) || !TryId(request, "since_id", out var since, out message)
            || !TryId(request, "last_id", out var last, out message))
        {
            return BadRequest(message!);
        }

        var payoutStatus = request.Filter("payout_status");
        bool? test = request.Filter("test") switch
        {
            null => null,
            "true" => true,
            "false" => false,
            var other => throw new RejectedRequestException(400, new JsonObject { ["errors"] = $"test must be true or false, not '{other}'" }),
        };
        var offset = shopify.Options.UtcOffset;
        var rows = shopify.Payouts.Current().Transactions
            .Select(t => (Row: t, At: StoreJson.Date(t["processed_at"], offset)?.UtcTicks ?? 0, Id: StoreJson.Long(t["id"]) ?? 0))
            .Where(t => (payout is null || StoreJson.Long(t.Row["payout_id"]) == payout)
                && (payoutStatus is null || StoreJson.String(t.Row["payout_status"]) == payoutStatus)
                && (test is null || (StoreJson.Bool(t.Row["test"]) ?? false) == test)
                && (since is null || t.Id > since) && (last is null || t.Id < last))
            .OrderByDescending(t => t.At).ThenByDescending(t => t.Id)
            .ToList();
        var page = RestPaging.Page(context, rows, t => (t.At, t.Id), descending: true, request);
        return Wrap("transactions", new JsonArray([.. page.Select(t => RestPaging.Trim(t.Row, request.Fields))]));
    }

    private static IResult Disputes(HttpContext context, ShopifyEmulator shopify)
    {
        if (!RestPaging.TryRead(context, out var request, out var error))
        {
            return error!;
        }

        if (!TryId(request, "since_id", out var since, out var message) || !TryId(request, "last_id", out var last, out message)
            || !TryDate(request, "initiated_at", out var initiated, out message))
        {
            return BadRequest(message!);
        }

        var status = request.Filter("status");
        var offset = shopify.Options.UtcOffset;
        var rows = shopify.Payouts.Current().Disputes
            .Select(d => (Row: d, At: StoreJson.Date(d["initiated_at"], offset), Id: StoreJson.Long(d["id"]) ?? 0))
            .Where(d => (status is null || StoreJson.String(d.Row["status"]) == status)
                && (initiated is null || (d.At is { } at && DateOnly.FromDateTime(at.ToOffset(offset).DateTime) == initiated))
                && (since is null || d.Id > since) && (last is null || d.Id < last))
            .OrderByDescending(d => d.At?.UtcTicks ?? 0).ThenByDescending(d => d.Id)
            .ToList();
        var page = RestPaging.Page(context, rows, d => (d.At?.UtcTicks ?? 0, d.Id), descending: true, request);
        return Wrap("disputes", new JsonArray([.. page.Select(d => RestPaging.Trim(d.Row, request.Fields))]));
    }

    private static DateOnly PayoutDate(JsonObject payout) =>
        DateOnly.TryParse(StoreJson.String(payout["date"]), CultureInfo.InvariantCulture, out var date) ? date : DateOnly.MinValue;

    private static bool TryDate(PageRequest request, string name, out DateOnly? date, out string? error)
    {
        date = null;
        error = null;
        if (request.Filter(name) is not { } text)
        {
            return true;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            || (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) && (day = DateOnly.FromDateTime(at.DateTime)) != default))
        {
            date = day;
            return true;
        }

        error = $"{name} must be a date such as 2026-11-02, not '{text}'";
        return false;
    }

    private static bool TryId(PageRequest request, string name, out long? id, out string? error)
    {
        id = null;
        error = null;
        if (request.Filter(name) is not { } text)
        {
            return true;
        }

        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            id = value;
            return true;
        }

        error = $"{name} must be an id (digits), not '{text}'";
        return false;
    }
}
