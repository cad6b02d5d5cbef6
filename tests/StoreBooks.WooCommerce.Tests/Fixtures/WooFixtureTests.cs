using System.Text.Json;
using System.Text.Json.Nodes;
using StoreBooks.Core.Model;
using StoreBooks.Core.Products;
using StoreBooks.Core.Sales;
using StoreBooks.WooCommerce.Customers;
using StoreBooks.WooCommerce.Json;
using StoreBooks.WooCommerce.Orders;
using Xunit;
using static StoreBooks.WooCommerce.Tests.Support.WooFixtures;

namespace StoreBooks.WooCommerce.Tests.Fixtures;

/// <summary>Every WooCommerce fixture file read by the source's own parsing and mapping, and checked against the file's own figures.</summary>
public sealed class WooFixtureTests
{
    private static readonly Dictionary<string, string> NotRead = new(StringComparer.Ordinal)
    {
        ["coupons-list-wc7.1.airbyte-store.json"] = "an order's codes come from its coupon_lines",
        ["taxes-list-wc7.1.airbyte-store.json"] = "an order's tax names and rates come from its own tax_lines",
        ["webhooks-list.docs-v3.json"] = "subscriptions are managed by storebooks serve, not by the source",
    };

    [Theory]
    [MemberData(nameof(Files), MemberType = typeof(Support.WooFixtures))]
    public void Every_fixture_file_is_read_by_the_source_or_said_why_not(string file)
    {
        var objects = Objects(file);
        Assert.NotEmpty(objects);
        var first = objects[0];
        if (first.ContainsKey("line_items") && first.ContainsKey("status"))
        {
            Assert.Equal(objects.Count, MapOrders(file).Count);
        }
        else if (first.ContainsKey("refunded_by") || first.ContainsKey("amount") && first.ContainsKey("line_items"))
        {
            foreach (var json in objects)
            {
                var refund = JsonSerializer.Deserialize<WooRefund>(json.ToJsonString(), WooJson.Options)!;
                var mapped = WooRefundMapper.Map(refund, new WooOrder { Id = 1 }, new WooTaxes([]), "stripe");

                // Lines, shipping, their taxes and the adjustment are the refund's amount, to the cent.
                Assert.Equal(Money(json["amount"]), mapped.Total);
                Assert.Equal(mapped.Total, mapped.Lines.Sum(l => l.Amount + l.Taxes.Sum(t => t.Amount)) + mapped.Shipping + mapped.ShippingTaxes.Sum(t => t.Amount) + mapped.Adjustment);
                Assert.All(mapped.Lines, l => Assert.True(l.Quantity >= 0 && l.Amount >= 0));
                Assert.Equal(-json["line_items"]!.AsArray().Sum(l => Money(l!["total"])), mapped.Lines.Sum(l => l.Amount));
            }
        }
        else if (first.ContainsKey("type") || first.ContainsKey("stock_status"))
        {
            Assert.NotNull(MapProducts(file));
        }
        else if (first.ContainsKey("role") || first.ContainsKey("username"))
        {
            foreach (var json in objects)
            {
                var customer = JsonSerializer.Deserialize<WooCustomer>(json.ToJsonString(), WooJson.Options)!.ToModel();
                Assert.Equal(json["id"]!.ToJsonString(), customer.SourceId);
                Assert.Equal((string?)json["email"], customer.Email);
            }
        }
        else
        {
            Assert.True(NotRead.ContainsKey(file), $"{file} is neither read by the source nor listed in NotRead with a reason.");
        }
    }

