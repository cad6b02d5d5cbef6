using StoreBooks.Core.Model;
using StoreBooks.Core.State;
using StoreBooks.Emulators.Qbo.Traffic;
using StoreBooks.Sync.Sales;
using StoreBooks.Sync.Tests.Sales;
using Xunit;
using static StoreBooks.Sync.Tests.Sales.OrderBuilder;

namespace StoreBooks.Sync.Tests.Runs;

/// <summary>
/// New records go out in QuickBooks batch requests: fewer requests, the same books, and exactly once when a batch's reply is lost
/// or it never arrives (its journal entry sends it again, under the same requestid, before the next run writes anything).
/// </summary>
public sealed class BatchingTests
{
    private static StoreOrder[] Orders(int count, int buyers, int from = 8000) =>
        [.. Enumerable.Range(from, count).Select(n => Order(n.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .By(new StoreCustomer { SourceId = $"c{n % buyers}", Email = $"buyer{n % buyers}@example.com", FirstName = "Buyer", LastName = $"No {n % buyers}" })
            .Line("TEE-1", "Organic Tee", 1 + (n % 3), 20.00m, 0, Rate.Gst)
            .At(DefaultTime.AddMinutes(n - 8000))
            .Build())];

    private static Task<SyncSummary> RunBatchedAsync(SalesScenario scenario) => BatchedRunner(scenario).ContinueWith(t => t.Result.RunAsync("test", cancellationToken: SalesScenario.Token)).Unwrap();

    private static async Task<SyncRunner> BatchedRunner(SalesScenario scenario) => new(await scenario.Harness.ContextAsync(), scenario.Store);

    [Fact]
    public async Task Forty_orders_of_ten_new_buyers_post_once_each_in_far_fewer_requests_than_one_per_record()
    {
        var orders = Orders(40, 10);
        await using var scenario = await SalesScenario.StartAsync(SalesScenario.Canada(), SalesScenario.Settings(SalesScenario.CanadianSales()), orders);
        var before = scenario.Harness.Emulator.Qbo.Traffic.GetCounters(scenario.Harness.RealmId);

        var summary = await RunBatchedAsync(scenario);

        Assert.Null(summary.Run.Error);
        Assert.All(orders, o => Assert.Equal(OrderResult.Posted, DocumentTests.Outcome(summary, o).Result));
        await scenario.AssertBooksMatchStoreAsync();
        Assert.Equal(40, (await scenario.AllAsync(scenario.Qbo.SalesReceipts)).Count);
        Assert.Equal(10, (await scenario.AllAsync(scenario.Qbo.Customers)).Count(c => c.DisplayName?.StartsWith("Buyer No", StringComparison.Ordinal) == true));
        var after = scenario.Harness.Emulator.Qbo.Traffic.GetCounters(scenario.Harness.RealmId);
        Assert.True(after.BatchRequests - before.BatchRequests >= 2, $"{after.BatchRequests - before.BatchRequests} batch requests");
        Assert.Equal(50, summary.Run.Counts["qbo.batchedRecords"] + Singles(summary));

        // 40 receipts and 10 customers: one request each would be 50 writes, plus the lookups.
        Assert.True(after.Requests - before.Requests < 40, $"{after.Requests - before.Requests} requests for 40 orders");
        Assert.Empty(await scenario.Harness.State.Batches.ListOpenAsync(scenario.Harness.Connection.Id, SalesScenario.Token));
    }

    [Fact]
    public async Task Batches_whose_replies_are_lost_are_sent_again_by_the_next_run_and_every_record_is_written_once()
    {
        // The buyers are in QuickBooks already (a first run): what is lost is the batches of documents.
        var first = Orders(6, 6);
        var orders = Orders(24, 6, from: 8100);
        await using var scenario = await SalesScenario.StartAsync(SalesScenario.Canada(), SalesScenario.Settings(SalesScenario.CanadianSales()), first);
        await RunBatchedAsync(scenario);
        Array.ForEach(orders, scenario.Store.Put);
        var traffic = scenario.Harness.Emulator.Qbo.Traffic;

        // QuickBooks writes every batch, and every reply (the client's retries included) is lost.
        traffic.SetFaults(scenario.Harness.RealmId, new QboFaultSettings { DropNext = 1000, Resource = "batch" });
        var lost = await RunBatchedAsync(scenario);
        traffic.SetFaults(scenario.Harness.RealmId, new QboFaultSettings());

        Assert.All(orders, o => Assert.Equal(OrderResult.Deferred, DocumentTests.Outcome(lost, o).Result));
        Assert.True(traffic.GetCounters(scenario.Harness.RealmId).DroppedResponses > 0);
        var open = await scenario.Harness.State.Batches.ListOpenAsync(scenario.Harness.Connection.Id, SalesScenario.Token);
        Assert.NotEmpty(open);

        var next = await RunBatchedAsync(scenario);

        Assert.Null(next.Run.Error);
        Assert.Equal(open.Count, next.Run.Counts["qbo.batchesReplayed"]);
        Assert.All(orders, o => Assert.Equal(LinkState.Done, scenario.LinkAsync(LinkKind.Sale, o.SourceId).Result!.State));
        await scenario.AssertBooksMatchStoreAsync();
        Assert.Equal(30, (await scenario.AllAsync(scenario.Qbo.SalesReceipts)).Count);
        Assert.Equal(6, (await scenario.AllAsync(scenario.Qbo.Customers)).Count(c => c.DisplayName?.StartsWith("Buyer No", StringComparison.Ordinal) == true));
        Assert.Empty(await scenario.Harness.State.Batches.ListOpenAsync(scenario.Harness.Connection.Id, SalesScenario.Token));
    }

    [Fact]
    public async Task Batches_that_never_arrived_are_sent_by_the_next_run_and_every_record_is_written_once()
    {
        var orders = Orders(12, 4);
        await using var scenario = await SalesScenario.StartAsync(SalesScenario.Canada(), SalesScenario.Settings(SalesScenario.CanadianSales()), orders);
        var traffic = scenario.Harness.Emulator.Qbo.Traffic;
        traffic.SetFaults(scenario.Harness.RealmId, new QboFaultSettings { FailNext = 1000, FailStatus = 503, Resource = "batch" });
        var failed = await RunBatchedAsync(scenario);
        traffic.SetFaults(scenario.Harness.RealmId, new QboFaultSettings());

        Assert.DoesNotContain(failed.Outcomes, o => o.Result == OrderResult.Posted);
        Assert.Empty(await scenario.AllAsync(scenario.Qbo.SalesReceipts));

        var next = await RunBatchedAsync(scenario);

        Assert.Null(next.Run.Error);
        Assert.True(next.Run.Counts["qbo.batchesReplayed"] > 0);
        await scenario.AssertBooksMatchStoreAsync();
        Assert.Equal(12, (await scenario.AllAsync(scenario.Qbo.SalesReceipts)).Count);
        Assert.Equal(4, (await scenario.AllAsync(scenario.Qbo.Customers)).Count(c => c.DisplayName?.StartsWith("Buyer No", StringComparison.Ordinal) == true));
    }

    [Fact]
    public async Task A_document_QuickBooks_refuses_inside_a_batch_fails_alone_and_the_rest_of_the_batch_stands()
    {
        var orders = Orders(20, 5);
        await using var scenario = await SalesScenario.StartAsync(SalesScenario.Canada(), SalesScenario.Settings(SalesScenario.CanadianSales()), orders);
        var theirs = await DocumentTests.CreateReceiptAsync(scenario, "8007", "Counter sale typed in by hand");

        var summary = await RunBatchedAsync(scenario);

        Assert.True(summary.Run.Counts["qbo.batches"] > 0);
        var refused = DocumentTests.Outcome(summary, orders[7]);
        Assert.Equal(OrderResult.Failed, refused.Result);
        Assert.StartsWith($"order #8007: QuickBooks already has a document numbered 8007 (id {theirs}) that StoreBooks did not make", (await scenario.IssueAsync(orders[7])).Message, StringComparison.Ordinal);
        Assert.All(orders.Where(o => o != orders[7]), o => Assert.Equal(OrderResult.Posted, DocumentTests.Outcome(summary, o).Result));
        Assert.Equal(20, (await scenario.AllAsync(scenario.Qbo.SalesReceipts)).Count);
    }

    [Fact]
    public async Task When_the_batch_budget_is_spent_records_go_out_one_by_one_meanwhile()
    {
        var orders = Orders(30, 30);
        await using var scenario = await SalesScenario.StartAsync(SalesScenario.Canada(), SalesScenario.Settings(SalesScenario.CanadianSales()), orders);
        var context = await scenario.Harness.ContextAsync();

        // Spend the company's batch budget for the minute: every new record must still go, on its own.
        var limits = context.Qbo.Options.Limits;
        while (limits.BatchAvailable(context.Qbo.RealmId))
        {
            (await limits.AcquireAsync(context.Qbo.RealmId, SalesScenario.Token, batch: true)).Dispose();
        }

        var summary = await new SyncRunner(context, scenario.Store).RunAsync("test", cancellationToken: SalesScenario.Token);

        Assert.Null(summary.Run.Error);
        Assert.All(orders, o => Assert.Equal(OrderResult.Posted, DocumentTests.Outcome(summary, o).Result));
        Assert.True(Singles(summary) > 0);
        await scenario.AssertBooksMatchStoreAsync();
    }

    private static int Singles(SyncSummary summary) => summary.Run.Counts.GetValueOrDefault("qbo.singleRecords");

    [Fact]
    public async Task A_store_that_pages_in_fives_still_fills_batches_as_its_pages_are_read_ahead_and_joined()
    {
        var orders = Orders(90, 3);
        await using var scenario = await SalesScenario.StartAsync(SalesScenario.Canada(), SalesScenario.Settings(SalesScenario.CanadianSales()), orders);
        var source = new MemorySource(orders) { PageSize = 5 };

        var summary = await new SyncRunner(await scenario.Harness.ContextAsync(), source).RunAsync("test", cancellationToken: SalesScenario.Token);

        Assert.All(orders, o => Assert.Equal(OrderResult.Posted, DocumentTests.Outcome(summary, o).Result));
        var (batches, batched) = (summary.Run.Counts["qbo.batches"], summary.Run.Counts["qbo.batchedRecords"]);
        // Posted page by page, the 18 pages of five would take a batch each at least.
        Assert.True(batches <= 9 && batched >= 90, $"{batched} records in {batches} batches: the pages of five were not joined");
        await scenario.AssertBooksMatchStoreAsync();
        Assert.Equal(90, (await scenario.AllAsync(scenario.Qbo.SalesReceipts)).Count);
    }
}
