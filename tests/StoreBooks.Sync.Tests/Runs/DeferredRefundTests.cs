using StoreBooks.Core.State;
using StoreBooks.Emulators.Qbo.Traffic;
using StoreBooks.Sync.Sales;
using StoreBooks.Sync.Tests.Sales;
using Xunit;
using static StoreBooks.Sync.Tests.Sales.OrderBuilder;

namespace StoreBooks.Sync.Tests.Runs;

/// <summary>
/// Work that QuickBooks could not take after an order's sale was posted (its refund) has no link of its own yet to bring it
/// back: the cursor stops short of the order, so the next run reads it again and finishes it.
/// </summary>
public sealed class DeferredRefundTests
{
    [Fact]
    public async Task A_refund_QuickBooks_could_not_take_is_posted_by_the_next_run_though_later_orders_were_read()
    {
        var refunded = Order("9101").Line("TEE-1", "Organic Tee", 2, 20.00m, 0, Rate.Gst)
            .Refund("r1", DefaultTime.AddDays(1), [(1, 1m, true)])
            .Build();
        var later = Order("9102").Line("TEE-1", "Organic Tee", 1, 20.00m, 0, Rate.Gst).At(DefaultTime.AddDays(10)).Build();
        await using var scenario = await SalesScenario.StartAsync(SalesScenario.Canada(), SalesScenario.Settings(SalesScenario.CanadianSales()), refunded, later);
        var traffic = scenario.Harness.Emulator.Qbo.Traffic;

        // One resource failing is a single request's failure: records go one by one here (a failed batch is BatchingTests').
        traffic.SetFaults(scenario.Harness.RealmId, new QboFaultSettings { FailRate = 1, Resource = "refundreceipt" });
        var first = await scenario.RunAsync(batching: false);
        Assert.Equal(OrderResult.Deferred, DocumentTests.Outcome(first, refunded).Result);
        Assert.Equal(OrderResult.Posted, DocumentTests.Outcome(first, later).Result);
        Assert.Equal(LinkState.Done, (await scenario.LinkAsync(LinkKind.Sale, refunded.SourceId))?.State);
        Assert.Empty(await scenario.AllAsync(scenario.Qbo.RefundReceipts));
        var cursor = await scenario.Harness.State.Cursors.GetAsync(scenario.Harness.Connection.Id, SyncRunner.OrdersStream, TestContext.Current.CancellationToken);
        Assert.True(cursor <= refunded.UpdatedAt, $"the cursor moved to {cursor}, past the deferred order ({refunded.UpdatedAt})");

        traffic.SetFaults(scenario.Harness.RealmId, new QboFaultSettings());
        var second = await scenario.RunCleanAsync();

        Assert.Equal(1, second.Run.Counts["refunds.posted"]);
        Assert.Single(await scenario.AllAsync(scenario.Qbo.RefundReceipts));
        Assert.Equal(2, (await scenario.AllAsync(scenario.Qbo.SalesReceipts)).Count);
    }
}