    [Theory]
    [MemberData(nameof(OrderFiles), MemberType = typeof(Support.WooFixtures))]
    public void Each_order_maps_without_loss_and_its_totals_are_the_orders_own(string file)
    {
        var mapped = MapOrders(file);
        var nodes = Objects(file);
        for (var n = 0; n < nodes.Count; n++)
        {
            var json = nodes[n];
            var order = mapped[n];
            var lines = json["line_items"]!.AsArray().OfType<JsonObject>().ToList();
            Assert.Equal(json["id"]!.ToJsonString(), order.SourceId);
            Assert.Equal((string)json["number"]!, order.Number);
            Assert.Equal((string)json["status"]!, order.Status);
            Assert.False(order.TaxesIncluded);

            Assert.Equal(lines.Sum(l => Money(l["subtotal"])), order.Totals.LinesGross);
            Assert.Equal(Money(json["discount_total"]), order.Totals.Discounts);
            Assert.Equal(Money(json["shipping_total"]), order.Totals.Shipping);
            Assert.Equal(json["fee_lines"]!.AsArray().Sum(f => Money(f!["total"])), order.Totals.Fees);
            Assert.Equal(Money(json["total_tax"]), order.Totals.Tax);
            Assert.Equal(Money(json["total"]), order.Totals.Total);

            // Nothing lost: every line's subtotal, discount and tax; every shipping and fee amount and tax.
            Assert.Equal(lines.Sum(l => Money(l["subtotal"])), order.Lines.Sum(l => l.GrossAmount), 20);
            Assert.Equal(lines.Sum(l => Money(l["subtotal"]) - Money(l["total"])), order.Lines.Sum(l => l.Discount));
            Assert.Equal(lines.Sum(l => Money(l["total_tax"])), order.Lines.Sum(l => l.Taxes.Sum(t => t.Amount)));
            Assert.Equal(json["shipping_lines"]!.AsArray().Sum(s => Money(s!["total_tax"])), order.Shipping.Sum(s => s.Taxes.Sum(t => t.Amount)));
            Assert.Equal(json["fee_lines"]!.AsArray().Sum(s => Money(s!["total_tax"])), order.Fees.Sum(s => s.Taxes.Sum(t => t.Amount)));

            var problems = OrderCheck.Problems(order, new ProductSettings());
            if (file == "order-get-fee-coupon-tax-lines.wc-ios.json")
            {
                // Hand-edited test data: 50.00 + 10.00 − 30.00 + 133.00 + 125.50 + 1.20 is not its total 31.20. Kept, and reported.
                Assert.Contains(problems, p => p.Contains("its total 31.20 does not equal", StringComparison.Ordinal));
            }
            else
            {
                Assert.DoesNotContain(problems, p => p.Contains("total", StringComparison.Ordinal) || p.Contains("add up", StringComparison.Ordinal));
            }
        }
    }

    [Fact]
    public void The_docs_order_reads_its_lines_taxes_shipping_customer_and_payment()
    {
        var order = Assert.Single(MapOrders("order-get.docs-v3.json"));

        Assert.Equal(FinancialStatus.Paid, order.FinancialStatus);
        Assert.Equal(new DateTimeOffset(2017, 3, 22, 19, 28, 2, TimeSpan.Zero), order.CreatedAt);
        Assert.Equal(((string?)null, "john.doe@example.com", "John Doe"), (order.Customer!.SourceId, order.Customer.Email, order.Customer.DisplayName));
        Assert.Equal(("969 Market", "San Francisco", "CA", "94103", "US"), (order.BillingAddress!.Line1, order.BillingAddress.City, order.BillingAddress.Region, order.BillingAddress.PostalCode, order.BillingAddress.Country));
        var line = order.Lines[0];
        Assert.Equal(("315", 1, "93", "Woo Single #1", 2m, 3m, 0m), (line.SourceId, line.Position, line.ProductSourceId, line.Title, line.Quantity, line.UnitPrice, line.Discount));
        Assert.Equal(new StoreTax("State Tax", 0m, 0.45m), Assert.Single(line.Taxes));
        Assert.Equal(("23", "Ship Your Idea – Color: Black, Size: M Test"), (order.Lines[1].ProductSourceId, order.Lines[1].Title));
        var shipping = Assert.Single(order.Shipping);
        Assert.Equal(("Flat Rate", 10.00m), (shipping.Title, shipping.Amount));
        var payment = Assert.Single(order.Payments);
        Assert.Equal(("727:payment", "bacs", StorePaymentKind.Received, 29.35m), (payment.SourceId, payment.Gateway, payment.Kind, payment.Amount));
    }

