using System.Net;
using StoreBooks.Core.Model;
using StoreBooks.Core.Products;
using StoreBooks.Core.Sales;
using StoreBooks.Core.Sources;
using StoreBooks.Shopify.Tests.Fixtures;
using StoreBooks.Shopify.Tests.Support;
using Xunit;

namespace StoreBooks.Shopify.Tests.Orders;

/// <summary>Reading many orders from the emulator at Shopify's real limits: Link paging, the updated_at cursor, ids, and the bucket.</summary>
public sealed class ShopifyOrderReadingTests(ShopifyManyOrdersFixture emulator) : IClassFixture<ShopifyManyOrdersFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_order_is_read_once_in_pages_of_250_oldest_change_first_without_a_single_429()
    {
        await emulator.AdminAsync("limits/reset", "{}", Ct);
        var expected = emulator.Server.Shopify.Shop.OrderCount;
        var (source, counter, limits) = emulator.CreateSource(change: o => o with { OrdersApi = ShopifyOrdersApi.Rest });

        var pages = new List<SourcePage<StoreOrder>>();
        await foreach (var page in source.ReadOrdersAsync(null, Ct))
        {
            pages.Add(page);
        }

        var orders = pages.SelectMany(p => p.Records).ToList();
        Assert.True(expected > 600, $"the emulator holds {expected} orders");
        Assert.Equal(expected, orders.Count);
        Assert.Equal(orders.Count, orders.Select(o => o.SourceId).Distinct().Count());
        Assert.All(pages[..^1], p => Assert.Equal(250, p.Records.Count));
        Assert.Equal(orders.OrderBy(o => o.UpdatedAt).ThenBy(o => long.Parse(o.SourceId, System.Globalization.CultureInfo.InvariantCulture)).Select(o => o.SourceId), orders.Select(o => o.SourceId));

        // One call per page and one per order's transactions; the bucket (40, leaking 2 a second) made them wait, never overflow.
        Assert.Equal(pages.Count + orders.Count, counter.Requests);
        Assert.Equal(0, counter.Count(HttpStatusCode.TooManyRequests));
        Assert.True(limits.Rest(ShopifyEmulatorFixture.Shop, 2).Waits > 0);
        Assert.True(emulator.Clock.Elapsed >= TimeSpan.FromSeconds((counter.Requests - 40) / 2.0));

        // Every order the emulator makes adds up as the sync checks it.
        Assert.All(orders, o => Assert.Empty(OrderCheck.Problems(o, new ProductSettings())));

        // Payments come from the transactions: paid orders received their total.
        var paid = orders.Where(o => o.FinancialStatus == FinancialStatus.Paid && !o.IsTest).ToList();
        Assert.NotEmpty(paid);
        Assert.All(paid, o => Assert.Equal(o.Totals.Total, o.Payments.Where(p => p.Kind == StorePaymentKind.Received).Sum(p => p.Amount)));
    }

    [Fact]
    public async Task Updated_at_min_reads_exactly_the_orders_changed_since_the_cursor()
    {
        var (source, _, _) = emulator.CreateSource();
        var all = await emulator.RawOrderIndexAsync(Ct);
        var cursor = all.Select(o => o.UpdatedAt).Order().ElementAt(all.Count - 130);

        var changed = await ShopifyFixtureRoundTripTests.ReadAllAsync(source.ReadOrdersAsync(cursor, Ct));

        Assert.Equal(all.Where(o => o.UpdatedAt >= cursor).Select(o => o.Id).Order(), changed.Select(o => o.SourceId).Order());
        Assert.All(changed, o => Assert.True(o.UpdatedAt >= cursor));
        Assert.InRange(changed.Count, 130, 200);
    }

    [Fact]
    public async Task Orders_by_id_come_in_chunks_and_unknown_ids_are_left_out()
    {
        var (source, _, _) = emulator.CreateSource(change: o => o with { PageSize = 100 });
        var all = await emulator.RawOrderIndexAsync(Ct);
        var wanted = all.Where((_, i) => i % 3 == 0).Select(o => o.Id).ToList();

        var read = await ShopifyFixtureRoundTripTests.ReadAllAsync(source.GetOrdersAsync([.. wanted, "1", "abc"], Ct));

        Assert.True(wanted.Count > 200);
        Assert.Equal(wanted.Order(), read.Select(o => o.SourceId).Order());
    }
}
