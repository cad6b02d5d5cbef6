using StoreBooks.Core.Sales;
using Xunit;
using static StoreBooks.Sync.Tests.Sales.OrderBuilder;

namespace StoreBooks.Sync.Tests.Sales;

/// <summary>
/// A US company with automated sales tax (the emulator computes 8.25 % on taxable lines, as QuickBooks would compute its own):
/// StoreBooks sends every line as NON and the tax the store collected on its own line, so QuickBooks' total is the store's.
/// </summary>
public sealed class UsTaxTests
{
    [Fact]
    public async Task The_tax_the_store_collected_is_its_own_line_and_QuickBooks_total_is_the_stores()
    {
        // 2 × 19.99 less 4.00 at 7.25 % is 2.61 (QuickBooks' own 8.25 % would give 2.97); shipping 5.99 untaxed.
        var order = Order("3001").In("USD")
            .Line("TEE-1", "Organic Tee", 2, 19.99m, 4.00m, Rate.CaState)
            .Line("STICKER", "Sticker", 3, 0.35m, 0, Rate.CaState)
            .Shipping(5.99m)
            .Build();
        await using var scenario = await SalesScenario.StartAsync(SalesScenario.Us, SalesScenario.Settings(), order);

        await scenario.RunCleanAsync();

        var receipt = await scenario.ReceiptAsync(order);
        var figures = DocumentFigures.Of(receipt, (await scenario.ItemAsync("Shipping")).Id);
        Assert.Equal(order.Totals.Total, figures.Total);
        Assert.Equal(2.61m + 0.08m, order.Totals.Tax);
        Assert.Equal(0m, figures.Tax);
        Assert.Equal(order.Totals.Tax, figures.AmountOf((await scenario.ItemAsync("Sales tax collected")).Id!));
        Assert.Equal(5.99m, figures.Shipping);
        Assert.Equal(4.00m, figures.Discount);
        Assert.All(figures.ItemLines, l => Assert.Equal("NON", l.SalesItemLineDetail!.TaxCodeRef!.Value));
        Assert.Null(receipt.GlobalTaxCalculation);
    }

    [Fact]
    public async Task A_US_refund_gives_back_the_collected_tax_on_its_own_line()
    {
        var order = Order("3002").In("USD")
            .Line("TEE-1", "Organic Tee", 2, 20.00m, 0, Rate.CaState)
            .Refund("r1", DefaultTime.AddDays(2), [(1, 1m, false)])
            .Build();
        await using var scenario = await SalesScenario.StartAsync(SalesScenario.Us, SalesScenario.Settings(), order);

        await scenario.RunCleanAsync();

        var refund = await scenario.RefundReceiptAsync(order, "r1");
        Assert.Equal(21.45m, refund.TotalAmt);
        var figures = DocumentFigures.Of(refund, null);
        Assert.Equal(1.45m, figures.AmountOf((await scenario.ItemAsync("Sales tax collected")).Id!));
        Assert.Equal("R3002-1", refund.DocNumber);
    }

    [Fact]
    public async Task In_invoice_mode_a_paid_order_is_an_invoice_with_its_payment_applied_and_nothing_left_owing()
    {
        var order = Order("3003").In("USD")
            .Line("TEE-1", "Organic Tee", 1, 49.00m, 0, Rate.CaState)
            .Shipping(7.50m)
            .Build();
        await using var scenario = await SalesScenario.StartAsync(SalesScenario.Us, SalesScenario.Settings(new SalesSettings { Document = SaleDocumentKind.Invoice }), order);

        var summary = await scenario.RunCleanAsync();

        var invoice = await scenario.InvoiceAsync(order);
        Assert.Equal(order.Totals.Total, invoice.TotalAmt);
        Assert.Equal(0m, invoice.Balance);
        var payments = await scenario.AllAsync(scenario.Qbo.Payments);
        var payment = Assert.Single(payments);
        Assert.Equal(order.Totals.Total, payment.TotalAmt);
        Assert.Equal(invoice.Id, Assert.Single(Assert.Single(payment.Line!).LinkedTxn!).TxnId);
        Assert.Equal(1, summary.Run.Counts["payments.posted"]);
        Assert.Empty(await scenario.AllAsync(scenario.Qbo.SalesReceipts));

        // A second run posts nothing more.
        var again = await scenario.RunCleanAsync();
        Assert.Single(await scenario.AllAsync(scenario.Qbo.Payments));
        Assert.Equal(0, again.Run.Counts["payments.posted"]);
    }

    [Fact]
    public async Task A_payment_the_merchant_recorded_in_QuickBooks_is_not_paid_again()
    {
        var sales = new SalesSettings { Document = SaleDocumentKind.Invoice, Statuses = [Core.Model.FinancialStatus.Pending, Core.Model.FinancialStatus.Paid] };
        var unpaid = Order("3005").In("USD").Line("TEE-1", "Organic Tee", 1, 30.00m).Unpaid().Build();
        await using var scenario = await SalesScenario.StartAsync(SalesScenario.Us, SalesScenario.Settings(sales), unpaid);
        await scenario.RunCleanAsync();
        var invoice = await scenario.InvoiceAsync(unpaid);

        // The buyer pays by cheque; the merchant records it in QuickBooks, then marks the order paid in the store.
        await scenario.Qbo.Payments.CreateAsync(new QuickBooks.Payments.Payment
        {
            CustomerRef = invoice.CustomerRef,
            TotalAmt = 30.00m,
            Line = [new QuickBooks.Common.Line { Amount = 30.00m, LinkedTxn = [QuickBooks.Common.LinkedTxn.To("Invoice", invoice.Id!)] }],
        }, QuickBooks.QboRequestOptions.NewRequestId(), SalesScenario.Token);
        scenario.Store.Put(Order("3005").In("USD").Line("TEE-1", "Organic Tee", 1, 30.00m).Paid("manual", 30.00m).UpdatedAt(DefaultTime.AddDays(2)).Build());
        var summary = await scenario.RunCleanAsync();

        Assert.Single(await scenario.AllAsync(scenario.Qbo.Payments));
        Assert.Equal(0m, (await scenario.InvoiceAsync(unpaid)).Balance);
        Assert.False(summary.Outcomes.First().PaymentPosted);
    }

    [Fact]
    public async Task An_unpaid_order_waits_in_invoice_mode_until_it_is_paid_then_gets_its_payment()
    {
        var sales = new SalesSettings
        {
            Document = SaleDocumentKind.Invoice,
            Statuses = [Core.Model.FinancialStatus.Pending, Core.Model.FinancialStatus.Paid],
        };
        var unpaid = Order("3004").In("USD").Line("TEE-1", "Organic Tee", 1, 30.00m).Unpaid().Build();
        await using var scenario = await SalesScenario.StartAsync(SalesScenario.Us, SalesScenario.Settings(sales), unpaid);

        await scenario.RunCleanAsync();
        var invoice = await scenario.InvoiceAsync(unpaid);
        Assert.Equal(30.00m, invoice.Balance);
        Assert.Empty(await scenario.AllAsync(scenario.Qbo.Payments));

        scenario.Store.Put(Order("3004").In("USD").Line("TEE-1", "Organic Tee", 1, 30.00m).UpdatedAt(DefaultTime.AddDays(1)).Build());
        await scenario.RunCleanAsync();

        Assert.Equal(0m, (await scenario.InvoiceAsync(unpaid)).Balance);
        Assert.Single(await scenario.AllAsync(scenario.Qbo.Payments));
    }
}
