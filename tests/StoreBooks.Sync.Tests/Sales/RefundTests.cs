using StoreBooks.Core.Model;
using StoreBooks.Core.Products;
using StoreBooks.Core.State;
using StoreBooks.QuickBooks.Items;
using Xunit;
using static StoreBooks.Sync.Tests.Sales.OrderBuilder;

namespace StoreBooks.Sync.Tests.Sales;

/// <summary>Refunds, partial and full: one refund receipt each, with the refunded lines, shipping and tax; stock comes back.</summary>
public sealed class RefundTests
{
    private static OrderBuilder Sale() => Order("4001")
        .Line("TEE-1", "Organic Tee", 2, 25.00m, 0, Rate.Quebec)
        .Line("MUG-1", "Mug", 1, 15.00m, 0, Rate.Quebec)
        .Shipping(10.00m, 0, Rate.Quebec);

    [Fact]
    public async Task A_partial_refund_then_the_rest_make_two_refund_receipts_that_add_up_to_the_sale()
    {
        var partial = Sale().Refund("r1", DefaultTime.AddDays(3), [(1, 1m, true)]).Build();
        await using var scenario = await SalesScenario.StartAsync(SalesScenario.Canada(), SalesScenario.Settings(SalesScenario.CanadianSales()), partial);

        var first = await scenario.RunCleanAsync();

        Assert.Equal(FinancialStatus.PartiallyRefunded, partial.FinancialStatus);
        Assert.Equal(1, first.Run.Counts["refunds.posted"]);
        var r1 = await scenario.RefundReceiptAsync(partial, "r1");
        AssertRefund(partial.Refunds[0], r1);
        Assert.Equal("R4001-1", r1.DocNumber);

        var full = Sale()
            .Refund("r1", DefaultTime.AddDays(3), [(1, 1m, true)])
            .Refund("r2", DefaultTime.AddDays(5), [(1, 1m, true), (2, 1m, true)], shipping: 10.00m)
            .Build();
        Assert.Equal(FinancialStatus.Refunded, full.FinancialStatus);
        scenario.Store.Put(full);
        var second = await scenario.RunCleanAsync();

        Assert.Equal(1, second.Run.Counts["refunds.posted"]);
        Assert.Equal(2, (await scenario.AllAsync(scenario.Qbo.RefundReceipts)).Count);
        var r2 = await scenario.RefundReceiptAsync(full, "r2");
        AssertRefund(full.Refunds[1], r2);
        Assert.Equal("R4001-2", r2.DocNumber);
        Assert.Equal(10.00m, DocumentFigures.Of(r2, (await scenario.ItemAsync("Shipping")).Id).Shipping);
        Assert.Equal(r1.SyncToken, (await scenario.RefundReceiptAsync(full, "r1")).SyncToken);

        var receipt = await scenario.ReceiptAsync(full);
        Assert.Equal(receipt.TotalAmt, r1.TotalAmt + r2.TotalAmt);
        Assert.Equal(receipt.TxnTaxDetail!.TotalTax, r1.TxnTaxDetail!.TotalTax + r2.TxnTaxDetail!.TotalTax);
    }

    [Fact]
    public async Task A_tax_inclusive_refund_gives_back_what_was_paid_and_its_tax()
    {
        var order = Order("4003").Inclusive()
            .Line("TEE-1", "Organic Tee", 2, 22.60m, 0, Rate.HstOn)
            .Shipping(11.30m, 0, Rate.HstOn)
            .Refund("r1", DefaultTime.AddDays(1), [(1, 1m, false)], shipping: 11.30m)
            .Build();
        Assert.Equal(33.90m, order.Refunds[0].Total);
        await using var scenario = await SalesScenario.StartAsync(SalesScenario.Canada(), SalesScenario.Settings(SalesScenario.CanadianSales()), order);

        await scenario.RunCleanAsync();

        var refund = await scenario.RefundReceiptAsync(order, "r1");
        Assert.Equal(33.90m, refund.TotalAmt);
        Assert.Equal(3.90m, refund.TxnTaxDetail!.TotalTax);
        Assert.Equal("TaxInclusive", refund.GlobalTaxCalculation);
    }

