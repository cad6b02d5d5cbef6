using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using StoreBooks.Emulators.Tests.Stores;
using StoreBooks.Emulators.WooCommerce;
using StoreBooks.Testing;
using Xunit;

namespace StoreBooks.Emulators.Tests.WooCommerce;

/// <summary>A generated WooCommerce site paying through WooPayments, for the emulator's disputes, adjustments and withdrawals.</summary>
public sealed class WooPaymentsSiteFixture : EmulatorFixture
{
    protected override EmulatorOptions CreateOptions() => new()
    {
        Port = 0,
        WooCommerce = new WooCommerceEmulatorOptions { DemoData = false, GeneratedOrders = 60, CardGateway = "woocommerce_payments" },
    };
}

/// <summary>
/// The emulator's WooPayments movements are consistent with its orders: a dispute takes its order's total and the fee (both
/// back when won), only on an order paid through WooPayments; every deposit is the net of its rows; a day's balance negative beyond
/// the setting is a withdrawal of exactly that amount.
/// </summary>
public sealed class WooPaymentsMovementsTests(WooPaymentsSiteFixture emulator) : IClassFixture<WooPaymentsSiteFixture>
{
    [Fact]
    public async Task Disputes_follow_their_order_deposits_are_their_rows_net_and_a_negative_balance_is_withdrawn()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = StoreHttp.WooCommerce(emulator.Server);
        var orders = (await http.GetJsonAsync(StoreHttp.WooKeys("orders?per_page=100&status=completed"), ct)).AsArray().OfType<JsonObject>()
            .Where(o => o["payment_method"]!.GetValue<string>() == "woocommerce_payments" && o["date_paid_gmt"] is not null).ToList();
        var order = orders.OrderBy(o => o["date_paid_gmt"]!.GetValue<string>(), StringComparer.Ordinal).First();
        var paid = DateTimeOffset.Parse(order["date_paid_gmt"]!.GetValue<string>() + "Z", CultureInfo.InvariantCulture);
        var total = (long)Math.Round(decimal.Parse(order["total"]!.GetValue<string>(), CultureInfo.InvariantCulture) * 100m);
        var id = order["id"]!.GetValue<long>();

        using var admin = new HttpClient { BaseAddress = emulator.Server.BaseUrl };
        using var unknown = await StoreHttp.PostAsJson(admin, "emulator/woocommerce/payments/disputes", new { order_id = 999999 }, ct);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        await StoreHttp.AdminAsync(emulator.Server, "emulator/woocommerce/payments/disputes",
            new JsonObject { ["order_id"] = id, ["opened_at"] = paid.AddDays(1).ToString("o"), ["won_at"] = paid.AddDays(5).ToString("o") }, ct);
        await StoreHttp.AdminAsync(emulator.Server, "emulator/woocommerce/payments/adjustments",
            new JsonObject { ["amount"] = -4000.00, ["at"] = paid.AddDays(3).ToString("o") }, ct);
        await StoreHttp.AdminAsync(emulator.Server, "emulator/woocommerce/payments/settings", new JsonObject { ["withdraw_beyond"] = 1000 }, ct);

        var rows = (await http.GetJsonAsync(StoreHttp.WooKeys($"payments/reports/transactions?order_id={id}&per_page=100"), ct)).AsArray().OfType<JsonObject>().ToList();
        var lost = Assert.Single(rows, r => r["type"]!.GetValue<string>() == "dispute");
        var won = Assert.Single(rows, r => r["type"]!.GetValue<string>() == "dispute_reversal");
        Assert.Equal((-total, 1500L, -total - 1500), (lost["amount"]!.GetValue<long>(), lost["fees"]!.GetValue<long>(), lost["net_amount"]!.GetValue<long>()));
        Assert.Equal((total, -1500L, total + 1500), (won["amount"]!.GetValue<long>(), won["fees"]!.GetValue<long>(), won["net_amount"]!.GetValue<long>()));

        var deposits = (await http.GetJsonAsync(StoreHttp.WooKeys("payments/deposits?sort=date&pagesize=100"), ct))["data"]!.AsArray().OfType<JsonObject>().ToList();
        var withdrawals = deposits.Where(d => d["type"]!.GetValue<string>() == "withdrawal").ToList();
        Assert.NotEmpty(withdrawals);
        foreach (var deposit in deposits)
        {
            var depositRows = (await http.GetJsonAsync(StoreHttp.WooKeys($"payments/reports/transactions?deposit_id={deposit["id"]!.GetValue<string>()}&per_page=100"), ct)).AsArray().OfType<JsonObject>();
            var net = depositRows.Sum(r => r["net_amount"]!.GetValue<long>());
            var amount = deposit["amount"]!.GetValue<long>();
            Assert.True(amount > 0);
            Assert.Equal(deposit["type"]!.GetValue<string>() == "withdrawal" ? -amount : amount, net);
            Assert.True(deposit["type"]!.GetValue<string>() == "deposit" || net < -100_000, $"{deposit["id"]}: withdrawal of {net}");
        }
    }
}
