using StoreBooks.Core.Model;
using StoreBooks.Shopify.Http;
using StoreBooks.Shopify.Tests.Fixtures;
using StoreBooks.Shopify.Tests.Support;
using Xunit;

namespace StoreBooks.Shopify.Tests.Orders;

/// <summary>A read of more orders than <see cref="ShopifySourceOptions.BulkThreshold"/> goes through one bulk export and reads the same orders as REST.</summary>
public sealed partial class ShopifyGraphQLOrderTests
{
    private const string BulkRun = "bulkOperationRunQuery";

    private const string PagedOrders = "query StoreBooksOrders(";

    [Fact]
    public async Task Every_demo_order_read_through_one_bulk_export_equals_the_REST_read_and_no_orders_page_is_queried()
    {
        await emulator.AdminAsync("reset", """{"demo":true,"generateOrders":0}""", Ct);
        var (rest, _, _) = await ReadBothAsync();
        var (bulk, recorder) = await ReadThroughAsync(threshold: 0, changedSince: null);

        Assert.True(rest.Count >= 30, $"the demo shop has {rest.Count} orders");
        AssertSame(rest, bulk);
        Assert.Single(recorder.Bodies, b => b.Contains(BulkRun, StringComparison.Ordinal));
        Assert.DoesNotContain(recorder.Bodies, b => b.Contains(PagedOrders, StringComparison.Ordinal));
        Assert.DoesNotContain(recorder.Bodies, b => b.Contains("query StoreBooksOrderLines(", StringComparison.Ordinal));

        // The refunds of the orders with refunds (a refund's entries cannot be exported in bulk) come in one REST call for the
        // page, never order by order and never the whole order again.
        var refunded = rest.Where(o => o.Refunds.Count > 0).Select(o => o.SourceId).ToList();
        Assert.True(refunded.Count > 1, "the demo shop has refunded orders");
        var refundsCall = Assert.Single(recorder.Urls, u => u.Contains("/orders.json", StringComparison.Ordinal));
        Assert.Contains("fields=id,refunds", refundsCall, StringComparison.Ordinal);
        Assert.All(refunded, id => Assert.Contains(id, refundsCall, StringComparison.Ordinal));
        Assert.DoesNotContain(recorder.Bodies, b => b.Contains("query StoreBooksOrderRefunds(", StringComparison.Ordinal));
        Assert.DoesNotContain(recorder.Bodies, b => b.Contains("query StoreBooksOrder(", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_bulk_export_is_used_only_when_the_orders_to_read_are_more_than_the_threshold()
    {
        await emulator.AdminAsync("reset", """{"demo":true,"generateOrders":0}""", Ct);
        var index = await emulator.RawOrderIndexAsync(Ct);
        var cursor = index.Select(o => o.UpdatedAt).Order().ElementAt(index.Count / 2);
        var changed = index.Count(o => o.UpdatedAt >= cursor);

        var (atThreshold, paged) = await ReadThroughAsync(threshold: changed, changedSince: cursor);
        Assert.DoesNotContain(paged.Bodies, b => b.Contains(BulkRun, StringComparison.Ordinal));
        Assert.Contains(paged.Bodies, b => b.Contains(PagedOrders, StringComparison.Ordinal));

        var (overThreshold, bulk) = await ReadThroughAsync(threshold: changed - 1, changedSince: cursor);
        Assert.Single(bulk.Bodies, b => b.Contains(BulkRun, StringComparison.Ordinal));
        Assert.DoesNotContain(bulk.Bodies, b => b.Contains(PagedOrders, StringComparison.Ordinal));

        Assert.Equal(changed, atThreshold.Count);
        AssertSame(atThreshold, overThreshold);
        Assert.Equal(overThreshold.OrderBy(o => o.UpdatedAt).Select(o => o.SourceId), overThreshold.Select(o => o.SourceId));

        var (defaults, untouched) = await ReadThroughAsync(threshold: null, changedSince: null);
        Assert.Equal(index.Count, defaults.Count);
        Assert.DoesNotContain(untouched.Bodies, b => b.Contains(BulkRun, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_order_with_many_line_items_comes_whole_out_of_the_bulk_export()
    {
        await emulator.LoadOnlyAsync(Ct, ManyLinesOrder(lines: 180));
        var (rest, _, _) = await ReadBothAsync();
        var (bulk, recorder) = await ReadThroughAsync(threshold: 0, changedSince: null);

        Assert.Equal(180, Assert.Single(bulk).Lines.Count);
        AssertSame(rest, bulk);
        Assert.DoesNotContain(recorder.Bodies, b => b.Contains("query StoreBooksOrderLines(", StringComparison.Ordinal) || b.Contains(PagedOrders, StringComparison.Ordinal));
    }

    private async Task<(List<StoreOrder> Orders, GraphQLRecorder Recorder)> ReadThroughAsync(int? threshold, DateTimeOffset? changedSince)
    {
        await emulator.AdminAsync("limits/reset", "{}", Ct);
        var recorder = new GraphQLRecorder();
        var options = new ShopifySourceOptions { Shop = ShopifyEmulatorFixture.Shop, AccessToken = "demo-token", BaseUrl = emulator.BaseUrl };
        if (threshold is { } t)
        {
            options = options with { BulkThreshold = t };
        }

        var source = new ShopifySource(options, new HttpClient(recorder), new ShopifyRateLimits(emulator.Clock));
        var orders = await ShopifyFixtureRoundTripTests.ReadAllAsync(source.ReadOrdersAsync(changedSince, Ct));
        return (orders, recorder);
    }
}
