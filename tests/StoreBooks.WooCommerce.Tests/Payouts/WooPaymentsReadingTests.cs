using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using StoreBooks.Core.Payouts;
using StoreBooks.WooCommerce.Http;
using StoreBooks.WooCommerce.Payouts;
using StoreBooks.WooCommerce.Tests.Support;
using Xunit;

namespace StoreBooks.WooCommerce.Tests.Payouts;

/// <summary>
/// WooPayments deposits read through StoreBooks' WooCommerce client from the emulator over loopback (OAuth 1.0a over plain HTTP),
/// checked against the site's own JSON read with query keys: integer cents become amounts, the deposit's arrival day in Unix
/// milliseconds its day, every page of deposits and of each one's transactions is read, a refund is tied to the WooCommerce refund
/// it gave back. Reference payouts.md §3.2.
/// </summary>
public sealed class WooPaymentsReadingTests(WooPaymentsFixture emulator) : IClassFixture<WooPaymentsFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Deposits_are_read_page_by_page_with_their_transactions_in_amounts_from_cents()
    {
        var (source, counter) = emulator.CreateSource(change: o => o with { PageSize = 7 });
        var site = await SiteDepositsAsync();
        Assert.True(site.Count > 14, $"{site.Count} deposits");

        var payouts = new List<StorePayout>();
        await foreach (var page in source.ReadPayoutsAsync(null, Ct))
        {
            Assert.Empty(page.Problems);
            payouts.AddRange(page.Records);
        }

        Assert.True(source.HasPayouts);
        Assert.Equal(site.Select(d => d["id"]!.GetValue<string>()), payouts.Select(p => p.SourceId));
        Assert.Contains(counter.Urls, u => u.Query.Contains("page=3", StringComparison.Ordinal) && u.AbsolutePath.EndsWith("/payments/deposits", StringComparison.Ordinal));
        Assert.Contains(payouts, p => p.State == StorePayoutState.Paid);
        var refunds = 0;
        foreach (var (deposit, payout) in site.Zip(payouts))
        {
            Assert.Equal(deposit["amount"]!.GetValue<long>() / 100m, payout.Amount);
            Assert.Equal("USD", payout.Currency);
            Assert.Equal(deposit["status"]!.GetValue<string>(), payout.Status);
            Assert.Equal(DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeMilliseconds(deposit["date"]!.GetValue<long>()).UtcDateTime), payout.IssuedOn);

            var rows = (await emulator.RawGetAsync($"payments/reports/transactions?deposit_id={payout.SourceId}&per_page=100", Ct)).AsArray().OfType<JsonObject>().ToList();
            Assert.Equal(rows.Select(r => r["transaction_id"]!.GetValue<string>()), payout.Transactions.Select(t => t.SourceId));
            Assert.True(payout.Sum().AddsUp, $"{payout.SourceId}: {payout.Sum()}");
            foreach (var (row, t) in rows.Zip(payout.Transactions))
            {
                var order = row["order_id"]!.GetValue<long>().ToString(CultureInfo.InvariantCulture);
                Assert.Equal(row["amount"]!.GetValue<long>() / 100m, t.Gross);
                Assert.Equal(row["fees"]!.GetValue<long>() / 100m, t.Fee);
                Assert.Equal(row["net_amount"]!.GetValue<long>() / 100m, t.Net);
                Assert.Equal(order, t.SourceOrderId);
                Assert.Equal(payout.SourceId, t.PayoutId);
                if (t.Category == StorePayoutTransactionCategory.Refund)
                {
                    // The WooCommerce refund of that order for that amount.
                    refunds++;
                    var refund = (await emulator.RawGetAsync($"orders/{order}/refunds", Ct)).AsArray().OfType<JsonObject>()
                        .Single(r => $"{r["id"]!.GetValue<long>()}:refund" == t.SourceOrderTransactionId);
                    Assert.Equal(-t.Gross, decimal.Parse(refund["amount"]!.GetValue<string>(), CultureInfo.InvariantCulture));
                }
                else
                {
                    Assert.Equal(StorePayoutTransactionCategory.Charge, t.Category);
                    Assert.Equal($"{order}:payment", t.SourceOrderTransactionId);
                }
            }
        }

        Assert.True(refunds > 0);
    }

    [Fact]
    public async Task Deposits_issued_before_a_day_are_left_out_and_that_days_deposit_is_kept()
    {
        var (source, _) = emulator.CreateSource();
        var all = new List<StorePayout>();
        await foreach (var page in source.ReadPayoutsAsync(null, Ct))
        {
            all.AddRange(page.Records);
        }

        var since = all[all.Count / 2].IssuedOn;
        var recent = new List<StorePayout>();
        await foreach (var page in source.ReadPayoutsAsync(since, Ct))
        {
            recent.AddRange(page.Records);
        }

        Assert.Equal(all.Where(p => p.IssuedOn >= since).Select(p => p.SourceId), recent.Select(p => p.SourceId));
        Assert.Contains(recent, p => p.IssuedOn == since);
    }

    [Fact]
    public async Task The_deposits_routes_answer_as_WooPayments_does_to_a_missing_sort_a_page_too_large_an_unknown_deposit_and_a_key_without_read()
    {
        Assert.Equal((400, "rest_missing_callback_param"), await RawStatusAsync("payments/deposits"));
        Assert.Equal((400, "rest_invalid_param"), await RawStatusAsync("payments/deposits?sort=date&pagesize=101"));
        Assert.Equal((500, "wcpay_server_error"), await RawStatusAsync("payments/deposits/po_nosuchpayout"));

        var (writer, _) = emulator.CreateSource("ck_writer", "cs_writer");
        var denied = await Assert.ThrowsAsync<WooCommerceAccessDeniedException>(async () =>
        {
            await foreach (var page in writer.ReadPayoutsAsync(null, Ct))
            {
                Assert.Fail("read with a write-only key");
            }
        });
        Assert.Equal(HttpStatusCode.Unauthorized, denied.Status);
        Assert.Contains("Read", denied.Message, StringComparison.Ordinal);
    }

    private async Task<List<JsonObject>> SiteDepositsAsync()
    {
        var deposits = new List<JsonObject>();
        for (var page = 1; ; page++)
        {
            var body = await emulator.RawGetAsync($"payments/deposits?sort=date&pagesize=20&page={page}", Ct);
            var data = body["data"]!.AsArray().OfType<JsonObject>().ToList();
            deposits.AddRange(data);
            if (data.Count == 0 || deposits.Count >= body["total_count"]!.GetValue<int>())
            {
                return deposits;
            }
        }
    }

    private async Task<(int Status, string? Code)> RawStatusAsync(string path)
    {
        using var http = new HttpClient { BaseAddress = new Uri(emulator.BaseUrl, "wp-json/wc/v3/") };
        http.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        var separator = path.Contains('?', StringComparison.Ordinal) ? "&" : "?";
        using var response = await http.GetAsync(new Uri(path + separator + "consumer_key=ck_demo&consumer_secret=cs_demo", UriKind.Relative), Ct);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct));
        return ((int)response.StatusCode, (string?)body?["code"]);
    }
}

/// <summary>A site without WooPayments (its orders paid through the Stripe plugin): no payouts, and why.</summary>
public sealed class WooNoPaymentsTests(WooEmulatorFixture emulator) : IClassFixture<WooEmulatorFixture>
{
    [Fact]
    public async Task A_site_without_WooPayments_has_no_payouts_with_a_reason_and_reading_them_says_so()
    {
        var (source, _) = emulator.CreateSource();
        Assert.True(source.HasPayouts);

        Assert.False(await source.DetectPayoutsAsync(TestContext.Current.CancellationToken));

        Assert.False(source.HasPayouts);
        Assert.Contains("does not have WooPayments", source.NoPayoutsReason?.Text, StringComparison.Ordinal);
        Assert.Equal("reconcile.payouts.no-woopayments", source.NoPayoutsReason?.Code);
        var e = await Assert.ThrowsAsync<WooPaymentsNotActiveException>(async () =>
        {
            await foreach (var page in source.ReadPayoutsAsync(null, TestContext.Current.CancellationToken))
            {
                Assert.Fail("payouts read from a site without WooPayments");
            }
        });
        Assert.Contains(emulator.BaseUrl.AbsoluteUri.TrimEnd('/'), e.Message, StringComparison.Ordinal);
    }
}
