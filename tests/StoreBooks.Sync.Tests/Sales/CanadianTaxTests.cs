using StoreBooks.Core.Model;
using StoreBooks.QuickBooks.Common;
using Xunit;
using static StoreBooks.Sync.Tests.Sales.OrderBuilder;

namespace StoreBooks.Sync.Tests.Sales;

/// <summary>
/// A Canadian company: the store's taxes go on QuickBooks tax codes (GST/QST QC, HST ON, HST NB by the settings) and QuickBooks'
/// tax is held to the store's per rate, for prices before tax and prices that include it, with discounts and taxed shipping,
/// including orders where rounding per line (the store) and per rate (QuickBooks) give different cents.
/// </summary>
public sealed class CanadianTaxTests
{
    [Fact]
    public async Task A_tax_exclusive_Quebec_order_with_a_discount_and_taxed_shipping_posts_to_the_cent()
    {
        // Per line: GST 2.25 + 0.63 + 0.45 = 3.33 and QST 4.49 + 1.25 + 0.90 = 6.64. Per rate on the 66.48 taxable, QuickBooks
        // would get 3.32 and 6.63.
        var order = Order("2001")
            .Line("TEE-1", "Organic Tee", 2, 24.99m, 5.00m, Rate.Quebec)
            .Line("MUG-1", "Mug", 1, 12.50m, 0, Rate.Quebec)
            .Shipping(9.00m, 0, Rate.Quebec)
            .Build();
        Assert.Equal(76.45m, order.Totals.Total);
        await using var scenario = await SalesScenario.StartAsync(SalesScenario.Canada(), SalesScenario.Settings(SalesScenario.CanadianSales()), order);

        await scenario.RunCleanAsync();

        var receipt = await scenario.ReceiptAsync(order);
        var figures = DocumentFigures.Of(receipt, (await scenario.ItemAsync("Shipping")).Id);
        Assert.Equal(76.45m, figures.Total);
        Assert.Equal(9.97m, figures.Tax);
        Assert.Equal(9.00m, figures.Shipping);
        Assert.Equal(5.00m, figures.Discount);
        Assert.Equal("TaxExcluded", receipt.GlobalTaxCalculation);
        Assert.Equal(new[] { 3.33m, 6.64m }, TaxByRate(receipt, "GST", "QST", await RateIdsAsync(scenario)));
        var quebec = await TaxCodeIdAsync(scenario, "GST/QST QC - 9.975");
        Assert.All(figures.ItemLines, l => Assert.Equal(quebec, l.SalesItemLineDetail!.TaxCodeRef!.Value));
        Assert.Equal("2001", receipt.DocNumber);
    }

    [Fact]
    public async Task A_tax_inclusive_Ontario_order_with_a_discount_and_taxed_shipping_posts_to_the_cent()
    {
        // Tee: 3 × 22.60 less 6.78 = 61.02 paid, of which HST 7.02; cap 19.99, of which HST 2.30; shipping 11.30, of which 1.30.
        var order = Order("2002").Inclusive()
            .Line("TEE-1", "Organic Tee", 3, 22.60m, 6.78m, Rate.HstOn)
            .Line("CAP-1", "Cap", 1, 19.99m, 0, Rate.HstOn)
            .Shipping(11.30m, 0, Rate.HstOn)
            .Build();
        Assert.Equal(92.31m, order.Totals.Total);
        Assert.Equal(10.62m, order.Totals.Tax);
        await using var scenario = await SalesScenario.StartAsync(SalesScenario.Canada(), SalesScenario.Settings(SalesScenario.CanadianSales()), order);

        await scenario.RunCleanAsync();

        var receipt = await scenario.ReceiptAsync(order);
        var figures = DocumentFigures.Of(receipt, (await scenario.ItemAsync("Shipping")).Id);
        Assert.Equal(92.31m, figures.Total);
        Assert.Equal(10.62m, figures.Tax);
        Assert.Equal("TaxInclusive", receipt.GlobalTaxCalculation);

        // QuickBooks' lines are before tax: shipping 10.00 + its HST 1.30 is the store's 11.30; the discount 6.00 + its HST 0.78
        // is the store's 6.78.
        Assert.Equal(10.00m, figures.Shipping);
        Assert.Equal(6.00m, figures.Discount);
        var tee = figures.ItemLines.Single(l => l.Description == "Organic Tee");
        Assert.Equal(60.00m, tee.Amount);
        Assert.Equal(3m, tee.SalesItemLineDetail!.Qty);
        Assert.Equal(20.00m, tee.SalesItemLineDetail.UnitPrice);
        Assert.Equal(17.69m, figures.ItemLines.Single(l => l.Description == "Cap").Amount);
    }

