using System.Globalization;
using StoreBooks.Core.Model;

namespace StoreBooks.Shopify.Orders;

/// <summary>
/// A Shopify REST order (with its transactions) in the store-neutral model, to the cent: every amount is Shopify's own, read
/// exactly; the few derived values are listed in README.md beside this project. Nothing is checked here: an order whose
/// figures do not add up is mapped as Shopify has it, and the sync's <c>OrderCheck</c> reports it.
/// </summary>
internal static class ShopifyOrderMapper
{
    public static StoreOrder Map(ShopifyOrder order, IReadOnlyList<ShopifyTransaction> transactions)
    {
        var id = Id(order.Id);
        var lines = order.LineItems.Select((line, i) => Line(line, i + 1)).ToList();
        var shipping = order.ShippingLines.Select(Shipping).ToList();
        if (lines.All(l => l.Taxes.Count == 0) && shipping.All(s => s.Taxes.Count == 0) && order.TaxLines.Count > 0)
        {
            lines = SpreadOrderTaxes(order, lines);
        }

        var refundTransactions = order.Refunds.SelectMany(r => r.Transactions);
        var payments = ShopifyPayments.From(transactions.Concat(refundTransactions), order.Currency);
        var refunds = order.Refunds.Select(r => ShopifyRefundMapper.Map(r, order, lines, shipping)).ToList();
        var billing = Address(order.BillingAddress);
        var shippingAddress = Address(order.ShippingAddress);
        return new StoreOrder
        {
            SourceId = id,
            Number = Number(order),
            CreatedAt = order.CreatedAt,
            UpdatedAt = order.UpdatedAt ?? order.CreatedAt,
            Currency = order.Currency ?? "",
            Status = order.FinancialStatus,
            FinancialStatus = Financial(order.FinancialStatus),
            CancelledAt = order.CancelledAt,
            IsTest = order.Test,
            TaxesIncluded = order.TaxesIncluded,
            Customer = Customer(order, billing, shippingAddress),
            BillingAddress = billing,
            ShippingAddress = shippingAddress,
            Lines = lines,
            Shipping = shipping,
            Tip = order.TotalTipReceived ?? 0m,
            Payments = payments,
            Refunds = refunds,
            DiscountCodes = [.. order.DiscountCodes.Select(c => c.Code).OfType<string>().Where(c => c.Length > 0)],
            Note = string.IsNullOrWhiteSpace(order.Note) ? null : order.Note,
            Totals = new StoreOrderTotals
            {
                LinesGross = order.TotalLineItemsPrice ?? lines.Sum(l => l.GrossAmount),
                Discounts = order.TotalDiscounts ?? 0m,
                Shipping = order.TotalShippingPriceSet?.ShopMoney?.Amount ?? shipping.Sum(s => s.Amount),
                Tax = order.TotalTax ?? 0m,
                Tip = order.TotalTipReceived ?? 0m,
                Total = order.TotalPrice ?? 0m,
            },
            Origin = $"Shopify order {id}",
        };
    }

    public static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>"#1043" → "1043"; the order number (or id) when the name is missing.</summary>
    private static string Number(ShopifyOrder order)
    {
        var name = order.Name?.Trim().TrimStart('#').Trim();
        if (!string.IsNullOrEmpty(name))
        {
            return name;
        }

        return order.OrderNumber is { } n ? n.ToString(CultureInfo.InvariantCulture) : Id(order.Id);
    }

    public static FinancialStatus Financial(string? status) => status?.ToLowerInvariant() switch
    {
        "authorized" => FinancialStatus.Authorized,
        "partially_paid" => FinancialStatus.PartiallyPaid,
        "paid" => FinancialStatus.Paid,
        "partially_refunded" => FinancialStatus.PartiallyRefunded,
        "refunded" => FinancialStatus.Refunded,
        "voided" or "expired" => FinancialStatus.Voided,
        _ => FinancialStatus.Pending,
    };

