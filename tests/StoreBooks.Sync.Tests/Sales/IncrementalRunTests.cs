using StoreBooks.Core.Sales;
using StoreBooks.Core.State;
using StoreBooks.Emulators.Qbo.Traffic;
using StoreBooks.QuickBooks;
using StoreBooks.QuickBooks.Common;
using StoreBooks.QuickBooks.Deposits;
using StoreBooks.Sync.Sales;
using Xunit;
using static StoreBooks.Sync.Tests.Sales.OrderBuilder;

namespace StoreBooks.Sync.Tests.Sales;

/// <summary>
/// Runs after the first: the cursor (moved only once orders are recorded, read again less an overlap), a rerun that writes
/// nothing, an order changed after posting (its document updated with its SyncToken), and one QuickBooks will not let change
/// because it was deposited (reported, its refunds still posted).
/// </summary>
public sealed class IncrementalRunTests
{
    [Fact]
    public async Task A_second_run_over_the_same_orders_writes_nothing()
    {
        var a = Order("8001").Line("TEE-1", "Organic Tee", 2, 20.00m, 2.00m, Rate.Quebec).Shipping(5.00m, 0, Rate.Quebec).Refund("r1", DefaultTime.AddDays(1), [(1, 1m, true)]).Build();
        var b = Order("8002").By(Customers.Bob).Line("MUG-1", "Mug", 1, 12.00m, 0, Rate.Gst).Build();
        await using var scenario = await SalesScenario.StartAsync(SalesScenario.Canada(), SalesScenario.Settings(SalesScenario.CanadianSales()), a, b);
        await scenario.RunCleanAsync();
        var receipt = await scenario.ReceiptAsync(a);
        var refund = await scenario.RefundReceiptAsync(a, "r1");
        var writes = new List<string>();
        scenario.Harness.Emulator.Qbo.Companies.Changed += change => { lock (writes) { writes.Add(change.ToString()); } };

        // The overlap makes the second run read both orders again (their change is within 10 minutes of the cursor).
        var second = await scenario.RunCleanAsync();

        Assert.All(second.Outcomes, o => Assert.Equal(OrderResult.Unchanged, o.Result));
        Assert.Equal(0, second.Run.Counts["refunds.posted"]);
        Assert.Equal(receipt.SyncToken, (await scenario.ReceiptAsync(a)).SyncToken);
        Assert.Equal(refund.SyncToken, (await scenario.RefundReceiptAsync(a, "r1")).SyncToken);
        Assert.Equal(2, (await scenario.AllAsync(scenario.Qbo.SalesReceipts)).Count);
        Assert.Equal(a.UpdatedAt - TimeSpan.FromMinutes(10), scenario.Store.Reads[1]);
        Assert.Empty(writes);
    }

    [Fact]
    public async Task An_order_changed_after_posting_updates_its_document_in_place()
    {
        var order = Order("8003").Line("TEE-1", "Organic Tee", 1, 20.00m, 0, Rate.HstOn).Shipping(5.00m, 0, Rate.HstOn).Build();
        await using var scenario = await SalesScenario.StartAsync(SalesScenario.Canada(), SalesScenario.Settings(SalesScenario.CanadianSales()), order);
        await scenario.RunCleanAsync();
        var before = await scenario.ReceiptAsync(order);

        // The merchant adds a second tee and a mug to the order in the store.
        var changed = Order("8003").Line("TEE-1", "Organic Tee", 2, 20.00m, 0, Rate.HstOn).Line("MUG-1", "Mug", 1, 12.00m, 0, Rate.HstOn)
            .Shipping(5.00m, 0, Rate.HstOn).UpdatedAt(DefaultTime.AddDays(1)).Build();
        scenario.Store.Put(changed);
        var summary = await scenario.RunCleanAsync();

        Assert.Equal(OrderResult.Updated, summary.Outcomes.Single().Result);
        var after = await scenario.ReceiptAsync(changed);
        Assert.Equal(before.Id, after.Id);
        Assert.Equal("1", after.SyncToken);
        Assert.Equal("8003", after.DocNumber);
        Assert.Equal(changed.Totals.Total, after.TotalAmt);
        Assert.Equal(changed.Totals.Tax, after.TxnTaxDetail!.TotalTax);
        Assert.Single(await scenario.AllAsync(scenario.Qbo.SalesReceipts));
    }

