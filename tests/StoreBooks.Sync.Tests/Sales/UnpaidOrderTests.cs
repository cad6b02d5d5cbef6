using StoreBooks.Core.Model;
using StoreBooks.Core.Products;
using StoreBooks.Core.Sales;
using StoreBooks.Core.State;
using StoreBooks.QuickBooks;
using StoreBooks.QuickBooks.Common;
using StoreBooks.QuickBooks.Customers;
using StoreBooks.Sync.Sales;
using Xunit;
using static StoreBooks.Sync.Tests.Sales.OrderBuilder;

namespace StoreBooks.Sync.Tests.Sales;

/// <summary>
/// Money not received is never booked as received: an unpaid order (bank transfer, cash on delivery) is an invoice with its
/// whole total owed even when the connection posts sales receipts, and each payment the store records later is applied to it
/// once. Two buyers with one name and different emails are two customers; a line with no SKU and no product says what was made.
/// </summary>
public sealed class UnpaidOrderTests
{
    private static SalesSettings UnpaidToo => SalesScenario.CanadianSales(new SalesSettings
    {
        Document = SaleDocumentKind.SalesReceipt,
        Statuses = [FinancialStatus.Pending, FinancialStatus.PartiallyPaid, FinancialStatus.Paid, FinancialStatus.PartiallyRefunded, FinancialStatus.Refunded],
    });

    [Fact]
    public async Task An_unpaid_order_is_an_invoice_and_each_later_payment_is_applied_once()
    {
        var unpaid = Order("7001").Line("TEE-1", "Organic Tee", 2, 20.00m, 0, Rate.Gst).Unpaid().Build();
        await using var scenario = await SalesScenario.StartAsync(SalesScenario.Canada(), SalesScenario.Settings(UnpaidToo), unpaid);

        var first = await scenario.RunAsync();

        Assert.Equal(OrderResult.Posted, DocumentTests.Outcome(first, unpaid).Result);
        Assert.Empty(await scenario.AllAsync(scenario.Qbo.SalesReceipts));
        var invoice = await scenario.InvoiceAsync(unpaid);
        Assert.Equal(42.00m, invoice.TotalAmt);
        Assert.Equal(42.00m, invoice.Balance);
        Assert.Empty(await scenario.AllAsync(scenario.Qbo.Payments));

        // The buyer pays 10.00 by bank transfer; the store records it.
        var partly = Order("7001").Line("TEE-1", "Organic Tee", 2, 20.00m, 0, Rate.Gst).Paid("shopify_payments", 10.00m).Unpaid()
            .Status(FinancialStatus.PartiallyPaid).UpdatedAt(DefaultTime.AddDays(1)).Build();
        scenario.Store.Put(partly);
        await scenario.RunAsync();
        Assert.Equal(32.00m, (await scenario.InvoiceAsync(unpaid)).Balance);
        Assert.Equal(10.00m, Assert.Single(await scenario.AllAsync(scenario.Qbo.Payments)).TotalAmt);

        // Then the rest: one more payment, the first not applied again; the invoice is paid; still no sales receipt.
        var paid = Order("7001").Line("TEE-1", "Organic Tee", 2, 20.00m, 0, Rate.Gst).Paid("shopify_payments", 10.00m)
            .UpdatedAt(DefaultTime.AddDays(2)).Build();
        scenario.Store.Put(paid);
        await scenario.RunAsync();
        await scenario.RunAsync();

        Assert.Equal(0m, (await scenario.InvoiceAsync(unpaid)).Balance);
        var payments = await scenario.AllAsync(scenario.Qbo.Payments);
        Assert.Equal([10.00m, 32.00m], payments.Select(p => p.TotalAmt ?? 0).Order());
        Assert.Empty(await scenario.AllAsync(scenario.Qbo.SalesReceipts));
        Assert.Single(await scenario.AllAsync(scenario.Qbo.Invoices));
    }

