using StoreBooks.Core.Model;
using StoreBooks.Emulators.Qbo.Traffic;
using StoreBooks.QuickBooks;
using StoreBooks.QuickBooks.Common;
using StoreBooks.QuickBooks.Customers;
using StoreBooks.Sync.Sales;
using StoreBooks.Sync.Tests.Sales;
using Xunit;
using static StoreBooks.Sync.Tests.Adversarial.AdversarialChecks;
using static StoreBooks.Sync.Tests.Sales.OrderBuilder;

namespace StoreBooks.Sync.Tests.Adversarial;

/// <summary>
/// Black-box attacks on QuickBooks batching when QuickBooks misbehaves: a refused item among 29 good ones, replies lost after
/// QuickBooks committed, 429s with Retry-After and 500s on the batch endpoint, a run that dies with a batch in flight, an order
/// edited while its batch was unanswered, and runs that end exactly on (or just past) the 30-item boundary.
/// Expectation everywhere: every order ends in QuickBooks once, never twice.
/// </summary>
public sealed class BatchFaultAdversarialTests
{
    [Fact]
    public async Task One_document_refused_inside_a_full_batch_of_thirty_fails_alone_and_posts_once_after_the_fix()
    {
        var orders = NewSales(30, 30, from: 5200);
        await using var scenario = await StartAsync(orders);
        // The merchant typed a counter sale by hand under number 5217: QuickBooks will refuse order #5217's receipt (6140).
        var theirs = await DocumentTests.CreateReceiptAsync(scenario, "5217", "Counter sale, market stall");
        var refusedOrder = orders[17];

        var first = await RunAsync(scenario);

        Assert.True(Count(first, "qbo.batches") > 0, "no batch was sent");
        Assert.Equal(OrderResult.Failed, Outcome(first, refusedOrder).Result);
        var issue = await scenario.IssueAsync(refusedOrder);
        Assert.Contains("order #5217", issue.Message, StringComparison.Ordinal);
        Assert.Contains(theirs, issue.Message, StringComparison.Ordinal);
        AssertAllPosted(first, orders.Where(o => o != refusedOrder));
        Assert.Single(await scenario.IssuesAsync());
        await AssertEachOnceAsync(scenario, orders.Where(o => o != refusedOrder));

        // The fix: the merchant deletes the hand-typed receipt; a retry posts #5217, once, and leaves the 29 alone.
        var typed = await scenario.Qbo.SalesReceipts.GetAsync(theirs, SalesScenario.Token);
        await scenario.Qbo.SalesReceipts.DeleteAsync(theirs, typed.SyncToken!, QboRequestOptions.NewRequestId(), SalesScenario.Token);
        var retried = await RunAsync(scenario, retryFailed: true);

        Assert.True(Outcome(retried, refusedOrder).Result == OrderResult.Posted, Describe(retried));
        Assert.DoesNotContain(retried.Outcomes, o => o.SourceId != refusedOrder.SourceId && o.Result == OrderResult.Posted);
        Assert.Empty(await scenario.IssuesAsync());
        await AssertEachOnceAsync(scenario, orders);
        Assert.Equal(30, (await scenario.AllAsync(scenario.Qbo.SalesReceipts)).Count);
        await scenario.AssertBooksMatchStoreAsync();
    }

    [Fact]
    public async Task New_buyers_and_their_receipts_whose_batch_replies_are_all_lost_end_in_QuickBooks_once_after_the_next_run()
    {
        // Unlike a run whose buyers exist already, here the lost replies also hide the customers QuickBooks created.
        var orders = NewSales(36, 12, from: 5300);
        await using var scenario = await StartAsync(orders);
        var traffic = scenario.Harness.Emulator.Qbo.Traffic;
        traffic.SetFaults(scenario.Harness.RealmId, new QboFaultSettings { DropNext = 1000, Resource = "batch" });

        var lost = await RunAsync(scenario);
        traffic.SetFaults(scenario.Harness.RealmId, new QboFaultSettings());

        Assert.True(traffic.GetCounters(scenario.Harness.RealmId).DroppedResponses > 0, "no batch reply was dropped");
        Assert.DoesNotContain(lost.Outcomes, o => o.Result == OrderResult.Failed);

        var next = await RunAsync(scenario);

        Assert.Null(next.Run.Error);
        await AssertEachOnceAsync(scenario, orders);
        Assert.Equal(36, (await scenario.AllAsync(scenario.Qbo.SalesReceipts)).Count);
        var customers = await scenario.AllAsync(scenario.Qbo.Customers);
        Assert.True(customers.Count == 12, $"{customers.Count} customers for 12 buyers: " + string.Join(", ", customers.Select(c => c.DisplayName)));
        Assert.Empty(await OpenBatchesAsync(scenario));
        await scenario.AssertBooksMatchStoreAsync();
    }

