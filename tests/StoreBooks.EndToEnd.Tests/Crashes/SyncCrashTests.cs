using System.Globalization;
using System.Text.Json.Nodes;
using StoreBooks.Core.State;
using StoreBooks.Emulators.Qbo;
using StoreBooks.Emulators.Qbo.Traffic;
using StoreBooks.Testing;
using Xunit;

namespace StoreBooks.EndToEnd.Tests.Crashes;

/// <summary>
/// "Never a duplicate": <c>storebooks sync</c> killed with SIGKILL at random moments while QuickBooks drops replies after
/// committing and answers with 500s and 429s, then a run to the end; QuickBooks holds each order, customer and item once.
/// </summary>
public sealed class SyncCrashTests
{
    private const int Orders = 2_000;
    private const int Customers = 300;
    private const int Skus = 40;
    private const int Kills = 12;

    private static readonly string[] Settings =
    [
        "syncStartDate=2025-01-01", "products.mode=Automatic", "products.createAs=NonInventory",
        "products.incomeAccount=Sales of Product Income", "products.expenseAccount=Cost of Goods Sold",
    ];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_thousand_orders_synced_through_kills_and_faults_are_in_QuickBooks_exactly_once()
    {
        // Some orders are paid three days after they were placed: the export lists them by placement, but they changed later.
        var store = GeneratedStore.Create(Orders, Customers, Skus, seed: 2_000, firstOrder: new DateTimeOffset(2025, 6, 1, 9, 0, 0, TimeSpan.FromHours(-4)), paidLater: 0.03);
        // Custom transaction numbers off: QuickBooks keeps a duplicate DocNumber instead of refusing it (6140), so the requestid
        // is the only guard against a second sales receipt.
        await using var rig = await EndToEndRig.StartAsync(store, Ct, QboCompanySettings.DefaultUs with { CustomTxnNumbers = false });
        await rig.ConnectAsync(Ct, Settings);
        rig.SetFaults(new QboFaultSettings { DropRate = 0.05, FailRate = 0.025, ThrottleRate = 0.025, Seed = 17 });

        // Kill the sync after a random number of QuickBooks calls (reads, writes, retries: wherever it is), again and again.
        var random = new Random(41);
        var kills = 0;
        var leftPending = new HashSet<Guid>();
        var runs = 0;
        while (kills < Kills)
        {
            runs++;
            var before = rig.Requests;
            // New records go out 30 to a batch: a whole sync is a couple of hundred calls, so kills come within a few dozen.
            var after = random.Next(6, 28);
            using var sync = rig.Program.Start("sync", "--connection", EndToEndRig.ConnectionName);
            while (!sync.HasExited && rig.Requests - before < after)
            {
                await Task.Delay(1, Ct);
            }

            if (!await sync.KillAsync())
            {
                Assert.Fail($"The sync ended before its kill number {kills + 1}: the test must kill it at least {Kills} times while it works.\n{sync.Result()}");
            }

            kills++;
            leftPending.UnionWith((await PendingAsync(rig)).Select(l => l.Id));
        }

        // Faults stay on: a run that meets them may leave orders for the next run; one must end with everything synced.
        var finishing = new List<ProgramResult>();
        while (finishing.Count == 0 || (finishing[^1].ExitCode != 0 && finishing.Count < 3))
        {
            finishing.Add(await rig.Program.RunAsync(TimeSpan.FromMinutes(4), Ct, "sync", "--connection", EndToEndRig.ConnectionName));
        }

        Assert.True(finishing[^1].ExitCode == 0, string.Join("\n\n", finishing));
        var counters = rig.Counters;
        rig.SetFaults(new QboFaultSettings());

        Assert.True(leftPending.Count > 0, "No kill left a write between its reservation and its answer: the kills did not test the crash window.");
        Assert.True(counters.DroppedResponses > 0 && counters.InjectedFailures > 0 && counters.InjectedThrottles > 0, $"The faults did not all fire: {counters}");

        using var ledger = rig.Ledger();
        await AssertEachOrderOnceAsync(rig, store, ledger);
        await AssertEachCustomerOnceAsync(rig, store, ledger);
        await AssertEachItemOnceAsync(rig, store, ledger);

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{kills} kills in {runs} killed runs, {leftPending.Count} links left Pending by them; {finishing.Count} finishing run(s). " +
            $"QuickBooks: {counters.Requests} calls, {counters.DroppedResponses} replies dropped after commit, {counters.InjectedFailures} 500s, " +
            $"{counters.InjectedThrottles} injected 429s, {counters.Throttled} limit 429s.");
    }

    private static async Task AssertEachOrderOnceAsync(EndToEndRig rig, GeneratedStore store, Qbo.QboLedger ledger)
    {
        var receipts = await ledger.AllAsync("SalesReceipt", Ct);
        Assert.Equal(Orders, receipts.Count);
        var byNumber = receipts.GroupBy(r => (string?)r["DocNumber"]).ToDictionary(g => g.Key ?? "", g => g.ToList());
        Assert.Empty(byNumber.Where(g => g.Value.Count > 1).Select(g => g.Key));
        foreach (var order in store.Orders)
        {
            var receipt = Assert.Single(byNumber[order.Number.ToString(CultureInfo.InvariantCulture)]);
            Assert.Contains($"[StoreBooks csv order {order.Id}]", (string?)receipt["PrivateNote"], StringComparison.Ordinal);
            Assert.Equal(order.Total, (decimal)receipt["TotalAmt"]!);
        }

        var markers = receipts.Select(r => (string)r["PrivateNote"]!).Select(n => n[..(n.IndexOf(']', StringComparison.Ordinal) + 1)]);
        Assert.Equal(Orders, markers.Distinct(StringComparer.Ordinal).Count());

        var links = await rig.LinksAsync(LinkKind.Sale, Ct);
        Assert.Equal(Orders, links.Count);
        Assert.All(links, l => Assert.Equal(LinkState.Done, l.State));
        Assert.Equal(receipts.Select(Id).Order(StringComparer.Ordinal), links.Select(l => l.QboId!).Order(StringComparer.Ordinal));
    }

    private static async Task AssertEachCustomerOnceAsync(EndToEndRig rig, GeneratedStore store, Qbo.QboLedger ledger)
    {
        var buyers = store.Orders.Select(o => o.Customer).Distinct().ToList();
        var ours = await ledger.AllAsync("Customer", Ct);
        Assert.Equal(buyers.Count, ours.Count);
        Assert.Equal(
            buyers.Select(b => b.DisplayName).Order(StringComparer.Ordinal),
            ours.Select(c => (string)c["DisplayName"]!).Order(StringComparer.Ordinal));
        Assert.Equal(
            buyers.Select(b => b.Email).Order(StringComparer.Ordinal),
            ours.Select(c => (string)c["PrimaryEmailAddr"]!["Address"]!).Order(StringComparer.Ordinal));

        var links = await rig.LinksAsync(LinkKind.Customer, Ct);
        Assert.Equal(buyers.Count, links.Count);
        Assert.All(links, l => Assert.Equal(LinkState.Done, l.State));
        Assert.Equal(ours.Select(Id).Order(StringComparer.Ordinal), links.Select(l => l.QboId!).Order(StringComparer.Ordinal));
    }

    private static async Task AssertEachItemOnceAsync(EndToEndRig rig, GeneratedStore store, Qbo.QboLedger ledger)
    {
        var sold = store.Orders.SelectMany(o => o.Lines).Select(l => l.Product.Sku).Distinct().ToList();
        var items = (await ledger.AllAsync("Item", Ct)).Where(i => ((string?)i["Sku"])?.StartsWith("GEN-", StringComparison.Ordinal) == true).ToList();
        Assert.Equal(sold.Order(StringComparer.Ordinal), items.Select(i => (string)i["Sku"]!).Order(StringComparer.Ordinal));

        var links = await rig.LinksAsync(LinkKind.Item, Ct);
        Assert.Equal(sold.Count, links.Count);
        Assert.All(links, l => Assert.Equal(LinkState.Done, l.State));
        Assert.Equal(items.Select(Id).Order(StringComparer.Ordinal), links.Select(l => l.QboId!).Order(StringComparer.Ordinal));

        var methods = await ledger.AllAsync("PaymentMethod", Ct);
        Assert.Single(methods, m => (string?)m["Name"] == "Shopify Payments");
    }

    private static async Task<IReadOnlyList<Link>> PendingAsync(EndToEndRig rig)
    {
        var pending = new List<Link>();
        foreach (var kind in new[] { LinkKind.Sale, LinkKind.Customer, LinkKind.Item })
        {
            pending.AddRange((await rig.LinksAsync(kind, Ct)).Where(l => l.State == LinkState.Pending));
        }

        return pending;
    }

    private static string Id(JsonObject record) => (string)record["Id"]!;
}
