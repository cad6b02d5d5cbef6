using System.Globalization;
using System.Text.Json.Nodes;
using StoreBooks.Core.State;
using StoreBooks.Emulators.Qbo;
using StoreBooks.Emulators.Stores.Demo;
using StoreBooks.Testing;
using Xunit;

namespace StoreBooks.EndToEnd.Tests.Crashes;

/// <summary>
/// "Never a duplicate" for payouts: <c>storebooks sync</c> of a Shopify shop with payouts on, killed with SIGKILL while it makes
/// the payouts' deposits, then run to the end: every paid payout is one deposit, equal to the payout's amount, and none twice.
/// </summary>
public sealed class PayoutCrashTests
{
    private const int Kills = 3;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Payout_deposits_made_by_syncs_killed_while_they_deposit_are_in_QuickBooks_once_each()
    {
        var store = GeneratedStore.Create(1, 1, 1, seed: 1, firstOrder: DateTimeOffset.UtcNow.AddDays(-30));
        await using var rig = await EndToEndRig.StartAsync(store, Ct, QboCompanySettings.DefaultUs with { CustomTxnNumbers = false },
            new Emulators.Shopify.ShopifyEmulatorOptions
            {
                DemoData = false,
                GeneratedOrders = 120,
                RestBucketSize = 100_000,
                RestLeakPerSecond = 100_000,
                GraphQLMaximumAvailable = 1_000_000,
                GraphQLRestoreRate = 1_000_000,
            });
        await rig.ConnectShopifyAsync(Ct, "syncStartDate=2000-01-01", "products.mode=Automatic", "products.incomeAccount=Sales of Product Income",
            "payouts.enabled=true", "payouts.bankAccount=Checking", "payouts.feesAccount=Bank Charges", "payouts.adjustmentsAccount=Uncategorized Expense");

        var random = new Random(11);
        for (var kill = 0; kill < Kills; kill++)
        {
            var before = rig.Created("Deposit");
            var after = random.Next(1, 6);
            using var sync = rig.Program.Start("sync", "--connection", EndToEndRig.ConnectionName);
            while (!sync.HasExited && rig.Created("Deposit") - before < after)
            {
                await Task.Delay(1, Ct);
            }

            if (!await sync.KillAsync())
            {
                Assert.Fail($"The sync ended before kill {kill + 1}: the test must kill it while it deposits.\n{sync.Result()}");
            }
        }

        var finished = await rig.Program.RunAsync(TimeSpan.FromMinutes(4), Ct, "sync", "--connection", EndToEndRig.ConnectionName);
        Assert.True(finished.ExitCode == 0, finished.ToString());

        using var ledger = rig.Ledger();
        var deposits = await ledger.AllAsync("Deposit", Ct);
        var links = await rig.LinksAsync(LinkKind.Payout, Ct);
        var done = links.Where(l => l.State == LinkState.Done).ToList();
        Assert.True(done.Count > 50, $"{done.Count} payouts deposited");
        Assert.DoesNotContain(links, l => l.State is LinkState.Pending or LinkState.Waiting or LinkState.Failed);
        Assert.Equal(done.Count, deposits.Count);
        Assert.Equal(done.Count, rig.Created("Deposit"));
        Assert.Equal(done.Select(l => l.QboId!).Order(StringComparer.Ordinal), deposits.Select(d => (string)d["Id"]!).Order(StringComparer.Ordinal));
        Assert.Equal(done.Select(l => $"[StoreBooks payout {l.SourceId}]").Order(StringComparer.Ordinal),
            deposits.Select(d => ((string)d["PrivateNote"]!).Split(' ')[..3]).Select(p => string.Join(' ', p)).Order(StringComparer.Ordinal));
        foreach (var link in done)
        {
            var deposit = deposits.Single(d => (string)d["Id"]! == link.QboId);
            var amount = JsonNode.Parse(link.CreatedWith!)!["amount"]!.GetValue<decimal>();
            Assert.Equal(amount, decimal.Parse(deposit["TotalAmt"]!.ToString(), CultureInfo.InvariantCulture));
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"{Kills} kills; {done.Count} payouts, {deposits.Count} deposits totalling {deposits.Sum(d => decimal.Parse(d["TotalAmt"]!.ToString(), CultureInfo.InvariantCulture)):0.00}");
    }
}