    [Fact]
    public async Task An_order_edited_in_the_store_while_its_batch_was_unanswered_ends_as_one_document_with_the_new_figures()
    {
        var buyer = Buyer("cust-ed", "Priya", "Natarajan", "priya.n@example.org");
        var orders = Enumerable.Range(0, 8).Select(i => Sale(5400 + i, buyer, i, 1, 18.50m)).ToArray();
        await using var scenario = await StartAsync(orders);
        await scenario.RunCleanAsync(); // Priya exists: what is lost below is only the batch of documents.
        var later = Enumerable.Range(0, 8).Select(i => Sale(5410 + i, buyer, 60 + i, 2, 18.50m)).ToArray();
        Array.ForEach(later, scenario.Store.Put);
        var traffic = scenario.Harness.Emulator.Qbo.Traffic;
        traffic.SetFaults(scenario.Harness.RealmId, new QboFaultSettings { DropNext = 1000, Resource = "batch" });
        await RunAsync(scenario);
        traffic.SetFaults(scenario.Harness.RealmId, new QboFaultSettings());
        Assert.NotEmpty(await OpenBatchesAsync(scenario));

        // Meanwhile the buyer adds a third tee to order #5413 (the store raises it: 3 x 18.50 plus GST).
        var edited = Order("5413").By(buyer).Line("TEE-ORG-M", "Organic Cotton Tee - M", 3, 18.50m, 0, Rate.Gst)
            .At(DefaultTime.AddMinutes(63), DefaultTime.AddHours(5)).Build();
        scenario.Store.Put(edited);

        var next = await RunAsync(scenario);

        Assert.Null(next.Run.Error);
        await AssertEachOnceAsync(scenario, [.. orders, .. later]);
        var receipt = await scenario.ReceiptAsync(edited);
        Assert.True(receipt.TotalAmt == edited.Totals.Total, $"order #5413 is {receipt.TotalAmt} in QuickBooks, {edited.Totals.Total} in the store");
        Assert.Equal(16, (await scenario.AllAsync(scenario.Qbo.SalesReceipts)).Count);
        Assert.Empty(await OpenBatchesAsync(scenario));
        await scenario.AssertBooksMatchStoreAsync();
    }

    [Fact]
    public async Task Repeated_429s_with_Retry_After_on_the_batch_endpoint_do_not_stop_the_run_and_nothing_is_written_twice()
    {
        var orders = NewSales(45, 45, from: 5500);
        await using var scenario = await StartAsync(orders);
        var traffic = scenario.Harness.Emulator.Qbo.Traffic;
        traffic.SetFaults(scenario.Harness.RealmId, new QboFaultSettings { ThrottleNext = 8, ThrottleRetryAfterSeconds = 1, Resource = "batch" });

        var summary = await RunAsync(scenario);
        traffic.SetFaults(scenario.Harness.RealmId, new QboFaultSettings());

        Assert.True(traffic.GetCounters(scenario.Harness.RealmId).InjectedThrottles > 0, "no 429 was given");
        Assert.Null(summary.Run.Error);
        // A spent batch budget is what single requests are for: the orders still go in this run.
        AssertAllPosted(summary, orders);
        await AssertEachOnceAsync(scenario, orders);
        Assert.Equal(45, (await scenario.AllAsync(scenario.Qbo.Customers)).Count);
        Assert.Empty(await OpenBatchesAsync(scenario));

        var again = await RunAsync(scenario);
        Assert.DoesNotContain(again.Outcomes, o => o.Result == OrderResult.Posted);
        Assert.Equal(45, (await scenario.AllAsync(scenario.Qbo.SalesReceipts)).Count);
    }

    [Fact]
    public async Task Orders_left_over_by_429s_on_the_batch_endpoint_are_finished_once_by_the_next_run()
    {
        // Whatever the first run does with a throttled batch endpoint, two runs must leave every order in QuickBooks once.
        var orders = NewSales(45, 45, from: 5550);
        await using var scenario = await StartAsync(orders);
        var traffic = scenario.Harness.Emulator.Qbo.Traffic;
        traffic.SetFaults(scenario.Harness.RealmId, new QboFaultSettings { ThrottleNext = 8, ThrottleRetryAfterSeconds = 1, Resource = "batch" });

        var first = await RunAsync(scenario);
        traffic.SetFaults(scenario.Harness.RealmId, new QboFaultSettings());

        Assert.True(!first.Outcomes.Any(o => o.Result == OrderResult.Failed), Describe(first));
        var second = await RunAsync(scenario);

        Assert.Null(second.Run.Error);
        await AssertEachOnceAsync(scenario, orders);
        Assert.Equal(45, (await scenario.AllAsync(scenario.Qbo.SalesReceipts)).Count);
        Assert.Equal(45, (await scenario.AllAsync(scenario.Qbo.Customers)).Count);
        Assert.Empty(await OpenBatchesAsync(scenario));
        await scenario.AssertBooksMatchStoreAsync();
    }

