using System.Globalization;
using System.Text.Json.Nodes;
using Xunit;

namespace StoreBooks.Shopify.Tests.Orders;

public sealed partial class ShopifyGraphQLOrderTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_order_whose_refund_has_more_entries_than_any_page_is_read_whole(bool bulk)
    {
        // 25 lines and 14 shipping lines, all refunded in one refund paid back in 12 transactions with 11 adjustments: more
        // of each than an order page (or the order read alone) asks for.
        await emulator.LoadOnlyAsync(Ct, LargeRefundOrder(lines: 25, shippingLines: 14, transactions: 12, adjustments: 11));
        var (rest, _, _) = await ReadBothAsync();
        var (graph, recorder) = await ReadThroughAsync(threshold: bulk ? 0 : null, changedSince: null);

        var refund = Assert.Single(Assert.Single(graph).Refunds);
        Assert.Equal(25, refund.Lines.Count);
        Assert.Equal(14 * 5.00m, refund.Shipping);
        Assert.Equal(11 * 1.00m, refund.Adjustment);
        Assert.Equal(12, refund.Payments.Count);
        Assert.Equal(refund.Total, refund.Payments.Sum(p => p.Amount));
        AssertSame(rest, graph);
        if (bulk)
        {
            // A bulk export's refunds come whole from REST, in one call for the page.
            Assert.Single(recorder.Urls, u => u.Contains("/orders.json", StringComparison.Ordinal) && u.Contains("fields=id,refunds", StringComparison.Ordinal));
            Assert.DoesNotContain(recorder.Bodies, b => b.Contains("query StoreBooksRefund", StringComparison.Ordinal));
            return;
        }

        foreach (var query in new[] { "StoreBooksRefundLines", "StoreBooksRefundTransactions", "StoreBooksRefundAdjustments", "StoreBooksRefundShipping", "StoreBooksOrderShipping" })
        {
            Assert.Contains(recorder.Bodies, b => b.Contains($"query {query}(", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task A_refund_is_found_by_its_id_and_its_entries_page_past_a_cursor()
    {
        await emulator.LoadOnlyAsync(Ct, LargeRefundOrder(lines: 7, shippingLines: 1, transactions: 1, adjustments: 0));
        var gid = "gid://shopify/Refund/7771234";
        var first = await RawQueryAsync($$"""{ refund(id: "{{gid}}") { id refundLineItems(first: 5) { nodes { quantity } pageInfo { hasNextPage endCursor } } } }""");
        var page = first["data"]!["refund"]!["refundLineItems"]!;
        Assert.Equal(gid, (string?)first["data"]!["refund"]!["id"]);
        Assert.Equal(5, page["nodes"]!.AsArray().Count);
        Assert.True((bool)page["pageInfo"]!["hasNextPage"]!);

        var cursor = (string)page["pageInfo"]!["endCursor"]!;
        var rest = await RawQueryAsync($$"""{ refund(id: "{{gid}}") { refundLineItems(first: 5, after: "{{cursor}}") { nodes { quantity } pageInfo { hasNextPage } } } }""");
        Assert.Equal(2, rest["data"]!["refund"]!["refundLineItems"]!["nodes"]!.AsArray().Count);
        Assert.False((bool)rest["data"]!["refund"]!["refundLineItems"]!["pageInfo"]!["hasNextPage"]!);

        var missing = await RawQueryAsync("""{ refund(id: "gid://shopify/Refund/1") { id } }""");
        Assert.Null(missing["data"]!["refund"]);
    }

    /// <summary>An order of our own, paid in one sale and refunded in one refund, with as many of each entry as asked.</summary>
    private static string LargeRefundOrder(int lines, int shippingLines, int transactions, int adjustments)
    {
        const long orderId = 5_557_000;
        static string Money(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);
        static JsonObject Set(decimal amount) => new()
        {
            ["shop_money"] = new JsonObject { ["amount"] = Money(amount), ["currency_code"] = "USD" },
            ["presentment_money"] = new JsonObject { ["amount"] = Money(amount), ["currency_code"] = "USD" },
        };

        var items = new JsonArray();
        var refundItems = new JsonArray();
        var total = 0m;
        var refunded = 0m;
        for (var i = 1; i <= lines; i++)
        {
            var price = 20m + i;
            var tax = Math.Round(price * 0.05m, 2);
            total += price + tax;
            refunded += price + tax;
            items.Add(new JsonObject
            {
                ["id"] = 9_100_000 + i, ["variant_id"] = 8_100_000 + i, ["product_id"] = 7_100_000 + i, ["title"] = $"Gadget {i}",
                ["sku"] = $"G-{i}", ["quantity"] = 1, ["price"] = Money(price), ["taxable"] = true,
                ["total_discount"] = "0.00", ["discount_allocations"] = new JsonArray(),
                ["tax_lines"] = new JsonArray(new JsonObject { ["title"] = "GST", ["rate"] = 0.05, ["price"] = Money(tax) }),
            });
            refundItems.Add(new JsonObject
            {
                ["id"] = 9_200_000 + i, ["line_item_id"] = 9_100_000 + i, ["quantity"] = 1, ["restock_type"] = "return",
                ["subtotal"] = price, ["total_tax"] = tax, ["subtotal_set"] = Set(price), ["total_tax_set"] = Set(tax),
            });
        }

        var shipping = new JsonArray();
        var refundShipping = new JsonArray();
        for (var i = 1; i <= shippingLines; i++)
        {
            total += 5.25m;
            refunded += 5.25m;
            shipping.Add(new JsonObject
            {
                ["id"] = 4_500_000 + i, ["title"] = $"Parcel {i}", ["code"] = "Standard", ["price"] = "5.00", ["discounted_price"] = "5.00",
                ["discount_allocations"] = new JsonArray(),
                ["tax_lines"] = new JsonArray(new JsonObject { ["title"] = "GST", ["rate"] = 0.05, ["price"] = "0.25" }),
            });
            refundShipping.Add(new JsonObject
            {
                ["id"] = 4_600_000 + i, ["shipping_line_id"] = 4_500_000 + i, ["subtotal_amount_set"] = Set(5.00m), ["tax_amount_set"] = Set(0.25m),
            });
        }

        var adjustmentList = new JsonArray();
        for (var i = 1; i <= adjustments; i++)
        {
            refunded -= 1.00m;
            adjustmentList.Add(new JsonObject
            {
                ["id"] = 4_700_000 + i, ["order_id"] = orderId, ["refund_id"] = 7_771_234, ["kind"] = "refund_discrepancy",
                ["reason"] = "Refund discrepancy", ["amount"] = "-1.00", ["tax_amount"] = "0.00", ["amount_set"] = Set(-1.00m), ["tax_amount_set"] = Set(0m),
            });
        }

        var sale = new JsonObject
        {
            ["id"] = 6_670_000, ["order_id"] = orderId, ["kind"] = "sale", ["status"] = "success", ["gateway"] = "manual",
            ["amount"] = Money(total), ["currency"] = "USD", ["processed_at"] = "2026-10-20T10:00:00-05:00",
        };
        var refundTransactions = new JsonArray();
        var part = Math.Round(refunded / transactions, 2);
        for (var i = 1; i <= transactions; i++)
        {
            var amount = i < transactions ? part : refunded - (part * (transactions - 1));
            refundTransactions.Add(new JsonObject
            {
                ["id"] = 6_670_000 + i, ["order_id"] = orderId, ["kind"] = "refund", ["status"] = "success", ["gateway"] = "manual",
                ["amount"] = Money(amount), ["currency"] = "USD", ["parent_id"] = 6_670_000, ["processed_at"] = "2026-10-22T10:00:00-05:00",
            });
        }

        var order = new JsonObject
        {
            ["id"] = orderId, ["name"] = "#4343", ["order_number"] = 4343, ["email"] = "refunds@example.com",
            ["created_at"] = "2026-10-20T10:00:00-05:00", ["updated_at"] = "2026-10-22T10:00:00-05:00", ["processed_at"] = "2026-10-20T10:00:00-05:00",
            ["currency"] = "USD", ["financial_status"] = "partially_refunded", ["taxes_included"] = false, ["test"] = false,
            ["total_price"] = Money(total), ["total_discounts"] = "0.00",
            ["total_tax"] = Money((lines == 0 ? 0 : items.Sum(l => decimal.Parse((string)l!["tax_lines"]![0]!["price"]!, CultureInfo.InvariantCulture))) + (shippingLines * 0.25m)),
            ["total_shipping_price_set"] = Set(shippingLines * 5.00m),
            ["line_items"] = items, ["shipping_lines"] = shipping,
            ["refunds"] = new JsonArray(new JsonObject
            {
                ["id"] = 7_771_234, ["order_id"] = orderId, ["created_at"] = "2026-10-22T10:00:00-05:00", ["processed_at"] = "2026-10-22T10:00:00-05:00",
                ["note"] = "Whole parcel came back", ["restock"] = true, ["refund_line_items"] = refundItems, ["refund_shipping_lines"] = refundShipping,
                ["order_adjustments"] = adjustmentList, ["transactions"] = refundTransactions.DeepClone(),
            }),
        };
        var all = new JsonArray(sale);
        foreach (var t in refundTransactions)
        {
            all.Add(t!.DeepClone());
        }

        return new JsonObject { ["order"] = order, ["transactions"] = all }.ToJsonString();
    }
}
