using StoreBooks.Core.Connections;
using StoreBooks.Core.Products;
using StoreBooks.Csv;
using StoreBooks.Emulators;
using StoreBooks.Emulators.Qbo;
using StoreBooks.QuickBooks.SalesReceipts;
using StoreBooks.Sync.Sales;
using StoreBooks.Testing;
using Xunit;

namespace StoreBooks.Sync.Tests.Sales;

public sealed class DemoSyncTests
{
    internal static ConnectionSettings CanadianStore => new()
    {
        SyncStartDate = new DateOnly(2025, 10, 1),
        Products = new ProductSettings
        {
            Mode = ItemMode.Automatic,
            IncomeAccount = "Sales of Product Income",
            ExpenseAccount = "Cost of Goods Sold",
        },
        Sales = new Core.Sales.SalesSettings { TaxCodes = new Dictionary<string, string> { ["HST 15%"] = "HST NB" } },
    };

    internal static EmulatorOptions Canada => new() { Port = 0, Qbo = new QboEmulatorOptions { Realms = [QboCompanySettings.DefaultCanada] } };

    [Fact]
    public async Task The_demo_store_syncs_with_every_total_equal_to_the_cent()
    {
        await using var harness = await SyncHarness.StartAsync(CanadianStore, Canada);
        var source = new CsvSource(new CsvSourceOptions { ProductsPath = RepositoryFiles.Path("demo/products.csv"), OrdersPath = RepositoryFiles.Path("demo/orders.csv") });

        var summary = await new SyncRunner(await harness.ContextAsync(), source).RunAsync("test", cancellationToken: TestContext.Current.CancellationToken);

        var failed = summary.Outcomes.Where(o => o.Result is OrderResult.Failed or OrderResult.Waiting or OrderResult.Deferred).ToList();
        Assert.True(failed.Count == 0, string.Join("\n", failed.Select(f => f.Message)));
        Assert.Null(summary.Run.Error);
        var qbo = await harness.ClientAsync();
        var receipts = await qbo.SalesReceipts.QueryAsync(qbo.SalesReceipts.Where(), TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(summary.Count(OrderResult.Posted), receipts.Count);
        var orders = new List<Core.Model.StoreOrder>();
        await foreach (var page in source.ReadOrdersAsync(null, TestContext.Current.CancellationToken))
        {
            orders.AddRange(page.Records);
        }

        foreach (var receipt in receipts)
        {
            var order = orders.Single(o => receipt.PrivateNote!.Contains(SaleDocuments.Marker("csv order", o.SourceId), StringComparison.Ordinal));
            Assert.Equal(order.Totals.Total, receipt.TotalAmt);
            Assert.Equal(order.Totals.Tax, receipt.TxnTaxDetail?.TotalTax ?? 0);
        }

        TestContext.Current.SendDiagnosticMessage($"{receipts.Count} sales receipts; {summary.Count(OrderResult.Skipped)} skipped; {summary.Count(OrderResult.NotYet)} not yet");
    }
}
