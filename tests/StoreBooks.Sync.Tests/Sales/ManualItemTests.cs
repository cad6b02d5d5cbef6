using StoreBooks.Core.Products;
using StoreBooks.Core.State;
using StoreBooks.QuickBooks;
using StoreBooks.QuickBooks.Common;
using StoreBooks.QuickBooks.Items;
using StoreBooks.Sync.Sales;
using Xunit;
using static StoreBooks.Sync.Tests.Sales.OrderBuilder;

namespace StoreBooks.Sync.Tests.Sales;

/// <summary>
/// Manual item mode: a sale that needs an item QuickBooks does not have waits, saying what to create; once the merchant creates
/// it, the next run posts the sale. An inventory item's start date after the sale is QuickBooks' refusal 6270, said plainly.
/// </summary>
public sealed class ManualItemTests
{
    private static ProductSettings Manual => new() { Mode = ItemMode.Manual, MatchKey = ItemMatchKey.Sku };

    [Fact]
    public async Task A_sale_waits_for_its_missing_item_then_posts_once_the_merchant_creates_it()
    {
        var order = Order("1042").Line("TEE-9", "Organic Tee", 2, 20.00m, 0, Rate.Gst).Build();
        await using var scenario = await SalesScenario.StartAsync(SalesScenario.Canada(), SalesScenario.Settings(SalesScenario.CanadianSales(), Manual), order);

        var first = await scenario.RunAsync();

        Assert.Equal(OrderResult.Waiting, first.Outcomes.Single().Result);
        Assert.Empty(await scenario.AllAsync(scenario.Qbo.SalesReceipts));
        Assert.Equal(LinkState.Waiting, (await scenario.LinkAsync(LinkKind.Sale, order.SourceId))!.State);
        Assert.Equal("order #1042, line 1: Product \"Organic Tee\" (SKU TEE-9) has no QuickBooks item. Create a product or service in QuickBooks " +
            "with SKU TEE-9 (for example named \"Organic Tee\"); sales that use it wait and sync on the next run once it exists.", (await scenario.IssueAsync(order)).Message);

        // The order does not change in the store; the merchant creates the item in QuickBooks.
        await scenario.Qbo.Items.CreateAsync(new Item
        {
            Name = "Tee, organic cotton",
            Sku = "TEE-9",
            Type = ItemTypes.NonInventory,
            IncomeAccountRef = Ref.To(await scenario.AccountIdAsync("Sales of Product Income")),
        }, QboRequestOptions.NewRequestId(), SalesScenario.Token);
        var next = await scenario.RunAsync();

        Assert.Equal(OrderResult.Posted, DocumentTests.Outcome(next, order).Result);
        Assert.Contains(order.SourceId, scenario.Store.ReadById);
        Assert.Equal(42.00m, (await scenario.ReceiptAsync(order)).TotalAmt);
        Assert.Empty(await scenario.IssuesAsync());
    }

    [Fact]
    public async Task A_sale_dated_before_the_inventory_start_date_is_explained_and_posts_once_the_date_is_moved()
    {
        var order = Order("1043").Line("W-1", "Widget", 1, 30.00m, 0, Rate.Gst).At(new DateTimeOffset(2026, 1, 15, 11, 0, 0, TimeSpan.FromHours(-5))).Build();
        await using var scenario = await SalesScenario.StartAsync(SalesScenario.Canada(), SalesScenario.Settings(SalesScenario.CanadianSales(), Manual), order);
        var widget = await scenario.Qbo.Items.CreateAsync(new Item
        {
            Name = "Widget",
            Sku = "W-1",
            Type = ItemTypes.Inventory,
            IncomeAccountRef = Ref.To(await scenario.AccountIdAsync("Sales of Product Income")),
            ExpenseAccountRef = Ref.To(await scenario.AccountIdAsync("Cost of Goods Sold")),
            AssetAccountRef = Ref.To(await scenario.AccountIdAsync("Inventory Asset")),
            TrackQtyOnHand = true,
            QtyOnHand = 10,
            InvStartDate = new DateOnly(2026, 1, 31),
        }, QboRequestOptions.NewRequestId(), SalesScenario.Token);

        var first = await scenario.RunAsync();

        Assert.Equal(OrderResult.Failed, first.Outcomes.Single().Result);
        Assert.Equal("order #1043: QuickBooks refuses a sale dated 2026-01-15 with the inventory item \"Widget\" (SKU W-1), whose inventory start date is 2026-01-31. " +
            "Set an earlier start date on the item in QuickBooks (2026-01-15 or before), then run storebooks retry.", (await scenario.IssueAsync(order)).Message);

        await scenario.Qbo.Items.SparseUpdateAsync(new Item { Id = widget.Id, SyncToken = widget.SyncToken, InvStartDate = new DateOnly(2026, 1, 1) },
            QboRequestOptions.NewRequestId(), SalesScenario.Token);
        var retried = await scenario.RunAsync(retryFailed: true);

        Assert.Equal(OrderResult.Posted, DocumentTests.Outcome(retried, order).Result);
        Assert.Equal(9m, (await scenario.Qbo.Items.GetAsync(widget.Id!, SalesScenario.Token)).QtyOnHand);
        Assert.Empty(await scenario.IssuesAsync());
    }
}
