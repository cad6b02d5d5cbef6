using System.Text.Json.Nodes;
using StoreBooks.Core.Connections;
using StoreBooks.Core.State;
using StoreBooks.Csv;
using StoreBooks.Emulators;
using StoreBooks.Emulators.Qbo;
using StoreBooks.QuickBooks;
using StoreBooks.QuickBooks.SalesReceipts;
using StoreBooks.Testing;
using StoreBooks.Web.Tests.Support;
using Xunit;

namespace StoreBooks.Web.Tests.Scheduling;

/// <summary>
/// The schedule catches what no webhook told of: the demo store (a CSV export, which sends no webhooks) syncs when the server
/// starts, then an order added to the file reaches QuickBooks at the next scheduled run, and not before.
/// </summary>
public sealed class ScheduleTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The demo store's settings (as <c>storebooks demo</c> has them), syncing every 15 minutes.</summary>
    private static ConnectionSettings DemoStore => DemoStoreSettings.WithoutPayouts with { SyncInterval = TimeSpan.FromMinutes(15) };

    [Fact]
    public async Task A_change_with_no_webhook_is_synced_by_the_next_scheduled_run()
    {
        await using var harness = await ServeHarness.CreateAsync(new EmulatorOptions { Port = 0, Qbo = new QboEmulatorOptions { Realms = [QboCompanySettings.DefaultCanada] } });
        var folder = Path.Combine(harness.HomeDirectory, "store");
        Directory.CreateDirectory(folder);
        var products = Path.Combine(folder, "products.csv");
        var orders = Path.Combine(folder, "orders.csv");
        File.Copy(RepositoryFiles.Path("demo/products.csv"), products);
        File.Copy(RepositoryFiles.Path("demo/orders.csv"), orders);
        var store = await harness.AddConnectionAsync(
            "demo", CsvSource.SourceKind, new JsonObject { [CsvSource.ProductsPathSetting] = products, [CsvSource.OrdersPathSetting] = orders }, DemoStore);
        await harness.StartServerAsync();

        var first = Assert.Single(await harness.WaitForRunsAsync(store, 1));
        await harness.WaitIdleAsync();
        Assert.Equal("schedule", first.Trigger);
        Assert.Equal(RunOutcome.Succeeded, first.Outcome);
        Assert.True(first.Counts["orders.posted"] > 20, $"The first run posted {first.Counts["orders.posted"]} orders.");
        using var qbo = await harness.QuickBooksAsync(store);
        Assert.Null(await ReceiptAsync(qbo, "WEB-2001"));

        // An order placed after the export the first run read; no webhook tells of it.
        var lines = await File.ReadAllLinesAsync(orders, Ct);
        var template = lines.Single(l => l.StartsWith("#1001,", StringComparison.Ordinal));
        var added = template.Replace("#1001", "#2001", StringComparison.Ordinal)
            .Replace("2025-10-01", "2025-12-01", StringComparison.Ordinal)
            .Replace("2025-10-02", "2025-12-02", StringComparison.Ordinal)
            .Replace("6201453019142", "6201453099999", StringComparison.Ordinal);
        await File.AppendAllTextAsync(orders, added + "\n", Ct);

        // Ticks before the interval is up find nothing due.
        harness.Time.Advance(TimeSpan.FromMinutes(14));
        await TickAsync(harness);
        Assert.Single(await harness.RunsAsync(store));
        Assert.Null(await ReceiptAsync(qbo, "WEB-2001"));

        harness.Time.Advance(TimeSpan.FromMinutes(1));
        await harness.DispatchPassAsync();
        var runs = await harness.WaitForRunsAsync(store, 2);
        await harness.WaitIdleAsync();

        var scheduled = runs.Single(r => r.Id != first.Id);
        Assert.Equal("schedule", scheduled.Trigger);
        Assert.Equal(RunOutcome.Succeeded, scheduled.Outcome);
        var receipt = await ReceiptAsync(qbo, "WEB-2001");
        Assert.NotNull(receipt);
        Assert.Equal(76.65m, receipt.TotalAmt);
        var schedule = await harness.State.Schedule.GetAsync(store.Id, Ct);
        Assert.Equal(scheduled.FinishedAt!.Value.AddMinutes(15), schedule!.NextSyncAt);
    }

    private static async Task TickAsync(ServeHarness harness)
    {
        await harness.DispatchPassAsync();
        await harness.WaitIdleAsync();
    }

    private static async Task<SalesReceipt?> ReceiptAsync(QboClient qbo, string docNumber) =>
        await qbo.SalesReceipts.QueryAsync(qbo.SalesReceipts.Where().WhereEquals("DocNumber", docNumber), Ct).FirstOrDefaultAsync(Ct);
}
