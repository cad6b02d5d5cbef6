using System.Globalization;
using StoreBooks.Core.Model;

namespace StoreBooks.WooCommerce.Orders;

/// <summary>
/// A WooCommerce order (with its refunds) in the store-neutral model, to the cent: every amount is WooCommerce's own; the
/// derived values are listed in README.md beside this project. An order whose figures do not add up is mapped as the store
/// has it, and the sync's <c>OrderCheck</c> reports it.
/// </summary>
internal static class WooOrderMapper
{
    public static StoreOrder Map(WooOrder order, IReadOnlyList<WooRefund> refunds)
    {
        var id = Id(order.Id);
        var taxes = new WooTaxes(order.TaxLines);
        var included = order.PricesIncludeTax;
        decimal Gross(decimal amount, decimal tax) => included ? amount + tax : amount;
        var lines = order.LineItems.Select((line, i) => Line(line, i + 1, taxes, included)).ToList();
        var gateway = WooTaxes.FirstText(order.PaymentMethod) ?? "manual";
        var mappedRefunds = refunds.OrderBy(r => r.DateCreatedGmt).ThenBy(r => r.Id).Select(r => WooRefundMapper.Map(r, order, taxes, gateway)).ToList();
        var payments = new List<StorePayment>();
        if (WasPaid(order))
        {
            payments.Add(new StorePayment
            {
                SourceId = $"{id}:payment",
                Gateway = gateway,
                Kind = StorePaymentKind.Received,
                Amount = order.Total,
                ProcessedAt = order.DatePaidGmt ?? order.DateCreatedGmt,
            });
        }

        payments.AddRange(mappedRefunds.SelectMany(r => r.Payments));
        var createdAt = order.DateCreatedGmt ?? DateTimeOffset.UnixEpoch;
        var updatedAt = order.DateModifiedGmt ?? createdAt;
        var billing = Address(order.Billing, withPhone: true);
        return new StoreOrder
        {
            SourceId = id,
            Number = WooTaxes.FirstText(order.Number) ?? id,
            CreatedAt = createdAt,
            UpdatedAt = updatedAt,
            Currency = order.Currency ?? "",
            Status = order.Status,
            FinancialStatus = Financial(order),
            CancelledAt = order.Status is "cancelled" ? updatedAt : null,
            IsTest = false,
            TaxesIncluded = included,
            Customer = Customer(order, billing),
            BillingAddress = billing,
            ShippingAddress = Address(order.Shipping, withPhone: true),
            Lines = lines,
            GatewayFee = WasPaid(order) ? WooStripeFee.Of(order, gateway) : null,
            Shipping = [.. order.ShippingLines.Select(s => new StoreCharge
            {
                Title = WooTaxes.Name(s.MethodTitle, s.MethodId) ?? "Shipping",
                Amount = Gross(s.Total, s.TotalTax),
                Taxes = taxes.Of(s.Taxes, s.TotalTax),
            })],
            Fees = [.. order.FeeLines.Select(f => new StoreCharge
            {
                Title = WooTaxes.Name(f.Name) ?? "Fee",
                Amount = Gross(f.Total, f.TotalTax),
                Taxes = taxes.Of(f.Taxes, f.TotalTax),
            })],
            Payments = payments,
            Refunds = mappedRefunds,
            DiscountCodes = [.. order.CouponLines.Select(c => c.Code).OfType<string>().Where(c => c.Length > 0)],
            Note = WooTaxes.FirstText(order.CustomerNote),
            Totals = new StoreOrderTotals
            {
                LinesGross = order.LineItems.Sum(l => Gross(l.Subtotal, l.SubtotalTax)),
                Discounts = Gross(order.DiscountTotal, order.DiscountTax),
                Shipping = Gross(order.ShippingTotal, order.ShippingTax),
                Fees = order.FeeLines.Sum(f => Gross(f.Total, f.TotalTax)),
                Tax = order.TotalTax,
                Total = order.Total,
            },
            Origin = $"WooCommerce order {id}",
        };
    }

    public static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// WooCommerce's paid statuses are <c>processing</c> and <c>completed</c> (a <c>refunded</c> order was paid first): those
    /// received the order's total. Partly or wholly refunded by the order's own list of refunds; <c>cancelled</c> is voided;
    /// anything else (pending, on-hold, failed, checkout-draft) is pending.
    /// </summary>
    public static FinancialStatus Financial(WooOrder order)
    {
        var refunded = -order.Refunds.Sum(r => r.Total ?? 0m);
        return order.Status switch
        {
            "refunded" => FinancialStatus.Refunded,
            "cancelled" or "trash" => FinancialStatus.Voided,
            "processing" when AwaitsCashOnDelivery(order) => FinancialStatus.Pending,
            "processing" or "completed" => refunded <= 0 ? FinancialStatus.Paid : refunded >= order.Total ? FinancialStatus.Refunded : FinancialStatus.PartiallyRefunded,
            _ => FinancialStatus.Pending,
        };
    }

