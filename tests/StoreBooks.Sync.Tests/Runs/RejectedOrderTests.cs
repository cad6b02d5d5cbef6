using StoreBooks.Core.State;
using StoreBooks.Sync.Sales;
using StoreBooks.Sync.Tests.Sales;
using Xunit;
using static StoreBooks.Sync.Tests.Sales.OrderBuilder;

namespace StoreBooks.Sync.Tests.Runs;

/// <summary>
/// An order the store could not hand over (a broken row, a date a spreadsheet rewrote) is recorded and read again, by id, on
/// every run, however far the cursor moved, until it posts or the merchant dismisses it; a dismissed order can be taken back.
/// A problem the store cannot tie to any order holds the cursor where it was until the file is fixed or the problem dismissed.
/// </summary>
public sealed class RejectedOrderTests
{
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_order_the_store_cannot_read_is_read_again_each_run_and_posts_once_fixed()
    {
        var good = Order("3000").Line("TEE-1", "Organic Tee", 1, 20.00m, 0, Rate.Gst).Build();
        var broken = Order("3001").Line("TEE-1", "Organic Tee", 2, 20.00m, 0, Rate.Gst).Build();
        await using var scenario = await SalesScenario.StartAsync(SalesScenario.Canada(), SalesScenario.Settings(SalesScenario.CanadianSales()), good, broken);
        scenario.Store.Break(broken, "orders.csv line 3: the order date \"13/45/2026\" is not a date.");

        var first = await scenario.RunAsync();

        Assert.Equal(RunOutcome.NeedsAttention, first.Run.Outcome);
        Assert.Equal(OrderResult.Posted, DocumentTests.Outcome(first, good).Result);
        var link = await scenario.LinkAsync(LinkKind.Sale, broken.SourceId);
        Assert.Equal(LinkState.Failed, link!.State);
        Assert.Equal("order #3001", link.Reference);
        var issue = Assert.Single(await scenario.IssuesAsync());
        Assert.Equal(broken.SourceId, issue.SourceId);
        Assert.Contains("13/45/2026", issue.Message, StringComparison.Ordinal);

        // Still broken: read again by id (the cursor has moved past it), still not posted, still one issue.
        var second = await scenario.RunAsync();
        Assert.Contains(broken.SourceId, scenario.Store.ReadById);
        Assert.Single(await scenario.IssuesAsync());
        Assert.Single(await scenario.AllAsync(scenario.Qbo.SalesReceipts));
        Assert.NotNull(scenario.Store.Reads[^1]);

        // The merchant fixes the row; the store's time of the order does not change (a file has none), yet the order posts.
        scenario.Store.Mend(broken);
        var third = await scenario.RunAsync();

        Assert.Equal(OrderResult.Posted, DocumentTests.Outcome(third, broken).Result);
        Assert.Equal(RunOutcome.Succeeded, third.Run.Outcome);
        Assert.Empty(await scenario.IssuesAsync());
        Assert.Equal(broken.Totals.Total, (await scenario.ReceiptAsync(broken)).TotalAmt);
        Assert.Equal(2, (await scenario.AllAsync(scenario.Qbo.SalesReceipts)).Count);

        // Posted: never read by id again, never posted twice.
        var before = scenario.Store.ReadById.Count;
        await scenario.RunAsync();
        Assert.Equal(before, scenario.Store.ReadById.Count);
        Assert.Equal(2, (await scenario.AllAsync(scenario.Qbo.SalesReceipts)).Count);
    }

