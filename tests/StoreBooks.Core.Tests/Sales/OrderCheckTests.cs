using StoreBooks.Core.Model;
using StoreBooks.Core.Products;
using StoreBooks.Core.Sales;
using Xunit;

namespace StoreBooks.Core.Tests.Sales;

public sealed class OrderCheckTests
{
    private static StoreOrder Order(params StoreOrderLine[] lines)
    {
        var gross = lines.Sum(l => l.GrossAmount);
        var discounts = lines.Sum(l => l.Discount);
        var tax = lines.SelectMany(l => l.Taxes).Sum(t => t.Amount);
        return new StoreOrder
        {
            SourceId = "1",
            Number = "1043",
            Currency = "CAD",
            Lines = lines,
            Totals = new StoreOrderTotals { LinesGross = gross, Discounts = discounts, Tax = tax, Total = gross - discounts + tax },
        };
    }

    private static StoreOrderLine Line(int position, decimal qty, decimal price, string? sku = "TEE-1") => new()
    {
        SourceId = $"l{position}",
        Position = position,
        Title = "Organic Tee",
        Sku = sku,
        Quantity = qty,
        UnitPrice = price,
        Taxes = [new StoreTax("GST 5%", 0.05m, Cents.Round(qty * price * 0.05m))],
    };

    [Fact]
    public void A_sound_order_has_no_problem()
    {
        Assert.Empty(OrderCheck.Problems(Order(Line(1, 2, 19.99m), Line(2, 1, 5m)), new ProductSettings()));
    }

    [Fact]
    public void A_negative_quantity_is_reported_with_order_and_line()
    {
        var problem = Assert.Single(OrderCheck.Problems(Order(Line(1, 1, 5m), Line(2, -1, 5m)), new ProductSettings()));

        Assert.StartsWith("order #1043, line 2 (SKU TEE-1, Organic Tee): quantity -1.00 must be more than 0", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_price_with_three_decimals_is_reported()
    {
        var line = Line(1, 3, 1.005m) with { Taxes = [] };

        var problem = Assert.Single(OrderCheck.Problems(Order(line), new ProductSettings()));

        Assert.Contains("unit price 1.005 has more than 2 decimals", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_total_that_does_not_add_up_is_reported_not_posted()
    {
        var order = Order(Line(1, 1, 10m));
        order = order with { Totals = order.Totals with { Total = 99m } };

        var problem = Assert.Single(OrderCheck.Problems(order, new ProductSettings()));

        Assert.Contains("its total 99.00 does not equal", problem, StringComparison.Ordinal);
        Assert.Contains("Nothing was posted", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_sku_is_reported_only_when_the_settings_say_so()
    {
        var order = Order(Line(1, 1, 10m, sku: null));

        Assert.Empty(OrderCheck.Problems(order, new ProductSettings()));
        var problem = Assert.Single(OrderCheck.Problems(order, new ProductSettings { WithoutSku = MissingSkuRule.Report }));
        Assert.Contains("has no SKU", problem, StringComparison.Ordinal);
    }
}
