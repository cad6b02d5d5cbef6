using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using StoreBooks.Emulators.Tests.Stores;
using Xunit;

namespace StoreBooks.Emulators.Tests.Shopify;

/// <summary>
/// Shopify Payments on the generated shop (demo + 600 orders, fake clock): payouts consistent with the orders' transactions and
/// adding up to the cent, Link paging, the documented filters, the scope refusal and the 404 of a shop without Shopify Payments.
/// Expected from the docs (reference payouts.md §1): payouts most recent first; amount = Σ net of its balance transactions
/// = Σ (gross − fee) of its summary; charges 2.9 % + 0.30 to the cent with net = amount − fee; refunds, chargebacks and reserve
/// holds negative; rows not yet in a payout are <c>pending</c>.
/// </summary>
public sealed partial class ShopifyPayoutTests(FakeClockEmulatorFixture emulator) : IClassFixture<FakeClockEmulatorFixture>
{
    [GeneratedRegex("<([^>]+)>; rel=\"next\"")]
    private static partial Regex NextLink();

    private static decimal Money(JsonNode? node) => decimal.Parse(node!.GetValue<string>(), NumberStyles.Number, CultureInfo.InvariantCulture);

    private static string Id(JsonNode? node) => node!.ToJsonString();

    private Task ResetLimitsAsync() => StoreHttp.AdminAsync(emulator.Server, "emulator/shopify/limits/reset", null, TestContext.Current.CancellationToken);

