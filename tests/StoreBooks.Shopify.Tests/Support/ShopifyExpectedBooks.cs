using System.Text.Json.Nodes;
using StoreBooks.Testing;
using static StoreBooks.Testing.FixtureOrderBooks;

namespace StoreBooks.Shopify.Tests.Support;

/// <summary>What the books must hold for a Shopify order, read from the order's own JSON (shop money).</summary>
public static class ShopifyExpectedBooks
{
    /// <summary>
    /// The order's <c>total_price</c>, <c>total_tax</c>, shipping (<c>total_shipping_price_set</c>, or the shipping lines in the
    /// older shape without it) and <c>total_discounts</c>; each refund's amount is the money its successful refund transactions gave back.
    /// </summary>
    public static FixtureOrderBooks Of(JsonObject order)
    {
        var shipping = order["total_shipping_price_set"]?["shop_money"]?["amount"] is { } set
            ? Money(set)
            : (order["shipping_lines"] as JsonArray ?? []).Sum(s => Money(s?["price"]));
        var refunds = (order["refunds"] as JsonArray ?? []).OfType<JsonObject>().Select(r =>
        {
            var money = (r["transactions"] as JsonArray ?? []).OfType<JsonObject>()
                .Where(t => (string?)t["kind"] == "refund" && (string?)t["status"] == "success")
                .ToList();
            var discrepancyRecorded = (r["order_adjustments"] as JsonArray ?? []).Any(a => (string?)a?["kind"] == "refund_discrepancy");
            return new FixtureRefund(r["id"]!.ToJsonString(), money.Sum(t => Money(t["amount"])), Itemized(r), DifferenceIsDiscrepancy: money.Count > 0 && !discrepancyRecorded);
        });
        return new FixtureOrderBooks(
            order["id"]!.ToJsonString(),
            (string)order["currency"]!,
            Money(order["total_price"]),
            Money(order["total_tax"]),
            shipping,
            Money(order["total_discounts"]),
            [.. refunds]);
    }

    /// <summary>
    /// What a refund's parts come to: its refunded lines (subtotal and tax, shop money), shipping refunded (the
    /// <c>shipping_refund</c> adjustment, or <c>refund_shipping_lines</c>) and other order adjustments (negative amounts refund).
    /// </summary>
    public static decimal Itemized(JsonObject refund)
    {
        static decimal Shop(JsonNode? item, string name) => item?[name + "_set"]?["shop_money"]?["amount"] is { } set ? Money(set) : Money(item?[name]);
        var lines = (refund["refund_line_items"] as JsonArray ?? []).Sum(l => Shop(l, "subtotal") + Shop(l, "total_tax"));
        var adjustments = (refund["order_adjustments"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        var adjusted = adjustments.Sum(a => -(Shop(a, "amount") + Shop(a, "tax_amount")));
        var shipping = adjustments.Any(a => (string?)a["kind"] == "shipping_refund")
            ? 0m
            : (refund["refund_shipping_lines"] as JsonArray ?? []).Sum(s => Money(s?["subtotal_amount_set"]?["shop_money"]?["amount"]) + Money(s?["tax_amount_set"]?["shop_money"]?["amount"]));
        return lines + adjusted + shipping;
    }

    /// <summary>The financial states a new connection syncs (<c>sales.statuses</c>' default): money the shop has received.</summary>
    public static bool IsSyncedByDefault(JsonObject order) => (string?)order["financial_status"] is "paid" or "partially_refunded" or "refunded";
}
