using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using StoreBooks.Emulators.Stores;
using StoreBooks.Emulators.WooCommerce.Payments;

namespace StoreBooks.Emulators.WooCommerce.Admin;

/// <summary>
/// Emulator-only WooPayments routes under <c>/emulator/woocommerce/payments</c>: open a dispute on a WooPayments order
/// (<c>disputes</c>: <c>order_id</c>, <c>opened_at</c>, <c>won_at</c>, <c>fee</c>; the order's total and the fee leave the balance,
/// and come back when won), add an adjustment (<c>adjustments</c>: <c>amount</c>, <c>at</c>, <c>type</c>, <c>order_id</c>), and
/// change how the account settles (<c>settings</c>: <c>withdraw_beyond</c> (a negative balance beyond this amount is withdrawn from the bank), <c>deposit_currency</c>, <c>exchange_rate</c>,
/// <c>foreign_from</c>, <c>clock_days</c>). Times are ISO 8601; amounts decimal in the store's currency.
/// </summary>
internal static class WooPaymentsAdminEndpoints
{
    public static void Map(RouteGroupBuilder admin, WooCommerceEmulator woo)
    {
        admin.MapPost("/payments/disputes", async (HttpContext context) =>
        {
            var body = await WooCommerceEmulator.ReadBodyAsync(context).ConfigureAwait(false) as JsonObject;
            if (StoreJson.Long(body?["order_id"]) is not { } orderId || woo.Payments.PaidTotal(orderId) is not { } total)
            {
                return Results.Json(new { error = "order_id must name an order paid through WooPayments" }, statusCode: 400);
            }

            var opened = StoreJson.Date(body!["opened_at"], TimeSpan.Zero) ?? woo.Time.GetUtcNow();
            var won = StoreJson.Date(body["won_at"], TimeSpan.Zero);
            var fee = StoreJson.Decimal(body["fee"]) ?? 15.00m;
            woo.Payments.AddDispute(new WooDispute(orderId, opened, won, (long)Math.Round(fee * 100m, MidpointRounding.AwayFromZero)));
            return StoreJson.Result(new JsonObject { ["order_id"] = orderId, ["amount"] = (double)total });
        });
        admin.MapPost("/payments/adjustments", async (HttpContext context) =>
        {
            var body = await WooCommerceEmulator.ReadBodyAsync(context).ConfigureAwait(false) as JsonObject;
            if (StoreJson.Decimal(body?["amount"]) is not { } amount)
            {
                return Results.Json(new { error = "amount is required" }, statusCode: 400);
            }

            var at = StoreJson.Date(body!["at"], TimeSpan.Zero) ?? woo.Time.GetUtcNow();
            var id = $"txn_emuadj{at.ToUnixTimeSeconds()}{(long)Math.Round(Math.Abs(amount) * 100m)}";
            woo.Payments.AddAdjustment(new WooAdjustment(id, (long)Math.Round(amount * 100m, MidpointRounding.AwayFromZero), at, StoreJson.String(body["type"]) ?? "adjustment", StoreJson.Long(body["order_id"])));
            return StoreJson.Result(new JsonObject { ["transaction_id"] = id });
        });
        admin.MapPost("/payments/settings", async (HttpContext context) =>
        {
            var body = await WooCommerceEmulator.ReadBodyAsync(context).ConfigureAwait(false) as JsonObject;
            var current = woo.Payments.Settings;
            DateOnly? from = StoreJson.String(body?["foreign_from"]) is { Length: >= 10 } text
                && DateOnly.TryParseExact(text[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : current.ForeignFrom;
            woo.Payments.Settings = current with
            {
                WithdrawBeyond = StoreJson.Decimal(body?["withdraw_beyond"]) is { } beyond ? (long)Math.Round(beyond * 100m) : current.WithdrawBeyond,
                DepositCurrency = StoreJson.String(body?["deposit_currency"]) ?? current.DepositCurrency,
                ExchangeRate = StoreJson.Decimal(body?["exchange_rate"]) ?? current.ExchangeRate,
                ForeignFrom = from,
                ClockDays = (int)(StoreJson.Long(body?["clock_days"]) ?? current.ClockDays),
            };
            return StoreJson.Result(new JsonObject { ["ok"] = true });
        });
    }
}
