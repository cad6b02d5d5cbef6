using StoreBooks.Sync.Sales;
using Xunit;

namespace StoreBooks.Sync.Tests.Runs;

/// <summary>A run's tally counts every order but keeps a bounded list of outcomes: all that need attention, the first others.</summary>
public sealed class RunTallyTests
{
    [Fact]
    public void Every_order_is_counted_and_every_one_needing_attention_is_kept_however_long_the_run()
    {
        var tally = new RunTally();
        for (var i = 0; i < 50_000; i++)
        {
            tally.Add(new OrderOutcome($"o{i}", i % 10_000 == 9_999 ? OrderResult.Failed : OrderResult.Posted) { RefundsPosted = i % 2, PaymentPosted = i % 5 == 0 });
        }

        var counts = tally.Counts();
        Assert.Equal((49_995, 5, 25_000, 10_000), (counts["orders.posted"], counts["orders.failed"], counts["refunds.posted"], counts["payments.posted"]));
        Assert.Equal((50_000, 50_000, true), (tally.Orders, tally.Done, tally.NeedsAttention));
        Assert.Equal(RunTally.KeptOutcomes + 5, tally.Outcomes.Count);
        Assert.Equal(5, tally.Outcomes.Count(o => o.Result == OrderResult.Failed));
    }
}
