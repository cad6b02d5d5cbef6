using System.Text.Json.Nodes;
using StoreBooks.Core.State;
using StoreBooks.Emulators.Qbo;
using StoreBooks.Emulators.Qbo.Traffic;
using StoreBooks.Emulators.Stores.Demo;
using StoreBooks.Testing;
using Xunit;

namespace StoreBooks.EndToEnd.Tests.Crashes;

/// <summary>
/// "Never a duplicate" on the real source path: orders read from the Shopify emulator through GraphQL, new records sent to
/// QuickBooks in batches, <c>storebooks sync</c> killed with SIGKILL again and again while QuickBooks drops replies after
/// committing and answers with 500s and 429s; then runs to the end. Every order's document, refund, payment and customer is in
/// QuickBooks once, and every batch left open by a kill was sent again and closed.
/// </summary>
public sealed class ShopifyCrashTests
{
    private const int Orders = 300;
    private const int Kills = 10;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Shopify_orders_read_through_GraphQL_and_posted_in_batches_through_kills_and_faults_are_in_QuickBooks_exactly_once()
    {
        var store = GeneratedStore.Create(1, 1, 1, seed: 1, firstOrder: DateTimeOffset.UtcNow.AddDays(-30));
        // A Shopify Plus shop's GraphQL budget (1,000 points a second): every killed run reads the orders again from the cursor.
        await using var rig = await EndToEndRig.StartAsync(store, Ct, QboCompanySettings.DefaultUs with { CustomTxnNumbers = false },
            new Emulators.Shopify.ShopifyEmulatorOptions { GraphQLRestoreRate = 1000, GraphQLMaximumAvailable = 10_000 });
        var now = rig.Emulator.Shopify.Time.GetUtcNow();
        var generator = OrderPlanGenerator.Between(seed: 7, firstIndex: 0, Orders, now.AddDays(-20), now.AddDays(-1), new GeneratedCatalog(CustomerCount: 80, SkuCount: 30));
        rig.Emulator.Shopify.AddGeneratedOrders(generator);
        await rig.ConnectShopifyAsync(Ct, "syncStartDate=2000-01-01", "products.mode=Automatic", "products.incomeAccount=Sales of Product Income");
        rig.SetFaults(new QboFaultSettings { DropRate = 0.05, FailRate = 0.025, ThrottleRate = 0.025, Seed = 23 });

        var random = new Random(43);
        var kills = 0;
        var openBatchesSeen = 0;
        while (kills < Kills)
        {
            var before = rig.Requests;
            var after = random.Next(3, 16);
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
            openBatchesSeen = Math.Max(openBatchesSeen, await OpenBatchesAsync(rig));
        }

        var finishing = new List<ProgramResult>();
        while (finishing.Count == 0 || (finishing[^1].ExitCode != 0 && finishing.Count < 4))
        {
            finishing.Add(await rig.Program.RunAsync(TimeSpan.FromMinutes(4), Ct, "sync", "--connection", EndToEndRig.ConnectionName));
        }

        Assert.True(finishing[^1].ExitCode == 0, string.Join("\n\n", finishing));
        var counters = rig.Counters;
        rig.SetFaults(new QboFaultSettings());
        Assert.True(counters.BatchRequests > 0, "No batch request was sent.");
        Assert.True(counters.DroppedResponses > 0 && counters.InjectedFailures > 0, $"The faults did not all fire: {counters}");
        Assert.Equal(0, await OpenBatchesAsync(rig));

        using var ledger = rig.Ledger();
        var documents = new List<JsonObject>();
        documents.AddRange(await ledger.AllAsync("SalesReceipt", Ct));
        documents.AddRange(await ledger.AllAsync("Invoice", Ct));
        var markers = documents.Select(d => Marker((string?)d["PrivateNote"])).ToList();
        Assert.Empty(markers.GroupBy(m => m).Where(g => g.Count() > 1).Select(g => g.Key));
        var sales = await rig.LinksAsync(LinkKind.Sale, Ct);
        Assert.DoesNotContain(sales, l => l.State is LinkState.Pending or LinkState.Waiting or LinkState.Failed);
        var posted = sales.Where(l => l.State == LinkState.Done).ToList();
        Assert.True(posted.Count > Orders / 2, $"only {posted.Count} orders posted");
        Assert.Equal(posted.Select(l => l.QboId!).Order(StringComparer.Ordinal), documents.Select(d => (string)d["Id"]!).Order(StringComparer.Ordinal));
        Assert.Equal(posted.Select(l => $"[StoreBooks shopify order {l.SourceId}]").Order(StringComparer.Ordinal), markers.Order(StringComparer.Ordinal));

        foreach (var (entity, kind) in new[] { ("RefundReceipt", LinkKind.Refund), ("Payment", LinkKind.Payment), ("Customer", LinkKind.Customer) })
        {
            var records = await ledger.AllAsync(entity, Ct);
            var links = (await rig.LinksAsync(kind, Ct)).Where(l => l.State == LinkState.Done).ToList();
            var ours = records.Where(r => links.Any(l => l.QboId == (string)r["Id"]!)).ToList();
            Assert.Equal(links.Count, ours.Count);
            if (entity != "Customer")
            {
                // Every refund receipt and payment StoreBooks made is linked: none was made twice.
                Assert.Equal(records.Count(r => ((string?)r["PrivateNote"])?.StartsWith("[StoreBooks", StringComparison.Ordinal) == true), links.Count);
            }
            else
            {
                Assert.Empty(records.GroupBy(r => (string?)r["DisplayName"]).Where(g => g.Count() > 1).Select(g => g.Key));
            }
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"{kills} kills; at most {openBatchesSeen} batches left open by a kill; {posted.Count} orders posted; QuickBooks: {counters}");
    }

    private static string Marker(string? note) => note is null ? "" : note[..(note.IndexOf(']', StringComparison.Ordinal) + 1)];

    private static Task<int> OpenBatchesAsync(EndToEndRig rig) => rig.OpenBatchesAsync(Ct);
}