    [Fact]
    public async Task A_dismissed_order_is_not_read_again_until_the_merchant_takes_it_back()
    {
        var broken = Order("3101").Line("TEE-1", "Organic Tee", 1, 20.00m, 0, Rate.Gst).Build();
        var badTotal = Order("3102").Line("TEE-1", "Organic Tee", 1, 20.00m, 0, Rate.Gst).Build();
        badTotal = badTotal with { Totals = badTotal.Totals with { Total = 99.00m } };
        await using var scenario = await SalesScenario.StartAsync(SalesScenario.Canada(), SalesScenario.Settings(SalesScenario.CanadianSales()), broken, badTotal);
        scenario.Store.Break(broken, "orders.csv line 2: the row has 12 fields where the header has 40.");
        await scenario.RunAsync();
        Assert.Equal(2, (await scenario.IssuesAsync()).Count);

        var dismissals = new OrderDismissals(scenario.Harness.State, scenario.Harness.Connection.Id, TimeProvider.System);
        var dismissed = await dismissals.DismissAsync("#3101", Ct);
        Assert.True(dismissed.Found);
        Assert.Equal("Order #3101 dismissed: StoreBooks no longer reads it. storebooks retry \"#3101\" takes it back.", dismissed.Message);
        Assert.True((await dismissals.DismissAsync("order #3102", Ct)).Found);
        Assert.False((await dismissals.DismissAsync("4242", Ct)).Found);
        Assert.Empty(await scenario.IssuesAsync());

        var reads = scenario.Store.ReadById.Count;
        var next = await scenario.RunAsync();
        Assert.Equal(RunOutcome.Succeeded, next.Run.Outcome);
        Assert.Equal(reads, scenario.Store.ReadById.Count);
        Assert.Equal(LinkState.Dismissed, (await scenario.LinkAsync(LinkKind.Sale, broken.SourceId))!.State);
        Assert.Empty(await scenario.IssuesAsync());

        // The merchant fixes 3101 after all and takes it back: it posts. 3102 stays dismissed.
        scenario.Store.Mend(broken);
        Assert.True((await dismissals.TakeBackAsync("3101", Ct)).Found);
        var back = await scenario.RunAsync();
        Assert.Equal(OrderResult.Posted, DocumentTests.Outcome(back, broken).Result);
        Assert.Equal(LinkState.Dismissed, (await scenario.LinkAsync(LinkKind.Sale, badTotal.SourceId))!.State);
        Assert.Single(await scenario.AllAsync(scenario.Qbo.SalesReceipts));

        // A posted order cannot be dismissed: its document is in QuickBooks.
        var posted = await dismissals.DismissAsync("3101", Ct);
        Assert.StartsWith("Order #3101 is already in QuickBooks", posted.Message, StringComparison.Ordinal);
        Assert.Equal(LinkState.Done, (await scenario.LinkAsync(LinkKind.Sale, broken.SourceId))!.State);
    }

    [Fact]
    public async Task A_refused_order_missing_from_one_read_by_id_is_kept_and_posts_when_it_returns()
    {
        var good = Order("3300").At(DefaultTime.AddDays(1)).Line("TEE-1", "Organic Tee", 1, 20.00m, 0, Rate.Gst).Build();
        var order = Order("3301").Line("TEE-1", "Organic Tee", 1, 20.00m, 0, Rate.Gst).Build();
        var badTotal = order with { Totals = order.Totals with { Total = 99.00m } };
        await using var scenario = await SalesScenario.StartAsync(SalesScenario.Canada(), SalesScenario.Settings(SalesScenario.CanadianSales()), good, badTotal);
        await scenario.RunAsync();

        // One run where the store does not hand it over (a newer export without it; a token that no longer sees old orders).
        scenario.Store.Delete(order.SourceId);
        var gap = await scenario.RunAsync();

        Assert.Equal(RunOutcome.Succeeded, gap.Run.Outcome);
        Assert.Equal(LinkState.Failed, (await scenario.LinkAsync(LinkKind.Sale, order.SourceId))!.State);
        Assert.Single(await scenario.IssuesAsync());

        // Back, fixed: it posts.
        scenario.Store.Put(order);
        await scenario.RunAsync();
        Assert.Equal(LinkState.Done, (await scenario.LinkAsync(LinkKind.Sale, order.SourceId))!.State);
        Assert.Empty(await scenario.IssuesAsync());
        Assert.Equal(2, (await scenario.AllAsync(scenario.Qbo.SalesReceipts)).Count);
    }

    [Fact]
    public async Task A_name_that_fits_two_orders_is_refused_and_each_can_be_named_exactly()
    {
        // A store whose order numbers are not its ids: id 1043 is order #1001, and order #1043 has id 1061.
        var first = Order("1001").Line("TEE-1", "Organic Tee", 1, 20.00m, 0, Rate.Gst).Build() with { SourceId = "1043" };
        var second = Order("1043").Line("TEE-1", "Organic Tee", 1, 20.00m, 0, Rate.Gst).Build() with { SourceId = "1061" };
        await using var scenario = await SalesScenario.StartAsync(SalesScenario.Canada(), SalesScenario.Settings(SalesScenario.CanadianSales()), first, second);
        scenario.Store.Break(first, "unreadable");
        scenario.Store.Break(second, "unreadable");
        await scenario.RunAsync();
        var dismissals = new OrderDismissals(scenario.Harness.State, scenario.Harness.Connection.Id, TimeProvider.System);

        var bare = await dismissals.DismissAsync("1043", Ct);
        Assert.False(bare.Found);
        Assert.Equal("\"1043\" fits several orders: order #1001 (id:1043), order #1043 (id:1061). Name the one you mean by its store id, as id:<id>.", bare.Message);
        Assert.Equal(2, (await scenario.IssuesAsync()).Count);

        Assert.True((await dismissals.DismissAsync("#1043", Ct)).Found);
        Assert.Equal(LinkState.Dismissed, (await scenario.LinkAsync(LinkKind.Sale, "1061"))!.State);
        Assert.Equal(LinkState.Failed, (await scenario.LinkAsync(LinkKind.Sale, "1043"))!.State);
        Assert.True((await dismissals.DismissAsync("id:1043", Ct)).Found);
        Assert.Equal(LinkState.Dismissed, (await scenario.LinkAsync(LinkKind.Sale, "1043"))!.State);
    }

