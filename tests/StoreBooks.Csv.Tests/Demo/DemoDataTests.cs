using StoreBooks.Core.Model;
using StoreBooks.Core.Sources;
using Xunit;

namespace StoreBooks.Csv.Tests.Demo;

/// <summary>The demo data set in demo/: a Montréal store selling in CAD, with GST, QST and HST customers.</summary>
public sealed class DemoDataTests
{
    private static readonly CsvSource Source = new(new CsvSourceOptions
    {
        ProductsPath = RepositoryFiles.Path("demo/products.csv"),
        OrdersPath = RepositoryFiles.Path("demo/orders.csv"),
    });

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Demo_products_read_without_a_problem()
    {
        var products = new List<StoreProduct>();
        await foreach (var page in Source.ReadProductsAsync(null, Ct))
        {
            Assert.Empty(page.Problems);
            products.AddRange(page.Records);
        }

        Assert.Equal(12, products.Select(p => p.ProductId).Distinct().Count());
        Assert.Contains(products, p => p.VariantTitle is not null);
        Assert.Contains(products, p => p.VariantTitle is null);
        Assert.Contains(products, p => p.Sku is null);
        Assert.Single(products, p => p.TracksInventory);
        Assert.Contains(products, p => !p.Active);
        Assert.Equal(products.Count, products.Select(p => p.SourceId).Distinct().Count());
    }

    [Fact]
    public async Task Demo_orders_read_without_a_problem_and_every_one_adds_up_to_the_cent()
    {
        var orders = new List<StoreOrder>();
        await foreach (var page in Source.ReadOrdersAsync(null, Ct))
        {
            Assert.Empty(page.Problems);
            orders.AddRange(page.Records);
        }

        Assert.Equal(40, orders.Count);
        foreach (var order in orders)
        {
            var lines = order.Lines.Sum(l => l.NetAmount);
            var shipping = order.Shipping.Sum(s => s.NetAmount);
            var taxes = order.Lines.Sum(l => l.Taxes.Sum(t => t.Amount)) + order.Shipping.Sum(s => s.Taxes.Sum(t => t.Amount));
            Assert.False(order.TaxesIncluded);
            Assert.Equal(order.Totals.Tax, taxes);
            Assert.Equal(order.Totals.Discounts, order.Lines.Sum(l => l.Discount));
            Assert.True(lines + shipping + taxes == order.Totals.Total, $"order #{order.Number}: {lines} + {shipping} + {taxes} != {order.Totals.Total}");
            Assert.Equal("CAD", order.Currency);
        }

        Assert.Equal(["GST", "HST", "QST"], orders.SelectMany(o => o.Lines).SelectMany(l => l.Taxes).Select(t => t.Name).Distinct().Order());
        Assert.Contains(orders, o => o.FinancialStatus == FinancialStatus.Paid);
        Assert.Contains(orders, o => o.FinancialStatus == FinancialStatus.PartiallyRefunded && o.Refunds.Count == 1);
        Assert.Contains(orders, o => o.FinancialStatus == FinancialStatus.Refunded && o.CancelledAt is not null);
        Assert.Contains(orders, o => o.FinancialStatus == FinancialStatus.Pending);
        Assert.Contains(orders, o => o.FinancialStatus == FinancialStatus.Voided && o.CancelledAt is not null);
        Assert.Single(orders, o => o.IsTest);
        Assert.Contains(orders, o => o.DiscountCodes.Count > 0);
        Assert.Contains(orders, o => o.Lines.Any(l => !l.Taxable));
        Assert.Contains(orders, o => o.Shipping.Count == 0);
        Assert.True(orders.Max(o => o.CreatedAt) - orders.Min(o => o.CreatedAt) > TimeSpan.FromDays(55));

        // Every line but the donation (a custom line) is one of the demo products.
        var unmatched = orders.SelectMany(o => o.Lines).Where(l => l.ProductSourceId is null).Select(l => l.Title);
        Assert.Equal(["Donation - Moisson Montréal"], unmatched);
    }
}