    [Fact]
    public void Refunds_are_child_objects_made_positive_and_matched_to_their_order_lines()
    {
        var order = MapOrders("orders-list.docs-v3.json", "order-refunds-list.docs-v3.json").Single(o => o.SourceId == "723");

        Assert.Equal(FinancialStatus.PartiallyRefunded, order.FinancialStatus);
        Assert.Equal(["724", "726"], order.Refunds.Select(r => r.SourceId).Order());
        var lineRefund = order.Refunds.Single(r => r.SourceId == "724");
        var line = Assert.Single(lineRefund.Lines);
        Assert.Equal(("311", 1m, 9.00m), (line.OrderLineSourceId, line.Quantity, line.Amount));
        Assert.Equal((9.00m, 0m), (lineRefund.Total, lineRefund.Adjustment));
        var amountOnly = order.Refunds.Single(r => r.SourceId == "726");
        Assert.Empty(amountOnly.Lines);
        Assert.Equal((10.00m, 10.00m), (amountOnly.Total, amountOnly.Adjustment));
        Assert.Equal(19.00m, order.Payments.Where(p => p.Kind == StorePaymentKind.Refunded).Sum(p => p.Amount));
    }

    [Fact]
    public void A_refund_of_an_amount_on_a_line_without_quantity_keeps_the_amount_on_the_line()
    {
        var order = Assert.Single(MapOrders("orders-list-wc7.1-coupon-refund.airbyte-store.json", "order-refunds-list-wc7.1.airbyte-store.json"));

        var refund = Assert.Single(order.Refunds);
        var line = Assert.Single(refund.Lines);
        Assert.Equal(("2", 0m, 10.00m), (line.OrderLineSourceId, line.Quantity, line.Amount));
        Assert.Equal((10.00m, 0m, "bonus"), (refund.Total, refund.Adjustment, refund.Note));
        Assert.Equal(FinancialStatus.Pending, order.FinancialStatus);
        Assert.Equal(["test10off"], order.DiscountCodes);
    }

    [Fact]
    public void Per_rate_taxes_with_fractions_of_a_cent_are_fitted_to_the_line_tax_the_store_charged()
    {
        var order = Assert.Single(MapOrders("order-get-fee-coupon-tax-lines.wc-ios.json"));

        // Line 890: taxes[{id 1, total "1.2"}], total_tax 1.20; the shipping's "0.62125" with total_tax 0.00 is no tax.
        Assert.Equal(new StoreTax("Tax rate 1", 0m, 1.20m), Assert.Single(order.Lines[0].Taxes));
        Assert.Empty(order.Shipping[0].Taxes);
        Assert.Equal(1.5m, order.Lines[1].Quantity);
        Assert.Equal(10.00m, Math.Round(order.Lines[1].GrossAmount, 20));
        var fee = Assert.Single(order.Fees);
        Assert.Equal(("$125.50 fee", 125.50m), (fee.Title, fee.Amount));
    }

    [Fact]
    public void Variation_quirks_manage_stock_parent_empty_prices_and_plugin_types_are_read()
    {
        var products = MapProducts("products-list-simple-and-variable-wc7.1.airbyte-store.json", "product-variation-get-wc7.1.airbyte-store.json");

        var simple = products.Single(p => p.SourceId == "40");
        Assert.Equal(("40", null, "test_prod_1", 90m, true), (simple.ProductId, simple.VariantTitle, simple.Sku, simple.Price, simple.TracksInventory));
        var variation = products.Single(p => p.SourceId == "51");
        Assert.Equal("46", variation.ProductId);
        Assert.Equal("white / 6", variation.VariantTitle);
        Assert.Null(variation.Price);
        Assert.True(variation.TracksInventory);
        Assert.DoesNotContain(products, p => p.SourceId == "46");

        var ios = MapProducts("products-list.wc-ios.json");
        Assert.Contains(ios, p => p.SourceId == "282");
        Assert.DoesNotContain(ios, p => p.SourceId == "81");
        Assert.DoesNotContain(ios, p => p.SourceId == "36");
    }
}