    [Fact]
    public async Task A_later_version_of_a_posted_order_that_cannot_be_read_is_reported_holds_nothing_back_and_can_be_dismissed()
    {
        var order = Order("3400").Line("TEE-1", "Organic Tee", 1, 20.00m, 0, Rate.Gst).Build();
        await using var scenario = await SalesScenario.StartAsync(SalesScenario.Canada(), SalesScenario.Settings(SalesScenario.CanadianSales()), order);
        await scenario.RunAsync();

        var edited = order with { UpdatedAt = DefaultTime.AddDays(1) };
        scenario.Store.Put(edited);
        scenario.Store.Break(edited, "its note cannot be read");
        await scenario.RunAsync();
        Assert.Single(await scenario.IssuesAsync());
        Assert.Equal(LinkState.Done, (await scenario.LinkAsync(LinkKind.Sale, order.SourceId))!.State);

        var dismissals = new OrderDismissals(scenario.Harness.State, scenario.Harness.Connection.Id, TimeProvider.System);
        var closed = await dismissals.DismissAsync("#3400", Ct);

        Assert.StartsWith("The issue of order #3400 is closed. Its document stays in QuickBooks", closed.Message, StringComparison.Ordinal);
        Assert.Empty(await scenario.IssuesAsync());
        Assert.Equal(LinkState.Done, (await scenario.LinkAsync(LinkKind.Sale, order.SourceId))!.State);
        Assert.Single(await scenario.AllAsync(scenario.Qbo.SalesReceipts));
    }

    [Fact]
    public async Task Item_issues_a_sync_did_not_raise_stay_open_through_syncs()
    {
        var order = Order("3450").Line("TEE-1", "Organic Tee", 1, 20.00m, 0, Rate.Gst).Build();
        await using var scenario = await SalesScenario.StartAsync(SalesScenario.Canada(), SalesScenario.Settings(SalesScenario.CanadianSales()), order);
        var runs = scenario.Harness.State.Runs;
        var push = await runs.StartAsync(scenario.Harness.Connection.Id, "items push", DateTimeOffset.UtcNow, Ct);
        await runs.RaiseAsync(new SyncIssue
        {
            Id = Guid.NewGuid(),
            ConnectionId = scenario.Harness.Connection.Id,
            RunId = push.Id,
            Kind = LinkKind.Item,
            SourceId = "gid://shopify/ProductVariant/1",
            Reference = "product Camp Mug",
            Message = "Product \"Camp Mug\" has no QuickBooks item.",
            RaisedAt = DateTimeOffset.UtcNow,
        }, Ct);

        await scenario.RunAsync();

        Assert.Single(await scenario.IssuesAsync(), i => i.Kind == LinkKind.Item);
    }

    [Fact]
    public async Task A_problem_tied_to_no_order_holds_the_cursor_until_fixed_or_dismissed()
    {
        var order = Order("3200").Line("TEE-1", "Organic Tee", 1, 20.00m, 0, Rate.Gst).Build();
        await using var scenario = await SalesScenario.StartAsync(SalesScenario.Canada(), SalesScenario.Settings(SalesScenario.CanadianSales()), order);
        scenario.Store.AddStray("orders.csv line 7", "orders.csv line 7: a quote opens and never closes; the rest of the file cannot be read.");

        await scenario.RunAsync();
        await scenario.RunAsync();

        Assert.All(scenario.Store.Reads, Assert.Null);
        Assert.Single(await scenario.AllAsync(scenario.Qbo.SalesReceipts));
        var issue = Assert.Single(await scenario.IssuesAsync());
        Assert.Equal("orders.csv line 7", issue.Reference);

        var dismissals = new OrderDismissals(scenario.Harness.State, scenario.Harness.Connection.Id, TimeProvider.System);
        Assert.True((await dismissals.DismissAsync("orders.csv line 7", Ct)).Found);
        var released = await scenario.RunAsync();
        Assert.Equal(RunOutcome.Succeeded, released.Run.Outcome);
        Assert.Empty(await scenario.IssuesAsync());
        await scenario.RunAsync();
        Assert.NotNull(scenario.Store.Reads[^1]);

        // A newer file breaks differently at the same place: a new problem, reported, holding the cursor again.
        scenario.Store.ClearStrays();
        scenario.Store.AddStray("orders.csv line 7", "orders.csv line 7: the row has 90 fields where the header has 79.");
        var reads = scenario.Store.Reads.Count;
        await scenario.RunAsync();
        await scenario.RunAsync();
        Assert.Single(await scenario.IssuesAsync());
        Assert.Equal(scenario.Store.Reads[reads], scenario.Store.Reads[reads + 1]);
    }
}
