using System.Globalization;
using System.Text.Json.Nodes;
using StoreBooks.Emulators.Stores;
using StoreBooks.Emulators.Stores.Demo;

namespace StoreBooks.Emulators.WooCommerce.Data;

/// <summary>
/// Renders an <see cref="OrderPlan"/> as a WooCommerce REST v3 order and its refund: dates without offset plus <c>*_gmt</c>
/// twins, money strings, <c>line_items[].price</c> as a number, per-rate <c>taxes[]</c>, and
/// <c>total = Σ line total + shipping_total + Σ fee total + total_tax</c>.
/// </summary>
internal sealed class WooOrderBuilder(WooCommerceEmulatorOptions options, Func<string> site)
{
    public static string Status(OrderPlan plan, DateTimeOffset now) => plan.Outcome switch
    {
        OrderOutcome.Pending => "pending",
        OrderOutcome.Authorized => "on-hold",
        OrderOutcome.Refunded => "refunded",
        OrderOutcome.Cancelled => "cancelled",
        OrderOutcome.Test => "failed",
        _ => plan.Closed(now) ? "completed" : "processing",
    };

    private string Local(DateTimeOffset at) => StoreJson.WooDate(at, options.UtcOffset);

    private static string Gmt(DateTimeOffset at) => StoreJson.WooDate(at, TimeSpan.Zero);

    private static string M(decimal amount) => StoreJson.Money(amount);

    private static JsonArray Taxes(IReadOnlyList<PlanTaxRate> rates, decimal[] totals, decimal[]? subtotals, decimal sign = 1)
    {
        var array = new JsonArray();
        for (var i = 0; i < rates.Count; i++)
        {
            if (totals[i] == 0 && (subtotals is null || subtotals[i] == 0))
            {
                continue;
            }

            array.Add(new JsonObject
            {
                ["id"] = rates[i].Id,
                ["total"] = M(sign * totals[i]),
                ["subtotal"] = subtotals is null ? "" : M(sign * subtotals[i]),
            });
        }

        return array;
    }

    private JsonObject Links(string self, string collection, string? up = null)
    {
        var links = new JsonObject
        {
            ["self"] = new JsonArray(new JsonObject { ["href"] = $"{site()}/wp-json/wc/v3/{self}" }),
            ["collection"] = new JsonArray(new JsonObject { ["href"] = $"{site()}/wp-json/wc/v3/{collection}" }),
        };
        if (up is not null)
        {
            links["up"] = new JsonArray(new JsonObject { ["href"] = $"{site()}/wp-json/wc/v3/{up}" });
        }

        return links;
    }

