using StoreBooks.Core.Model;
using StoreBooks.Core.State;
using StoreBooks.Sync.Sales;
using StoreBooks.Sync.Tests.Sales;
using Xunit;
using static StoreBooks.Sync.Tests.Sales.OrderBuilder;

namespace StoreBooks.Sync.Tests.Runs;

/// <summary>
/// Runs given a slice: over a store that lists orders oldest change first, each stops after its slice with the cursor at the last
/// change it read, and the runs after it post the rest, orders changed or placed between slices included, each once; over a store
/// that lists them otherwise (a CSV export), the run goes to the end whatever the slice.
/// </summary>
public sealed class SlicedRunTests
{
    private static readonly SyncSlice Slice = new(25, TimeSpan.FromHours(1));

    [Fact]
    public async Task Slices_of_a_store_listed_by_change_post_every_order_once_with_those_changed_or_placed_between_slices()
    {
        var orders = Enumerable.Range(1, 60).Select(Numbered).ToArray();
        await using var scenario = await SalesScenario.StartAsync(SalesScenario.Canada(), SalesScenario.Settings(SalesScenario.CanadianSales()), orders);
        scenario.Store.OrdersInChangeOrder = true;
        // Pages larger than the slice: the slice still ends at its size, the rest of the page read again by the next run.
        scenario.Store.PageSize = 40;

        var summaries = new List<SyncSummary> { await RunAsync(scenario) };
        Assert.True(summaries[0].MoreToDo);
        Assert.Equal(25, summaries[0].Count(OrderResult.Posted));
        Assert.Equal(orders[24].UpdatedAt, await scenario.Harness.State.Cursors.GetAsync(scenario.Harness.Connection.Id, SyncRunner.OrdersStream, SalesScenario.Token));

        // Between slices the merchant edits an order the first slice posted, and a new order comes in.
        var edited = Order("9001").Line("TEE-1", "Organic Tee", 3, 20.00m, 0, Rate.Gst).At(orders[0].CreatedAt, DefaultTime.AddDays(10)).Build();
        var placed = Order("9100").Line("MUG-1", "Mug", 1, 12.00m, 0, Rate.Gst).At(DefaultTime.AddDays(10).AddHours(1)).Build();
        scenario.Store.Put(edited);
        scenario.Store.Put(placed);
        while (summaries[^1].MoreToDo)
        {
            Assert.True(summaries.Count < 10, "the slices did not end");
            summaries.Add(await RunAsync(scenario));
        }

        Assert.All(summaries, s => Assert.InRange(s.Count(OrderResult.Posted) + s.Count(OrderResult.Updated), 0, Slice.Orders));
        Assert.All(summaries, s => Assert.Null(s.Run.Error));
        Assert.Equal(61, summaries.Sum(s => s.Count(OrderResult.Posted)));
        Assert.Equal(1, summaries.Sum(s => s.Count(OrderResult.Updated)));
        var receipts = await scenario.AllAsync(scenario.Qbo.SalesReceipts);
        Assert.Equal(61, receipts.Count);
        Assert.Equal(61, receipts.Select(r => r.DocNumber).Distinct().Count());
        Assert.Equal("1", (await scenario.ReceiptAsync(edited)).SyncToken);
        foreach (var order in scenario.Store.All)
        {
            Assert.Equal(LinkState.Done, (await scenario.LinkAsync(LinkKind.Sale, order.SourceId))?.State);
        }

        await scenario.AssertBooksMatchStoreAsync();
    }

    [Fact]
    public async Task A_store_not_listed_by_change_is_read_to_the_end_whatever_the_slice()
    {
        var orders = Enumerable.Range(1, 40).Select(Numbered).ToArray();
        await using var scenario = await SalesScenario.StartAsync(SalesScenario.Canada(), SalesScenario.Settings(SalesScenario.CanadianSales()), orders);
        scenario.Store.PageSize = 10;

        var summary = await RunAsync(scenario);

        Assert.False(summary.MoreToDo);
        Assert.Equal(40, summary.Count(OrderResult.Posted));
        Assert.Equal(orders[^1].UpdatedAt, await scenario.Harness.State.Cursors.GetAsync(scenario.Harness.Connection.Id, SyncRunner.OrdersStream, SalesScenario.Token));
    }

    private static StoreOrder Numbered(int i) =>
        Order($"{9000 + i}").Line("TEE-1", "Organic Tee", 1 + (i % 3), 20.00m, 0, Rate.Gst).At(DefaultTime.AddHours(i)).Build();

    private static async Task<SyncSummary> RunAsync(SalesScenario scenario)
    {
        var runner = new SyncRunner(await scenario.Harness.ContextAsync(), scenario.Store) { Parallelism = 4, Slice = Slice };
        return await runner.RunAsync("test", cancellationToken: SalesScenario.Token);
    }
}
