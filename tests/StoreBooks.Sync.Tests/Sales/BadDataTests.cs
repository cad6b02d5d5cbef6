using StoreBooks.Core.Model;
using StoreBooks.Core.Products;
using StoreBooks.Core.State;
using StoreBooks.Sync.Sales;
using Xunit;
using static StoreBooks.Sync.Tests.Sales.OrderBuilder;

namespace StoreBooks.Sync.Tests.Sales;

/// <summary>
/// A merchant's bad data: each order that cannot post gets one clear message (what <c>storebooks status</c> lists) and the
/// others sync; fixing the data in the store and running again posts it. Colons in names and notes longer than QuickBooks
/// takes are cleaned and cut, and still post, saying what was cut.
/// </summary>
public sealed class BadDataTests
{
    [Fact]
    public async Task Each_bad_order_gets_one_message_the_good_ones_post_and_a_fixed_order_posts_on_the_next_run()
    {
        var good = Order("9000").Line("TEE-1", "Organic Tee", 1, 20.00m, 0, Rate.Gst).Build();
        var noSku = Order("9001").Line(null, "Hand-made Scarf", 1, 35.00m, 0, Rate.Gst).Build();
        var negative = Order("9002").Line("TEE-1", "Organic Tee", 1, 20.00m, 0, Rate.Gst).Line("MUG-1", "Mug", -1, 12.00m, 0, Rate.Gst).Build();
        var threeDecimals = Order("9003").Line("PEN-1", "Pen", 3, 3.333m).Build();
        var badTotal = Order("9004").Line("TEE-1", "Organic Tee", 1, 20.00m, 0, Rate.Gst).Build();
        badTotal = badTotal with { Totals = badTotal.Totals with { Total = 22.00m } };
        var unknownTax = Order("9005").Line("TEE-1", "Organic Tee", 1, 20.00m, 0, new Rate("Eco levy", 0.07m)).Build();
        var twoProblems = Order("9006").Line("MUG-1", "Mug", 0, 12.00m).Line("PEN-1", "Pen", 1, -2.00m).Build();
        var products = new ProductSettings { Mode = ItemMode.Automatic, WithoutSku = MissingSkuRule.Report, IncomeAccount = "Sales of Product Income", ExpenseAccount = "Cost of Goods Sold" };
        await using var scenario = await SalesScenario.StartAsync(SalesScenario.Canada(), SalesScenario.Settings(SalesScenario.CanadianSales(), products),
            good, noSku, negative, threeDecimals, badTotal, unknownTax, twoProblems);

        var summary = await scenario.RunAsync();

        Assert.Equal(OrderResult.Posted, DocumentTests.Outcome(summary, good).Result);
        Assert.Single(await scenario.AllAsync(scenario.Qbo.SalesReceipts));
        Assert.Equal(6, summary.Count(OrderResult.Failed));
        Assert.Equal(RunOutcome.NeedsAttention, summary.Run.Outcome);
        var issues = await scenario.IssuesAsync();
        Assert.Equal(6, issues.Count);
        Assert.All(issues, i => Assert.Single(issues, x => x.SourceId == i.SourceId));

        Assert.Equal("order #9001, line 1 (Hand-made Scarf): the product has no SKU, and products are matched on SKU. Give it a SKU in the store, " +
            "or let products without a SKU match on their name (products.withoutSku = MatchByName).", (await scenario.IssueAsync(noSku)).Message);
        Assert.StartsWith("order #9002, line 2 (SKU MUG-1, Mug): quantity -1.00 must be more than 0.", (await scenario.IssueAsync(negative)).Message, StringComparison.Ordinal);
        Assert.Equal("order #9003, line 1 (SKU PEN-1, Pen): unit price 3.333 has more than 2 decimals, so 3.00 × 3.333 = 9.999 is not an amount in cents. Round the price in the store.",
            (await scenario.IssueAsync(threeDecimals)).Message);
        Assert.Equal("order #9004: its total 22.00 does not equal lines 20.00 − discounts 0.00 + shipping 0.00 + fees 0.00 + tax 1.00 + tips 0.00 = 21.00. " +
            "Nothing was posted: check the order in the store.", (await scenario.IssueAsync(badTotal)).Message);
        var tax = (await scenario.IssueAsync(unknownTax)).Message;
        Assert.StartsWith("order #9005 (line 1): tax Eco levy 7% has no QuickBooks tax code with the same rates. Map it in the settings (sales.taxCodes: {\"Eco levy 7%\": \"<tax code>\"}).", tax, StringComparison.Ordinal);
        var both = (await scenario.IssueAsync(twoProblems)).Message;
        Assert.Contains("line 1 (SKU MUG-1, Mug): quantity 0.00 must be more than 0", both, StringComparison.Ordinal);
        Assert.Contains("line 2 (SKU PEN-1, Pen): unit price -2.00 is negative", both, StringComparison.Ordinal);
        Assert.Equal(LinkState.Failed, (await scenario.LinkAsync(LinkKind.Sale, negative.SourceId))!.State);

        // The merchant corrects the quantity in the store; the next run posts the order and closes its issue.
        var fixedOrder = Order("9002").Line("TEE-1", "Organic Tee", 1, 20.00m, 0, Rate.Gst).Line("MUG-1", "Mug", 1, 12.00m, 0, Rate.Gst).UpdatedAt(DefaultTime.AddDays(1)).Build();
        scenario.Store.Put(fixedOrder);
        var next = await scenario.RunAsync();

        Assert.Equal(OrderResult.Posted, DocumentTests.Outcome(next, fixedOrder).Result);
        Assert.Equal(fixedOrder.Totals.Total, (await scenario.ReceiptAsync(fixedOrder)).TotalAmt);
        Assert.DoesNotContain(await scenario.IssuesAsync(), i => i.SourceId == fixedOrder.SourceId);
        Assert.Equal(5, (await scenario.IssuesAsync()).Count);
    }

