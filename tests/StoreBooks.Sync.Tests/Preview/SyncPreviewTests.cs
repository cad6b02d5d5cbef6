using System.Globalization;
using StoreBooks.Core.Model;
using StoreBooks.Core.Products;
using StoreBooks.Core.State;
using StoreBooks.Sync.Preview;
using StoreBooks.Sync.Sales;
using StoreBooks.Sync.Tests.Sales;
using Xunit;
using static StoreBooks.Sync.Tests.Sales.OrderBuilder;

namespace StoreBooks.Sync.Tests.Preview;

/// <summary>
/// The preview (sync --dry-run, the dashboard's Preview page) shows what the next sync would post, create and hold back, and
/// changes nothing: no QuickBooks write, no link, no run, no cursor. The sync after it posts exactly what it showed.
/// </summary>
public sealed class SyncPreviewTests
{
    private static StoreOrder Sale(int n, int buyer) => Order(n.ToString(CultureInfo.InvariantCulture))
        .By(new StoreCustomer { SourceId = $"p{buyer}", Email = $"preview{buyer}@example.com", FirstName = "Preview", LastName = $"Buyer {buyer}" })
        .Line("MUG-1", "Stoneware Mug", 1 + (n % 2), 18.00m, 0, Rate.Gst)
        .At(DefaultTime.AddMinutes(n - 7000))
        .Build();

    [Fact]
    public async Task The_preview_lists_what_the_sync_then_posts_and_changes_nothing()
    {
        var orders = Enumerable.Range(7000, 6).Select(n => Sale(n, n % 3)).ToArray();
        await using var scenario = await SalesScenario.StartAsync(SalesScenario.Canada(), SalesScenario.Settings(SalesScenario.CanadianSales()), orders);
        var connection = scenario.Harness.Connection.Id;
        var state = scenario.Harness.State;
        var requestsBefore = scenario.Harness.Emulator.Qbo.Traffic.GetCounters(scenario.Harness.RealmId).Requests;
        var runsBefore = (await state.Runs.ListRunsAsync(connection, 100, SalesScenario.Token)).Count;

        var preview = await SyncPreview.RunAsync(await scenario.Harness.ContextAsync(), scenario.Store, cancellationToken: SalesScenario.Token);

        Assert.Null(preview.Error);
        Assert.Equal(6, preview.OrdersRead);
        Assert.False(preview.MoreOrders);
        Assert.Empty(preview.Held);
        Assert.Equal(6, preview.Documents.Count);
        Assert.All(preview.Documents, d => Assert.Equal("SalesReceipt", d.Kind));
        Assert.Equal(3, preview.NewRecords.Count(r => r.Entity == "Customer"));
        Assert.Contains(preview.NewRecords, r => r.Entity == "Item" && r.Name.Contains("Stoneware Mug", StringComparison.Ordinal));
        Assert.All(preview.Documents, d => Assert.StartsWith("Preview Buyer", d.Customer, StringComparison.Ordinal));
        Assert.All(preview.Documents, d => Assert.Contains(d.Lines, l => l.What.Contains("Stoneware Mug", StringComparison.Ordinal)));

        // Nothing changed: QuickBooks has no receipt, customer or item from it (reads went through, writes did not) …
        Assert.Empty(await scenario.AllAsync(scenario.Qbo.SalesReceipts));
        Assert.DoesNotContain(await scenario.AllAsync(scenario.Qbo.Customers), c => c.DisplayName?.StartsWith("Preview Buyer", StringComparison.Ordinal) == true);
        Assert.DoesNotContain(await scenario.AllAsync(scenario.Qbo.Items), i => i.Name?.Contains("Stoneware Mug", StringComparison.Ordinal) == true);
        Assert.True(scenario.Harness.Emulator.Qbo.Traffic.GetCounters(scenario.Harness.RealmId).Requests > requestsBefore, "the preview read QuickBooks");

        // … and the state has no link, no run and no cursor from it.
        foreach (var order in orders)
        {
            Assert.Null(await scenario.LinkAsync(LinkKind.Sale, order.SourceId));
        }

        Assert.Equal(runsBefore, (await state.Runs.ListRunsAsync(connection, 100, SalesScenario.Token)).Count);
        Assert.Null(await state.Cursors.GetAsync(connection, SyncRunner.OrdersStream, SalesScenario.Token));

        // The sync posts what the preview showed: the same numbers, customers and totals.
        var summary = await scenario.RunAsync();
        Assert.All(orders, o => Assert.Equal(OrderResult.Posted, DocumentTests.Outcome(summary, o).Result));
        var posted = await scenario.AllAsync(scenario.Qbo.SalesReceipts);
        var customers = (await scenario.AllAsync(scenario.Qbo.Customers)).ToDictionary(c => c.Id!, c => c.DisplayName);
        Assert.Equal(
            preview.Documents.Select(d => (d.Number, d.Date, d.Customer, d.Total)).Order(),
            posted.Select(r => (r.DocNumber, r.TxnDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), customers[r.CustomerRef!.Value!], r.TotalAmt ?? 0)).Order());
    }

    [Fact]
    public async Task Orders_the_sync_would_hold_back_are_listed_with_their_reasons()
    {
        var missingItem = Order("7101").Line("LAMP-9", "Brass Lamp", 1, 80.00m, 0, Rate.Gst).Build();
        var unpaid = Order("7102").Line("LAMP-9", "Brass Lamp", 1, 80.00m, 0, Rate.Gst).Unpaid().Build();
        var manual = new ProductSettings { Mode = ItemMode.Manual, MatchKey = ItemMatchKey.Sku };
        await using var scenario = await SalesScenario.StartAsync(SalesScenario.Canada(), SalesScenario.Settings(SalesScenario.CanadianSales(), manual), missingItem, unpaid);

        var preview = await SyncPreview.RunAsync(await scenario.Harness.ContextAsync(), scenario.Store, cancellationToken: SalesScenario.Token);

        Assert.Empty(preview.Documents);
        var waiting = Assert.Single(preview.Held, h => h.Order == "order #7101");
        Assert.Equal(OrderResult.Waiting, waiting.Result);
        Assert.Contains("SKU LAMP-9", waiting.Reason, StringComparison.Ordinal);
        Assert.Contains("has no QuickBooks item", waiting.Reason, StringComparison.Ordinal);
        var notPaid = Assert.Single(preview.Held, h => h.Order == "order #7102");
        Assert.Equal(OrderResult.NotYet, notPaid.Result);
        Assert.Contains("not paid yet", notPaid.Reason, StringComparison.Ordinal);

        // The preview raised no issue the merchant would see, and left the orders to the next sync.
        Assert.Empty(await scenario.IssuesAsync());
        Assert.Null(await scenario.LinkAsync(LinkKind.Sale, missingItem.SourceId));
    }

    [Fact]
    public async Task A_preview_of_a_large_first_sync_looks_at_its_first_orders_and_says_there_are_more()
    {
        var orders = Enumerable.Range(7200, 12).Select(n => Sale(n, n % 4)).ToArray();
        await using var scenario = await SalesScenario.StartAsync(SalesScenario.Canada(), SalesScenario.Settings(SalesScenario.CanadianSales()), orders);

        var preview = await SyncPreview.RunAsync(await scenario.Harness.ContextAsync(), scenario.Store, maxOrders: 5, cancellationToken: SalesScenario.Token);

        Assert.Equal(5, preview.OrdersRead);
        Assert.True(preview.MoreOrders);
        Assert.Equal(5, preview.Documents.Count);
        Assert.Empty(await scenario.AllAsync(scenario.Qbo.SalesReceipts));
    }
}