    [Fact]
    public async Task Where_rounding_per_line_and_per_rate_differ_QuickBooks_keeps_the_stores_cents()
    {
        // Ontario, before tax: 3 × 1.10 at 13 % is 0.14 a line (0.42) in the store, 0.43 on the sum.
        var ontario = Order("2010")
            .Line("PEN-1", "Pen", 1, 1.10m, 0, Rate.HstOn)
            .Line("PEN-2", "Pencil", 1, 1.10m, 0, Rate.HstOn)
            .Line("PEN-3", "Eraser", 1, 1.10m, 0, Rate.HstOn)
            .Build();

        // Quebec, tax included: 3 × 1.17 is 1.02 + 0.05 + 0.10 a line (tax 0.45) in the store, 3.05 + 0.46 on the sum.
        var quebec = Order("2011").Inclusive()
            .Line("PEN-1", "Pen", 1, 1.17m, 0, Rate.Quebec)
            .Line("PEN-2", "Pencil", 1, 1.17m, 0, Rate.Quebec)
            .Line("PEN-3", "Eraser", 1, 1.17m, 0, Rate.Quebec)
            .Build();

        // New Brunswick (HST 15 %, mapped to "HST NB" in the settings), before tax: 7 × 0.99 less 0.93, shipping 4.99 taxed.
        var brunswick = Order("2012")
            .Line("PEN-1", "Pen", 7, 0.99m, 0.93m, Rate.HstNb)
            .Shipping(4.99m, 0, Rate.HstNb)
            .Build();
        Assert.Equal(0.42m, ontario.Totals.Tax);
        Assert.Equal(0.45m, quebec.Totals.Tax);
        await using var scenario = await SalesScenario.StartAsync(SalesScenario.Canada(), SalesScenario.Settings(SalesScenario.CanadianSales()), ontario, quebec, brunswick);

        await scenario.RunCleanAsync();

        var rates = await RateIdsAsync(scenario);
        var shippingItem = (await scenario.ItemAsync("Shipping")).Id;
        var on = await scenario.ReceiptAsync(ontario);
        Assert.Equal((3.72m, 0.42m), (on.TotalAmt, on.TxnTaxDetail!.TotalTax));
        var qc = await scenario.ReceiptAsync(quebec);
        Assert.Equal((3.51m, 0.45m), (qc.TotalAmt, qc.TxnTaxDetail!.TotalTax));
        Assert.Equal(new[] { 0.15m, 0.30m }, TaxByRate(qc, "GST", "QST", rates));
        Assert.All(DocumentFigures.Of(qc, shippingItem).ItemLines, l => Assert.Equal(1.02m, l.Amount));
        var nb = await scenario.ReceiptAsync(brunswick);
        var figures = DocumentFigures.Of(nb, shippingItem);
        Assert.Equal(brunswick.Totals.Total, figures.Total);
        Assert.Equal(brunswick.Totals.Tax, figures.Tax);
        Assert.Equal(4.99m, figures.Shipping);
        Assert.Equal(0.93m, figures.Discount);
        var hstNb = await TaxCodeIdAsync(scenario, "HST NB");
        Assert.All(figures.ItemLines, l => Assert.Equal(hstNb, l.SalesItemLineDetail!.TaxCodeRef!.Value));
    }

    [Fact]
    public async Task Untaxed_lines_take_the_exempt_code_beside_taxed_ones()
    {
        var order = Order("2020")
            .Line("BOOK-1", "Cook book", 1, 30.00m, 0)
            .Line("TEE-1", "Organic Tee", 1, 25.00m, 0, Rate.Gst)
            .Build();
        await using var scenario = await SalesScenario.StartAsync(SalesScenario.Canada(), SalesScenario.Settings(SalesScenario.CanadianSales()), order);

        await scenario.RunCleanAsync();

        var receipt = await scenario.ReceiptAsync(order);
        Assert.Equal((56.25m, 1.25m), (receipt.TotalAmt, receipt.TxnTaxDetail!.TotalTax));
        var lines = DocumentFigures.Of(receipt, null).ItemLines;
        Assert.Equal(await TaxCodeIdAsync(scenario, "Exempt"), lines.Single(l => l.Description == "Cook book").SalesItemLineDetail!.TaxCodeRef!.Value);
        Assert.Equal(await TaxCodeIdAsync(scenario, "GST"), lines.Single(l => l.Description == "Organic Tee").SalesItemLineDetail!.TaxCodeRef!.Value);
    }

    internal static async Task<IReadOnlyDictionary<string, string>> RateIdsAsync(SalesScenario scenario) =>
        (await scenario.AllAsync(scenario.Qbo.TaxRates)).ToDictionary(r => r.Name!, r => r.Id!);

    internal static async Task<string> TaxCodeIdAsync(SalesScenario scenario, string name) =>
        (await scenario.AllAsync(scenario.Qbo.TaxCodes)).Single(c => c.Name == name).Id!;

    /// <summary>The document's tax on each named QuickBooks rate, in the order given.</summary>
    internal static decimal[] TaxByRate(SalesTransaction document, string first, string second, IReadOnlyDictionary<string, string> rateIds) =>
        [.. new[] { first, second }.Select(name => (document.TxnTaxDetail?.TaxLine ?? []).Where(t => t.TaxLineDetail?.TaxRateRef?.Value == rateIds[name]).Sum(t => t.Amount ?? 0))];
}
