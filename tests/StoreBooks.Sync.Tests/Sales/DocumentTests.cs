using StoreBooks.Core.Model;
using StoreBooks.Core.Sales;
using StoreBooks.Core.State;
using StoreBooks.QuickBooks;
using StoreBooks.QuickBooks.Common;
using StoreBooks.QuickBooks.SalesReceipts;
using StoreBooks.Sync.Sales;
using Xunit;
using static StoreBooks.Sync.Tests.Sales.OrderBuilder;

namespace StoreBooks.Sync.Tests.Sales;

/// <summary>
/// Which orders become documents and under which number: synced statuses, test and cancelled orders skipped, the order number
/// with a prefix (at most 21 characters), and QuickBooks' duplicate-number refusal (6140): StoreBooks' own document adopted,
/// someone else's reported with what to change.
/// </summary>
public sealed class DocumentTests
{
    [Fact]
    public async Task Test_orders_cancelled_orders_and_unpaid_orders_are_not_posted_and_say_why()
    {
        var paid = Order("7001").Line("TEE-1", "Organic Tee", 1, 20.00m).Build();
        var test = Order("7002").Line("TEE-1", "Organic Tee", 1, 20.00m).Build() with { IsTest = true };
        var cancelled = Order("7003").Line("TEE-1", "Organic Tee", 1, 20.00m).Build() with { CancelledAt = DefaultTime.AddHours(2), FinancialStatus = FinancialStatus.Voided };
        var unpaid = Order("7004").Line("TEE-1", "Organic Tee", 1, 20.00m).Unpaid().Build();
        var early = Order("7005").Line("TEE-1", "Organic Tee", 1, 20.00m).At(new DateTimeOffset(2025, 12, 28, 9, 0, 0, TimeSpan.Zero), DefaultTime).Build();
        await using var scenario = await SalesScenario.StartAsync(SalesScenario.Canada(), SalesScenario.Settings(SalesScenario.CanadianSales()), paid, test, cancelled, unpaid, early);

        var summary = await scenario.RunCleanAsync();

        Assert.Single(await scenario.AllAsync(scenario.Qbo.SalesReceipts));
        Assert.Equal(OrderResult.Posted, Outcome(summary, paid).Result);
        Assert.Equal((OrderResult.Skipped, "a test order"), (Outcome(summary, test).Result, Outcome(summary, test).Message));
        Assert.Equal((OrderResult.Skipped, "cancelled before it was posted, with no money kept"), (Outcome(summary, cancelled).Result, Outcome(summary, cancelled).Message));
        Assert.Equal(OrderResult.NotYet, Outcome(summary, unpaid).Result);
        Assert.Equal((OrderResult.Skipped, "placed before the sync start date 2026-01-01"), (Outcome(summary, early).Result, Outcome(summary, early).Message));
        Assert.Equal(LinkState.Skipped, (await scenario.LinkAsync(LinkKind.Sale, test.SourceId))!.State);
        Assert.Empty(await scenario.IssuesAsync());
        Assert.Equal(RunOutcome.Succeeded, summary.Run.Outcome);
    }

    [Fact]
    public async Task A_cancelled_order_whose_money_the_store_kept_posts_and_a_voided_one_does_not()
    {
        var kept = Order("7011").Line("TEE-1", "Organic Tee", 1, 20.00m).Build() with { CancelledAt = DefaultTime.AddHours(2) };
        var voided = Order("7012").Line("TEE-1", "Organic Tee", 1, 20.00m).Build() with { CancelledAt = DefaultTime.AddHours(2), FinancialStatus = FinancialStatus.Voided };
        await using var scenario = await SalesScenario.StartAsync(SalesScenario.Canada(), SalesScenario.Settings(SalesScenario.CanadianSales()), kept, voided);

        var summary = await scenario.RunCleanAsync();

        Assert.Equal(FinancialStatus.Paid, kept.FinancialStatus);
        Assert.Equal(OrderResult.Posted, Outcome(summary, kept).Result);
        Assert.Equal(20.00m, (await scenario.ReceiptAsync(kept)).TotalAmt);
        Assert.Equal((OrderResult.Skipped, "cancelled before it was posted, with no money kept"), (Outcome(summary, voided).Result, Outcome(summary, voided).Message));
        Assert.Single(await scenario.AllAsync(scenario.Qbo.SalesReceipts));
    }

    [Fact]
    public async Task The_document_number_is_the_order_number_with_the_prefix_and_too_long_a_number_is_reported()
    {
        var order = Order("#1043").Line("TEE-1", "Organic Tee", 1, 20.00m).Build();
        var longNumber = Order("100000000000000001").Line("TEE-1", "Organic Tee", 1, 20.00m).Build();
        var sales = SalesScenario.CanadianSales(new SalesSettings { DocNumberPrefix = "WEB-" });
        await using var scenario = await SalesScenario.StartAsync(SalesScenario.Canada(), SalesScenario.Settings(sales), order, longNumber);

        await scenario.RunAsync();

        Assert.Equal("WEB-1043", (await scenario.ReceiptAsync(order)).DocNumber);
        var issue = await scenario.IssueAsync(longNumber);
        Assert.Equal("order #100000000000000001: its document number \"WEB-100000000000000001\" has 22 characters and QuickBooks allows 21. " +
            "Shorten the prefix (sales.docNumberPrefix) or let QuickBooks number documents (sales.useOrderNumbers=false).", issue.Message);
    }