    /// <summary>Every item of a list, following <c>rel="next"</c>; the bucket is emptied between pages (the fake clock does not leak it).</summary>
    private async Task<(List<JsonObject> Items, int Pages)> AllAsync(HttpClient http, string url, string key)
    {
        var ct = TestContext.Current.CancellationToken;
        var items = new List<JsonObject>();
        var pages = 0;
        for (string? next = url; next is not null; pages++)
        {
            await ResetLimitsAsync();
            using var response = await http.GetAsync(new Uri(next, UriKind.RelativeOrAbsolute), ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            items.AddRange(JsonNode.Parse(await response.Content.ReadAsStringAsync(ct))![key]!.AsArray().Select(i => i!.AsObject()));
            var link = response.Headers.TryGetValues("Link", out var values) ? string.Join(",", values) : "";
            next = NextLink().Match(link) is { Success: true } m ? m.Groups[1].Value : null;
        }

        return (items, pages);
    }

    [Fact]
    public async Task Payouts_add_up_and_hold_each_paid_orders_sale_once()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = StoreHttp.Shopify(emulator.Server);
        var (payouts, _) = await AllAsync(http, "shopify_payments/payouts.json?limit=250", "payouts");
        var (rows, _) = await AllAsync(http, "shopify_payments/balance/transactions.json?limit=250", "transactions");
        Assert.True(payouts.Count > 20, $"{payouts.Count} payouts");

        var dates = payouts.Select(p => DateOnly.Parse(p["date"]!.GetValue<string>(), CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(dates.OrderDescending(), dates);
        foreach (var payout in payouts)
        {
            var mine = rows.Where(r => Id(r["payout_id"]) == Id(payout["id"])).ToList();
            Assert.NotEmpty(mine);
            Assert.Equal(Money(payout["amount"]), mine.Sum(r => Money(r["net"])));
            var summary = payout["summary"]!.AsObject();
            var summaryNet = summary.Where(p => p.Key.EndsWith("_gross_amount", StringComparison.Ordinal)).Sum(p => Money(p.Value))
                - summary.Where(p => p.Key.EndsWith("_fee_amount", StringComparison.Ordinal)).Sum(p => Money(p.Value));
            Assert.Equal(Money(payout["amount"]), summaryNet);
            Assert.All(mine, r => Assert.Equal(payout["status"]!.GetValue<string>(), r["payout_status"]!.GetValue<string>()));
        }

        var statuses = payouts.Select(p => p["status"]!.GetValue<string>()).ToHashSet();
        Assert.Contains("paid", statuses);
        Assert.Contains("failed", statuses);
        Assert.True(statuses.Contains("scheduled") || statuses.Contains("in_transit"), string.Join(",", statuses));
        Assert.Equal(payouts[0]["status"]!.GetValue<string>(), statuses.Contains("scheduled") ? "scheduled" : "in_transit");
        Assert.All(rows.Where(r => r["payout_id"] is null), r => Assert.Equal("pending", r["payout_status"]!.GetValue<string>()));

        var byType = rows.ToLookup(r => r["type"]!.GetValue<string>());
        Assert.Single(byType["adjustment"]);
        Assert.Equal([-25.00m, 25.00m], byType["reserve"].Select(r => Money(r["amount"])).Order());
        var dispute = byType["dispute"].OrderBy(r => Money(r["amount"])).ToList();
        Assert.Equal(2, dispute.Count);
        Assert.Equal(-Money(dispute[1]["amount"]), Money(dispute[0]["amount"]));
        Assert.Equal(15.00m, Money(dispute[0]["fee"]));
        Assert.Equal(Money(dispute[0]["amount"]) - 15.00m, Money(dispute[0]["net"]));
        var failed = payouts.Single(p => p["status"]!.GetValue<string>() == "failed");
        var retry = Assert.Single(byType["payout_failure"]);
        Assert.Equal(Money(failed["amount"]), Money(retry["net"]));
        var retriedIn = payouts.Single(p => Id(p["id"]) == Id(retry["payout_id"]));
        Assert.Equal(Money(failed["amount"]), Money(retriedIn["summary"]!["retried_payouts_gross_amount"]));

        Assert.All(byType["charge"], c =>
        {
            var amount = Money(c["amount"]);
            Assert.Equal(Math.Round((amount * 0.029m) + 0.30m, 2, MidpointRounding.AwayFromZero), Money(c["fee"]));
            Assert.Equal(amount - Money(c["fee"]), Money(c["net"]));
        });
        Assert.All(byType["refund"], r => Assert.True(Money(r["amount"]) < 0));

        // Each paid order's Shopify Payments sale (or capture) is one charge of the same amount; each refund one refund row.
        var (orders, _) = await AllAsync(http, "orders.json?status=any&limit=250&fields=id", "orders");
        var charges = byType["charge"].ToLookup(c => Id(c["source_order_transaction_id"]));
        var refunds = byType["refund"].ToLookup(c => Id(c["source_order_transaction_id"]));
        var sales = 0;
        for (var i = 0; i < orders.Count; i++)
        {
            if (i % 30 == 0)
            {
                await ResetLimitsAsync();
            }

            var orderId = Id(orders[i]["id"]);
            foreach (var t in (await http.GetJsonAsync($"orders/{orderId}/transactions.json", ct))["transactions"]!.AsArray())
            {
                if (t!["gateway"]!.GetValue<string>() != "shopify_payments" || t["status"]!.GetValue<string>() != "success")
                {
                    continue;
                }

                var kind = t["kind"]!.GetValue<string>();
                if (kind is "sale" or "capture")
                {
                    var charge = Assert.Single(charges[Id(t["id"])]);
                    Assert.Equal(Money(t["amount"]), Money(charge["amount"]));
                    Assert.Equal(orderId, Id(charge["source_order_id"]));
                    sales++;
                }
                else if (kind == "refund")
                {
                    Assert.Equal(-Money(t["amount"]), Money(Assert.Single(refunds[Id(t["id"])])["amount"]));
                }
            }
        }

        Assert.Equal(byType["charge"].Count(), sales);
        Assert.True(sales > 400, $"{sales} sales");
    }

    [Fact]
    public async Task Payout_and_transaction_lists_page_through_link_headers()
    {
        using var http = StoreHttp.Shopify(emulator.Server);
        var (all, _) = await AllAsync(http, "shopify_payments/payouts.json?limit=250", "payouts");
        var (paged, pages) = await AllAsync(http, "shopify_payments/payouts.json?limit=7", "payouts");
        Assert.Equal((all.Count + 6) / 7, pages);
        Assert.Equal(all.Select(p => Id(p["id"])), paged.Select(p => Id(p["id"])));

        var (everyRow, _) = await AllAsync(http, "shopify_payments/balance/transactions.json?limit=250", "transactions");
        var payout = everyRow.Where(r => r["payout_id"] is not null).GroupBy(r => Id(r["payout_id"])).MaxBy(g => g.Count())!.Key;
        var (rows, _) = await AllAsync(http, $"shopify_payments/balance/transactions.json?payout_id={payout}&limit=250", "transactions");
        var (pagedRows, rowPages) = await AllAsync(http, $"shopify_payments/balance/transactions.json?payout_id={payout}&limit=2", "transactions");
        Assert.True(rowPages >= 2, $"{rows.Count} rows in {rowPages} pages");
        Assert.Equal(rows.Select(r => Id(r["id"])), pagedRows.Select(r => Id(r["id"])));
        Assert.All(rows, r => Assert.Equal(payout, Id(r["payout_id"])));
    }

    [Fact]
    public async Task Payout_filters_select_as_documented()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = StoreHttp.Shopify(emulator.Server);
        var (all, _) = await AllAsync(http, "shopify_payments/payouts.json?limit=250", "payouts");
        DateOnly Date(JsonObject p) => DateOnly.Parse(p["date"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        var middle = Date(all[all.Count / 2]);
        var from = middle.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        await ResetLimitsAsync();
        var min = (await http.GetJsonAsync($"shopify_payments/payouts.json?limit=250&date_min={from}", ct))["payouts"]!.AsArray();
        Assert.Equal(all.Count(p => Date(p) >= middle), min.Count);
        var max = (await http.GetJsonAsync($"shopify_payments/payouts.json?limit=250&date_max={from}", ct))["payouts"]!.AsArray();
        Assert.Equal(all.Count(p => Date(p) <= middle), max.Count);
        var on = (await http.GetJsonAsync($"shopify_payments/payouts.json?date={from}", ct))["payouts"]!.AsArray();
        Assert.Equal(Id(all[all.Count / 2]["id"]), Id(Assert.Single(on)!["id"]));
        var failed = (await http.GetJsonAsync("shopify_payments/payouts.json?status=failed", ct))["payouts"]!.AsArray();
        Assert.Equal("failed", Assert.Single(failed)!["status"]!.GetValue<string>());
        var pivot = all[all.Count / 2]["id"]!.GetValue<long>();
        var since = (await http.GetJsonAsync($"shopify_payments/payouts.json?limit=250&since_id={pivot}", ct))["payouts"]!.AsArray();
        Assert.Equal(all.Count(p => p["id"]!.GetValue<long>() > pivot), since.Count);
        var last = (await http.GetJsonAsync($"shopify_payments/payouts.json?limit=250&last_id={pivot}", ct))["payouts"]!.AsArray();
        Assert.Equal(all.Count(p => p["id"]!.GetValue<long>() < pivot), last.Count);
        Assert.True(pivot > 9_007_199_254_740_992, "payout ids lie above 2^53");

        await ResetLimitsAsync();
        var pending = (await http.GetJsonAsync("shopify_payments/balance/transactions.json?payout_status=pending&limit=250", ct))["transactions"]!.AsArray();
        Assert.All(pending, r => Assert.Null(r!["payout_id"]));
        var test = (await http.GetJsonAsync("shopify_payments/balance/transactions.json?test=true&limit=250", ct))["transactions"]!.AsArray();
        Assert.All(test, r => Assert.True(r!["test"]!.GetValue<bool>()));
        using var bad = await http.GetAsync(new Uri("shopify_payments/payouts.json?status=sent", UriKind.Relative), ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        using var first = await http.GetAsync(new Uri("shopify_payments/payouts.json?limit=3", UriKind.Relative), ct);
        var pageInfo = Regex.Match(string.Join(",", first.Headers.GetValues("Link")), "page_info=([^&>]+)").Groups[1].Value;
        using var mixed = await http.GetAsync(new Uri($"shopify_payments/payouts.json?page_info={pageInfo}&status=paid", UriKind.Relative), ct);
        Assert.Equal(HttpStatusCode.BadRequest, mixed.StatusCode);

        var balance = (await http.GetJsonAsync("shopify_payments/balance.json", ct))["balance"]!.AsArray();
        Assert.Equal("USD", Assert.Single(balance)!["currency"]!.GetValue<string>());
        var dispute = Assert.Single((await http.GetJsonAsync("shopify_payments/disputes.json", ct))["disputes"]!.AsArray());
        Assert.Equal("chargeback", dispute!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_token_without_the_scope_gets_403_and_a_shop_without_shopify_payments_404()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = StoreHttp.Shopify(emulator.Server);
        await ResetLimitsAsync();
        try
        {
            await StoreHttp.AdminAsync(emulator.Server, "emulator/shopify/settings", JsonNode.Parse("""{"deniedScopes":["read_shopify_payments_payouts"]}"""), ct);
            using var denied = await http.GetAsync(new Uri("shopify_payments/payouts.json", UriKind.Relative), ct);
            Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
            Assert.Contains("read_shopify_payments_payouts", await denied.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
            using var orders = await http.GetAsync(new Uri("orders.json?limit=1", UriKind.Relative), ct);
            Assert.Equal(HttpStatusCode.OK, orders.StatusCode);

            await StoreHttp.AdminAsync(emulator.Server, "emulator/shopify/settings", JsonNode.Parse("""{"deniedScopes":[],"usesShopifyPayments":false}"""), ct);
            using var balance = await http.GetAsync(new Uri("shopify_payments/balance.json", UriKind.Relative), ct);
            Assert.Equal(HttpStatusCode.NotFound, balance.StatusCode);
            Assert.Equal("""{"errors":"Not Found"}""", await balance.Content.ReadAsStringAsync(ct));
        }
        finally
        {
            await StoreHttp.AdminAsync(emulator.Server, "emulator/shopify/settings", JsonNode.Parse("""{"deniedScopes":[],"usesShopifyPayments":true}"""), ct);
        }

        using var again = await http.GetAsync(new Uri("shopify_payments/balance.json", UriKind.Relative), ct);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }
}