    [Fact]
    public async Task A_posted_order_keeps_its_kind_of_document_when_the_settings_change()
    {
        var first = Order("8006").Line("TEE-1", "Organic Tee", 1, 20.00m, 0, Rate.Gst).Build();
        await using var scenario = await SalesScenario.StartAsync(SalesScenario.Canada(), SalesScenario.Settings(SalesScenario.CanadianSales()), first);
        await scenario.RunCleanAsync();
        var receipt = await scenario.ReceiptAsync(first);

        // The merchant switches to invoices, then edits the posted order; a new order comes in.
        await scenario.Harness.SetSettingsAsync(SalesScenario.Settings(SalesScenario.CanadianSales(new SalesSettings { Document = SaleDocumentKind.Invoice })));
        var edited = Order("8006").Line("TEE-1", "Organic Tee", 2, 20.00m, 0, Rate.Gst).UpdatedAt(DefaultTime.AddDays(1)).Build();
        var next = Order("8007").Line("TEE-1", "Organic Tee", 1, 20.00m, 0, Rate.Gst).At(DefaultTime.AddDays(1)).Build();
        scenario.Store.Put(edited);
        scenario.Store.Put(next);
        var summary = await scenario.RunCleanAsync();

        Assert.Equal(OrderResult.Updated, DocumentTests.Outcome(summary, edited).Result);
        var updated = await scenario.ReceiptAsync(edited);
        Assert.Equal((receipt.Id, "1", 42.00m), (updated.Id, updated.SyncToken, updated.TotalAmt));
        var invoice = Assert.Single(await scenario.AllAsync(scenario.Qbo.Invoices));
        Assert.Equal(invoice.Id, (await scenario.InvoiceAsync(next)).Id);
    }

    [Fact]
    public async Task A_deposited_receipt_whose_order_changes_is_reported_and_its_refund_still_posts()
    {
        var order = Order("8004").Line("TEE-1", "Organic Tee", 2, 20.00m, 0, Rate.Gst).Build();
        await using var scenario = await SalesScenario.StartAsync(SalesScenario.Canada(), SalesScenario.Settings(SalesScenario.CanadianSales()), order);
        await scenario.RunCleanAsync();
        var receipt = await scenario.ReceiptAsync(order);
        await scenario.Qbo.Deposits.CreateAsync(new Deposit
        {
            DepositToAccountRef = Ref.To(await scenario.AccountIdAsync("Checking")),
            Line = [new Line { Amount = receipt.TotalAmt, LinkedTxn = [LinkedTxn.To("SalesReceipt", receipt.Id!) with { TxnLineId = "0" }] }],
        }, QboRequestOptions.NewRequestId(), SalesScenario.Token);

        // In the store, the merchant adds a note to the order and refunds one tee.
        var changed = Order("8004").Line("TEE-1", "Organic Tee", 2, 20.00m, 0, Rate.Gst).Note("Gift for Mom")
            .Refund("r1", DefaultTime.AddDays(2), [(1, 1m, false)]).Build();
        scenario.Store.Put(changed);
        var summary = await scenario.RunAsync();

        var outcome = summary.Outcomes.Single();
        Assert.Equal(OrderResult.Failed, outcome.Result);
        var issue = await scenario.IssueAsync(order);
        Assert.Equal($"order #8004: The store changed this after its sales receipt (QuickBooks id {receipt.Id}) was deposited in QuickBooks, so StoreBooks cannot update it. " +
            "Remove it from the deposit in QuickBooks and StoreBooks updates it on the next run, or edit it by hand.", issue.Message);
        Assert.Equal(receipt.SyncToken, (await scenario.ReceiptAsync(order)).SyncToken);
        Assert.Equal(LinkState.Done, (await scenario.LinkAsync(LinkKind.Sale, order.SourceId))!.State);
        Assert.Equal(21.00m, (await scenario.RefundReceiptAsync(changed, "r1")).TotalAmt);
        Assert.Equal(1, outcome.RefundsPosted);
    }