    [Fact]
    public async Task Five_hundreds_on_about_every_other_batch_call_leave_every_order_in_QuickBooks_once()
    {
        var orders = NewSales(75, 25, from: 5600);
        await using var scenario = await StartAsync(orders);
        var traffic = scenario.Harness.Emulator.Qbo.Traffic;
        traffic.SetFaults(scenario.Harness.RealmId, new QboFaultSettings { FailRate = 0.5, FailStatus = 500, Seed = 20260302, Resource = "batch" });

        var first = await RunAsync(scenario);
        traffic.SetFaults(scenario.Harness.RealmId, new QboFaultSettings());

        Assert.True(traffic.GetCounters(scenario.Harness.RealmId).InjectedFailures > 0, "no 500 was given");
        // A 500 is QuickBooks' trouble, not the order's: nothing is refused for it.
        Assert.True(!first.Outcomes.Any(o => o.Result == OrderResult.Failed), Describe(first));
        Assert.Empty(await scenario.IssuesAsync());

        var second = await RunAsync(scenario);

        Assert.Null(second.Run.Error);
        await AssertEachOnceAsync(scenario, orders);
        Assert.Equal(75, (await scenario.AllAsync(scenario.Qbo.SalesReceipts)).Count);
        Assert.Equal(25, (await scenario.AllAsync(scenario.Qbo.Customers)).Count);
        Assert.Empty(await OpenBatchesAsync(scenario));
        await scenario.AssertBooksMatchStoreAsync();
    }

    [Fact]
    public async Task A_run_that_dies_with_a_batch_in_flight_is_finished_by_the_next_run_with_nothing_twice()
    {
        var orders = NewSales(40, 8, from: 5700);
        await using var scenario = await StartAsync(orders);
        var traffic = scenario.Harness.Emulator.Qbo.Traffic;
        var realm = scenario.Harness.RealmId;
        var batchesBefore = traffic.GetCounters(realm).BatchRequests;
        traffic.SetFaults(realm, new QboFaultSettings { LatencyMs = 400 });

        // The process stops (here: its run is cancelled) while a batch request is on the wire.
        using var death = CancellationTokenSource.CreateLinkedTokenSource(SalesScenario.Token);
        var running = RunAsync(scenario, cancellationToken: death.Token);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (traffic.GetCounters(realm).BatchRequests == batchesBefore && DateTime.UtcNow < deadline && !running.IsCompleted)
        {
            await Task.Delay(5, SalesScenario.Token);
        }

        Assert.True(traffic.GetCounters(realm).BatchRequests > batchesBefore, "no batch was sent before the run ended");
        await Task.Delay(100, SalesScenario.Token);
        await death.CancelAsync();
        try
        {
            await running;
        }
        catch (OperationCanceledException)
        {
        }

        traffic.SetFaults(realm, new QboFaultSettings());
        await Task.Delay(1000, SalesScenario.Token); // whatever QuickBooks was serving is served

        var next = await RunAsync(scenario);

        Assert.Null(next.Run.Error);
        await AssertEachOnceAsync(scenario, orders);
        Assert.Equal(40, (await scenario.AllAsync(scenario.Qbo.SalesReceipts)).Count);
        Assert.Equal(8, (await scenario.AllAsync(scenario.Qbo.Customers)).Count);
        Assert.Empty(await OpenBatchesAsync(scenario));
        await scenario.AssertBooksMatchStoreAsync();
    }

    [Theory]
    [InlineData(30)]
    [InlineData(31)]
    [InlineData(60)]
    [InlineData(61)]
    public async Task Runs_on_and_just_past_the_thirty_item_boundary_post_every_document_once(int count)
    {
        // One regular buyer QuickBooks already knows (matched by email): the new records are exactly the receipts.
        var regular = Buyer("cust-reg", "Mateo", "Fernández", "mateo.fernandez@example.com");
        var orders = Enumerable.Range(0, count).Select(i => Sale(6000 + i, regular, i, 1 + (i % 4), 9.99m)).ToArray();
        await using var scenario = await StartAsync(orders);
        var known = await scenario.Qbo.Customers.CreateAsync(
            new Customer { DisplayName = "Mateo Fernández", PrimaryEmailAddr = EmailAddress.Of("mateo.fernandez@example.com") }, QboRequestOptions.NewRequestId(), SalesScenario.Token);

        var summary = await RunAsync(scenario);

        Assert.Null(summary.Run.Error);
        AssertAllPosted(summary, orders);
        await AssertEachOnceAsync(scenario, orders);
        var receipts = await scenario.AllAsync(scenario.Qbo.SalesReceipts);
        Assert.Equal(count, receipts.Count);
        Assert.All(receipts, r => Assert.Equal(known.Id, r.CustomerRef?.Value));
        Assert.Single(await scenario.AllAsync(scenario.Qbo.Customers));
        var (batches, batched, singles) = (Count(summary, "qbo.batches"), Count(summary, "qbo.batchedRecords"), Count(summary, "qbo.singleRecords"));
        Assert.True(batched + singles == count, $"{batched} batched + {singles} single records for {count} new receipts");
        Assert.True(batches >= (batched + 29) / 30, $"{batched} records in {batches} batches: more than 30 in one");
        Assert.True(batched >= count - 1, $"only {batched} of {count} receipts went in batches");
        Assert.Empty(await OpenBatchesAsync(scenario));
        await scenario.AssertBooksMatchStoreAsync();
    }
}
