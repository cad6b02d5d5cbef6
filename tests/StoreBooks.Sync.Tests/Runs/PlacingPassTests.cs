using System.Runtime.CompilerServices;
using StoreBooks.Core.Model;
using StoreBooks.Core.Sources;
using StoreBooks.Core.State;
using StoreBooks.Sync.Sales;
using StoreBooks.Sync.Tests.Sales;
using Xunit;
using static StoreBooks.Sync.Tests.Sales.OrderBuilder;

namespace StoreBooks.Sync.Tests.Runs;

/// <summary>
/// Sliced runs over a store that cannot list orders by their change but can by their placing (WooCommerce): a pass goes oldest
/// placed first across runs, keeping its position beside the cursor; the cursor stays where the pass began until the pass reads
/// the end, then moves no later than the pass's start (less the safety window), so an order placed before the position and
/// changed during the pass is read by the next pass. What a slice could not tie to any order holds the cursor for the whole pass.
/// </summary>
public sealed class PlacingPassTests
{
    private static readonly SyncSlice Slice = new(25, TimeSpan.FromHours(1));

    [Fact]
    public async Task A_pass_in_placing_order_posts_every_order_once_and_the_next_pass_reads_what_changed_during_it()
    {
        // Placed an hour apart, changed in the reverse order: a change time says nothing of where an order is in the pass.
        var orders = Enumerable.Range(1, 60).Select(i => Numbered(i, DefaultTime.AddDays(5).AddHours(-i))).ToArray();
        await using var scenario = await SalesScenario.StartAsync(SalesScenario.Canada(), SalesScenario.Settings(SalesScenario.CanadianSales()), orders);
        scenario.Store.PageSize = 40;
        var source = new PlacingSource(scenario.Store);
        var began = DateTimeOffset.UtcNow;

        var summaries = new List<SyncSummary> { await RunAsync(scenario, source) };
        Assert.True(summaries[0].MoreToDo);
        Assert.Equal(25, summaries[0].Count(OrderResult.Posted));
        Assert.Null(await CursorAsync(scenario, SyncRunner.OrdersStream));
        Assert.Equal(orders[24].CreatedAt, await CursorAsync(scenario, "orders.pass.placed"));

        // During the pass the merchant edits the first order placed (posted by the first slice), and a new order is placed.
        var edited = Order("9001").Line("TEE-1", "Organic Tee", 5, 20.00m, 0, Rate.Gst).At(orders[0].CreatedAt, DateTimeOffset.UtcNow).Build();
        var placed = Order("9100").Line("MUG-1", "Mug", 1, 12.00m, 0, Rate.Gst).At(DateTimeOffset.UtcNow).Build();
        scenario.Store.Put(edited);
        scenario.Store.Put(placed);
        while (summaries[^1].MoreToDo)
        {
            Assert.True(summaries.Count < 10, "the slices did not end");
            summaries.Add(await RunAsync(scenario, source));
        }

        // The pass read the end: the cursor moved, but not past the pass's start (less the safety window), and the pass is forgotten.
        var cursor = await CursorAsync(scenario, SyncRunner.OrdersStream);
        Assert.NotNull(cursor);
        Assert.True(cursor <= began, $"the cursor {cursor:O} moved past the pass's start {began:O}");
        Assert.Null(await CursorAsync(scenario, "orders.pass.placed"));
        Assert.Equal(61, summaries.Sum(s => s.Count(OrderResult.Posted)));
        Assert.Equal(0, summaries.Sum(s => s.Count(OrderResult.Updated)));

        // The next pass reads the edit the first could not see any more.
        summaries.Add(await RunAsync(scenario, source));
        Assert.False(summaries[^1].MoreToDo);
        Assert.Equal(1, summaries[^1].Count(OrderResult.Updated));
        Assert.Equal(0, summaries[^1].Count(OrderResult.Posted));

        Assert.All(summaries, s => Assert.Null(s.Run.Error));
        Assert.All(summaries, s => Assert.InRange(s.Count(OrderResult.Posted) + s.Count(OrderResult.Updated), 0, Slice.Orders));
        var receipts = await scenario.AllAsync(scenario.Qbo.SalesReceipts);
        Assert.Equal(61, receipts.Count);
        Assert.Equal(61, receipts.Select(r => r.DocNumber).Distinct().Count());
        await scenario.AssertBooksMatchStoreAsync();
    }