    public JsonObject Order(OrderPlan plan, DateTimeOffset now)
    {
        var priced = PricedOrder.Price(plan, options.PricesIncludeTax);
        var id = WooIds.Order(plan.Index);
        var customer = plan.CustomerKey is { } key ? DemoCatalog.Customer(key) : DemoTaxes.Guest;
        var status = Status(plan, now);
        var paid = plan.Outcome is not (OrderOutcome.Pending or OrderOutcome.Authorized or OrderOutcome.Cancelled or OrderOutcome.Test);
        var completed = status is "completed" or "refunded" && plan.Closed(now) ? plan.ClosedAt : (DateTimeOffset?)null;
        var subtotals = new decimal[plan.Taxes.Count];
        var lines = new JsonArray();
        foreach (var line in priced.Lines)
        {
            var subtotalTaxes = SubtotalTaxes(plan, line);
            for (var i = 0; i < subtotals.Length; i++)
            {
                subtotals[i] += subtotalTaxes[i];
            }

            lines.Add(LineItem(plan, line, subtotalTaxes));
        }

        var taxLines = new JsonArray();
        var n = 0;
        foreach (var (rate, cartTax, shippingTax) in priced.TaxLines)
        {
            if (cartTax == 0 && shippingTax == 0)
            {
                continue;
            }

            taxLines.Add(new JsonObject
            {
                ["id"] = WooIds.LineItem(plan.Index, 10 + n++),
                ["rate_code"] = $"US-{customer.ProvinceCode}-{rate.Title.ToUpperInvariant()}-1",
                ["rate_id"] = rate.Id,
                ["label"] = rate.Title,
                ["compound"] = false,
                ["tax_total"] = M(cartTax),
                ["shipping_tax_total"] = M(shippingTax),
                ["rate_percent"] = (double)(rate.Rate * 100),
                ["meta_data"] = new JsonArray(),
            });
        }

        var refundTotal = priced.Refund?.Amount ?? 0m;
        return new JsonObject
        {
            ["id"] = id,
            ["parent_id"] = 0,
            ["status"] = status,
            ["currency"] = options.Currency,
            ["version"] = "9.3.3",
            ["prices_include_tax"] = options.PricesIncludeTax,
            ["date_created"] = Local(plan.CreatedAt),
            ["date_modified"] = Local(plan.UpdatedAt),
            ["discount_total"] = M(priced.DiscountTotal),
            ["discount_tax"] = M(priced.DiscountTax),
            ["shipping_total"] = M(priced.ShippingTotal),
            ["shipping_tax"] = M(priced.ShippingTax),
            ["cart_tax"] = M(priced.CartTax),
            ["total"] = M(priced.Total),
            ["total_tax"] = M(priced.TotalTax),
            ["customer_id"] = plan.CustomerKey is { } c ? WooIds.Customer(c) : 0,
            ["order_key"] = $"wc_order_{id:x8}emu",
            ["billing"] = WooCatalogBuilder.Address(customer, withEmail: true),
            ["shipping"] = plan.Shipping is null ? WooCatalogBuilder.EmptyAddress() : WooCatalogBuilder.Address(customer, withEmail: false),
            ["payment_method"] = plan.Outcome == OrderOutcome.Pending ? "bacs" : plan.Outcome == OrderOutcome.Authorized ? "cheque" : options.CardGateway,
            ["payment_method_title"] = plan.Outcome == OrderOutcome.Pending ? "Direct bank transfer" : plan.Outcome == OrderOutcome.Authorized ? "Check payments"
                : options.CardGateway == "woocommerce_payments" ? "WooPayments" : "Credit Card (Stripe)",
            ["transaction_id"] = paid ? $"ch_emu{plan.Index:D8}" : "",
            ["customer_ip_address"] = "192.0.2.20",
            ["customer_user_agent"] = "Mozilla/5.0 (emulated)",
            ["created_via"] = "checkout",
            ["customer_note"] = plan.Note ?? "",
            ["date_completed"] = completed is { } dc ? Local(dc) : null,
            ["date_paid"] = paid ? Local(plan.CreatedAt.AddMinutes(1)) : null,
            ["cart_hash"] = $"{plan.Index:x32}",
            ["number"] = id.ToString(CultureInfo.InvariantCulture),
            ["meta_data"] = paid && options.StripeFeeMeta && options.CardGateway == "stripe" ? StripeFeeMeta(priced.Total, priced.Refund?.Amount ?? 0) : new JsonArray(),
            ["line_items"] = lines,
            ["tax_lines"] = taxLines,
            ["shipping_lines"] = plan.Shipping is null ? new JsonArray() : new JsonArray(ShippingLine(plan, priced.Shipping!, 1)),
            ["fee_lines"] = priced.Fee is { } fee ? new JsonArray(FeeLine(plan, fee, 1)) : new JsonArray(),
            ["coupon_lines"] = plan.Discount is { } d
                ? new JsonArray(new JsonObject
                {
                    ["id"] = WooIds.LineItem(plan.Index, 14),
                    ["code"] = d.Code.ToLowerInvariant(),
                    ["discount"] = M(priced.DiscountTotal),
                    ["discount_tax"] = M(priced.DiscountTax),
                    ["meta_data"] = new JsonArray(),
                })
                : new JsonArray(),
            ["refunds"] = priced.Refund is { } r
                ? new JsonArray(new JsonObject { ["id"] = WooIds.Refund(plan.Index), ["reason"] = r.Reason, ["total"] = M(-refundTotal) })
                : new JsonArray(),
            ["payment_url"] = $"{site()}/checkout/order-pay/{id}/?pay_for_order=true&key=wc_order_{id:x8}emu",
            ["is_editable"] = status is "pending" or "on-hold",
            ["needs_payment"] = status == "pending",
            ["needs_processing"] = true,
            ["date_created_gmt"] = Gmt(plan.CreatedAt),
            ["date_modified_gmt"] = Gmt(plan.UpdatedAt),
            ["date_completed_gmt"] = completed is { } dcg ? Gmt(dcg) : null,
            ["date_paid_gmt"] = paid ? Gmt(plan.CreatedAt.AddMinutes(1)) : null,
            ["currency_symbol"] = "$",
            ["_links"] = Links($"orders/{id}", "orders"),
        };
    }

    private decimal[] SubtotalTaxes(OrderPlan plan, PricedLine line)
    {
        var result = new decimal[plan.Taxes.Count];
        if (line.SubtotalTax == 0)
        {
            return result;
        }

        for (var i = 0; i < result.Length; i++)
        {
            result[i] = PricedOrder.Round(line.Gross * plan.Taxes[i].Rate);
        }

        result[^1] += line.SubtotalTax - result.Sum();
        return result;
    }

