using StoreBooks.Core.Connections;
using StoreBooks.Core.Products;
using StoreBooks.Core.State;
using StoreBooks.Csv;
using StoreBooks.Emulators.Qbo.Traffic;
using StoreBooks.Sync.Sales;
using StoreBooks.Testing;
using Xunit;

namespace StoreBooks.Sync.Tests.Runs;

/// <summary>
/// Orders that QuickBooks could not take for a moment (a customer or an item it could not create after every retry) are
/// finished by the next plain run, even when the cursor has moved past them.
/// </summary>
public sealed class DeferredOrderTests
{
    private static readonly DateTimeOffset FirstOrder = new(2025, 6, 1, 9, 0, 0, TimeSpan.FromHours(-4));

    private static ConnectionSettings Settings => new()
    {
        SyncStartDate = new DateOnly(2025, 1, 1),
        Products = new ProductSettings
        {
            Mode = ItemMode.Automatic,
            CreateAs = CreatedItemType.NonInventory,
            IncomeAccount = "Sales of Product Income",
            ExpenseAccount = "Cost of Goods Sold",
        },
    };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Orders_whose_new_customer_QuickBooks_could_not_create_are_posted_by_the_next_run()
    {
        await using var harness = await SyncHarness.StartAsync(Settings);
        var store = GeneratedStore.Create(orders: 20, customers: 12, skus: 4, seed: 5, FirstOrder);
        var source = Write(harness, store);
        var first = await RunAsync(harness, source);
        Assert.Equal(20, first.Count(OrderResult.Posted));

        // Later orders, some for customers QuickBooks already has, some for new ones it cannot create now.
        var later = store.WithMoreOrders(20, seed: 5, FirstOrder.AddDays(1));
        Write(harness, later);
        harness.Emulator.Qbo.Traffic.SetFaults(harness.RealmId, new QboFaultSettings { FailRate = 1, Resource = "customer" });
        var second = await RunAsync(harness, source);
        Assert.True(second.Count(OrderResult.Posted) > 0 && second.Count(OrderResult.Deferred) > 0, Describe(second));

        harness.Emulator.Qbo.Traffic.SetFaults(harness.RealmId, new QboFaultSettings());
        var third = await RunAsync(harness, source);

        Assert.Equal(second.Count(OrderResult.Deferred), third.Count(OrderResult.Posted));
        await AssertAllPostedAsync(harness, later);
    }

    [Fact]
    public async Task Orders_whose_new_item_QuickBooks_could_not_create_wait_for_the_next_run_not_for_a_retry()
    {
        await using var harness = await SyncHarness.StartAsync(Settings);
        var store = GeneratedStore.Create(orders: 20, customers: 5, skus: 4, seed: 6, FirstOrder);
        var source = Write(harness, store);
        harness.Emulator.Qbo.Traffic.SetFaults(harness.RealmId, new QboFaultSettings { FailRate = 1, Resource = "item" });
        var first = await RunAsync(harness, source);
        Assert.Equal(0, first.Count(OrderResult.Failed));
        Assert.Empty(await harness.State.Runs.ListOpenIssuesAsync(harness.Connection.Id, Ct));

        harness.Emulator.Qbo.Traffic.SetFaults(harness.RealmId, new QboFaultSettings());
        var second = await RunAsync(harness, source);

        Assert.Equal(20, second.Count(OrderResult.Posted));
        await AssertAllPostedAsync(harness, store);
    }

    private static CsvSource Write(SyncHarness harness, GeneratedStore store)
    {
        Directory.CreateDirectory(harness.HomeDirectory);
        var products = Path.Combine(harness.HomeDirectory, "products.csv");
        var orders = Path.Combine(harness.HomeDirectory, "orders.csv");
        store.WriteProducts(products);
        store.WriteOrders(orders);
        return new CsvSource(new CsvSourceOptions { ProductsPath = products, OrdersPath = orders });
    }

    /// <summary>A run whose records go one by one: the faults here are a single resource's (a failed batch is BatchingTests').</summary>
    private static async Task<SyncSummary> RunAsync(SyncHarness harness, CsvSource source) =>
        await new SyncRunner(await harness.ContextAsync(), source) { Batching = false }.RunAsync("test", cancellationToken: Ct);

    private static async Task AssertAllPostedAsync(SyncHarness harness, GeneratedStore store)
    {
        var qbo = await harness.ClientAsync();
        var receipts = await qbo.SalesReceipts.QueryAsync(qbo.SalesReceipts.Where(), Ct).ToListAsync(Ct);
        Assert.Equal(store.Orders.Select(o => o.Number.ToString(System.Globalization.CultureInfo.InvariantCulture)).Order(StringComparer.Ordinal), receipts.Select(r => r.DocNumber!).Order(StringComparer.Ordinal));
        var links = await harness.State.Links.ListAsync(harness.Connection.Id, LinkKind.Sale, null, Ct);
        Assert.All(links, l => Assert.Equal(LinkState.Done, l.State));
    }

    private static string Describe(SyncSummary summary) =>
        string.Join("; ", summary.Outcomes.GroupBy(o => o.Result).Select(g => $"{g.Key} {g.Count()}")) + " " + string.Join(" ", summary.Outcomes.Select(o => o.Message).Where(m => m is not null).Take(3));
}
