using StoreBooks.Core.Model;
using Xunit;

namespace StoreBooks.Csv.Tests.Orders;

/// <summary>
/// The orders export read oldest placed first for a sliced sync, a window at a time: every order once, in placing order (then by
/// id), from a placing time on, however small the window and the pages; the same orders the export gives in its own order.
/// </summary>
public sealed class PlacingOrderCsvTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static CsvSourceOptions Demo(int window) => new()
    {
        ProductsPath = RepositoryFiles.Path("demo/products.csv"),
        OrdersPath = RepositoryFiles.Path("demo/orders.csv"),
        PageSize = 3,
        PlacingWindow = window,
    };

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(10_000)]
    public async Task Every_order_comes_once_oldest_placed_first_whatever_the_window(int window)
    {
        var source = new CsvSource(Demo(window));
        var inFileOrder = await AllAsync(source.ReadOrdersAsync(null, Ct));

        var placed = await AllAsync(source.ReadOrdersByPlacingAsync(null, null, Ct));

        Assert.True(inFileOrder.Count > 20, $"the demo export has {inFileOrder.Count} orders");
        Assert.Equal(inFileOrder.Select(o => o.SourceId).Order(StringComparer.Ordinal), placed.Select(o => o.SourceId).Order(StringComparer.Ordinal));
        Assert.Equal(
            inFileOrder.OrderBy(o => o.CreatedAt).ThenBy(o => o.SourceId, StringComparer.Ordinal).Select(o => o.SourceId),
            placed.Select(o => o.SourceId));
    }

    [Fact]
    public async Task From_a_placing_time_on_only_the_orders_placed_then_or_later_come_and_a_change_filter_still_holds()
    {
        var source = new CsvSource(Demo(5));
        var all = (await AllAsync(source.ReadOrdersAsync(null, Ct))).OrderBy(o => o.CreatedAt).ToList();
        var from = all[all.Count / 2].CreatedAt;
        var changedSince = all[all.Count / 3].UpdatedAt;

        var placed = await AllAsync(source.ReadOrdersByPlacingAsync(changedSince, from, Ct));

        var expected = (await AllAsync(source.ReadOrdersAsync(changedSince, Ct))).Where(o => o.CreatedAt >= from)
            .OrderBy(o => o.CreatedAt).ThenBy(o => o.SourceId, StringComparer.Ordinal).Select(o => o.SourceId).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, placed.Select(o => o.SourceId));
    }

    private static async Task<List<StoreOrder>> AllAsync(IAsyncEnumerable<Core.Sources.SourcePage<StoreOrder>> pages)
    {
        var orders = new List<StoreOrder>();
        await foreach (var page in pages)
        {
            orders.AddRange(page.Records);
        }

        return orders;
    }
}
