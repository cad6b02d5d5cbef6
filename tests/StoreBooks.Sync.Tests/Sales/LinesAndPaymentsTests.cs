using StoreBooks.Core.Sales;
using StoreBooks.QuickBooks;
using StoreBooks.QuickBooks.Accounts;
using StoreBooks.Sync.Sales;
using Xunit;
using static StoreBooks.Sync.Tests.Sales.OrderBuilder;

namespace StoreBooks.Sync.Tests.Sales;

/// <summary>
/// What is not a product on a sale: gift cards sold (a liability) and redeemed (a tender), tips, fees, shipping as an item or as
/// QuickBooks' shipping line; and where the money goes: each gateway's payment method and deposit account.
/// </summary>
public sealed class LinesAndPaymentsTests
{
    [Fact]
    public async Task A_gift_card_sold_is_a_liability_and_one_redeemed_is_a_tender_not_income()
    {
        // Sells a tee (GST) and a 50.00 gift card; pays 20.00 with an older gift card and the rest by card.
        var sold = Order("5001").Line("TEE-1", "Organic Tee", 1, 40.00m, 0, Rate.Gst).GiftCardSold(50.00m).PaidWithGiftCard(20.00m).Build();

        // Paid entirely with a gift card: nothing reaches the bank.
        var redeemed = Order("5002").Line("TEE-1", "Organic Tee", 1, 20.00m, 0, Rate.Gst).PaidWithGiftCard(21.00m).Build();
        await using var scenario = await SalesScenario.StartAsync(SalesScenario.Canada(), SalesScenario.Settings(SalesScenario.CanadianSales()), sold, redeemed);

        await scenario.RunCleanAsync();

        var giftCards = await scenario.ItemAsync("Gift cards");
        var liability = await scenario.Qbo.Accounts.GetAsync(giftCards.IncomeAccountRef!.Value!, SalesScenario.Token);
        Assert.Equal("Other Current Liability", liability.AccountType);

        var first = DocumentFigures.Of(await scenario.ReceiptAsync(sold), null);
        Assert.Equal(92.00m, sold.Totals.Total);
        Assert.Equal(72.00m, first.Total);
        Assert.Equal(2.00m, first.Tax);
        Assert.Equal(30.00m, first.AmountOf(giftCards.Id!));
        Assert.Equal([50.00m, -20.00m], first.ItemLines.Where(l => l.SalesItemLineDetail!.ItemRef!.Value == giftCards.Id).Select(l => l.Amount!.Value));

        var second = DocumentFigures.Of(await scenario.ReceiptAsync(redeemed), null);
        Assert.Equal(0.00m, second.Total);
        Assert.Equal(1.00m, second.Tax);
        Assert.Equal(-21.00m, second.AmountOf(giftCards.Id!));
    }

    [Fact]
    public async Task Tips_go_to_a_liability_and_fees_to_income_with_their_tax()
    {
        var order = Order("5003").Line("TEE-1", "Organic Tee", 1, 30.00m, 0, Rate.Gst).Fee("Gift wrap", 5.00m, Rate.Gst).Tip(4.00m).Build();
        await using var scenario = await SalesScenario.StartAsync(SalesScenario.Canada(), SalesScenario.Settings(SalesScenario.CanadianSales()), order);

        await scenario.RunCleanAsync();

        var figures = DocumentFigures.Of(await scenario.ReceiptAsync(order), null);
        Assert.Equal(40.75m, order.Totals.Total);
        Assert.Equal(40.75m, figures.Total);
        Assert.Equal(1.75m, figures.Tax);
        var tips = await scenario.ItemAsync("Tips");
        var fees = await scenario.ItemAsync("Fees");
        Assert.Equal(4.00m, figures.AmountOf(tips.Id!));
        Assert.Equal(5.00m, figures.AmountOf(fees.Id!));
        Assert.Equal("Other Current Liability", (await scenario.Qbo.Accounts.GetAsync(tips.IncomeAccountRef!.Value!, SalesScenario.Token)).AccountType);
        Assert.Equal("Income", (await scenario.Qbo.Accounts.GetAsync(fees.IncomeAccountRef!.Value!, SalesScenario.Token)).AccountType);
        var gst = await CanadianTaxTests.TaxCodeIdAsync(scenario, "GST");
        Assert.Equal(gst, figures.ItemLines.Single(l => l.SalesItemLineDetail!.ItemRef!.Value == fees.Id).SalesItemLineDetail!.TaxCodeRef!.Value);
    }

