using System.Globalization;
using System.Text.Json.Nodes;
using StoreBooks.Emulators.Stores;

namespace StoreBooks.Emulators.WooCommerce.Data;

/// <summary>
/// Creates refunds through <c>POST /orders/{id}/refunds</c>: a child object with a positive <c>amount</c> and negative line
/// quantities and totals pointing back with <c>_refunded_item_id</c>; the order gets a <c>refunds[]</c> entry with a negative
/// total and becomes <c>refunded</c> once everything is refunded.
/// </summary>
internal sealed class WooRefunds(WooCommerceEmulatorOptions options, WooStore store, TimeProvider time, Func<string> site)
{
    public sealed class RefundException(string message) : Exception(message);

    private static decimal Money(JsonNode? node) => StoreJson.Decimal(node) ?? 0m;

    public JsonObject Create(JsonObject order, JsonObject request)
    {
        var orderId = StoreJson.Long(order["id"])!.Value;
        var already = store.Refunds(orderId).Sum(r => Money(r["amount"]));
        var total = Money(order["total"]);
        var lines = new JsonArray();
        var linesTotal = 0m;
        foreach (var requested in (request["line_items"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var lineId = StoreJson.Long(requested["id"]);
            var line = (order["line_items"] as JsonArray ?? []).OfType<JsonObject>().FirstOrDefault(l => StoreJson.Long(l["id"]) == lineId)
                ?? throw new RefundException($"Line item {lineId} is not part of order {orderId}.");
            var quantity = StoreJson.Long(requested["quantity"]) ?? 0;
            var refundTotal = StoreJson.Decimal(requested["refund_total"]) ?? 0m;
            var taxes = new JsonArray();
            var taxTotal = 0m;
            foreach (var tax in (requested["refund_tax"] as JsonArray ?? []).OfType<JsonObject>())
            {
                var amount = StoreJson.Decimal(tax["refund_total"]) ?? 0m;
                taxTotal += amount;
                taxes.Add(new JsonObject { ["id"] = tax["id"]?.DeepClone(), ["total"] = StoreJson.Money(-amount), ["subtotal"] = StoreJson.Money(-amount) });
            }

            linesTotal += refundTotal + taxTotal;
            lines.Add(new JsonObject
            {
                ["id"] = store.NextId(),
                ["name"] = line["name"]?.DeepClone(),
                ["product_id"] = line["product_id"]?.DeepClone(),
                ["variation_id"] = line["variation_id"]?.DeepClone(),
                ["quantity"] = -quantity,
                ["tax_class"] = line["tax_class"]?.DeepClone() ?? "",
                ["subtotal"] = StoreJson.Money(-refundTotal),
                ["subtotal_tax"] = StoreJson.Money(-taxTotal),
                ["total"] = StoreJson.Money(-refundTotal),
                ["total_tax"] = StoreJson.Money(-taxTotal),
                ["taxes"] = taxes,
                ["meta_data"] = new JsonArray(new JsonObject
                {
                    ["id"] = store.NextId(),
                    ["key"] = "_refunded_item_id",
                    ["value"] = lineId!.Value.ToString(CultureInfo.InvariantCulture),
                }),
                ["sku"] = line["sku"]?.DeepClone(),
                ["price"] = quantity == 0 ? 0 : (double)(-refundTotal / quantity),
            });
        }

        var refundAmount = StoreJson.Decimal(request["amount"]) ?? linesTotal;
        if (refundAmount <= 0 || refundAmount > total - already)
        {
            throw new RefundException($"Invalid refund amount: {StoreJson.Money(refundAmount)} must be above 0 and at most the {StoreJson.Money(total - already)} not yet refunded.");
        }

        var now = time.GetUtcNow();
        var id = store.NextId();
        var reason = StoreJson.String(request["reason"]) ?? "";
        var refund = new JsonObject
        {
            ["id"] = id,
            ["date_created"] = StoreJson.WooDate(now, options.UtcOffset),
            ["date_created_gmt"] = StoreJson.WooDate(now, TimeSpan.Zero),
            ["amount"] = StoreJson.Money(refundAmount),
            ["reason"] = reason,
            ["refunded_by"] = 1,
            ["refunded_payment"] = StoreJson.Bool(request["api_refund"]) ?? true,
            ["meta_data"] = new JsonArray(),
            ["line_items"] = lines,
            ["shipping_lines"] = new JsonArray(),
            ["tax_lines"] = new JsonArray(),
            ["fee_lines"] = new JsonArray(),
            ["_links"] = new JsonObject
            {
                ["self"] = new JsonArray(new JsonObject { ["href"] = $"{site()}/wp-json/wc/v3/orders/{orderId}/refunds/{id}" }),
                ["collection"] = new JsonArray(new JsonObject { ["href"] = $"{site()}/wp-json/wc/v3/orders/{orderId}/refunds" }),
                ["up"] = new JsonArray(new JsonObject { ["href"] = $"{site()}/wp-json/wc/v3/orders/{orderId}" }),
            },
        };

        if (order["refunds"] is not JsonArray summary)
        {
            order["refunds"] = summary = [];
        }

        summary.Add(new JsonObject { ["id"] = id, ["reason"] = reason, ["total"] = StoreJson.Money(-refundAmount) });
        if (already + refundAmount >= total)
        {
            order["status"] = "refunded";
        }

        order["date_modified"] = StoreJson.WooDate(now, options.UtcOffset);
        order["date_modified_gmt"] = StoreJson.WooDate(now, TimeSpan.Zero);
        store.PutOrder(order);
        store.PutRefund(orderId, refund);
        return (JsonObject)refund.DeepClone();
    }
}
