using System.Globalization;
using System.Text.Json.Nodes;
using StoreBooks.Emulators.Shopify.Data;
using StoreBooks.Emulators.Stores;

namespace StoreBooks.Emulators.Shopify.GraphQL.Orders;

/// <summary>
/// One REST order (as <c>orders.json</c> serves it) with its transactions, written in the GraphQL Admin API's shape: every
/// field of <see cref="OrderSchema"/> under its GraphQL name, connections as plain arrays (paged when asked), money as
/// <c>MoneyBag</c> with decimal strings, enums upper case, times in UTC, ids as global ids. Objects of an interface carry their
/// implementation in <c>__typename</c>. Nothing is invented: an amount REST does not have is null, or 0 where GraphQL's field is
/// non-null and REST's absence means nothing was charged.
/// </summary>
internal static class OrderGraph
{
    public static JsonObject Build(JsonObject order, IReadOnlyList<JsonObject> transactions, string shopCurrency, TimeSpan offset)
    {
        var currency = StoreJson.String(order["currency"]) ?? shopCurrency;
        var presentment = StoreJson.String(order["presentment_currency"]) ?? currency;
        var builder = new Builder(currency, presentment, offset);
        return builder.Order(order, transactions);
    }

    private sealed class Builder(string currency, string presentment, TimeSpan offset)
    {
        private JsonArray _applications = [];
        private readonly Dictionary<long, JsonObject> _lines = [];
        private readonly Dictionary<long, JsonObject> _shipping = [];

