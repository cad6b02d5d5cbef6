using System.Globalization;
using StoreBooks.Core.State;
using StoreBooks.Emulators.Qbo;
using StoreBooks.Shopify.Tests.Support;
using StoreBooks.Testing;
using Xunit;
using static StoreBooks.Shopify.Tests.Support.ShopifyFixtures;

namespace StoreBooks.Shopify.Tests.Fixtures;

/// <summary>
/// Each fixture order file loaded alone into the Shopify emulator and synced by <c>storebooks sync</c> into a US company gives
/// QuickBooks documents whose totals are the order's and its refunds', to the cent; what the sync does not post is accounted for.
/// </summary>
public sealed class ShopifyFixtureBooksTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(ShopifyFixtures.OrderFiles), MemberType = typeof(ShopifyFixtures))]
    public async Task Fixture_order_synced_into_QuickBooks_has_the_orders_totals_and_its_refunds(string file)
    {
        var orders = OrderNodes(file);

        // A US company whose automated sales tax would charge 8.25 %: the tax the shop collected must be kept instead. An order in
        // another currency (the EUR order) needs multicurrency on.
        var company = QboCompanySettings.DefaultUs with
        {
            SalesTaxRatePercent = 8.25m,
            MultiCurrency = orders.Any(o => (string?)o["currency"] != "USD"),
        };
        await using var sync = await StoreSyncRig.StartAsync(StoreSyncRig.Shopify, company);
        await sync.LoadOnlyAsync(Ct, Text(file));

        var status = await sync.SyncAsync(Ct);

        Assert.Equal(0, StatusJson.Count(status, "sourceProblems"));
        int posted = 0, failed = 0, skipped = 0, notYet = 0;
        foreach (var order in orders)
        {
            var expected = ShopifyExpectedBooks.Of(order);
            var issues = StatusJson.IssuesOf(status, expected.OrderId);
            if (order["cancelled_at"] is not null)
            {
                // Cancelled before StoreBooks ever posted it: the money came in and went back (financial status "refunded"), so
                // the books get neither the sale nor its refunds, and the connection remembers why.
                skipped++;
                Assert.True((string?)order["financial_status"] == "refunded", $"order {expected.OrderId} was cancelled without being refunded: skipping it would lose money received");
                var link = await sync.LinkAsync(status, LinkKind.Sale, expected.OrderId, Ct);
                Assert.Equal((LinkState.Skipped, "cancelled before it was posted, with no money kept"), (link?.State, link?.Message));
                Assert.Empty(issues);
                Assert.Empty(await sync.Books.SalesDocumentsAsync("shopify", expected.OrderId, Ct));
                foreach (var refund in expected.Refunds)
                {
                    Assert.Empty(await sync.Books.RefundDocumentsAsync(refund.Id, Ct));
                }

                continue;
            }

            if (!ShopifyExpectedBooks.IsSyncedByDefault(order))
            {
                // "authorized" (the legacy-shape order): the payment is not captured, so no money has come in. A merchant does not
                // want a sales receipt for it yet; it waits, not an error, until Shopify says it is paid.
                notYet++;
                Assert.Empty(issues);
                Assert.Empty(await sync.Books.SalesDocumentsAsync("shopify", expected.OrderId, Ct));
                continue;
            }

            // Every refund posts for the money that went back. Shopify's example refund gives back 209.00 for two lines worth
            // 399.29 without the refund_discrepancy adjustment Shopify records for such a difference: the refund receipt holds
            // the lines and the difference on its own named line, so its total is the 209.00 refunded.
            await expected.AssertPostedAsync(sync.Books, "shopify", Ct);
            posted++;
            Assert.Empty(issues);
            foreach (var refund in expected.Refunds.Where(r => !r.AddsUp))
            {
                var receipt = Assert.Single(await sync.Books.RefundDocumentsAsync(refund.Id, Ct));
                var discrepancy = Assert.Single(receipt["Line"]!.AsArray(), l => ((string?)l!["Description"] ?? "").Contains("Refund discrepancy", StringComparison.Ordinal));
                Assert.Equal(refund.Amount - refund.Itemized!.Value, discrepancy!["Amount"]!.GetValue<decimal>());
            }
        }

        Assert.Equal(
            (posted, failed, skipped, notYet),
            (StatusJson.Count(status, "orders.posted"), StatusJson.Count(status, "orders.failed"), StatusJson.Count(status, "orders.skipped"), StatusJson.Count(status, "orders.notyet")));
        Assert.Equal(orders.Sum(o => ShopifyExpectedBooks.IsSyncedByDefault(o) && o["cancelled_at"] is null ? ShopifyExpectedBooks.Of(o).Refunds.Count : 0), StatusJson.Count(status, "refunds.posted"));
    }

    private static string Show(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);
}