    private static StoreOrderLine Line(ShopifyLineItem line, int position) => new()
    {
        SourceId = Id(line.Id),
        Position = position,
        ProductSourceId = line.VariantId is > 0 and var v ? Id(v) : null,
        Sku = string.IsNullOrWhiteSpace(line.Sku) ? null : line.Sku.Trim(),
        Title = FirstText(line.Title, line.Name) ?? $"Line {position}",
        VariantTitle = VariantTitle(line.VariantTitle),
        Quantity = line.Quantity,
        UnitPrice = line.Price,
        Discount = line.DiscountAllocations is { } allocations ? allocations.Sum(a => a.Amount) : line.TotalDiscount ?? 0m,
        Taxes = [.. line.TaxLines.Select(Tax)],
        Taxable = line.Taxable ?? true,
        IsGiftCard = line.GiftCard,
    };

    /// <summary>Shopify calls the only variant of a product without options "Default Title": no variant title for StoreBooks.</summary>
    public static string? VariantTitle(string? title) =>
        string.IsNullOrWhiteSpace(title) || title.Trim() == "Default Title" ? null : title.Trim();

    private static StoreCharge Shipping(ShopifyShippingLine line) => new()
    {
        Title = FirstText(line.Title, line.Code) ?? "Shipping",
        Amount = line.Price,
        Discount = line.DiscountAllocations.Sum(a => a.Amount),
        Taxes = [.. line.TaxLines.Select(Tax)],
    };

    public static StoreTax Tax(ShopifyTaxLine tax) => new(FirstText(tax.Title) ?? "Tax", tax.Rate ?? 0m, tax.Price);

    /// <summary>
    /// Older orders carry taxes on the order only: each order tax is spread over the taxable lines in proportion to what each
    /// line costs after its discount, to the cent, so that no tax is lost.
    /// </summary>
    private static List<StoreOrderLine> SpreadOrderTaxes(ShopifyOrder order, List<StoreOrderLine> lines)
    {
        var weights = lines.Select(l => l.Taxable ? Math.Max(0m, l.NetAmount) : 0m).ToList();
        if (weights.Sum() == 0)
        {
            weights = [.. lines.Select(l => l.Taxable ? 1m : 0m)];
        }

        if (weights.Sum() == 0)
        {
            return lines;
        }

        var taxes = lines.Select(_ => new List<StoreTax>()).ToList();
        foreach (var tax in order.TaxLines.Select(Tax))
        {
            var shares = TaxSplit.Shares(tax.Amount, weights);
            for (var i = 0; i < lines.Count; i++)
            {
                if (shares[i] != 0)
                {
                    taxes[i].Add(tax with { Amount = shares[i] });
                }
            }
        }

        return [.. lines.Select((l, i) => l with { Taxes = taxes[i] })];
    }

    private static StoreCustomer? Customer(ShopifyOrder order, StoreAddress? billing, StoreAddress? shipping)
    {
        var email = FirstText(order.Customer?.Email, order.Email, order.ContactEmail);
        if (order.Customer is null && email is null)
        {
            return null;
        }

        var c = order.Customer;
        return new StoreCustomer
        {
            SourceId = c?.Id is > 0 and var id ? Id(id) : null,
            Email = email,
            FirstName = FirstText(c?.FirstName, order.BillingAddress?.FirstName, order.ShippingAddress?.FirstName),
            LastName = FirstText(c?.LastName, order.BillingAddress?.LastName, order.ShippingAddress?.LastName),
            Company = FirstText(order.BillingAddress?.Company, c?.DefaultAddress?.Company),
            Phone = FirstText(c?.Phone, order.Phone, order.BillingAddress?.Phone),
            BillingAddress = billing ?? Address(c?.DefaultAddress),
            ShippingAddress = shipping,
        };
    }

    public static StoreAddress? Address(ShopifyAddress? a)
    {
        if (a is null || FirstText(a.Address1, a.City, a.Zip, a.Country, a.CountryCode, a.Name, a.Company) is null)
        {
            return null;
        }

        var name = FirstText(a.Name) ?? FirstText(string.Join(' ', new[] { a.FirstName, a.LastName }.Where(p => !string.IsNullOrWhiteSpace(p))));
        return new StoreAddress
        {
            Name = name,
            Company = FirstText(a.Company),
            Line1 = FirstText(a.Address1),
            Line2 = FirstText(a.Address2),
            City = FirstText(a.City),
            Region = FirstText(a.ProvinceCode, a.Province),
            PostalCode = FirstText(a.Zip),
            Country = FirstText(a.CountryCode, a.Country),
            Phone = FirstText(a.Phone),
        };
    }

    public static string? FirstText(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim();
}