    [Fact]
    public async Task Shipping_can_be_QuickBooks_own_shipping_line_taxed_like_the_store()
    {
        var order = Order("5004").Line("TEE-1", "Organic Tee", 2, 20.00m, 4.00m, Rate.HstOn).Shipping(12.00m, 2.00m, Rate.HstOn).Build();
        var sales = SalesScenario.CanadianSales(new SalesSettings { Shipping = ShippingMode.ShippingLine });
        await using var scenario = await SalesScenario.StartAsync(SalesScenario.Canada(), SalesScenario.Settings(sales), order);

        await scenario.RunCleanAsync();

        var receipt = await scenario.ReceiptAsync(order);
        var figures = DocumentFigures.Of(receipt, null);
        var shipping = Assert.Single(receipt.Line!, l => l.SalesItemLineDetail?.ItemRef?.Value == "SHIPPING_ITEM_ID");

        // 12.00 of shipping with 2.00 off: the shipping line carries the 10.00 paid, taxed at 13 %; only the tee's 4.00 discount is
        // on the discount line.
        Assert.Equal(10.00m, shipping.Amount);
        Assert.Equal(await CanadianTaxTests.TaxCodeIdAsync(scenario, "HST ON"), shipping.SalesItemLineDetail!.TaxCodeRef!.Value);
        Assert.Equal(order.Totals.Total, figures.Total);
        Assert.Equal(order.Totals.Tax, figures.Tax);
        Assert.Equal(10.00m, figures.Shipping);
        Assert.Equal(4.00m, figures.Discount);
        Assert.Null(await scenario.Qbo.Items.FindAsync(scenario.Qbo.Items.Where().WhereEquals("Name", "Shipping"), SalesScenario.Token));
    }

