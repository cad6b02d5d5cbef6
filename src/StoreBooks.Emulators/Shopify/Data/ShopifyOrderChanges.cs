using System.Globalization;
using System.Text.Json.Nodes;
using StoreBooks.Emulators.Stores;

namespace StoreBooks.Emulators.Shopify.Data;

/// <summary>
/// Refunds and cancellations applied to an order in Shopify's JSON shape: refund line amounts from the line's price,
/// discount allocations and tax lines; <c>current_*</c> totals, <c>current_quantity</c> and <c>financial_status</c> kept consistent.
/// </summary>
internal sealed class ShopifyOrderChanges(ShopifyEmulatorOptions options, ShopifyShop shop, TimeProvider time)
{
    /// <summary>A refund proposal or request that cannot be honoured, with Shopify's 422 field errors.</summary>
    public sealed class RefundException(string field, string message) : Exception(message)
    {
        public string Field { get; } = field;
    }

    private JsonObject Bag(decimal amount) => new()
    {
        ["shop_money"] = new JsonObject { ["amount"] = StoreJson.Money(amount), ["currency_code"] = options.Currency },
        ["presentment_money"] = new JsonObject { ["amount"] = StoreJson.Money(amount), ["currency_code"] = options.Currency },
    };

    private static decimal Money(JsonNode? node) => StoreJson.Decimal(node) ?? 0m;

    private static decimal Round(decimal d) => Math.Round(d, 2, MidpointRounding.AwayFromZero);

