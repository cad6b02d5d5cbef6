using StoreBooks.Emulators.Qbo;
using StoreBooks.Testing;
using Xunit;

namespace StoreBooks.WooCommerce.Tests.Connect;

/// <summary>A WooCommerce connection synced by <c>storebooks sync</c>: the emulator is both the site (its demo data) and the QuickBooks company.</summary>
public sealed class WooCommerceSyncTests
{
    [Fact]
    public async Task Sync_reads_every_order_of_the_site_through_the_saved_connection_and_posts_sales()
    {
        await using var rig = await StoreSyncRig.StartAsync(StoreSyncRig.WooCommerce, QboCompanySettings.DefaultUs);

        var status = await rig.SyncAsync(TestContext.Current.CancellationToken);

        // Every order of the site went through the sync (posted, waiting, skipped, failed for QuickBooks reasons, or not yet
        // due); none was a record the source could not read, and sales reached QuickBooks.
        var counts = status["runs"]![0]!["counts"]!.AsObject();
        var orders = counts.Where(c => c.Key.StartsWith("orders.", StringComparison.Ordinal)).Sum(c => c.Value!.GetValue<int>());
        Assert.Equal(rig.Emulator.WooCommerce.Store.OrderCount, orders);
        Assert.Equal(0, counts["sourceProblems"]!.GetValue<int>());
        Assert.True(counts["orders.posted"]!.GetValue<int>() > 0, status.ToJsonString());
        Assert.DoesNotContain("WooCommerce", string.Join('\n', status["issues"]!.AsArray().Select(i => i!["message"]!.GetValue<string>())), StringComparison.Ordinal);
    }
}
