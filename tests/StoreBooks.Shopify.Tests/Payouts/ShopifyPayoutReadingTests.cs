using System.Globalization;
using System.Net;
using StoreBooks.Core.Model;
using StoreBooks.Core.Payouts;
using StoreBooks.Emulators.Shopify;
using StoreBooks.Shopify.Http;
using StoreBooks.Shopify.Payouts;
using StoreBooks.Shopify.Tests.Support;
using Xunit;

namespace StoreBooks.Shopify.Tests.Payouts;

/// <summary>The demo shop plus 200 generated orders: payouts over a few months.</summary>
public sealed class ShopifyPayoutsFixture : ShopifyEmulatorFixture
{
    protected override ShopifyEmulatorOptions ShopifyOptions() => new() { GeneratedOrders = 200 };
}

/// <summary>
/// Payouts read through StoreBooks' Shopify client from the emulator's generated shop. Expected from the docs (reference
/// payouts.md §1): most recent first; every payout's Σ net of its balance transactions equals its amount, to the cent; each
/// paid order's Shopify Payments sale appears as one charge in one payout; <c>date_min</c> is inclusive; 403 without
/// <c>read_shopify_payments_payouts</c>; 404 on a shop without Shopify Payments.
/// </summary>
public sealed class ShopifyPayoutReadingTests(ShopifyPayoutsFixture emulator) : IClassFixture<ShopifyPayoutsFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(List<StorePayout> Payouts, int Pages, int Problems)> ReadAllAsync(ShopifySource source, DateOnly? since = null)
    {
        var payouts = new List<StorePayout>();
        var pages = 0;
        var problems = 0;
        await foreach (var page in source.ReadPayoutsAsync(since, Ct))
        {
            payouts.AddRange(page.Records);
            problems += page.Problems.Count;
            pages++;
        }

        return (payouts, pages, problems);
    }

    [Fact]
    public async Task Every_payout_adds_up_and_each_paid_orders_sale_is_one_charge_in_one_payout()
    {
        await emulator.AdminAsync("limits/reset", "{}", Ct);
        var (source, counter, limits) = emulator.CreateSource(change: o => o with { OrdersApi = ShopifyOrdersApi.Rest });
        var (payouts, pages, problems) = await ReadAllAsync(source);

        Assert.Equal(0, problems);
        Assert.True(payouts.Count > 20, $"{payouts.Count} payouts");
        Assert.Equal(payouts.Select(p => p.IssuedOn).OrderDescending(), payouts.Select(p => p.IssuedOn));
        Assert.All(payouts, p =>
        {
            var sum = p.Sum();
            Assert.True(sum.AddsUp, $"payout {p.SourceId} of {p.IssuedOn}: amount {sum.Amount}, transactions {sum.TransactionsNet}");
            Assert.Equal(0m, sum.Difference);
            Assert.Equal(p.Amount, p.Summary!.Net);
            Assert.All(p.Transactions, t => Assert.Equal(p.SourceId, t.PayoutId));
            Assert.True(long.Parse(p.SourceId, CultureInfo.InvariantCulture) > 9_007_199_254_740_992, "payout ids above 2^53 are kept exactly");
        });
        Assert.Contains(payouts, p => p.State == StorePayoutState.Failed);
        Assert.Contains(payouts, p => p.State == StorePayoutState.Paid);
        var transactions = payouts.SelectMany(p => p.Transactions).ToList();
        Assert.Contains(transactions, t => t.Category == StorePayoutTransactionCategory.Dispute && t.Net < 0 && t.Fee == 15.00m);
        Assert.Contains(transactions, t => t.Category == StorePayoutTransactionCategory.Reserve && t.Gross == -25.00m);
        Assert.Contains(transactions, t => t.Category == StorePayoutTransactionCategory.Adjustment && t.AdjustmentReason == "billing" && t.SourceOrderId is null);
        Assert.Contains(transactions, t => t.Category == StorePayoutTransactionCategory.PayoutReturn);

        // One call per page of payouts and one per payout's transactions, all within the bucket: waits, never a 429.
        Assert.Equal(pages + payouts.Count, counter.Requests);
        Assert.Equal(0, counter.Count(HttpStatusCode.TooManyRequests));
        Assert.True(limits.Rest(ShopifyEmulatorFixture.Shop, 2).Waits > 0);

        var charges = transactions.Where(t => t.Category == StorePayoutTransactionCategory.Charge).ToLookup(t => t.SourceOrderTransactionId);
        var refunds = transactions.Where(t => t.Category == StorePayoutTransactionCategory.Refund).ToLookup(t => t.SourceOrderTransactionId);
        var lastPayoutDay = payouts.Max(p => p.IssuedOn).AddDays(-2);
        var matched = 0;
        await foreach (var page in source.ReadOrdersAsync(null, Ct))
        {
            foreach (var order in page.Records)
            {
                foreach (var payment in order.Payments.Where(p => p.Gateway == "shopify_payments"))
                {
                    // Rows of the days not yet paid out are pending, in no payout.
                    if (payment.ProcessedAt is { } at && DateOnly.FromDateTime(at.ToOffset(TimeSpan.FromHours(-5)).DateTime) > lastPayoutDay)
                    {
                        continue;
                    }

                    var row = Assert.Single(payment.Kind == StorePaymentKind.Received ? charges[payment.SourceId] : refunds[payment.SourceId]);
                    Assert.Equal(order.SourceId, row.SourceOrderId);
                    Assert.Equal(payment.Kind == StorePaymentKind.Received ? payment.Amount : -payment.Amount, row.Gross);
                    if (payment.Kind == StorePaymentKind.Received)
                    {
                        Assert.Equal(Cents.Round((payment.Amount * 0.029m) + 0.30m), row.Fee);
                        Assert.Equal(row.Gross - row.Fee, row.Net);
                        matched++;
                    }
                }
            }
        }

        Assert.Equal(charges.Sum(g => g.Count()), matched);
        Assert.True(matched > 100, $"{matched} charges matched to orders");
    }

    [Fact]
    public async Task Small_pages_and_date_min_read_the_same_payouts()
    {
        await emulator.AdminAsync("limits/reset", "{}", Ct);
        var (all, _, _) = await ReadAllAsync(emulator.CreateSource().Source);
        var (paged, pages, _) = await ReadAllAsync(emulator.CreateSource(change: o => o with { PageSize = 4 }).Source);
        Assert.Equal((all.Count + 3) / 4, pages);
        Assert.Equal(all.Select(p => (p.SourceId, p.Amount, p.Transactions.Count)), paged.Select(p => (p.SourceId, p.Amount, p.Transactions.Count)));

        var since = all[all.Count / 3].IssuedOn;
        var (recent, _, _) = await ReadAllAsync(emulator.CreateSource().Source, since);
        Assert.Equal(all.Where(p => p.IssuedOn >= since).Select(p => p.SourceId), recent.Select(p => p.SourceId));
        Assert.Contains(recent, p => p.IssuedOn == since);
    }

    [Fact]
    public async Task A_missing_scope_and_a_shop_without_shopify_payments_say_so()
    {
        var (source, _, _) = emulator.CreateSource();
        try
        {
            await emulator.AdminAsync("settings", """{"deniedScopes":["read_shopify_payments_payouts"]}""", Ct);
            var denied = await Assert.ThrowsAsync<ShopifyAccessDeniedException>(async () => await ReadAllAsync(source));
            Assert.StartsWith("Shopify refused to list payouts: the app needs the read_shopify_payments_payouts scope", denied.Message, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.Forbidden, denied.Status);

            await emulator.AdminAsync("settings", """{"deniedScopes":[],"usesShopifyPayments":false}""", Ct);
            Assert.False(await source.UsesShopifyPaymentsAsync(Ct));
            var none = await Assert.ThrowsAsync<ShopifyPaymentsNotUsedException>(async () => await ReadAllAsync(source));
            Assert.Contains("this shop does not use Shopify Payments", none.Message, StringComparison.Ordinal);
        }
        finally
        {
            await emulator.AdminAsync("settings", """{"deniedScopes":[],"usesShopifyPayments":true}""", Ct);
        }

        Assert.True(await source.UsesShopifyPaymentsAsync(Ct));
    }
}
