using System.Text.Json;
using System.Text.Json.Nodes;
using StoreBooks.Core.Model;
using StoreBooks.Core.Products;
using StoreBooks.Core.Sales;
using StoreBooks.WooCommerce.Json;
using StoreBooks.WooCommerce.Orders;
using StoreBooks.WooCommerce.Tests.Fixtures;
using StoreBooks.WooCommerce.Tests.Support;
using Xunit;
using static StoreBooks.WooCommerce.Tests.Support.WooFixtures;

namespace StoreBooks.WooCommerce.Tests.Orders;

/// <summary>Stores whose prices include tax, and negative fee lines: the model keeps WooCommerce's own figures and they add up.</summary>
public sealed class WooTaxSettingTests(WooPricesWithTaxFixture emulator) : IClassFixture<WooPricesWithTaxFixture>
{
    [Fact]
    public async Task Orders_of_a_store_whose_prices_include_tax_are_read_with_tax_included_amounts_that_add_up()
    {
        var (source, _) = emulator.CreateSource();

        var orders = await WooFixtureRoundTripTests.ReadAllAsync(source.ReadOrdersAsync(null, TestContext.Current.CancellationToken));

        Assert.True(orders.Count >= 80);
        foreach (var order in orders)
        {
            var t = order.Totals;
            Assert.True(order.TaxesIncluded);

            // Tax is inside the amounts: lines − discounts + shipping + fees is the total, and the taxes are the order's tax.
            Assert.Equal(t.Total, t.LinesGross - t.Discounts + t.Shipping + t.Fees + t.Tip);
            Assert.Equal(t.LinesGross, order.Lines.Sum(l => l.GrossAmount));
            Assert.Equal(t.Discounts, order.Lines.Sum(l => l.Discount));
            Assert.Equal(t.Tax, order.Lines.Concat<object>(order.Shipping).Concat(order.Fees).Sum(x => x switch
            {
                StoreOrderLine l => l.Taxes.Sum(tax => tax.Amount),
                StoreCharge c => c.Taxes.Sum(tax => tax.Amount),
                _ => 0m,
            }));

            // The shopper's prices: whole cents, tax included.
            Assert.All(order.Lines, l => Assert.True(Cents.IsWhole(l.UnitPrice), $"order {order.Number}: {l.UnitPrice}"));
            foreach (var refund in order.Refunds)
            {
                Assert.Equal(refund.Total, refund.Lines.Sum(l => l.Amount) + refund.Shipping + refund.Adjustment);
            }

            // OrderCheck adds the tax to tax-included amounts (a gap of Core's check, reported): no other problem is allowed.
            Assert.All(OrderCheck.Problems(order, new ProductSettings()), p => Assert.Contains("does not equal lines", p, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Orders_of_a_store_whose_prices_exclude_tax_pass_the_order_check()
    {
        await using var plain = new WooEmulatorFixture();
        await plain.InitializeAsync();
        var (source, _) = plain.CreateSource();

        var orders = await WooFixtureRoundTripTests.ReadAllAsync(source.ReadOrdersAsync(null, TestContext.Current.CancellationToken));

        Assert.All(orders, o => Assert.False(o.TaxesIncluded));
        Assert.Contains(orders, o => o.Totals.Discounts > 0 && o.Totals.Tax > 0);
        Assert.All(orders, o => Assert.Empty(OrderCheck.Problems(o, new ProductSettings())));
    }

    [Fact]
    public void A_negative_fee_line_stays_a_fee_with_a_negative_amount_and_the_order_still_adds_up()
    {
        var json = JsonNode.Parse(Text("order-get.docs-v3.json"))!.AsObject();
        json["fee_lines"] = new JsonArray(new JsonObject { ["id"] = 400, ["name"] = "Loyalty discount", ["tax_status"] = "none", ["total"] = "-5.00", ["total_tax"] = "0.00", ["taxes"] = new JsonArray() });
        json["total"] = "24.35";

        var order = WooOrderMapper.Map(JsonSerializer.Deserialize<WooOrder>(json.ToJsonString(), WooJson.Options)!, []);

        var fee = Assert.Single(order.Fees);
        Assert.Equal(("Loyalty discount", -5.00m, 0m), (fee.Title, fee.Amount, fee.Discount));
        Assert.Equal(-5.00m, order.Totals.Fees);
        Assert.Equal(24.35m, order.Totals.Total);
        Assert.DoesNotContain(OrderCheck.Problems(order, new ProductSettings()), p => p.Contains("total", StringComparison.Ordinal));
    }
}