    /// <summary>What refunding these lines (and shipping) would cost, as <see cref="Create"/> would record it.</summary>
    public RefundComputation Compute(JsonObject order, JsonObject request)
    {
        var lines = new List<(JsonObject Line, int Quantity, decimal Subtotal, decimal Tax, JsonObject Requested)>();
        foreach (var requested in (request["refund_line_items"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var lineId = StoreJson.Long(requested["line_item_id"]);
            var line = (order["line_items"] as JsonArray ?? []).OfType<JsonObject>().FirstOrDefault(l => StoreJson.Long(l["id"]) == lineId)
                ?? throw new RefundException("refund_line_items", $"Line item {lineId} is not part of order {order["id"]}.");
            var quantity = (int)(StoreJson.Long(requested["quantity"]) ?? 0);
            var bought = (int)(StoreJson.Long(line["quantity"]) ?? 0);
            var current = (int)(StoreJson.Long(line["current_quantity"]) ?? bought);
            if (quantity < 1 || quantity > current)
            {
                throw new RefundException("refund_line_items", $"Quantity {quantity} for line item {lineId} must be between 1 and the {current} not yet refunded.");
            }

            var gross = Money(line["price"]) * bought;
            var discount = (line["discount_allocations"] as JsonArray ?? []).OfType<JsonObject>().Sum(a => Money(a["amount"]));
            var tax = (line["tax_lines"] as JsonArray ?? []).OfType<JsonObject>().Sum(t => Money(t["price"]));
            lines.Add((line, quantity, Round((gross - discount) * quantity / bought), Round(tax * quantity / bought), requested));
        }

        var shippingTotal = (order["shipping_lines"] as JsonArray ?? []).OfType<JsonObject>().Sum(s => Money(s["price"]));
        var shippingTaxTotal = (order["shipping_lines"] as JsonArray ?? []).OfType<JsonObject>()
            .SelectMany(s => (s["tax_lines"] as JsonArray ?? []).OfType<JsonObject>()).Sum(t => Money(t["price"]));
        var alreadyShipping = shop.Refunds(StoreJson.Long(order["id"]) ?? 0)
            .SelectMany(r => (r["order_adjustments"] as JsonArray ?? []).OfType<JsonObject>())
            .Where(a => StoreJson.String(a["kind"]) == "shipping_refund").Sum(a => -Money(a["amount"]));
        var refundableShipping = Math.Max(0, shippingTotal - alreadyShipping);
        decimal shipping = 0, shippingTax = 0;
        if (request["shipping"] is JsonObject s)
        {
            if (StoreJson.Bool(s["full_refund"]) == true)
            {
                shipping = refundableShipping;
                shippingTax = alreadyShipping == 0 ? shippingTaxTotal : 0;
            }
            else if (StoreJson.Decimal(s["amount"]) is { } amount)
            {
                if (amount > refundableShipping)
                {
                    throw new RefundException("shipping", $"Shipping refund {StoreJson.Money(amount)} exceeds the {StoreJson.Money(refundableShipping)} still refundable.");
                }

                shipping = amount;
            }
        }

        var refundedSoFar = shop.Refunds(StoreJson.Long(order["id"]) ?? 0)
            .SelectMany(r => (r["transactions"] as JsonArray ?? []).OfType<JsonObject>())
            .Where(t => StoreJson.String(t["kind"]) == "refund" && StoreJson.String(t["status"]) == "success").Sum(t => Money(t["amount"]));
        var maximum = Money(order["total_price"]) - refundedSoFar;
        return new RefundComputation(lines, shipping, shippingTax, refundableShipping, maximum);
    }

    /// <summary>Records a refund: stores it and its transaction and updates the order; returns the refund.</summary>
    public JsonObject Create(JsonObject order, JsonObject request)
    {
        var orderId = StoreJson.Long(order["id"])!.Value;
        var computed = Compute(order, request);
        var now = time.GetUtcNow();
        var date = StoreJson.ShopifyDate(now, options.UtcOffset);
        var refundId = shop.NextId();
        var parent = ParentTransaction(orderId);
        var requestedTransactions = (request["transactions"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        var amount = requestedTransactions.Count > 0 ? requestedTransactions.Sum(t => Money(t["amount"])) : computed.Total;
        if (amount > computed.Maximum)
        {
            throw new RefundException("transactions", $"Refund amount {StoreJson.Money(amount)} exceeds the {StoreJson.Money(computed.Maximum)} still refundable on this order.");
        }

        var transaction = RefundTransaction(orderId, shop.NextId(), amount, parent, date, requestedTransactions.FirstOrDefault());
        var items = new JsonArray();
        foreach (var (line, quantity, subtotal, tax, requested) in computed.Lines)
        {
            items.Add(new JsonObject
            {
                ["location_id"] = requested["location_id"]?.DeepClone(),
                ["restock_type"] = StoreJson.String(requested["restock_type"]) ?? "no_restock",
                ["quantity"] = quantity,
                ["id"] = shop.NextId(),
                ["line_item_id"] = line["id"]!.DeepClone(),
                ["subtotal"] = (double)subtotal,
                ["total_tax"] = (double)tax,
                ["subtotal_set"] = Bag(subtotal),
                ["total_tax_set"] = Bag(tax),
                ["line_item"] = line.DeepClone(),
            });
            line["current_quantity"] = (StoreJson.Long(line["current_quantity"]) ?? StoreJson.Long(line["quantity"]) ?? 0) - quantity;
        }

        var adjustments = new JsonArray();
        if (computed.Shipping > 0)
        {
            adjustments.Add(new JsonObject
            {
                ["id"] = shop.NextId(),
                ["amount"] = StoreJson.Money(-computed.Shipping),
                ["amount_set"] = Bag(-computed.Shipping),
                ["kind"] = "shipping_refund",
                ["order_id"] = orderId,
                ["reason"] = "Shipping refund",
                ["refund_id"] = refundId,
                ["tax_amount"] = StoreJson.Money(-computed.ShippingTax),
                ["tax_amount_set"] = Bag(-computed.ShippingTax),
            });
        }

        var refund = new JsonObject
        {
            ["id"] = refundId,
            ["order_id"] = orderId,
            ["created_at"] = date,
            ["note"] = StoreJson.String(request["note"]),
            ["user_id"] = null,
            ["processed_at"] = date,
            ["duties"] = new JsonArray(),
            ["total_duties_set"] = Bag(0),
            ["return"] = null,
            ["restock"] = computed.Lines.Any(l => StoreJson.String(l.Requested["restock_type"]) is "return" or "cancel"),
            ["additional_fees"] = new JsonArray(),
            ["total_additional_fees_set"] = Bag(0),
            ["refund_shipping_lines"] = new JsonArray(),
            ["admin_graphql_api_id"] = ShopifyIds.Gid("Refund", refundId),
            ["order_adjustments"] = adjustments,
            ["refund_line_items"] = items,
            ["transactions"] = new JsonArray(transaction.DeepClone()),
        };

        var linesSubtotal = computed.Lines.Sum(l => l.Subtotal);
        var linesTax = computed.Lines.Sum(l => l.Tax);
        Subtract(order, "current_subtotal_price", linesSubtotal);
        Subtract(order, "current_total_tax", linesTax + computed.ShippingTax);
        Subtract(order, "current_total_price", amount);
        var refundedTotal = Money(order["total_price"]) - computed.Maximum + amount;
        order["financial_status"] = refundedTotal >= Money(order["total_price"]) ? "refunded" : "partially_refunded";
        order["updated_at"] = date;
        if (order["refunds"] is not JsonArray refunds)
        {
            order["refunds"] = refunds = [];
        }

        refunds.Add(refund.DeepClone());
        shop.PutOrder(order);
        shop.PutTransaction(orderId, transaction);
        return refund;
    }

    /// <summary>Cancels the order: refunds what was paid (or voids an authorization) and sets <c>cancelled_at</c> and <c>cancel_reason</c>.</summary>
    public (JsonObject Order, JsonObject? Refund) Cancel(JsonObject order, string reason)
    {
        if (order["cancelled_at"] is JsonValue)
        {
            throw new RefundException("order", "Order has already been cancelled.");
        }

        JsonObject? refund = null;
        var status = StoreJson.String(order["financial_status"]);
        if (status is "paid" or "partially_refunded" or "partially_paid")
        {
            var lines = new JsonArray();
            foreach (var line in (order["line_items"] as JsonArray ?? []).OfType<JsonObject>())
            {
                var current = StoreJson.Long(line["current_quantity"]) ?? StoreJson.Long(line["quantity"]) ?? 0;
                if (current > 0)
                {
                    lines.Add(new JsonObject { ["line_item_id"] = line["id"]!.DeepClone(), ["quantity"] = current, ["restock_type"] = "cancel" });
                }
            }

            refund = Create(order, new JsonObject { ["refund_line_items"] = lines, ["shipping"] = new JsonObject { ["full_refund"] = true }, ["note"] = "Order cancelled" });
        }
        else if (status is "authorized" or "pending")
        {
            var orderId = StoreJson.Long(order["id"])!.Value;
            var date = StoreJson.ShopifyDate(time.GetUtcNow(), options.UtcOffset);
            var voided = RefundTransaction(orderId, shop.NextId(), Money(order["total_price"]), ParentTransaction(orderId), date, null);
            voided["kind"] = "void";
            shop.PutTransaction(orderId, voided);
            order["financial_status"] = "voided";
            foreach (var line in (order["line_items"] as JsonArray ?? []).OfType<JsonObject>())
            {
                line["current_quantity"] = 0;
            }

            foreach (var key in new[] { "current_subtotal_price", "current_total_tax", "current_total_price", "current_total_discounts" })
            {
                Subtract(order, key, Money(order[key]));
            }
        }

        var now = StoreJson.ShopifyDate(time.GetUtcNow(), options.UtcOffset);
        order["cancelled_at"] = now;
        order["cancel_reason"] = reason;
        order["updated_at"] = now;
        shop.PutOrder(order);
        return (order, refund);
    }

    private long? ParentTransaction(long orderId) =>
        shop.Transactions(orderId).Where(t => StoreJson.String(t["kind"]) is "capture" or "sale" or "authorization" && StoreJson.String(t["status"]) == "success")
            .OrderBy(t => StoreJson.String(t["kind"]) == "authorization" ? 1 : 0).Select(t => StoreJson.Long(t["id"])).FirstOrDefault();

    private JsonObject RefundTransaction(long orderId, long id, decimal amount, long? parent, string date, JsonObject? requested)
    {
        var parentTransaction = parent is null ? null : shop.Transactions(orderId).FirstOrDefault(t => StoreJson.Long(t["id"]) == parent);
        return new JsonObject
        {
            ["id"] = id,
            ["order_id"] = orderId,
            ["kind"] = "refund",
            ["gateway"] = StoreJson.String(requested?["gateway"]) ?? StoreJson.String(parentTransaction?["gateway"]) ?? "manual",
            ["status"] = "success",
            ["message"] = null,
            ["created_at"] = date,
            ["test"] = StoreJson.Bool(parentTransaction?["test"]) ?? false,
            ["authorization"] = null,
            ["location_id"] = null,
            ["user_id"] = null,
            ["parent_id"] = StoreJson.Long(requested?["parent_id"]) ?? parent,
            ["processed_at"] = date,
            ["device_id"] = null,
            ["error_code"] = null,
            ["source_name"] = "external",
            ["receipt"] = new JsonObject(),
            ["amount"] = StoreJson.Money(amount),
            ["currency"] = options.Currency,
            ["payment_id"] = $"r{id}",
            ["manual_payment_gateway"] = false,
            ["admin_graphql_api_id"] = ShopifyIds.Gid("OrderTransaction", id),
        };
    }

    private void Subtract(JsonObject order, string key, decimal amount)
    {
        if (!order.ContainsKey(key))
        {
            return;
        }

        var value = Money(order[key]) - amount;
        order[key] = StoreJson.Money(value);
        if (order.ContainsKey(key + "_set"))
        {
            order[key + "_set"] = Bag(value);
        }
    }

    /// <summary>The calculate endpoint's answer, in the shape of Shopify's <c>refunds/calculate.json</c>.</summary>
    public JsonObject Calculation(JsonObject order, RefundComputation computed)
    {
        var orderId = StoreJson.Long(order["id"])!.Value;
        var parent = ParentTransaction(orderId);
        var gateway = parent is null ? "manual" : StoreJson.String(shop.Transactions(orderId).First(t => StoreJson.Long(t["id"]) == parent)["gateway"]) ?? "manual";
        var shippingLine = (order["shipping_lines"] as JsonArray ?? []).OfType<JsonObject>().FirstOrDefault();
        var items = new JsonArray();
        foreach (var (line, quantity, subtotal, tax, requested) in computed.Lines)
        {
            items.Add(new JsonObject
            {
                ["quantity"] = quantity,
                ["line_item_id"] = line["id"]!.DeepClone(),
                ["location_id"] = requested["location_id"]?.DeepClone(),
                ["restock_type"] = StoreJson.String(requested["restock_type"]) ?? "no_restock",
                ["price"] = line["price"]!.DeepClone(),
                ["subtotal"] = StoreJson.Money(subtotal),
                ["total_tax"] = StoreJson.Money(tax),
                ["discounted_price"] = StoreJson.Money(subtotal / quantity),
                ["discounted_total_price"] = StoreJson.Money(subtotal),
                ["total_cart_discount_amount"] = StoreJson.Money((Money(line["price"]) * quantity) - subtotal),
            });
        }

        return new JsonObject
        {
            ["duties"] = new JsonArray(),
            ["total_duties_set"] = Bag(0),
            ["return"] = null,
            ["shipping"] = new JsonObject
            {
                ["amount"] = StoreJson.Money(computed.Shipping),
                ["tax"] = StoreJson.Money(computed.ShippingTax),
                ["maximum_refundable"] = StoreJson.Money(computed.RefundableShipping),
            },
            ["additional_fees"] = new JsonArray(),
            ["total_additional_fees_set"] = Bag(0),
            ["refund_shipping_lines"] = shippingLine is null || computed.Shipping == 0
                ? new JsonArray()
                : new JsonArray(new JsonObject
                {
                    ["id"] = null,
                    ["shipping_line_id"] = shippingLine["id"]!.DeepClone(),
                    ["subtotal_amount_set"] = Bag(computed.Shipping),
                    ["shipping_line"] = shippingLine.DeepClone(),
                }),
            ["refund_line_items"] = items,
            ["transactions"] = new JsonArray(new JsonObject
            {
                ["order_id"] = orderId,
                ["kind"] = "suggested_refund",
                ["gateway"] = gateway,
                ["parent_id"] = parent,
                ["amount"] = StoreJson.Money(computed.Total),
                ["currency"] = options.Currency,
                ["maximum_refundable"] = StoreJson.Money(computed.Maximum),
            }),
            ["currency"] = options.Currency,
        };
    }
}

/// <summary>Amounts of a refund before it is recorded.</summary>
internal sealed record RefundComputation(
    IReadOnlyList<(JsonObject Line, int Quantity, decimal Subtotal, decimal Tax, JsonObject Requested)> Lines,
    decimal Shipping,
    decimal ShippingTax,
    decimal RefundableShipping,
    decimal Maximum)
{
    public decimal Total => Lines.Sum(l => l.Subtotal + l.Tax) + Shipping + ShippingTax;

    public override string ToString() => Total.ToString(CultureInfo.InvariantCulture);
}