    [Fact]
    public async Task Names_with_colons_and_notes_too_long_for_QuickBooks_are_cleaned_and_cut_and_still_post()
    {
        var buyer = new StoreCustomer { SourceId = "c-vip", Email = "vip@example.com", FirstName = "Ann: VIP", LastName = "Lee" };
        var note = "Leave at the back door. " + new string('x', 4976);
        var order = Order("9010").By(buyer).Line("TEE-LTD", "Tee: Limited Edition", 1, 20.00m, 0, Rate.Gst).Note(note).Build();
        Assert.Equal(5000, note.Length);
        await using var scenario = await SalesScenario.StartAsync(SalesScenario.Canada(), SalesScenario.Settings(SalesScenario.CanadianSales()), order);

        var summary = await scenario.RunCleanAsync();

        var receipt = await scenario.ReceiptAsync(order);
        Assert.Equal(21.00m, receipt.TotalAmt);
        var customer = await scenario.Qbo.Customers.GetAsync(receipt.CustomerRef!.Value!, SalesScenario.Token);
        Assert.Equal("Ann - VIP Lee", customer.DisplayName);
        var item = await scenario.Qbo.Items.GetAsync(DocumentFigures.Of(receipt, null).ItemLines.Single().SalesItemLineDetail!.ItemRef!.Value!, SalesScenario.Token);
        Assert.Equal("Tee - Limited Edition", item.Name);
        Assert.Equal("Tee: Limited Edition", DocumentFigures.Of(receipt, null).ItemLines.Single().Description);

        // The note is kept up to QuickBooks' 4000 characters, and the memo says it was cut and where the whole note is.
        Assert.True(receipt.PrivateNote!.Length <= 4000);
        Assert.StartsWith("[StoreBooks csv order o-9010] Leave at the back door. xxx", receipt.PrivateNote, StringComparison.Ordinal);
        Assert.EndsWith("x … [note cut to fit QuickBooks; the store has all 5000 characters]", receipt.PrivateNote, StringComparison.Ordinal);
        Assert.Equal(OrderResult.Posted, summary.Outcomes.Single().Result);
        Assert.Empty(await scenario.IssuesAsync());

        // What was changed is said, as warnings kept with the order, and the run still succeeded.
        var warnings = summary.Outcomes.Single().Warnings;
        Assert.Contains(warnings, w => w.StartsWith("order #9010: its note of 5000 characters was cut to fit QuickBooks' 4000-character memo", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.StartsWith("order #9010: the customer name \"Ann: VIP Lee\" became \"Ann - VIP Lee\"", StringComparison.Ordinal));
        Assert.Equal(RunOutcome.Succeeded, summary.Run.Outcome);
        Assert.Equal(1, summary.Run.Counts["warnings"]);
        Assert.Equal(warnings, (await scenario.LinkAsync(LinkKind.Sale, order.SourceId))!.Warnings);
    }
}