    private JsonObject LineItem(OrderPlan plan, PricedLine line, decimal[] subtotalTaxes, int sign = 1, int? quantity = null, decimal? total = null, decimal[]? taxes = null)
    {
        var q = quantity ?? line.Quantity;
        var t = total ?? line.Net;
        var variation = line.Product.HasVariants ? WooIds.Variation(line.Variant.Key) : 0;
        return new JsonObject
        {
            ["id"] = WooIds.LineItem(plan.Index, line.Index) + (sign < 0 ? 50_000_000 : 0),
            ["name"] = line.Product.HasVariants ? $"{line.Product.Title} - {line.Variant.Option}" : line.Product.Title,
            ["product_id"] = WooIds.Product(line.Product.Key),
            ["variation_id"] = variation,
            ["quantity"] = sign * q,
            ["tax_class"] = "",
            ["subtotal"] = M(sign * (total is null ? line.Gross : t)),
            ["subtotal_tax"] = M(sign * (taxes ?? subtotalTaxes).Sum()),
            ["total"] = M(sign * t),
            ["total_tax"] = M(sign * (taxes ?? line.Taxes).Sum()),
            ["taxes"] = Taxes(plan.Taxes, taxes ?? line.Taxes, taxes ?? subtotalTaxes, sign),
            ["meta_data"] = sign < 0
                ? new JsonArray(new JsonObject { ["id"] = WooIds.LineItem(plan.Index, line.Index) + 60_000_000, ["key"] = "_refunded_item_id", ["value"] = WooIds.LineItem(plan.Index, line.Index).ToString(CultureInfo.InvariantCulture) })
                : line.Product.HasVariants
                    ? new JsonArray(new JsonObject { ["id"] = WooIds.LineItem(plan.Index, line.Index) + 70_000_000, ["key"] = line.Product.OptionName.ToLowerInvariant(), ["value"] = line.Variant.Option })
                    : new JsonArray(),
            ["sku"] = line.Variant.Sku,
            ["price"] = q == 0 ? 0 : (double)Math.Round(sign * t / q, 4),
            ["parent_name"] = line.Product.HasVariants ? line.Product.Title : null,
        };
    }

    /// <summary>
    /// The Stripe plugin's fee meta: the charge's fee, and its net less what was refunded (the plugin adds each refund's balance
    /// transaction to the stored values; Stripe keeps the fee of a refunded charge), in the Stripe account's currency.
    /// </summary>
    private JsonArray StripeFeeMeta(decimal total, decimal refunded)
    {
        var fee = options.CardFee(total);
        return
        [
            new JsonObject { ["id"] = 0, ["key"] = "_stripe_fee", ["value"] = M(fee) },
            new JsonObject { ["id"] = 0, ["key"] = "_stripe_net", ["value"] = M(total - fee - refunded) },
            new JsonObject { ["id"] = 0, ["key"] = "_stripe_currency", ["value"] = options.Currency },
        ];
    }

    private JsonObject ShippingLine(OrderPlan plan, PricedCharge shipping, int sign) => new()
    {
        ["id"] = WooIds.LineItem(plan.Index, 12) + (sign < 0 ? 50_000_000 : 0),
        ["method_title"] = shipping.Title,
        ["method_id"] = shipping.Amount == 0 ? "free_shipping" : "flat_rate",
        ["instance_id"] = shipping.Amount == 0 ? "2" : "1",
        ["total"] = M(sign * shipping.Amount),
        ["total_tax"] = M(sign * shipping.Tax),
        ["taxes"] = Taxes(plan.Taxes, shipping.Taxes, null, sign),
        ["meta_data"] = new JsonArray(),
    };

    private JsonObject FeeLine(OrderPlan plan, PricedCharge fee, int sign) => new()
    {
        ["id"] = WooIds.LineItem(plan.Index, 13) + (sign < 0 ? 50_000_000 : 0),
        ["name"] = fee.Title,
        ["tax_class"] = "",
        ["tax_status"] = fee.Tax == 0 ? "none" : "taxable",
        ["amount"] = M(sign * fee.Amount),
        ["total"] = M(sign * fee.Amount),
        ["total_tax"] = M(sign * fee.Tax),
        ["taxes"] = Taxes(plan.Taxes, fee.Taxes, fee.Taxes, sign),
        ["meta_data"] = new JsonArray(),
    };

    /// <summary>The plan's refund as a child object of the order (positive amount, negative lines), or null.</summary>
    public JsonObject? Refund(OrderPlan plan)
    {
        var priced = PricedOrder.Price(plan, options.PricesIncludeTax);
        if (priced.Refund is not { } refund)
        {
            return null;
        }

        var orderId = WooIds.Order(plan.Index);
        var id = WooIds.Refund(plan.Index);
        var lines = new JsonArray();
        foreach (var r in refund.Lines)
        {
            lines.Add(LineItem(plan, r.Line, r.Taxes, -1, r.Quantity, r.Subtotal, r.Taxes));
        }

        return new JsonObject
        {
            ["id"] = id,
            ["date_created"] = Local(plan.RefundedAt),
            ["date_created_gmt"] = Gmt(plan.RefundedAt),
            ["amount"] = M(refund.Amount),
            ["reason"] = refund.Reason,
            ["refunded_by"] = 1,
            ["refunded_payment"] = true,
            ["meta_data"] = new JsonArray(),
            ["line_items"] = lines,
            ["shipping_lines"] = refund.Shipping is { } s ? new JsonArray(ShippingLine(plan, s, -1)) : new JsonArray(),
            ["tax_lines"] = new JsonArray(),
            ["fee_lines"] = refund.Fee is { } f ? new JsonArray(FeeLine(plan, f, -1)) : new JsonArray(),
            ["_links"] = Links($"orders/{orderId}/refunds/{id}", $"orders/{orderId}/refunds", $"orders/{orderId}"),
        };
    }
}
