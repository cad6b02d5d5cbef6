using System.Text.Json.Nodes;
using StoreBooks.Emulators.Stores;
using StoreBooks.Emulators.Stores.Demo;

namespace StoreBooks.Emulators.Shopify.Data;

/// <summary>Renders an <see cref="OrderPlan"/> as a Shopify REST 2025-07 order, with its transactions and refunds, amounts consistent.</summary>
internal sealed class ShopifyOrderBuilder(ShopifyEmulatorOptions options)
{
    private string Date(DateTimeOffset at) => StoreJson.ShopifyDate(at, options.UtcOffset);

    private JsonObject Bag(decimal amount) => new()
    {
        ["shop_money"] = new JsonObject { ["amount"] = StoreJson.Money(amount), ["currency_code"] = options.Currency },
        ["presentment_money"] = new JsonObject { ["amount"] = StoreJson.Money(amount), ["currency_code"] = options.Currency },
    };

    private JsonArray TaxLines(IReadOnlyList<PlanTaxRate> rates, decimal[] taxes)
    {
        var array = new JsonArray();
        for (var i = 0; i < rates.Count; i++)
        {
            if (taxes[i] == 0)
            {
                continue;
            }

            array.Add(new JsonObject
            {
                ["channel_liable"] = false,
                ["price"] = StoreJson.Money(taxes[i]),
                ["price_set"] = Bag(taxes[i]),
                ["rate"] = (double)rates[i].Rate,
                ["title"] = rates[i].Title,
            });
        }

        return array;
    }

    public static string FinancialStatus(OrderOutcome outcome) => outcome switch
    {
        OrderOutcome.Pending => "pending",
        OrderOutcome.Authorized => "authorized",
        OrderOutcome.PartiallyRefunded => "partially_refunded",
        OrderOutcome.Refunded => "refunded",
        OrderOutcome.Cancelled => "voided",
        _ => "paid",
    };