    [Fact]
    public async Task The_cursor_does_not_move_while_QuickBooks_cannot_be_reached()
    {
        var order = Order("8005").Line("TEE-1", "Organic Tee", 1, 20.00m).Build();
        await using var scenario = await SalesScenario.StartAsync(SalesScenario.Canada(), SalesScenario.Settings(SalesScenario.CanadianSales()), order);
        var traffic = scenario.Harness.Emulator.Qbo.Traffic;
        traffic.SetFaults(scenario.Harness.RealmId, new QboFaultSettings { FailNext = 1000, FailStatus = 503 });

        var down = await scenario.RunAsync();

        Assert.Equal(RunOutcome.Failed, down.Run.Outcome);
        Assert.NotNull(down.Run.Error);
        Assert.Null(await scenario.Harness.State.Cursors.GetAsync(scenario.Harness.Connection.Id, SyncRunner.OrdersStream, SalesScenario.Token));

        traffic.SetFaults(scenario.Harness.RealmId, new QboFaultSettings());
        await scenario.RunCleanAsync();
        Assert.Equal(20.00m, (await scenario.ReceiptAsync(order)).TotalAmt);
        Assert.Equal(order.UpdatedAt, await scenario.Harness.State.Cursors.GetAsync(scenario.Harness.Connection.Id, SyncRunner.OrdersStream, SalesScenario.Token));
    }

    [Fact]
    public async Task An_order_QuickBooks_could_not_take_is_not_lost_when_later_orders_move_the_cursor_past_it()
    {
        // Three orders an hour apart, read one per page. QuickBooks fails while the second is posted, then recovers.
        var first = Order("8010").Line("TEE-1", "Organic Tee", 1, 20.00m).Build();
        var second = Order("8011").By(Customers.Bob).Line("TEE-1", "Organic Tee", 1, 21.00m).At(DefaultTime.AddHours(1)).Build();
        var third = Order("8012").Line("TEE-1", "Organic Tee", 1, 22.00m).At(DefaultTime.AddHours(2)).Build();
        await using var scenario = await SalesScenario.StartAsync(SalesScenario.Canada(), SalesScenario.Settings(SalesScenario.CanadianSales()), first, second, third);
        var source = new MemorySource(first, second, third) { PageSize = 1 };
        var traffic = scenario.Harness.Emulator.Qbo.Traffic;
        var realm = scenario.Harness.RealmId;
        var progress = new Synchronous<SyncProgress>(p =>
            traffic.SetFaults(realm, p.OrdersRead == 1 ? new QboFaultSettings { FailNext = 1000, FailStatus = 503 } : new QboFaultSettings()));

        // One order a page as posted too (the runner would join pages read ahead): the faults switch between pages.
        var summary = await new SyncRunner(await scenario.Harness.ContextAsync(), source) { LargestPage = 1 }.RunAsync("test", progress: progress, cancellationToken: SalesScenario.Token);

        Assert.Equal(OrderResult.Deferred, DocumentTests.Outcome(summary, second).Result);
        Assert.Equal(OrderResult.Posted, DocumentTests.Outcome(summary, third).Result);
        // The cursor moves past the order QuickBooks could not take: its waiting link brings it back by id, whatever the cursor.
        Assert.Equal(third.UpdatedAt, await scenario.Harness.State.Cursors.GetAsync(scenario.Harness.Connection.Id, SyncRunner.OrdersStream, SalesScenario.Token));

        var next = await new SyncRunner(await scenario.Harness.ContextAsync(), source).RunAsync("test", cancellationToken: SalesScenario.Token);

        Assert.Equal(OrderResult.Posted, DocumentTests.Outcome(next, second).Result);
        Assert.Equal(21.00m, (await scenario.ReceiptAsync(second)).TotalAmt);
        Assert.Equal(3, (await scenario.AllAsync(scenario.Qbo.SalesReceipts)).Count);
    }

    /// <summary>Reports progress on the runner's own thread, so a test can act between pages.</summary>
    private sealed class Synchronous<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