        public JsonObject Order(JsonObject o, IReadOnlyList<JsonObject> transactions)
        {
            var id = StoreJson.Long(o["id"]) ?? 0;
            _applications = [.. Items(o["discount_applications"]).Select((a, i) => (JsonNode?)Application(a, i))];
            var lines = new JsonArray();
            foreach (var line in Items(o["line_items"]))
            {
                var graph = LineItem(line);
                _lines[StoreJson.Long(line["id"]) ?? 0] = graph;
                lines.Add(graph);
            }

            var shippingLines = new JsonArray();
            foreach (var line in Items(o["shipping_lines"]))
            {
                var graph = ShippingLine(line);
                _shipping[StoreJson.Long(line["id"]) ?? 0] = graph;
                shippingLines.Add(graph);
            }

            var shippingTotal = Items(o["shipping_lines"]).Sum(s => StoreJson.Decimal(s["price"]) ?? 0m);
            var financial = StoreJson.String(o["financial_status"]);
            return new JsonObject
            {
                ["__typename"] = "Order",
                ["id"] = Gid(o, "Order"),
                ["legacyResourceId"] = id.ToString(CultureInfo.InvariantCulture),
                ["name"] = Copy(o["name"]),
                ["number"] = Copy(o["order_number"]),
                ["createdAt"] = Date(o["created_at"]),
                ["updatedAt"] = Date(o["updated_at"] ?? o["created_at"]),
                ["processedAt"] = Date(o["processed_at"] ?? o["created_at"]),
                ["cancelledAt"] = Date(o["cancelled_at"]),
                ["closedAt"] = Date(o["closed_at"]),
                ["closed"] = o["closed_at"] is not null,
                ["cancelReason"] = Upper(o["cancel_reason"]),
                ["test"] = StoreJson.Bool(o["test"]) ?? false,
                ["taxesIncluded"] = StoreJson.Bool(o["taxes_included"]) ?? false,
                ["currencyCode"] = currency,
                ["presentmentCurrencyCode"] = presentment,
                ["displayFinancialStatus"] = financial?.ToUpperInvariant(),
                ["email"] = Copy(o["email"]),
                ["phone"] = Copy(o["phone"]),
                ["note"] = Copy(o["note"]),
                ["tags"] = new JsonArray([.. (StoreJson.String(o["tags"]) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(t => (JsonNode?)t)]),
                ["customer"] = Customer(o["customer"] as JsonObject),
                ["billingAddress"] = Address(o["billing_address"] as JsonObject),
                ["shippingAddress"] = Address(o["shipping_address"] as JsonObject),
                ["subtotalPriceSet"] = Bag(o["subtotal_price_set"], o["subtotal_price"] ?? "0.00"),
                ["totalPriceSet"] = Bag(o["total_price_set"], o["total_price"] ?? "0.00"),
                ["currentTotalPriceSet"] = Bag(o["current_total_price_set"], o["current_total_price"] ?? o["total_price"] ?? "0.00"),
                ["totalTaxSet"] = Bag(o["total_tax_set"], o["total_tax"] ?? "0.00"),
                ["totalDiscountsSet"] = Bag(o["total_discounts_set"], o["total_discounts"] ?? "0.00"),
                ["totalShippingPriceSet"] = Bag(o["total_shipping_price_set"], Amount(shippingTotal)),
                ["totalTipReceivedSet"] = Bag(null, o["total_tip_received"] ?? "0.00"),
                ["originalTotalDutiesSet"] = Bag(o["original_total_duties_set"], null),
                ["currentTotalDutiesSet"] = Bag(o["current_total_duties_set"], null),
                ["originalTotalAdditionalFeesSet"] = Bag(o["original_total_additional_fees_set"], null),
                ["currentTotalAdditionalFeesSet"] = Bag(o["current_total_additional_fees_set"], null),
                ["subtotalLineItemsQuantity"] = Items(o["line_items"]).Sum(l => Count(l["quantity"])),
                ["lineItems"] = lines,
                ["shippingLines"] = shippingLines,
                ["discountApplications"] = _applications.DeepClone(),
                ["taxLines"] = TaxLines(o["tax_lines"]),
                ["discountCodes"] = new JsonArray([.. Items(o["discount_codes"]).Select(c => StoreJson.String(c["code"])).OfType<string>().Select(c => (JsonNode?)c)]),
                ["transactions"] = new JsonArray([.. transactions.OrderBy(t => StoreJson.Long(t["id"])).Select(t => (JsonNode?)Transaction(t))]),
                ["refunds"] = new JsonArray([.. Items(o["refunds"]).Select(r => (JsonNode?)Refund(r))]),
            };
        }

        private JsonObject Application(JsonObject a, int index)
        {
            var type = StoreJson.String(a["type"]);
            return new JsonObject
            {
                ["__typename"] = type switch
                {
                    "discount_code" => "DiscountCodeApplication",
                    "manual" => "ManualDiscountApplication",
                    "script" => "ScriptDiscountApplication",
                    _ => "AutomaticDiscountApplication",
                },
                ["index"] = index,
                ["targetType"] = Upper(a["target_type"]),
                ["targetSelection"] = Upper(a["target_selection"]),
                ["allocationMethod"] = Upper(a["allocation_method"]),
                ["code"] = type == "discount_code" ? Copy(a["code"]) : null,
                ["title"] = type == "discount_code" ? null : Copy(a["title"] ?? a["description"]),
            };
        }

        private JsonObject LineItem(JsonObject l)
        {
            var quantity = Count(l["quantity"]);
            var unit = StoreJson.Decimal(l["price"]) ?? 0m;
            var discount = StoreJson.Decimal(l["total_discount"]) ?? 0m;
            var variantId = StoreJson.Long(l["variant_id"]);
            var productId = StoreJson.Long(l["product_id"]);
            return new JsonObject
            {
                ["__typename"] = "LineItem",
                ["id"] = Gid(l, "LineItem"),
                ["title"] = Copy(l["title"]),
                ["name"] = Copy(l["name"]),
                ["variantTitle"] = Copy(l["variant_title"]),
                ["sku"] = Copy(l["sku"]),
                ["vendor"] = Copy(l["vendor"]),
                ["quantity"] = quantity,
                ["currentQuantity"] = l["current_quantity"] is null ? quantity : Count(l["current_quantity"]),
                ["taxable"] = StoreJson.Bool(l["taxable"]) ?? true,
                ["isGiftCard"] = StoreJson.Bool(l["gift_card"]) ?? false,
                ["requiresShipping"] = StoreJson.Bool(l["requires_shipping"]) ?? false,
                ["originalUnitPriceSet"] = Bag(l["price_set"], l["price"] ?? "0.00"),
                ["originalTotalSet"] = Bag(null, Amount(unit * quantity)),
                ["discountedTotalSet"] = Bag(null, Amount((unit * quantity) - discount)),
                ["totalDiscountSet"] = Bag(l["total_discount_set"], l["total_discount"] ?? "0.00"),
                ["variant"] = variantId is > 0 ? new JsonObject
                {
                    ["__typename"] = "ProductVariant",
                    ["id"] = ShopifyIds.Gid("ProductVariant", variantId.Value),
                    ["legacyResourceId"] = variantId.Value.ToString(CultureInfo.InvariantCulture),
                    ["title"] = Copy(l["variant_title"]),
                    ["sku"] = Copy(l["sku"]),
                } : null,
                ["product"] = productId is > 0 ? new JsonObject
                {
                    ["__typename"] = "Product",
                    ["id"] = ShopifyIds.Gid("Product", productId.Value),
                    ["legacyResourceId"] = productId.Value.ToString(CultureInfo.InvariantCulture),
                    ["title"] = Copy(l["title"]),
                } : null,
                ["discountAllocations"] = Allocations(l["discount_allocations"]),
                ["taxLines"] = TaxLines(l["tax_lines"]),
                ["duties"] = new JsonArray([.. Items(l["duties"]).Select(d => (JsonNode?)Duty(d))]),
            };
        }

        private JsonObject Duty(JsonObject d)
        {
            var price = d["shop_money"] is JsonObject shop
                ? new JsonObject { ["shopMoney"] = Money(shop, currency), ["presentmentMoney"] = Money(d["presentment_money"] as JsonObject ?? shop, presentment) }
                : Bag(d["price_set"], "0.00");
            return new JsonObject
            {
                ["__typename"] = "Duty",
                ["id"] = Gid(d, "Duty"),
                ["harmonizedSystemCode"] = d["harmonized_system_code"] is { } code ? StoreJson.String(code) ?? code.ToJsonString() : null,
                ["countryCodeOfOrigin"] = Copy(d["country_code_of_origin"]),
                ["price"] = price,
                ["taxLines"] = TaxLines(d["tax_lines"]),
            };
        }

        private JsonObject ShippingLine(JsonObject s) => new()
        {
            ["__typename"] = "ShippingLine",
            ["id"] = Gid(s, "ShippingLine"),
            ["title"] = Copy(s["title"]),
            ["code"] = Copy(s["code"]),
            ["source"] = Copy(s["source"]),
            ["carrierIdentifier"] = Copy(s["carrier_identifier"]),
            ["originalPriceSet"] = Bag(s["price_set"], s["price"] ?? "0.00"),
            ["discountedPriceSet"] = Bag(s["discounted_price_set"], s["discounted_price"] ?? s["price"] ?? "0.00"),
            ["discountAllocations"] = Allocations(s["discount_allocations"]),
            ["taxLines"] = TaxLines(s["tax_lines"]),
        };

        private JsonArray Allocations(JsonNode? list) => [.. Items(list).Select(a => (JsonNode?)new JsonObject
        {
            ["__typename"] = "DiscountAllocation",
            ["allocatedAmountSet"] = Bag(a["amount_set"], a["amount"] ?? "0.00"),
            ["discountApplication"] = StoreJson.Long(a["discount_application_index"]) is { } i && i >= 0 && i < _applications.Count
                ? _applications[(int)i]!.DeepClone()
                : null,
        })];

        private JsonArray TaxLines(JsonNode? list) => [.. Items(list).Select(t => (JsonNode?)new JsonObject
        {
            ["__typename"] = "TaxLine",
            ["title"] = Copy(t["title"]),
            ["rate"] = Copy(t["rate"]),
            ["ratePercentage"] = StoreJson.Decimal(t["rate"]) is { } rate ? JsonValue.Create(rate * 100) : null,
            ["priceSet"] = Bag(t["price_set"], t["price"] ?? "0.00"),
            ["channelLiable"] = Copy(t["channel_liable"]),
        })];

        private JsonObject Transaction(JsonObject t)
        {
            var amount = t["amount"] ?? "0.00";
            var own = StoreJson.String(t["currency"]) ?? currency;
            var set = t["amount_set"] as JsonObject;
            var parent = StoreJson.Long(t["parent_id"]);
            return new JsonObject
            {
                ["__typename"] = "OrderTransaction",
                ["id"] = Gid(t, "OrderTransaction"),
                ["kind"] = Upper(t["kind"]),
                ["status"] = Upper(t["status"]),
                ["gateway"] = Copy(t["gateway"]),
                ["amountSet"] = new JsonObject
                {
                    ["shopMoney"] = set?["shop_money"] is JsonObject shop ? Money(shop, currency) : new JsonObject { ["amount"] = Text(amount), ["currencyCode"] = own },
                    ["presentmentMoney"] = new JsonObject { ["amount"] = Text(amount), ["currencyCode"] = own },
                },
                ["processedAt"] = Date(t["processed_at"]),
                ["createdAt"] = Date(t["created_at"]),
                ["test"] = StoreJson.Bool(t["test"]) ?? false,
                ["errorCode"] = Upper(t["error_code"]),
                ["authorizationCode"] = Copy(t["authorization"]),
                ["parentTransaction"] = parent is > 0 ? new JsonObject { ["__typename"] = "OrderTransaction", ["id"] = ShopifyIds.Gid("OrderTransaction", parent.Value) } : null,
            };
        }

        private JsonObject Refund(JsonObject r)
        {
            var transactions = Items(r["transactions"]).Select(Transaction).ToList();
            var refunded = Items(r["transactions"])
                .Where(t => StoreJson.String(t["kind"]) == "refund" && StoreJson.String(t["status"]) == "success")
                .Sum(t => StoreJson.Decimal(t["amount"]) ?? 0m);
            return new JsonObject
            {
                ["__typename"] = "Refund",
                ["id"] = Gid(r, "Refund"),
                ["legacyResourceId"] = (StoreJson.Long(r["id"]) ?? 0).ToString(CultureInfo.InvariantCulture),
                ["createdAt"] = Date(r["created_at"] ?? r["processed_at"]),
                ["updatedAt"] = Date(r["processed_at"] ?? r["created_at"]),
                ["note"] = Copy(r["note"]),
                ["totalRefundedSet"] = Bag(null, Amount(refunded)),
                ["refundLineItems"] = new JsonArray([.. Items(r["refund_line_items"]).Select(i => (JsonNode?)RefundLineItem(i, StoreJson.Bool(r["restock"]) ?? false))]),
                ["transactions"] = new JsonArray([.. transactions]),
                ["orderAdjustments"] = new JsonArray([.. Items(r["order_adjustments"]).Select(a => (JsonNode?)new JsonObject
                {
                    ["__typename"] = "OrderAdjustment",
                    ["id"] = Gid(a, "OrderAdjustment"),
                    ["amountSet"] = Bag(a["amount_set"], a["amount"] ?? "0.00"),
                    ["taxAmountSet"] = Bag(a["tax_amount_set"], a["tax_amount"] ?? "0.00"),
                    ["reason"] = Upper(a["kind"]),
                })]),
                ["refundShippingLines"] = new JsonArray([.. Items(r["refund_shipping_lines"]).Select(s => (JsonNode?)new JsonObject
                {
                    ["__typename"] = "RefundShippingLine",
                    ["id"] = Gid(s, "RefundShippingLine"),
                    ["shippingLine"] = StoreJson.Long(s["shipping_line_id"]) is { } sid
                        ? _shipping.TryGetValue(sid, out var line) ? line.DeepClone() : new JsonObject { ["__typename"] = "ShippingLine", ["id"] = ShopifyIds.Gid("ShippingLine", sid) }
                        : null,
                    ["subtotalAmountSet"] = Bag(s["subtotal_amount_set"], "0.00"),
                    ["taxAmountSet"] = Bag(s["tax_amount_set"], "0.00"),
                })]),
            };
        }

        private JsonObject RefundLineItem(JsonObject i, bool restock)
        {
            var lineId = StoreJson.Long(i["line_item_id"]) ?? 0;
            var restockType = StoreJson.String(i["restock_type"]) ?? (restock ? "legacy_restock" : "no_restock");
            return new JsonObject
            {
                ["__typename"] = "RefundLineItem",
                ["id"] = Gid(i, "RefundLineItem"),
                ["lineItem"] = _lines.TryGetValue(lineId, out var line) ? line.DeepClone() : new JsonObject { ["__typename"] = "LineItem", ["id"] = ShopifyIds.Gid("LineItem", lineId) },
                ["quantity"] = Count(i["quantity"]),
                ["restockType"] = restockType.ToUpperInvariant(),
                ["restocked"] = restockType is "return" or "cancel" or "legacy_restock",
                ["priceSet"] = Bag((i["line_item"] as JsonObject)?["price_set"], (i["line_item"] as JsonObject)?["price"] ?? "0.00"),
                ["subtotalSet"] = Bag(i["subtotal_set"], i["subtotal"] ?? "0.00"),
                ["totalTaxSet"] = Bag(i["total_tax_set"], i["total_tax"] ?? "0.00"),
            };
        }

        private static JsonObject? Customer(JsonObject? c)
        {
            if (c is null)
            {
                return null;
            }

            return new JsonObject
            {
                ["__typename"] = "Customer",
                ["id"] = Gid(c, "Customer"),
                ["legacyResourceId"] = (StoreJson.Long(c["id"]) ?? 0).ToString(CultureInfo.InvariantCulture),
                ["email"] = Copy(c["email"]),
                ["firstName"] = Copy(c["first_name"]),
                ["lastName"] = Copy(c["last_name"]),
                ["displayName"] = string.Join(' ', new[] { StoreJson.String(c["first_name"]), StoreJson.String(c["last_name"]) }.Where(p => !string.IsNullOrWhiteSpace(p))),
                ["phone"] = Copy(c["phone"]),
                ["createdAt"] = null,
                ["updatedAt"] = null,
                ["defaultAddress"] = Address(c["default_address"] as JsonObject),
            };
        }

        private static JsonObject? Address(JsonObject? a) => a is null ? null : new JsonObject
        {
            ["__typename"] = "MailingAddress",
            ["firstName"] = Copy(a["first_name"]),
            ["lastName"] = Copy(a["last_name"]),
            ["name"] = Copy(a["name"]),
            ["company"] = Copy(a["company"]),
            ["address1"] = Copy(a["address1"]),
            ["address2"] = Copy(a["address2"]),
            ["city"] = Copy(a["city"]),
            ["province"] = Copy(a["province"]),
            ["provinceCode"] = Copy(a["province_code"]),
            ["zip"] = Copy(a["zip"]),
            ["country"] = Copy(a["country"]),
            ["countryCodeV2"] = Copy(a["country_code"]),
            ["phone"] = Copy(a["phone"]),
        };

        /// <summary>A REST <c>*_set</c> (shop and presentment money) as a MoneyBag, else the plain amount in both; null when neither exists.</summary>
        private JsonObject? Bag(JsonNode? set, JsonNode? amount)
        {
            if (set is JsonObject s && (s["shop_money"] ?? s["presentment_money"]) is JsonObject shop)
            {
                return new JsonObject
                {
                    ["shopMoney"] = Money(shop, currency),
                    ["presentmentMoney"] = Money(s["presentment_money"] as JsonObject ?? shop, presentment),
                };
            }

            return amount is null ? null : new JsonObject
            {
                ["shopMoney"] = new JsonObject { ["amount"] = Text(amount), ["currencyCode"] = currency },
                ["presentmentMoney"] = new JsonObject { ["amount"] = Text(amount), ["currencyCode"] = presentment },
            };
        }

        private static JsonObject Money(JsonObject money, string fallbackCurrency) => new()
        {
            ["amount"] = Text(money["amount"] ?? "0.00"),
            ["currencyCode"] = StoreJson.String(money["currency_code"]) ?? fallbackCurrency,
        };

        /// <summary>A decimal as GraphQL writes it: a string, exactly the REST digits (<c>195.66</c> stays <c>"195.66"</c>).</summary>
        private static string Text(JsonNode amount) => StoreJson.String(amount) ?? amount.ToJsonString();

        /// <summary>A quantity, however the REST JSON holds it (an int, a long, a string).</summary>
        private static long Count(JsonNode? node) =>
            node is JsonValue && decimal.TryParse(node.ToJsonString().Trim('"'), NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? (long)n : 0;

        private static string Amount(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);

        private string? Date(JsonNode? node) =>
            StoreJson.Date(node, offset)?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

        private static JsonNode? Copy(JsonNode? node) => node?.DeepClone();

        private static string? Upper(JsonNode? node) => StoreJson.String(node)?.ToUpperInvariant();

        private static string Gid(JsonObject item, string type) =>
            StoreJson.String(item["admin_graphql_api_id"]) ?? ShopifyIds.Gid(type, StoreJson.Long(item["id"]) ?? 0);

        private static IEnumerable<JsonObject> Items(JsonNode? list) => (list as JsonArray ?? []).OfType<JsonObject>();
    }
}