    [Fact]
    public async Task An_unpaid_order_the_connection_does_not_sync_waits_and_says_why()
    {
        var unpaid = Order("7002").Line("TEE-1", "Organic Tee", 1, 20.00m, 0, Rate.Gst).Unpaid().Build();
        await using var scenario = await SalesScenario.StartAsync(SalesScenario.Canada(), SalesScenario.Settings(SalesScenario.CanadianSales()), unpaid);

        var run = await scenario.RunAsync();

        Assert.Equal(RunOutcome.Succeeded, run.Run.Outcome);
        var link = await scenario.LinkAsync(LinkKind.Sale, unpaid.SourceId);
        Assert.Equal(LinkState.NotDue, link!.State);
        Assert.StartsWith("not paid yet (pending: a bank deposit, cash on delivery", link.Message, StringComparison.Ordinal);
        Assert.Empty(await scenario.AllAsync(scenario.Qbo.SalesReceipts));
        Assert.Empty(await scenario.AllAsync(scenario.Qbo.Invoices));

        // Paid later: a sales receipt, as the connection posts paid orders.
        scenario.Store.Put(Order("7002").Line("TEE-1", "Organic Tee", 1, 20.00m, 0, Rate.Gst).UpdatedAt(DefaultTime.AddDays(1)).Build());
        await scenario.RunAsync();
        Assert.Equal(21.00m, (await scenario.ReceiptAsync(unpaid)).TotalAmt);
    }

    [Fact]
    public async Task Two_buyers_with_one_name_and_different_emails_are_two_customers()
    {
        var other = Customers.Ann with { SourceId = "c-ann-2", Email = "ann.lee@elsewhere.example" };
        var first = Order("7003").By(Customers.Ann).Line("TEE-1", "Organic Tee", 1, 20.00m, 0, Rate.Gst).Build();
        var second = Order("7004").By(other).Line("TEE-1", "Organic Tee", 1, 20.00m, 0, Rate.Gst).At(DefaultTime.AddMinutes(5)).Build();
        await using var scenario = await SalesScenario.StartAsync(SalesScenario.Canada(), SalesScenario.Settings(SalesScenario.CanadianSales()), first, second);

        // QuickBooks already has an "Ann Lee" with a third email: neither buyer is her.
        var existing = await scenario.Qbo.Customers.CreateAsync(
            new Customer { DisplayName = "Ann Lee", PrimaryEmailAddr = EmailAddress.Of("ann@third.example") }, QboRequestOptions.NewRequestId(), SalesScenario.Token);
        await scenario.RunCleanAsync();

        var one = (await scenario.ReceiptAsync(first)).CustomerRef!.Value;
        var two = (await scenario.ReceiptAsync(second)).CustomerRef!.Value;
        Assert.NotEqual(one, two);
        Assert.NotEqual(existing.Id, one);
        Assert.NotEqual(existing.Id, two);
        var customers = (await scenario.AllAsync(scenario.Qbo.Customers)).ToDictionary(c => c.Id!);
        Assert.Equal("Ann Lee (ann.lee@example.com)", customers[one!].DisplayName);
        Assert.Equal("Ann Lee (ann.lee@elsewhere.example)", customers[two!].DisplayName);
        Assert.Equal("ann.lee@elsewhere.example", customers[two!].PrimaryEmailAddr?.Address);
    }

    [Fact]
    public async Task A_line_with_no_sku_and_no_product_makes_an_item_and_says_so_or_waits_in_manual_mode()
    {
        var order = Order("7005").Line(null, "Gift wrap", 1, 4.00m, 0, Rate.Gst).Build();
        var automatic = new ProductSettings { Mode = ItemMode.Automatic, IncomeAccount = "Sales of Product Income", ExpenseAccount = "Cost of Goods Sold" };
        await using (var scenario = await SalesScenario.StartAsync(SalesScenario.Canada(), SalesScenario.Settings(SalesScenario.CanadianSales(), automatic), order))
        {
            var run = await scenario.RunAsync();

            var outcome = DocumentTests.Outcome(run, order);
            Assert.Equal(OrderResult.Posted, outcome.Result);
            Assert.Equal("order #7005, line 1 (Gift wrap) has no SKU and no product in the store's catalogue: StoreBooks created the QuickBooks item \"Gift wrap\" for it, with the default accounts.",
                Assert.Single(outcome.Warnings));
            Assert.Equal(outcome.Warnings, (await scenario.LinkAsync(LinkKind.Sale, order.SourceId))!.Warnings);
        }

        await using (var manual = await SalesScenario.StartAsync(SalesScenario.Canada(), SalesScenario.Settings(SalesScenario.CanadianSales(), automatic with { Mode = ItemMode.Manual }), order))
        {
            var run = await manual.RunAsync();

            Assert.Equal(OrderResult.Waiting, DocumentTests.Outcome(run, order).Result);
            Assert.Contains("Create a product or service in QuickBooks named exactly \"Gift wrap\"", (await manual.IssueAsync(order)).Message, StringComparison.Ordinal);
            Assert.DoesNotContain(await manual.AllAsync(manual.Qbo.Items), i => i.Name == "Gift wrap");
        }
    }
}
