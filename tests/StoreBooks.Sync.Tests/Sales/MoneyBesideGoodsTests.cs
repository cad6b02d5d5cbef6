using StoreBooks.Core.Sales;
using StoreBooks.Sync.Sales;
using Xunit;
using static StoreBooks.Sync.Tests.Sales.OrderBuilder;

namespace StoreBooks.Sync.Tests.Sales;

/// <summary>
/// Money on an order that is neither goods nor tax, posted to the cent: a free-shipping code (on the shipping line, not the
/// discount line), a fee and a negative fee (the discount line), import duties (the duties item, taxed like the store taxed
/// them), and a tip (a liability).
/// </summary>
public sealed class MoneyBesideGoodsTests
{
    [Fact]
    public async Task Free_shipping_fees_a_negative_fee_duties_and_a_tip_post_to_the_cent_with_the_stores_tax()
    {
        // Two tees (60.00 + GST 3.00); 10.00 shipping made free by a code; gift wrap 5.00 (GST 0.25); a loyalty credit of -6.00
        // (GST -0.30); import duties 4.00 (GST 0.20); a 3.00 tip.
        var order = Order("5020").Line("TEE-1", "Organic Tee", 2, 30.00m, 0, Rate.Gst).Shipping(10.00m, 10.00m, Rate.Gst)
            .Fee("Gift wrap", 5.00m, Rate.Gst).Fee("Loyalty credit", -6.00m, Rate.Gst).Duty("Duties: Organic Tee (HS 610910)", 4.00m, Rate.Gst).Tip(3.00m).Build();

        // Written before running: 60.00 − 10.00 + 10.00 + 5.00 − 6.00 + 4.00 + 3.00 + tax (3.00 + 0 + 0.25 − 0.30 + 0.20 = 3.15).
        Assert.Equal(69.15m, order.Totals.Total);
        Assert.Equal(3.15m, order.Totals.Tax);
        Assert.Empty(OrderCheck.Problems(order, SalesScenario.Settings().Products));
        await using var scenario = await SalesScenario.StartAsync(SalesScenario.Canada(), SalesScenario.Settings(SalesScenario.CanadianSales()), order);

        await scenario.RunCleanAsync();

        var receipt = await scenario.ReceiptAsync(order);
        var figures = DocumentFigures.Of(receipt, (await scenario.ItemAsync("Shipping")).Id);
        Assert.Equal(69.15m, figures.Total);
        Assert.Equal(3.15m, figures.Tax);
        Assert.Equal(0.00m, figures.Shipping);
        Assert.Equal(6.00m, figures.Discount);
        Assert.Equal(5.00m, figures.AmountOf((await scenario.ItemAsync("Fees")).Id!));
        Assert.Equal(3.00m, figures.AmountOf((await scenario.ItemAsync("Tips")).Id!));
        var duties = await scenario.ItemAsync("Duties");
        Assert.Equal(4.00m, figures.AmountOf(duties.Id!));
        var dutiesAccount = await scenario.Qbo.Accounts.GetAsync(duties.IncomeAccountRef!.Value!, SalesScenario.Token);
        Assert.Equal(("Duties collected", "Other Current Liability"), (dutiesAccount.Name, dutiesAccount.AccountType));

        // Every item line has a positive amount, and the duty is taxed GST as the store taxed it.
        Assert.All(figures.ItemLines, l => Assert.True(l.Amount >= 0, $"{l.Description}: {l.Amount}"));
        var gst = await CanadianTaxTests.TaxCodeIdAsync(scenario, "GST");
        Assert.Equal(gst, figures.ItemLines.Single(l => l.SalesItemLineDetail!.ItemRef!.Value == duties.Id).SalesItemLineDetail!.TaxCodeRef!.Value);
        Assert.Equal(3.15m, receipt.TxnTaxDetail!.TaxLine!.Sum(t => t.Amount));
    }

    [Fact]
    public async Task Duties_go_on_the_account_the_settings_name_and_a_wrong_one_is_reported_with_what_to_change()
    {
        var order = Order("5021").Line("TEE-1", "Organic Tee", 1, 40.00m, 0, Rate.Gst).Duty("Duties: Organic Tee", 6.00m).Build();
        var wrong = SalesScenario.CanadianSales(new SalesSettings { DutiesAccount = "Cost of Goods Sold" });
        await using var scenario = await SalesScenario.StartAsync(SalesScenario.Canada(), SalesScenario.Settings(wrong), order);

        var summary = await scenario.RunAsync();

        Assert.Equal(OrderResult.Failed, summary.Outcomes.Single().Result);
        var issue = await scenario.IssueAsync(order);
        Assert.Contains("order #5021", issue.Message, StringComparison.Ordinal);
        Assert.Contains("sales.dutiesAccount", issue.Message, StringComparison.Ordinal);
        Assert.Contains("Cost of Goods Sold", issue.Message, StringComparison.Ordinal);

        await scenario.Harness.SetSettingsAsync(SalesScenario.Settings(SalesScenario.CanadianSales(new SalesSettings { DutiesAccount = "Sales of Product Income" })));
        await scenario.RunAsync(retryFailed: true);
        await scenario.AssertBooksMatchStoreAsync();
        var figures = DocumentFigures.Of(await scenario.ReceiptAsync(order), null);
        var duties = await scenario.ItemAsync("Duties");
        Assert.Equal(6.00m, figures.AmountOf(duties.Id!));
        Assert.Equal(48.00m, figures.Total);
        Assert.Equal(await scenario.AccountIdAsync("Sales of Product Income"), duties.IncomeAccountRef!.Value);
    }
}