    [Fact]
    public async Task A_number_QuickBooks_already_has_on_someone_elses_document_is_reported_then_posts_with_a_prefix()
    {
        var order = Order("7010").Line("TEE-1", "Organic Tee", 1, 20.00m).Build();
        await using var scenario = await SalesScenario.StartAsync(SalesScenario.Canada(), SalesScenario.Settings(SalesScenario.CanadianSales()), order);
        var theirs = await CreateReceiptAsync(scenario, "7010", "Counter sale typed in by hand");

        var first = await scenario.RunAsync();

        Assert.Equal(OrderResult.Failed, first.Outcomes.Single().Result);
        var issue = await scenario.IssueAsync(order);
        Assert.StartsWith($"order #7010: QuickBooks already has a document numbered 7010 (id {theirs}) that StoreBooks did not make", issue.Message, StringComparison.Ordinal);
        Assert.Contains("sales.docNumberPrefix", issue.Message, StringComparison.Ordinal);
        Assert.Equal(LinkState.Failed, (await scenario.LinkAsync(LinkKind.Sale, order.SourceId))!.State);

        await scenario.Harness.SetSettingsAsync(SalesScenario.Settings(SalesScenario.CanadianSales(new SalesSettings { DocNumberPrefix = "WEB-" })));
        var retried = await scenario.RunAsync(retryFailed: true);

        Assert.Equal(OrderResult.Posted, Outcome(retried, order).Result);
        Assert.Equal("WEB-7010", (await scenario.ReceiptAsync(order)).DocNumber);
        Assert.Empty(await scenario.IssuesAsync());
        Assert.Equal(2, (await scenario.AllAsync(scenario.Qbo.SalesReceipts)).Count);
    }

    [Fact]
    public async Task StoreBooks_own_document_found_under_the_number_is_adopted_not_duplicated()
    {
        var order = Order("7011").Line("TEE-1", "Organic Tee", 1, 20.00m).Refund("r1", DefaultTime.AddDays(1), [(1, 1m, false)]).Build();
        await using var scenario = await SalesScenario.StartAsync(SalesScenario.Canada(), SalesScenario.Settings(SalesScenario.CanadianSales()), order);
        await scenario.RunCleanAsync();
        var receipt = await scenario.ReceiptAsync(order);

        // StoreBooks is set up again with an empty home: its links are gone, QuickBooks still has the documents.
        var runner = await scenario.FreshHomeRunnerAsync();
        var again = await runner.RunAsync("test", cancellationToken: SalesScenario.Token);

        Assert.True(again.Outcomes.Single().Result == OrderResult.Adopted, again.Outcomes.Single().Message);
        Assert.Equal(1, again.Run.Counts["orders.adopted"]);
        Assert.False(again.Run.Counts.ContainsKey("orders.posted"));
        Assert.Equal(0, again.Run.Counts["refunds.posted"]);
        Assert.Equal(receipt.Id, Assert.Single(await scenario.AllAsync(scenario.Qbo.SalesReceipts)).Id);
        Assert.Single(await scenario.AllAsync(scenario.Qbo.RefundReceipts));
        Assert.Single(await scenario.AllAsync(scenario.Qbo.Customers));
    }

    [Fact]
    public async Task StoreBooks_own_invoice_found_again_is_adopted_and_not_paid_twice()
    {
        var order = Order("7013").Line("TEE-1", "Organic Tee", 2, 20.00m, 0, Rate.Gst).Build();
        var sales = SalesScenario.CanadianSales(new SalesSettings { Document = SaleDocumentKind.Invoice });
        await using var scenario = await SalesScenario.StartAsync(SalesScenario.Canada(), SalesScenario.Settings(sales), order);
        await scenario.RunCleanAsync();

        var runner = await scenario.FreshHomeRunnerAsync();
        var again = await runner.RunAsync("test", cancellationToken: SalesScenario.Token);

        Assert.True(again.Outcomes.Single().Result == OrderResult.Adopted, again.Outcomes.Single().Message);
        var invoice = Assert.Single(await scenario.AllAsync(scenario.Qbo.Invoices));
        Assert.Equal(0m, invoice.Balance);
        Assert.Single(await scenario.AllAsync(scenario.Qbo.Payments));
        Assert.False(again.Outcomes.Single().PaymentPosted);
    }

    [Fact]
    public async Task Without_order_numbers_QuickBooks_numbers_the_documents()
    {
        var order = Order("7012").Line("TEE-1", "Organic Tee", 1, 20.00m).Build();
        var sales = SalesScenario.CanadianSales(new SalesSettings { UseOrderNumbers = false });
        await using var scenario = await SalesScenario.StartAsync(SalesScenario.Canada() with { CustomTxnNumbers = false }, SalesScenario.Settings(sales), order);

        await scenario.RunCleanAsync();

        var receipt = await scenario.ReceiptAsync(order);
        Assert.NotNull(receipt.DocNumber);
        Assert.NotEqual("7012", receipt.DocNumber);
    }

    /// <summary>The first outcome of an order in a run (the overlap may read it again, Unchanged).</summary>
    internal static OrderOutcome Outcome(SyncSummary summary, StoreOrder order) => summary.Outcomes.First(o => o.SourceId == order.SourceId);

    /// <summary>A sales receipt the merchant typed into QuickBooks by hand.</summary>
    internal static async Task<string> CreateReceiptAsync(SalesScenario scenario, string docNumber, string description)
    {
        var codes = await scenario.AllAsync(scenario.Qbo.TaxCodes);
        var receipt = await scenario.Qbo.SalesReceipts.CreateAsync(new SalesReceipt
        {
            DocNumber = docNumber,
            GlobalTaxCalculation = "TaxExcluded",
            Line = [Line.SalesItem(Ref.To("1"), 1, 10.00m, description, Ref.To(codes.Single(c => c.Name == "Exempt").Id!))],
        }, QboRequestOptions.NewRequestId(), SalesScenario.Token);
        return receipt.Id!;
    }
}