    public JsonObject Order(OrderPlan plan, DateTimeOffset now)
    {
        var priced = PricedOrder.Price(plan, pricesIncludeTax: false);
        var id = ShopifyIds.Order(plan.Index);
        var customer = plan.CustomerKey is { } key ? DemoCatalog.Customer(key) : DemoTaxes.Guest;
        var refund = priced.Refund;
        var refunded = refund?.Lines.ToDictionary(l => l.Line.Index) ?? [];
        var test = plan.Outcome == OrderOutcome.Test;
        var cancelled = plan.Outcome == OrderOutcome.Cancelled;

        var lineItems = new JsonArray();
        foreach (var line in priced.Lines)
        {
            var refundedQuantity = refunded.TryGetValue(line.Index, out var r) ? r.Quantity : 0;
            lineItems.Add(LineItem(plan, line, cancelled ? 0 : line.Quantity - refundedQuantity));
        }

        if (priced.Fee is { } fee)
        {
            lineItems.Add(FeeLine(plan, fee, cancelled ? 0 : 1));
        }

        var refundedLines = refund?.LinesSubtotal ?? 0m;
        var refundedTax = refund is null ? 0m : refund.LinesTax + refund.ShippingTax + refund.FeeTax;
        var refundedDiscount = refund?.Lines.Sum(l => PricedOrder.Round(l.Line.Discount * l.Quantity / l.Line.Quantity)) ?? 0m;
        var currentSubtotal = cancelled ? 0 : priced.LinesNet + (priced.Fee?.Amount ?? 0) - refundedLines - (refund?.FeeAmount ?? 0);
        var currentTax = cancelled ? 0 : priced.TotalTax - refundedTax;
        var currentTotal = cancelled ? 0 : priced.Total - (refund?.Amount ?? 0);
        var currentDiscounts = cancelled ? 0 : priced.DiscountTotal - refundedDiscount;
        var outstanding = plan.Outcome is OrderOutcome.Pending or OrderOutcome.Authorized ? priced.Total : 0m;
        var closed = plan.Closed(now);

        var order = new JsonObject
        {
            ["id"] = id,
            ["admin_graphql_api_id"] = ShopifyIds.Gid("Order", id),
            ["app_id"] = 580111,
            ["browser_ip"] = "192.0.2.10",
            ["buyer_accepts_marketing"] = plan.Index % 3 == 0,
            ["cancel_reason"] = cancelled ? "customer" : null,
            ["cancelled_at"] = cancelled ? Date(plan.UpdatedAt) : null,
            ["closed_at"] = closed ? Date(plan.ClosedAt) : null,
            ["confirmation_number"] = $"EMU{plan.Index:D6}",
            ["confirmed"] = true,
            ["contact_email"] = customer.Email,
            ["created_at"] = Date(plan.CreatedAt),
            ["currency"] = options.Currency,
            ["current_subtotal_price"] = StoreJson.Money(currentSubtotal),
            ["current_subtotal_price_set"] = Bag(currentSubtotal),
            ["current_total_discounts"] = StoreJson.Money(currentDiscounts),
            ["current_total_discounts_set"] = Bag(currentDiscounts),
            ["current_total_price"] = StoreJson.Money(currentTotal),
            ["current_total_price_set"] = Bag(currentTotal),
            ["current_total_tax"] = StoreJson.Money(currentTax),
            ["current_total_tax_set"] = Bag(currentTax),
            ["customer_locale"] = "en",
            ["discount_codes"] = plan.Discount is { } d
                ? new JsonArray(new JsonObject
                {
                    ["code"] = d.Code,
                    ["amount"] = StoreJson.Money(priced.DiscountTotal),
                    ["type"] = d.Percentage ? "percentage" : "fixed_amount",
                })
                : new JsonArray(),
            ["email"] = customer.Email,
            ["estimated_taxes"] = false,
            ["financial_status"] = FinancialStatus(plan.Outcome),
            ["fulfillment_status"] = closed ? "fulfilled" : null,
            ["name"] = $"#{1001 + plan.Index}",
            ["note"] = plan.Note,
            ["number"] = plan.Index + 1,
            ["order_number"] = 1001 + plan.Index,
            ["payment_gateway_names"] = new JsonArray(Gateway(plan)),
            ["phone"] = null,
            ["presentment_currency"] = options.Currency,
            ["processed_at"] = Date(plan.CreatedAt),
            ["source_name"] = "web",
            ["subtotal_price"] = StoreJson.Money(priced.LinesNet + (priced.Fee?.Amount ?? 0)),
            ["subtotal_price_set"] = Bag(priced.LinesNet + (priced.Fee?.Amount ?? 0)),
            ["tags"] = plan.CustomerKey == 5 ? "wholesale" : "",
            ["tax_exempt"] = plan.CustomerKey is { } c && DemoCatalog.Customer(c).TaxExempt,
            ["tax_lines"] = TaxLines(plan.Taxes, [.. priced.TaxLines.Select(t => t.CartTax + t.ShippingTax)]),
            ["taxes_included"] = false,
            ["test"] = test,
            ["total_discounts"] = StoreJson.Money(priced.DiscountTotal),
            ["total_discounts_set"] = Bag(priced.DiscountTotal),
            ["total_line_items_price"] = StoreJson.Money(priced.LinesGross + (priced.Fee?.Amount ?? 0)),
            ["total_line_items_price_set"] = Bag(priced.LinesGross + (priced.Fee?.Amount ?? 0)),
            ["total_outstanding"] = StoreJson.Money(outstanding),
            ["total_price"] = StoreJson.Money(priced.Total),
            ["total_price_set"] = Bag(priced.Total),
            ["total_shipping_price_set"] = Bag(priced.ShippingTotal),
            ["total_tax"] = StoreJson.Money(priced.TotalTax),
            ["total_tax_set"] = Bag(priced.TotalTax),
            ["total_tip_received"] = "0.00",
            ["total_weight"] = 0,
            ["updated_at"] = Date(plan.UpdatedAt),
            ["user_id"] = null,
            ["billing_address"] = Address(customer),
            ["customer"] = plan.CustomerKey is null ? null : ShopifyCatalogBuilder.OrderCustomer(customer, options),
            ["discount_applications"] = plan.Discount is { } da
                ? new JsonArray(new JsonObject
                {
                    ["target_type"] = "line_item",
                    ["type"] = "discount_code",
                    ["value"] = da.Value.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture),
                    ["value_type"] = da.Percentage ? "percentage" : "fixed_amount",
                    ["allocation_method"] = "across",
                    ["target_selection"] = "all",
                    ["code"] = da.Code,
                })
                : new JsonArray(),
            ["line_items"] = lineItems,
            ["refunds"] = refund is null ? new JsonArray() : new JsonArray(Refund(plan, priced, refund, lineItems)),
            ["shipping_address"] = plan.Shipping is null ? null : Address(customer),
            ["shipping_lines"] = plan.Shipping is null ? new JsonArray() : new JsonArray(ShippingLine(plan, priced.Shipping!)),
        };
        return order;
    }

    private static string Gateway(OrderPlan plan) => plan.Outcome switch
    {
        OrderOutcome.Test => "bogus",
        OrderOutcome.Pending => "Cash on Delivery (COD)",
        _ => "shopify_payments",
    };

    private JsonObject LineItem(OrderPlan plan, PricedLine line, int currentQuantity)
    {
        var id = ShopifyIds.LineItem(plan.Index, line.Index);
        var allocations = new JsonArray();
        if (line.Discount != 0)
        {
            allocations.Add(new JsonObject { ["amount"] = StoreJson.Money(line.Discount), ["amount_set"] = Bag(line.Discount), ["discount_application_index"] = 0 });
        }

        var single = !line.Product.HasVariants;
        return new JsonObject
        {
            ["id"] = id,
            ["admin_graphql_api_id"] = ShopifyIds.Gid("LineItem", id),
            ["current_quantity"] = currentQuantity,
            ["fulfillable_quantity"] = plan.Closed(DateTimeOffset.MaxValue) ? 0 : currentQuantity,
            ["fulfillment_service"] = "manual",
            ["fulfillment_status"] = null,
            ["gift_card"] = line.Product.ProductType == "Gift Card",
            ["grams"] = 250,
            ["name"] = single ? line.Product.Title : $"{line.Product.Title} - {line.Variant.Option}",
            ["price"] = StoreJson.Money(line.UnitPrice),
            ["price_set"] = Bag(line.UnitPrice),
            ["product_exists"] = true,
            ["product_id"] = ShopifyIds.Product(line.Product.Key),
            ["properties"] = new JsonArray(),
            ["quantity"] = line.Quantity,
            ["requires_shipping"] = line.Product.ProductType != "Gift Card",
            ["sku"] = line.Variant.Sku,
            ["taxable"] = line.Product.Taxable,
            ["title"] = line.Product.Title,
            ["total_discount"] = "0.00",
            ["total_discount_set"] = Bag(0),
            ["variant_id"] = ShopifyIds.Variant(line.Variant.Key),
            ["variant_inventory_management"] = line.Variant.Tracked ? "shopify" : null,
            ["variant_title"] = single ? null : line.Variant.Option,
            ["vendor"] = line.Product.Vendor,
            ["tax_lines"] = TaxLines(plan.Taxes, line.Taxes),
            ["duties"] = new JsonArray(),
            ["discount_allocations"] = allocations,
        };
    }

    private JsonObject FeeLine(OrderPlan plan, PricedCharge fee, int currentQuantity)
    {
        var id = ShopifyIds.LineItem(plan.Index, 30);
        return new JsonObject
        {
            ["id"] = id,
            ["admin_graphql_api_id"] = ShopifyIds.Gid("LineItem", id),
            ["current_quantity"] = currentQuantity,
            ["fulfillable_quantity"] = 0,
            ["fulfillment_service"] = "manual",
            ["fulfillment_status"] = null,
            ["gift_card"] = false,
            ["grams"] = 0,
            ["name"] = fee.Title,
            ["price"] = StoreJson.Money(fee.Amount),
            ["price_set"] = Bag(fee.Amount),
            ["product_exists"] = false,
            ["product_id"] = null,
            ["properties"] = new JsonArray(),
            ["quantity"] = 1,
            ["requires_shipping"] = false,
            ["sku"] = null,
            ["taxable"] = fee.Tax != 0,
            ["title"] = fee.Title,
            ["total_discount"] = "0.00",
            ["total_discount_set"] = Bag(0),
            ["variant_id"] = null,
            ["variant_inventory_management"] = null,
            ["variant_title"] = null,
            ["vendor"] = null,
            ["tax_lines"] = TaxLines(plan.Taxes, fee.Taxes),
            ["duties"] = new JsonArray(),
            ["discount_allocations"] = new JsonArray(),
        };
    }

    private JsonObject ShippingLine(OrderPlan plan, PricedCharge shipping) => new()
    {
        ["id"] = ShopifyIds.ShippingLine(plan.Index),
        ["carrier_identifier"] = null,
        ["code"] = plan.Shipping!.Code,
        ["discounted_price"] = StoreJson.Money(shipping.Amount),
        ["discounted_price_set"] = Bag(shipping.Amount),
        ["is_removed"] = false,
        ["phone"] = null,
        ["price"] = StoreJson.Money(shipping.Amount),
        ["price_set"] = Bag(shipping.Amount),
        ["requested_fulfillment_service_id"] = null,
        ["source"] = "shopify",
        ["title"] = shipping.Title,
        ["tax_lines"] = TaxLines(plan.Taxes, shipping.Taxes),
        ["discount_allocations"] = new JsonArray(),
    };

    private static JsonObject Address(DemoCustomer customer) => new()
    {
        ["first_name"] = customer.FirstName,
        ["address1"] = customer.Address1,
        ["phone"] = customer.Phone,
        ["city"] = customer.City,
        ["zip"] = customer.Zip,
        ["province"] = customer.Province,
        ["country"] = "United States",
        ["last_name"] = customer.LastName,
        ["address2"] = "",
        ["company"] = customer.TaxExempt ? customer.FirstName : null,
        ["latitude"] = null,
        ["longitude"] = null,
        ["name"] = $"{customer.FirstName} {customer.LastName}",
        ["country_code"] = "US",
        ["province_code"] = customer.ProvinceCode,
    };

    private JsonObject Refund(OrderPlan plan, PricedOrder priced, PricedRefund refund, JsonArray lineItems)
    {
        var id = ShopifyIds.Refund(plan.Index);
        var items = new JsonArray();
        var n = 0;
        foreach (var line in refund.Lines)
        {
            items.Add(new JsonObject
            {
                ["id"] = id + 100 + n++,
                ["line_item_id"] = ShopifyIds.LineItem(plan.Index, line.Line.Index),
                ["location_id"] = ShopifyIds.Location(1),
                ["quantity"] = line.Quantity,
                ["restock_type"] = "return",
                ["subtotal"] = (double)line.Subtotal,
                ["subtotal_set"] = Bag(line.Subtotal),
                ["total_tax"] = (double)line.Tax,
                ["total_tax_set"] = Bag(line.Tax),
                ["line_item"] = lineItems[line.Line.Index]!.DeepClone(),
            });
        }

        var adjustments = new JsonArray();
        if (refund.Shipping is { } shipping)
        {
            adjustments.Add(new JsonObject
            {
                ["id"] = id + 200,
                ["amount"] = StoreJson.Money(-shipping.Amount),
                ["amount_set"] = Bag(-shipping.Amount),
                ["kind"] = "shipping_refund",
                ["order_id"] = ShopifyIds.Order(plan.Index),
                ["reason"] = "Shipping refund",
                ["refund_id"] = id,
                ["tax_amount"] = StoreJson.Money(-shipping.Tax),
                ["tax_amount_set"] = Bag(-shipping.Tax),
            });
        }

        var transaction = Transactions(plan, priced).Last(t => (string?)t["kind"] == "refund");
        return new JsonObject
        {
            ["id"] = id,
            ["admin_graphql_api_id"] = ShopifyIds.Gid("Refund", id),
            ["created_at"] = Date(plan.RefundedAt),
            ["note"] = refund.Reason,
            ["order_id"] = ShopifyIds.Order(plan.Index),
            ["processed_at"] = Date(plan.RefundedAt),
            ["restock"] = true,
            ["total_additional_fees_set"] = Bag(0),
            ["total_duties_set"] = Bag(0),
            ["user_id"] = null,
            ["order_adjustments"] = adjustments,
            ["transactions"] = new JsonArray(transaction),
            ["refund_line_items"] = items,
            ["duties"] = new JsonArray(),
            ["additional_fees"] = new JsonArray(),
        };
    }

    /// <summary>The order's transactions: sale, or authorization then capture; a refund or void after them.</summary>
    public List<JsonObject> Transactions(OrderPlan plan, PricedOrder? priced = null)
    {
        priced ??= PricedOrder.Price(plan, pricesIncludeTax: false);
        var orderId = ShopifyIds.Order(plan.Index);
        var gateway = Gateway(plan);
        var list = new List<JsonObject>();
        if (plan.Outcome == OrderOutcome.Pending)
        {
            list.Add(Transaction(plan, 0, "sale", "pending", priced.Total, null, plan.CreatedAt, gateway));
            return list;
        }

        long parent;
        if (plan.SplitCapture || plan.Outcome is OrderOutcome.Authorized or OrderOutcome.Cancelled)
        {
            list.Add(Transaction(plan, 0, "authorization", "success", priced.Total, null, plan.CreatedAt, gateway));
            parent = ShopifyIds.Transaction(plan.Index, 0);
            if (plan.Outcome == OrderOutcome.Authorized)
            {
                return list;
            }

            if (plan.Outcome == OrderOutcome.Cancelled)
            {
                list.Add(Transaction(plan, 2, "void", "success", priced.Total, parent, plan.UpdatedAt, gateway));
                return list;
            }

            list.Add(Transaction(plan, 1, "capture", "success", priced.Total, parent, plan.CreatedAt.AddMinutes(90), gateway));
            parent = ShopifyIds.Transaction(plan.Index, 1);
        }
        else
        {
            list.Add(Transaction(plan, 1, "sale", "success", priced.Total, null, plan.CreatedAt, gateway));
            parent = ShopifyIds.Transaction(plan.Index, 1);
        }

        if (priced.Refund is { } refund)
        {
            list.Add(Transaction(plan, 3, "refund", "success", refund.Amount, parent, plan.RefundedAt, gateway));
        }

        return list;
    }

    private JsonObject Transaction(OrderPlan plan, int kindIndex, string kind, string status, decimal amount, long? parent, DateTimeOffset at, string gateway)
    {
        var id = ShopifyIds.Transaction(plan.Index, kindIndex);
        return new JsonObject
        {
            ["id"] = id,
            ["order_id"] = ShopifyIds.Order(plan.Index),
            ["kind"] = kind,
            ["gateway"] = gateway,
            ["status"] = status,
            ["message"] = status == "success" ? "Bogus Gateway: Forced success" : null,
            ["created_at"] = Date(at),
            ["test"] = plan.Outcome == OrderOutcome.Test,
            ["authorization"] = kind is "authorization" or "sale" ? $"AUTH-{plan.Index:D6}" : null,
            ["location_id"] = null,
            ["user_id"] = null,
            ["parent_id"] = parent,
            ["processed_at"] = Date(at),
            ["device_id"] = null,
            ["error_code"] = null,
            ["source_name"] = "web",
            ["receipt"] = new JsonObject(),
            ["amount"] = StoreJson.Money(amount),
            ["currency"] = options.Currency,
            ["payment_id"] = $"#{1001 + plan.Index}.{kindIndex + 1}",
            ["manual_payment_gateway"] = gateway.StartsWith("Cash", StringComparison.Ordinal),
            ["admin_graphql_api_id"] = ShopifyIds.Gid("OrderTransaction", id),
        };
    }
}