    [Fact]
    public async Task A_refunded_inventory_item_goes_back_in_stock_and_goods_not_restocked_go_to_their_own_item()
    {
        var products = new ProductSettings
        {
            Mode = ItemMode.Automatic,
            CreateAs = CreatedItemType.Inventory,
            IncomeAccount = "Sales of Product Income",
            ExpenseAccount = "Cost of Goods Sold",
            InventoryAssetAccount = "Inventory Asset",
            InventoryStartDate = new DateOnly(2025, 12, 31),
        };
        var sale = Order("4002").Line("W-1", "Widget", 3, 10.00m, 0, Rate.Gst).Line("G-1", "Gadget", 2, 5.00m, 0, Rate.Gst);
        var order = sale.Build();
        await using var scenario = await SalesScenario.StartAsync(SalesScenario.Canada(), SalesScenario.Settings(SalesScenario.CanadianSales(), products), order);
        await scenario.RunCleanAsync();
        var widget = await scenario.ItemAsync("Widget");
        var gadget = await scenario.ItemAsync("Gadget");
        Assert.Equal(ItemTypes.Inventory, widget.Type);
        Assert.Equal(-3m, widget.QtyOnHand);
        Assert.Equal(-2m, gadget.QtyOnHand);

        // Two widgets come back to stock; one gadget is refunded but thrown away.
        var refunded = sale.Refund("r1", DefaultTime.AddDays(4), [(1, 2m, true), (2, 1m, false)]).Build();
        scenario.Store.Put(refunded);
        await scenario.RunCleanAsync();

        Assert.Equal(-1m, (await scenario.ItemAsync("Widget")).QtyOnHand);
        Assert.Equal(-2m, (await scenario.ItemAsync("Gadget")).QtyOnHand);
        var refund = await scenario.RefundReceiptAsync(refunded, "r1");
        AssertRefund(refunded.Refunds[0], refund);
        var figures = DocumentFigures.Of(refund, null);
        Assert.Equal(20.00m, figures.AmountOf(widget.Id!));
        Assert.Equal(2m, figures.ItemLines.Single(l => l.SalesItemLineDetail!.ItemRef!.Value == widget.Id).SalesItemLineDetail!.Qty);
        Assert.Equal(5.00m, figures.AmountOf((await scenario.ItemAsync("Returns not restocked")).Id!));
        Assert.Equal(0m, figures.AmountOf(gadget.Id!));
    }

    [Fact]
    public async Task Refunds_are_left_alone_when_the_settings_say_so()
    {
        var order = Sale().Refund("r1", DefaultTime.AddDays(3), [(1, 1m, true)]).Build();
        var settings = SalesScenario.Settings(SalesScenario.CanadianSales() with { SyncRefunds = false });
        await using var scenario = await SalesScenario.StartAsync(SalesScenario.Canada(), settings, order);

        await scenario.RunCleanAsync();

        Assert.Empty(await scenario.AllAsync(scenario.Qbo.RefundReceipts));
        Assert.Null(await scenario.LinkAsync(LinkKind.Refund, Sync.Sales.OrderSync.RefundKey(order, order.Refunds[0])));
    }

    [Fact]
    public async Task A_refund_whose_lines_do_not_come_to_what_was_refunded_is_reported_and_the_sale_still_posts()
    {
        // As in Shopify's own example refund: less given back than the refunded line and its tax, and no adjustment for the difference.
        var built = Sale().Refund("r1", DefaultTime.AddDays(3), [(1, 1m, true)]).Build();
        var order = built with { Refunds = [built.Refunds[0] with { Total = 10.00m }] };
        await using var scenario = await SalesScenario.StartAsync(SalesScenario.Canada(), SalesScenario.Settings(SalesScenario.CanadianSales()), order);

        var summary = await scenario.RunAsync();

        Assert.Equal(order.Totals.Total, (await scenario.ReceiptAsync(order)).TotalAmt);
        Assert.Empty(await scenario.AllAsync(scenario.Qbo.RefundReceipts));
        Assert.Equal(0, summary.Run.Counts["refunds.posted"]);
        var issue = await scenario.IssueAsync(order);
        Assert.Equal(
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"order #4001, refund r1: its lines, shipping, fees and taxes come to {built.Refunds[0].Total:0.00} ") +
            "but the store's total is 10.00; the refund was not posted (the sale was). Check the refund in the store.",
            issue.Message);
    }

        /// <summary>The refund receipt's total and tax are the store's refund.</summary>
    private static void AssertRefund(StoreRefund refund, QuickBooks.RefundReceipts.RefundReceipt document)
    {
        Assert.Equal(refund.Total, document.TotalAmt);
        var tax = refund.Lines.Sum(l => l.Taxes.Sum(t => t.Amount)) + refund.ShippingTaxes.Sum(t => t.Amount);
        Assert.Equal(tax, document.TxnTaxDetail!.TotalTax);
    }
}