    [Fact]
    public async Task A_record_tied_to_no_order_in_one_slice_holds_the_cursor_when_the_pass_ends()
    {
        var orders = Enumerable.Range(1, 40).Select(i => Numbered(i, DefaultTime.AddDays(3).AddHours(i))).ToArray();
        await using var scenario = await SalesScenario.StartAsync(SalesScenario.Canada(), SalesScenario.Settings(SalesScenario.CanadianSales()), orders);
        var source = new PlacingSource(scenario.Store);
        scenario.Store.AddStray("orders.csv line 7", "a row broken before its id");

        var first = await RunAsync(scenario, source);
        Assert.True(first.MoreToDo);
        scenario.Store.ClearStrays();
        var second = await RunAsync(scenario, source);

        // The pass saw a record it could not tie to an order: it ends with the cursor where it was, so the next pass reads it all again.
        Assert.False(second.MoreToDo);
        Assert.Equal(40, first.Count(OrderResult.Posted) + second.Count(OrderResult.Posted));
        Assert.Null(await CursorAsync(scenario, SyncRunner.OrdersStream));
        Assert.Null(await CursorAsync(scenario, "orders.pass.held"));

        // Read again without it, the cursor moves; nothing is posted twice.
        var third = await RunAsync(scenario, source);
        Assert.Equal(0, third.Count(OrderResult.Posted));
        Assert.NotNull(await CursorAsync(scenario, SyncRunner.OrdersStream));
        Assert.Equal(40, (await scenario.AllAsync(scenario.Qbo.SalesReceipts)).Count);
    }

    private static StoreOrder Numbered(int i, DateTimeOffset changed) =>
        Order($"{9000 + i}").Line("TEE-1", "Organic Tee", 1 + (i % 3), 20.00m, 0, Rate.Gst).At(DefaultTime.AddHours(i), changed).Build();

    private static Task<DateTimeOffset?> CursorAsync(SalesScenario scenario, string stream) =>
        scenario.Harness.State.Cursors.GetAsync(scenario.Harness.Connection.Id, stream, SalesScenario.Token);

    private static async Task<SyncSummary> RunAsync(SalesScenario scenario, IStoreSource source)
    {
        var runner = new SyncRunner(await scenario.Harness.ContextAsync(), source) { Parallelism = 4, Slice = Slice };
        return await runner.RunAsync("test", cancellationToken: SalesScenario.Token);
    }

    /// <summary>
    /// The memory store read as a WooCommerce site is in a sliced run: changed orders oldest placed first, from a placing time on,
    /// the records it cannot tie to an order on the first page.
    /// </summary>
    private sealed class PlacingSource(MemorySource inner) : IStoreSource, IPlacedOrderSource
    {
        public string Kind => inner.Kind;

        public IAsyncEnumerable<SourcePage<StoreProduct>> ReadProductsAsync(DateTimeOffset? changedSince, CancellationToken cancellationToken) =>
            inner.ReadProductsAsync(changedSince, cancellationToken);

        public IAsyncEnumerable<SourcePage<StoreOrder>> ReadOrdersAsync(DateTimeOffset? changedSince, CancellationToken cancellationToken) =>
            inner.ReadOrdersAsync(changedSince, cancellationToken);

        public IAsyncEnumerable<SourcePage<StoreOrder>> GetOrdersAsync(IReadOnlyCollection<string> sourceIds, CancellationToken cancellationToken) =>
            inner.GetOrdersAsync(sourceIds, cancellationToken);

        public async IAsyncEnumerable<SourcePage<StoreOrder>> ReadOrdersByPlacingAsync(DateTimeOffset? changedSince, DateTimeOffset? placedFrom, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            var records = new List<StoreOrder>();
            var problems = new List<SourceProblem>();
            await foreach (var page in inner.ReadOrdersAsync(changedSince, cancellationToken))
            {
                records.AddRange(page.Records.Where(o => placedFrom is null || o.CreatedAt >= placedFrom));
                problems.AddRange(page.Problems);
            }

            var placed = records.OrderBy(o => o.CreatedAt).ThenBy(o => o.SourceId, StringComparer.Ordinal).Chunk(inner.PageSize).ToList();
            for (var i = 0; i < Math.Max(1, placed.Count); i++)
            {
                yield return new SourcePage<StoreOrder>(i < placed.Count ? placed[i] : [], i == 0 ? problems : []);
            }
        }
    }
}