    private static bool WasPaid(WooOrder order) => order.Status is "processing" or "completed" or "refunded" && !AwaitsCashOnDelivery(order);

    /// <summary>
    /// Cash on delivery: WooCommerce puts the order in <c>processing</c> to ship it, but counts it paid only once it is
    /// <c>completed</c> (the gateway's payment-complete status), which is when <c>date_paid</c> is set. Until then no money came in.
    /// </summary>
    private static bool AwaitsCashOnDelivery(WooOrder order) =>
        order.Status == "processing" && order.DatePaidGmt is null && string.Equals(WooTaxes.FirstText(order.PaymentMethod), "cod", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// A line; on a store whose prices include tax, its amounts include tax as the shopper saw them: the unit price is
    /// (<c>subtotal</c> + <c>subtotal_tax</c>) / quantity and the discount is what the discount took, tax included.
    /// </summary>
    private static StoreOrderLine Line(WooLineItem line, int position, WooTaxes taxes, bool included)
    {
        var (title, variant) = Titles(line);
        var before = included ? line.Subtotal + line.SubtotalTax : line.Subtotal;
        var after = included ? line.Total + line.TotalTax : line.Total;
        return new StoreOrderLine
        {
            SourceId = Id(line.Id),
            Position = position,
            ProductSourceId = line.VariationId > 0 ? Id(line.VariationId) : line.ProductId > 0 ? Id(line.ProductId) : null,
            Sku = WooTaxes.FirstText(line.Sku),
            Title = title ?? $"Line {position}",
            VariantTitle = variant,
            Quantity = line.Quantity,
            UnitPrice = line.Quantity == 0 ? 0m : before / line.Quantity,
            Discount = before - after,
            Taxes = taxes.Of(line.Taxes, line.TotalTax),
            Taxable = line.Taxes.Count > 0 || line.TotalTax != 0,
        };
    }

    /// <summary>"Travel Mug 12 oz - Sand" with parent name "Travel Mug 12 oz" is title "Travel Mug 12 oz", variant "Sand"; else the name alone.</summary>
    private static (string? Title, string? Variant) Titles(WooLineItem line)
    {
        var name = WooTaxes.Name(line.Name);
        var parent = WooTaxes.Name(line.ParentName);
        if (name is not null && parent is not null && name.StartsWith(parent + " - ", StringComparison.Ordinal))
        {
            return (parent, WooTaxes.FirstText(name[(parent.Length + 3)..]));
        }

        return (name ?? parent, null);
    }

    private static StoreCustomer? Customer(WooOrder order, StoreAddress? billing)
    {
        var b = order.Billing;
        var email = WooTaxes.FirstText(b?.Email);
        if (order.CustomerId <= 0 && email is null && billing is null)
        {
            return null;
        }

        return new StoreCustomer
        {
            SourceId = order.CustomerId > 0 ? Id(order.CustomerId) : null,
            Email = email,
            FirstName = WooTaxes.FirstText(b?.FirstName),
            LastName = WooTaxes.FirstText(b?.LastName),
            Company = WooTaxes.FirstText(b?.Company),
            Phone = WooTaxes.FirstText(b?.Phone),
            BillingAddress = billing,
            ShippingAddress = Address(order.Shipping, withPhone: true),
        };
    }

    /// <summary>An address, or null when WooCommerce sent one with every field empty.</summary>
    public static StoreAddress? Address(WooAddress? a, bool withPhone)
    {
        if (a is null || WooTaxes.FirstText(a.Address1, a.City, a.Postcode, a.Country, a.FirstName, a.LastName, a.Company) is null)
        {
            return null;
        }

        return new StoreAddress
        {
            Name = WooTaxes.FirstText(string.Join(' ', new[] { a.FirstName, a.LastName }.Where(p => !string.IsNullOrWhiteSpace(p)))),
            Company = WooTaxes.FirstText(a.Company),
            Line1 = WooTaxes.FirstText(a.Address1),
            Line2 = WooTaxes.FirstText(a.Address2),
            City = WooTaxes.FirstText(a.City),
            Region = WooTaxes.FirstText(a.State),
            PostalCode = WooTaxes.FirstText(a.Postcode),
            Country = WooTaxes.FirstText(a.Country),
            Phone = withPhone ? WooTaxes.FirstText(a.Phone) : null,
        };
    }
}
