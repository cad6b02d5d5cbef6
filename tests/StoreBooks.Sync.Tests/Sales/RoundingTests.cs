using Xunit;
using static StoreBooks.Sync.Tests.Sales.OrderBuilder;

namespace StoreBooks.Sync.Tests.Sales;

/// <summary>
/// Stores that round once for the order (WooCommerce's "round tax at subtotal level") disagree with their own lines by a cent:
/// QuickBooks' tax is held to the store's order tax, and a total a cent away from its parts gets a named "Rounding" line.
/// </summary>
public sealed class RoundingTests
{
    [Fact]
    public async Task A_tax_rounded_once_for_the_order_is_the_tax_QuickBooks_shows()
    {
        // Line by line GST is 0.06 + 0.06 + 0.06; rounded once on 3.30 it is 0.17, which the store charged.
        var order = Order("9101").Line("PEN-1", "Pen", 1, 1.10m, 0, Rate.Gst).Line("PEN-2", "Pencil", 1, 1.10m, 0, Rate.Gst).Line("PEN-3", "Eraser", 1, 1.10m, 0, Rate.Gst).Build();
        Assert.Equal(0.18m, order.Totals.Tax);
        order = order with { Totals = order.Totals with { Tax = 0.17m, Total = 3.47m } };
        await using var scenario = await SalesScenario.StartAsync(SalesScenario.Canada(), SalesScenario.Settings(SalesScenario.CanadianSales()), order);

        await scenario.RunCleanAsync();

        var receipt = await scenario.ReceiptAsync(order);
        Assert.Equal((3.47m, 0.17m), (receipt.TotalAmt, receipt.TxnTaxDetail!.TotalTax));
        Assert.Null(await scenario.Qbo.Items.FindAsync(scenario.Qbo.Items.Where().WhereEquals("Name", "Rounding"), SalesScenario.Token));
    }

    [Fact]
    public async Task A_US_store_tax_rounded_once_for_the_order_is_the_collected_tax()
    {
        // Line by line 7.25 % of 1.30 is 0.09 (0.27); on 3.90 it is 0.28.
        var order = Order("9102").In("USD").Line("PEN-1", "Pen", 1, 1.30m, 0, Rate.CaState).Line("PEN-2", "Pencil", 1, 1.30m, 0, Rate.CaState)
            .Line("PEN-3", "Eraser", 1, 1.30m, 0, Rate.CaState).Build();
        Assert.Equal(0.27m, order.Totals.Tax);
        order = order with { Totals = order.Totals with { Tax = 0.28m, Total = 4.18m } };
        await using var scenario = await SalesScenario.StartAsync(SalesScenario.Us, SalesScenario.Settings(), order);

        await scenario.RunCleanAsync();

        var figures = DocumentFigures.Of(await scenario.ReceiptAsync(order), null);
        Assert.Equal(4.18m, figures.Total);
        Assert.Equal(0.28m, figures.AmountOf((await scenario.ItemAsync("Sales tax collected")).Id!));
    }

    [Fact]
    public async Task A_total_a_cent_away_from_its_parts_posts_with_the_cent_on_a_named_rounding_line()
    {
        var order = Order("9103").Line("TEE-1", "Organic Tee", 1, 20.00m, 0, Rate.Gst).Build();
        order = order with { Totals = order.Totals with { Total = 21.01m } };
        await using var scenario = await SalesScenario.StartAsync(SalesScenario.Canada(), SalesScenario.Settings(SalesScenario.CanadianSales()), order);

        await scenario.RunCleanAsync();

        var receipt = await scenario.ReceiptAsync(order);
        Assert.Equal((21.01m, 1.00m), (receipt.TotalAmt, receipt.TxnTaxDetail!.TotalTax));
        var rounding = await scenario.ItemAsync("Rounding");
        var line = Assert.Single(DocumentFigures.Of(receipt, null).ItemLines, l => l.SalesItemLineDetail!.ItemRef!.Value == rounding.Id);
        Assert.Equal(0.01m, line.Amount);
        Assert.Equal("Rounding: the store's total is 21.01", line.Description);
    }
}