    [Fact]
    public async Task The_shipping_line_in_a_company_with_shipping_turned_off_is_reported_with_what_to_change()
    {
        var order = Order("5005").Line("TEE-1", "Organic Tee", 1, 20.00m, 0, Rate.Gst).Shipping(5.00m, 0, Rate.Gst).Build();
        var noShipping = Order("5006").Line("TEE-1", "Organic Tee", 1, 20.00m, 0, Rate.Gst).Build();
        var sales = SalesScenario.CanadianSales(new SalesSettings { Shipping = ShippingMode.ShippingLine });
        await using var scenario = await SalesScenario.StartAsync(SalesScenario.Canada() with { AllowShipping = false }, SalesScenario.Settings(sales), order, noShipping);

        var summary = await scenario.RunAsync();

        Assert.Equal(OrderResult.Failed, summary.Outcomes.Single(o => o.SourceId == order.SourceId).Result);
        Assert.Equal(OrderResult.Posted, summary.Outcomes.Single(o => o.SourceId == noShipping.SourceId).Result);
        var issue = await scenario.IssueAsync(order);
        Assert.Contains("order #5005", issue.Message, StringComparison.Ordinal);
        Assert.Contains("shipping", issue.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("sales.shipping", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_gateway_deposits_to_its_own_account_with_its_own_method_clearing_or_undeposited_funds()
    {
        var byCard = Order("5010").Line("TEE-1", "Organic Tee", 1, 20.00m, 0, Rate.Gst).Paid("shopify_payments", 21.00m).Build();
        var byPaypal = Order("5011").Line("TEE-1", "Organic Tee", 1, 20.00m, 0, Rate.Gst).Paid("paypal", 21.00m).Build();
        await using var scenario = await SalesScenario.StartAsync(SalesScenario.Canada(), SalesScenario.Settings(), byCard, byPaypal);
        var clearing = await CreateClearingAsync(scenario, "Shopify Payments Clearing");
        await scenario.Harness.SetSettingsAsync(SalesScenario.Settings(SalesScenario.CanadianSales(new SalesSettings
        {
            Payments = new Dictionary<string, PaymentMapping> { ["shopify_payments"] = new() { DepositAccount = "Shopify Payments Clearing" } },
        })));

        await scenario.RunCleanAsync();

        var card = await scenario.ReceiptAsync(byCard);
        Assert.Equal(clearing, card.DepositToAccountRef!.Value);
        Assert.Equal("Shopify Payments", (await scenario.Qbo.PaymentMethods.GetAsync(card.PaymentMethodRef!.Value!, SalesScenario.Token)).Name);
        var paypal = await scenario.ReceiptAsync(byPaypal);
        Assert.Equal(await scenario.AccountIdAsync("Undeposited Funds"), paypal.DepositToAccountRef!.Value);
        Assert.Equal("Paypal", (await scenario.Qbo.PaymentMethods.GetAsync(paypal.PaymentMethodRef!.Value!, SalesScenario.Token)).Name);
    }

    [Fact]
    public async Task An_order_paid_through_two_gateways_into_different_accounts_lands_in_both()
    {
        // 60.00 by Stripe (to its clearing account), the rest by PayPal (to its own), and 10.00 from a gift card.
        var order = Order("5012").Line("TEE-1", "Organic Tee", 4, 25.00m, 0, Rate.Gst).Paid("stripe", 60.00m).PaidWithGiftCard(10.00m).Paid("paypal", 35.00m).Build();
        Assert.Equal(105.00m, order.Totals.Total);
        await using var scenario = await SalesScenario.StartAsync(SalesScenario.Canada(), SalesScenario.Settings(), order);
        var stripe = await CreateClearingAsync(scenario, "Stripe Clearing");
        var paypal = await CreateClearingAsync(scenario, "PayPal Clearing");
        await scenario.Harness.SetSettingsAsync(SalesScenario.Settings(SalesScenario.CanadianSales(new SalesSettings
        {
            Payments = new Dictionary<string, PaymentMapping>
            {
                ["stripe"] = new() { Method = "Credit card", DepositAccount = "Stripe Clearing" },
                ["paypal"] = new() { DepositAccount = "PayPal Clearing" },
            },
        })));

        var summary = await scenario.RunCleanAsync();

        // One sales receipt cannot deposit into two accounts: the sale is an invoice with one payment per gateway.
        Assert.Empty(await scenario.AllAsync(scenario.Qbo.SalesReceipts));
        var invoice = await scenario.InvoiceAsync(order);
        Assert.Equal(95.00m, invoice.TotalAmt);
        Assert.Equal(0m, invoice.Balance);
        Assert.Equal(5.00m, invoice.TxnTaxDetail!.TotalTax);
        var payments = await scenario.AllAsync(scenario.Qbo.Payments);
        Assert.Equal(2, payments.Count);
        var byStripe = payments.Single(p => p.DepositToAccountRef!.Value == stripe);
        Assert.Equal(60.00m, byStripe.TotalAmt);
        Assert.Equal("Credit card", (await scenario.Qbo.PaymentMethods.GetAsync(byStripe.PaymentMethodRef!.Value!, SalesScenario.Token)).Name);
        Assert.Equal(35.00m, payments.Single(p => p.DepositToAccountRef!.Value == paypal).TotalAmt);
        Assert.Contains("Stripe 60.00", invoice.PrivateNote, StringComparison.Ordinal);

        // Run again: nothing more is posted.
        await scenario.RunCleanAsync();
        Assert.Equal(2, (await scenario.AllAsync(scenario.Qbo.Payments)).Count);
        Assert.True(summary.Outcomes.Single().PaymentPosted);
    }

    [Fact]
    public async Task Two_gateways_into_the_same_account_make_one_sales_receipt_that_names_both()
    {
        var order = Order("5013").Line("TEE-1", "Organic Tee", 2, 25.00m, 0, Rate.Gst).Paid("stripe", 30.00m).Paid("paypal", 22.50m).Build();
        await using var scenario = await SalesScenario.StartAsync(SalesScenario.Canada(), SalesScenario.Settings(SalesScenario.CanadianSales()), order);

        await scenario.RunCleanAsync();

        var receipt = await scenario.ReceiptAsync(order);
        Assert.Equal(52.50m, receipt.TotalAmt);
        Assert.Equal(await scenario.AccountIdAsync("Undeposited Funds"), receipt.DepositToAccountRef!.Value);
        Assert.Equal("Stripe", (await scenario.Qbo.PaymentMethods.GetAsync(receipt.PaymentMethodRef!.Value!, SalesScenario.Token)).Name);
        Assert.Contains("Stripe 30.00", receipt.PrivateNote, StringComparison.Ordinal);
        Assert.Contains("Paypal 22.50", receipt.PrivateNote, StringComparison.Ordinal);
    }

    private static async Task<string> CreateClearingAsync(SalesScenario scenario, string name)
    {
        var account = await scenario.Qbo.Accounts.CreateAsync(new Account { Name = name, AccountType = "Other Current Asset", AccountSubType = "OtherCurrentAssets" },
            QboRequestOptions.NewRequestId(), SalesScenario.Token);
        return account.Id!;
    }
}
