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
        var numbered = order.LineItems.Select((line, i) => (Item: line, Position: i + 1)).ToList();
        var tipLines = numbered.Where(l => IsTipLine(l.Item)).ToList();
        var lines = numbered.Except(tipLines).Select(l => Line(l.Item, l.Position)).ToList();
        var shipping = order.ShippingLines.Select(Shipping).ToList();
        var duties = numbered.SelectMany(l => Duties(l.Item, l.Position)).ToList();
        var fees = AdditionalFees(order);
        if (lines.All(l => l.Taxes.Count == 0) && shipping.All(s => s.Taxes.Count == 0) && order.TaxLines.Count > 0)
        {
            lines = SpreadOrderTaxes(order, lines);
        }

        var refundTransactions = order.Refunds.SelectMany(r => r.Transactions);
        var payments = ShopifyPayments.From(transactions.Concat(refundTransactions), order.Currency);
        var refunds = order.Refunds.Select(r => ShopifyRefundMapper.Map(r, order, lines, shipping)).ToList();
        var tipGross = tipLines.Sum(l => l.Item.Quantity * l.Item.Price);
        var tip = order.TotalTipReceived is > 0 and var received ? received : tipGross;
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
            Fees = fees,
            Duties = duties,
            Tip = tip,
            Payments = payments,
            Refunds = refunds,
            DiscountCodes = [.. order.DiscountCodes.Select(c => c.Code).OfType<string>().Where(c => c.Length > 0)],
            Note = string.IsNullOrWhiteSpace(order.Note) ? null : order.Note,
            Totals = new StoreOrderTotals
            {
                LinesGross = LinesGross(order, lines, tipGross),
                Discounts = Discounts(order, lines, shipping),
                Shipping = order.TotalShippingPriceSet?.ShopMoney?.Amount ?? shipping.Sum(s => s.Amount),
                Fees = fees.Sum(f => f.Amount),
                Duties = Money(order.OriginalTotalDutiesSet) ?? duties.Sum(d => d.Amount),
                Tax = order.TotalTax ?? 0m,
                Tip = tip,
                Total = order.TotalPrice ?? 0m,
            },
            Origin = $"Shopify order {id}",
        };
    }

    public static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// A tip given at checkout or on the point of sale: Shopify sends it as a line item titled "Tip" with no product or variant
    /// (and the order's <c>total_tip_received</c>). It is not goods: it leaves the product lines for <see cref="StoreOrder.Tip"/>.
    /// </summary>
    public static bool IsTipLine(ShopifyLineItem line) =>
        line.ProductId is null or 0 && line.VariantId is null or 0 && !line.GiftCard
        && string.Equals(FirstText(line.Title, line.Name), "Tip", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// <c>total_line_items_price</c> without the tip line when Shopify counted it there (the figure equals every line, tip
    /// included); as Shopify has it otherwise.
    /// </summary>
    private static decimal LinesGross(ShopifyOrder order, List<StoreOrderLine> lines, decimal tipGross)
    {
        var products = lines.Sum(l => l.GrossAmount);
        if (order.TotalLineItemsPrice is not { } reported)
        {
            return products;
        }

        return tipGross != 0 && reported == products + tipGross ? reported - tipGross : reported;
    }

    /// <summary>
    /// <c>total_discounts</c>, which counts a shipping discount (a free-shipping code) with the others; should an order's figure
    /// hold the lines' discounts alone, its shipping discounts are added so that the order's totals are read one way.
    /// </summary>
    private static decimal Discounts(ShopifyOrder order, List<StoreOrderLine> lines, List<StoreCharge> shipping)
    {
        var reported = order.TotalDiscounts ?? 0m;
        var onShipping = shipping.Sum(s => s.Discount);
        return onShipping != 0 && reported == lines.Sum(l => l.Discount) ? reported + onShipping : reported;
    }

    /// <summary>A line's import duties, each with its own taxes: "Duties: Organic Tee (HS 610910, from PT)".</summary>
    private static IEnumerable<StoreCharge> Duties(ShopifyLineItem line, int position)
    {
        foreach (var duty in line.Duties ?? [])
        {
            var amount = duty.ShopMoney?.Amount ?? duty.PriceSet?.ShopMoney?.Amount ?? 0m;
            if (amount == 0 && duty.TaxLines.Count == 0)
            {
                continue;
            }

            var code = duty.HarmonizedSystemCode is { ValueKind: System.Text.Json.JsonValueKind.String or System.Text.Json.JsonValueKind.Number } hs ? FirstText(hs.ToString()) : null;
            var origin = FirstText(duty.CountryCodeOfOrigin);
            var detail = string.Join(", ", new[] { code is null ? null : $"HS {code}", origin is null ? null : $"from {origin}" }.OfType<string>());
            var title = FirstText(line.Title, line.Name) ?? $"line {position}";
            yield return new StoreCharge
            {
                Title = detail.Length == 0 ? $"Duties: {title}" : $"Duties: {title} ({detail})",
                Amount = amount,
                Taxes = [.. duty.TaxLines.Select(Tax)],
            };
        }
    }

    /// <summary>
    /// International fees that are neither duties nor taxes. REST gives only their total (<c>original_total_additional_fees_set</c>),
    /// not each fee or its tax, so they are one fee line; the tax on them, if any, is in the order's tax.
    /// </summary>
    private static List<StoreCharge> AdditionalFees(ShopifyOrder order) =>
        Money(order.OriginalTotalAdditionalFeesSet) is { } fees and not 0m ? [new StoreCharge { Title = "Additional fees", Amount = fees }] : [];

    private static decimal? Money(ShopifyMoneySet? set) => set?.ShopMoney?.Amount;

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

    /// <summary>
    /// A shipping line with its discounts (a free-shipping code: <c>discount_applications[].target_type</c> "shipping_line",
    /// allocated in <c>shipping_lines[].discount_allocations</c>); without allocations, <c>price</c> − <c>discounted_price</c>.
    /// </summary>
    private static StoreCharge Shipping(ShopifyShippingLine line) => new()
    {
        Title = FirstText(line.Title, line.Code) ?? "Shipping",
        Amount = line.Price,
        Discount = line.DiscountAllocations.Count > 0 ? line.DiscountAllocations.Sum(a => a.Amount)
            : line.DiscountedPrice is { } discounted && discounted < line.Price && discounted >= 0 ? line.Price - discounted : 0m,
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
