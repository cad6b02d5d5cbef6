using StoreBooks.Core.State;
using StoreBooks.Emulators.Qbo.Traffic;
using StoreBooks.Testing;
using Xunit;

namespace StoreBooks.EndToEnd.Tests.Crashes;

/// <summary><c>storebooks items push</c> of 500 products killed while it creates their items, then run again.</summary>
public sealed class ItemsPushCrashTests
{
    private const int Products = 500;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_kill_while_500_items_are_created_then_a_rerun_leaves_exactly_500_items()
    {
        var store = GeneratedStore.Create(orders: 1, customers: 1, skus: Products, seed: 500, firstOrder: new DateTimeOffset(2025, 6, 1, 9, 0, 0, TimeSpan.FromHours(-4)));
        await using var rig = await EndToEndRig.StartAsync(store, Ct);
        await rig.ConnectAsync(Ct,
            "products.mode=Automatic", "products.createAs=NonInventory", "products.incomeAccount=Sales of Product Income", "products.expenseAccount=Cost of Goods Sold");

        // Replies to 5% of calls are dropped after the item is committed, so some creations are left unanswered as well as killed.
        rig.SetFaults(new QboFaultSettings { LatencyMs = 5, DropRate = 0.05, Seed = 3 });
        var killAt = new Random(11).Next(100, 400);
        using (var push = rig.Program.Start("items", "push", "--connection", EndToEndRig.ConnectionName))
        {
            while (!push.HasExited && rig.Created("Item") < killAt)
            {
                await Task.Delay(1, Ct);
            }

            Assert.True(await push.KillAsync(), $"items push ended before the kill.\n{push.Result()}");
        }

        var createdBeforeRerun = rig.Created("Item");
        Assert.InRange(createdBeforeRerun, killAt, Products - 1);
        var pending = (await rig.LinksAsync(LinkKind.Item, Ct)).Count(l => l.State == LinkState.Pending);
        Assert.True(pending > 0, "The kill left no creation between its link and QuickBooks' answer.");

        var rerun = await rig.Program.RunAsync(TimeSpan.FromMinutes(2), Ct, "items", "push", "--connection", EndToEndRig.ConnectionName);
        Assert.True(rerun.ExitCode == 0, rerun.ToString());
        rig.SetFaults(new QboFaultSettings());

        using var ledger = rig.Ledger();
        var items = (await ledger.AllAsync("Item", Ct)).Where(i => ((string?)i["Sku"])?.StartsWith("GEN-", StringComparison.Ordinal) == true).ToList();
        Assert.Equal(store.Products.Select(p => p.Sku).Order(StringComparer.Ordinal), items.Select(i => (string)i["Sku"]!).Order(StringComparer.Ordinal));
        Assert.Equal(Products, items.Select(i => (string)i["Name"]!).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal(Products, rig.Created("Item"));

        var links = await rig.LinksAsync(LinkKind.Item, Ct);
        Assert.Equal(Products, links.Count);
        Assert.All(links, l => Assert.Equal(LinkState.Done, l.State));
        Assert.Equal(items.Select(i => (string)i["Id"]!).Order(StringComparer.Ordinal), links.Select(l => l.QboId!).Order(StringComparer.Ordinal));
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"Killed after {createdBeforeRerun} of {Products} items were created, {pending} links Pending; the rerun created {Products - createdBeforeRerun}. " +
            $"{rig.Counters.DroppedResponses} replies dropped.");
    }
}
