using Xunit;
using static StoreBooks.Sync.Tests.Sales.OrderBuilder;

namespace StoreBooks.Sync.Tests.Sales;

/// <summary>A multicurrency company: each order in its own currency, under a customer of that currency.</summary>
public sealed class MulticurrencyTests
{
    [Fact]
    public async Task A_euro_order_in_a_Canadian_multicurrency_company_posts_in_euros_under_a_euro_customer()
    {
        var euros = Order("8101").In("EUR").Line("TEE-1", "Organic Tee", 2, 19.50m, 3.00m).Shipping(6.90m)
            .Refund("r1", DefaultTime.AddDays(3), [(1, 1m, false)]).Build();
        var dollars = Order("8102").Line("TEE-1", "Organic Tee", 1, 25.00m, 0, Rate.Quebec).At(DefaultTime.AddHours(1)).Build();
        await using var scenario = await SalesScenario.StartAsync(SalesScenario.Canada(multiCurrency: true), SalesScenario.Settings(SalesScenario.CanadianSales()), euros, dollars);

        await scenario.RunCleanAsync();

        var euroReceipt = await scenario.ReceiptAsync(euros);
        Assert.Equal("EUR", euroReceipt.CurrencyRef!.Value);
        var figures = DocumentFigures.Of(euroReceipt, (await scenario.ItemAsync("Shipping")).Id);
        Assert.Equal(euros.Totals.Total, figures.Total);
        Assert.Equal(42.90m, figures.Total);
        Assert.Equal(0m, figures.Tax);
        Assert.Equal(6.90m, figures.Shipping);
        Assert.Equal(3.00m, figures.Discount);
        var euroCustomer = await scenario.Qbo.Customers.GetAsync(euroReceipt.CustomerRef!.Value!, SalesScenario.Token);
        Assert.Equal("EUR", euroCustomer.CurrencyRef!.Value);
        Assert.Equal("Ann Lee (EUR)", euroCustomer.DisplayName);

        var refund = await scenario.RefundReceiptAsync(euros, "r1");
        Assert.Equal("EUR", refund.CurrencyRef!.Value);
        Assert.Equal(euros.Refunds[0].Total, refund.TotalAmt);
        Assert.Equal(euroCustomer.Id, refund.CustomerRef!.Value);

        var dollarReceipt = await scenario.ReceiptAsync(dollars);
        Assert.Equal("CAD", dollarReceipt.CurrencyRef!.Value);
        Assert.Equal(dollars.Totals.Total, dollarReceipt.TotalAmt);
        var dollarCustomer = await scenario.Qbo.Customers.GetAsync(dollarReceipt.CustomerRef!.Value!, SalesScenario.Token);
        Assert.Equal(("Ann Lee", "CAD"), (dollarCustomer.DisplayName, dollarCustomer.CurrencyRef!.Value));
    }
}
