using System.Globalization;
using System.Text.Json;
using StoreBooks.Shopify.Products;

namespace StoreBooks.Shopify.Orders;

// The GraphQL Admin API order, as far as OrderQueries asks for it, and its translation into the REST records the mapper reads.

internal sealed record GqlMoney(decimal? Amount, string? CurrencyCode);

internal sealed record GqlMoneyBag(GqlMoney? ShopMoney, GqlMoney? PresentmentMoney);

internal sealed record GqlTaxLine(string? Title, decimal? Rate, GqlMoneyBag? PriceSet);

internal sealed record GqlAddress(
    string? FirstName, string? LastName, string? Name, string? Company, string? Address1, string? Address2, string? City,
    string? Province, string? ProvinceCode, string? Zip, string? Country, string? CountryCodeV2, string? Phone);

internal sealed record GqlCustomer(string? LegacyResourceId, string? Email, string? FirstName, string? LastName, string? Phone, DateTimeOffset? UpdatedAt, GqlAddress? DefaultAddress);

internal sealed record GqlLegacy(string? LegacyResourceId);

internal sealed record GqlId(string? Id);

internal sealed record GqlAllocation(GqlMoneyBag? AllocatedAmountSet);

internal sealed record GqlDuty(string? HarmonizedSystemCode, string? CountryCodeOfOrigin, GqlMoneyBag? Price, List<GqlTaxLine>? TaxLines);

internal sealed record GqlLineItem
{
    public string? Id { get; init; }

    public string? Title { get; init; }

    public string? Name { get; init; }

    public string? VariantTitle { get; init; }

    public string? Sku { get; init; }

    public decimal Quantity { get; init; }

    public bool? Taxable { get; init; }

    public bool IsGiftCard { get; init; }

    public GqlMoneyBag? OriginalUnitPriceSet { get; init; }

    public GqlMoneyBag? TotalDiscountSet { get; init; }

    public GqlLegacy? Variant { get; init; }

    public GqlLegacy? Product { get; init; }

    public List<GqlAllocation>? DiscountAllocations { get; init; }

    public List<GqlTaxLine>? TaxLines { get; init; }

    public List<GqlDuty>? Duties { get; init; }
}

internal sealed record GqlShippingLine(
    string? Id, string? Title, string? Code, GqlMoneyBag? OriginalPriceSet, GqlMoneyBag? DiscountedPriceSet, List<GqlAllocation>? DiscountAllocations, List<GqlTaxLine>? TaxLines);

internal sealed record GqlTransaction(
    string? Id, string? Kind, string? Status, string? Gateway, bool? Test, DateTimeOffset? ProcessedAt, DateTimeOffset? CreatedAt, GqlMoneyBag? AmountSet, GqlId? ParentTransaction);

internal sealed record GqlRefundLineItem(GqlId? LineItem, decimal Quantity, string? RestockType, GqlMoneyBag? SubtotalSet, GqlMoneyBag? TotalTaxSet);

internal sealed record GqlOrderAdjustment(string? Reason, GqlMoneyBag? AmountSet, GqlMoneyBag? TaxAmountSet);

internal sealed record GqlRefundShippingLine(GqlId? ShippingLine, GqlMoneyBag? SubtotalAmountSet, GqlMoneyBag? TaxAmountSet);

internal sealed record GqlRefund
{
    public string? Id { get; init; }

    public string? LegacyResourceId { get; init; }

    public DateTimeOffset? CreatedAt { get; init; }

    public string? Note { get; init; }

    public ShopifyConnection<GqlRefundLineItem>? RefundLineItems { get; init; }

    public ShopifyConnection<GqlTransaction>? Transactions { get; init; }

    public ShopifyConnection<GqlOrderAdjustment>? OrderAdjustments { get; init; }

    public ShopifyConnection<GqlRefundShippingLine>? RefundShippingLines { get; init; }
}

/// <summary>An <c>Order</c> node of the GraphQL Admin API.</summary>
internal sealed record GqlOrder
{
    public string? Id { get; init; }

    public string? LegacyResourceId { get; init; }

    public string? Name { get; init; }

    public long? Number { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? UpdatedAt { get; init; }

    public DateTimeOffset? ProcessedAt { get; init; }

    public DateTimeOffset? CancelledAt { get; init; }

    public bool Test { get; init; }

    public bool TaxesIncluded { get; init; }

    public string? CurrencyCode { get; init; }

    public string? DisplayFinancialStatus { get; init; }

    public string? Email { get; init; }

    public string? Phone { get; init; }

    public string? Note { get; init; }

    public List<string>? DiscountCodes { get; init; }

    public GqlCustomer? Customer { get; init; }

    public GqlAddress? BillingAddress { get; init; }

    public GqlAddress? ShippingAddress { get; init; }

    public GqlMoneyBag? TotalPriceSet { get; init; }

    public GqlMoneyBag? TotalTaxSet { get; init; }

    public GqlMoneyBag? TotalDiscountsSet { get; init; }

    public GqlMoneyBag? TotalShippingPriceSet { get; init; }

    public GqlMoneyBag? TotalTipReceivedSet { get; init; }

    public GqlMoneyBag? OriginalTotalDutiesSet { get; init; }

    public GqlMoneyBag? OriginalTotalAdditionalFeesSet { get; init; }

    public List<GqlTaxLine>? TaxLines { get; init; }

    public ShopifyConnection<GqlShippingLine>? ShippingLines { get; init; }

    public ShopifyConnection<GqlLineItem>? LineItems { get; init; }

    public List<GqlTransaction>? Transactions { get; init; }

    public List<GqlRefund>? Refunds { get; init; }

    /// <summary>Whether a nested connection other than the line items stopped short (shipping lines, a refund's lines, transactions …).</summary>
    public bool HasMoreBesideLines =>
        ShippingLines?.PageInfo.HasNextPage == true
        || (Refunds ?? []).Any(r => r.RefundLineItems?.PageInfo.HasNextPage == true || r.Transactions?.PageInfo.HasNextPage == true
            || r.OrderAdjustments?.PageInfo.HasNextPage == true || r.RefundShippingLines?.PageInfo.HasNextPage == true);
}

/// <summary>A GraphQL order in the REST records that <see cref="ShopifyOrderMapper"/> reads, so that one mapper serves both APIs.</summary>
internal static class GqlOrderTranslation
{
    /// <summary>The order and its transactions; <paramref name="lines"/> are all its line items (the node's first page and any read after).</summary>
    public static (ShopifyOrder Order, List<ShopifyTransaction> Transactions) ToRest(GqlOrder node, IReadOnlyList<GqlLineItem> lines)
    {
        var currency = node.CurrencyCode;
        var order = new ShopifyOrder
        {
            Id = long.Parse(node.LegacyResourceId ?? GidTail(node.Id) ?? throw new JsonException("The order has no id."), NumberStyles.Integer, CultureInfo.InvariantCulture),
            Name = node.Name,
            OrderNumber = node.Number,
            CreatedAt = node.CreatedAt,
            UpdatedAt = node.UpdatedAt,
            ProcessedAt = node.ProcessedAt,
            CancelledAt = node.CancelledAt,
            Currency = currency,
            FinancialStatus = node.DisplayFinancialStatus?.ToLowerInvariant(),
            Test = node.Test,
            TaxesIncluded = node.TaxesIncluded,
            Email = node.Email,
            Phone = node.Phone,
            Note = node.Note,

            // GraphQL has no total_line_items_price: it is every line's unit price × quantity, which is how Shopify defines it.
            TotalLineItemsPrice = lines.Sum(l => l.Quantity * (Shop(l.OriginalUnitPriceSet) ?? 0m)),
            TotalDiscounts = Shop(node.TotalDiscountsSet),
            TotalTax = Shop(node.TotalTaxSet),
            TotalPrice = Shop(node.TotalPriceSet),
            TotalTipReceived = Shop(node.TotalTipReceivedSet),
            TotalShippingPriceSet = Set(node.TotalShippingPriceSet),
            OriginalTotalDutiesSet = Set(node.OriginalTotalDutiesSet),
            OriginalTotalAdditionalFeesSet = Set(node.OriginalTotalAdditionalFeesSet),
            Customer = node.Customer is { } c ? new ShopifyOrderCustomer
            {
                Id = long.TryParse(c.LegacyResourceId, NumberStyles.Integer, CultureInfo.InvariantCulture, out var customerId) ? customerId : null,
                Email = c.Email,
                FirstName = c.FirstName,
                LastName = c.LastName,
                Phone = c.Phone,
                UpdatedAt = c.UpdatedAt,
                DefaultAddress = Address(c.DefaultAddress),
            } : null,
            BillingAddress = Address(node.BillingAddress),
            ShippingAddress = Address(node.ShippingAddress),
            LineItems = [.. lines.Select(Line)],
            ShippingLines = [.. (node.ShippingLines?.Nodes ?? []).Select(s => new ShopifyShippingLine
            {
                Id = Number(s.Id),
                Title = s.Title,
                Code = s.Code,
                Price = Shop(s.OriginalPriceSet) ?? 0m,
                DiscountedPrice = Shop(s.DiscountedPriceSet),
                DiscountAllocations = Allocations(s.DiscountAllocations) ?? [],
                TaxLines = Taxes(s.TaxLines),
            })],
            TaxLines = Taxes(node.TaxLines),
            DiscountCodes = [.. (node.DiscountCodes ?? []).Select(code => new ShopifyDiscountCode { Code = code })],
            Refunds = [.. (node.Refunds ?? []).Select(r => Refund(r, currency))],
        };
        return (order, [.. (node.Transactions ?? []).Select(t => Transaction(t, currency))]);
    }

    private static ShopifyLineItem Line(GqlLineItem l) => new()
    {
        Id = Number(l.Id) ?? throw new JsonException("A line item has no id."),
        VariantId = Legacy(l.Variant),
        ProductId = Legacy(l.Product),
        Title = l.Title,
        Name = l.Name,
        VariantTitle = l.VariantTitle,
        Sku = l.Sku,
        Quantity = l.Quantity,
        Price = Shop(l.OriginalUnitPriceSet) ?? 0m,
        Taxable = l.Taxable,
        GiftCard = l.IsGiftCard,
        TotalDiscount = Shop(l.TotalDiscountSet),

        // REST's total_discount is read when a line has no allocations; GraphQL's empty list means the same.
        DiscountAllocations = Allocations(l.DiscountAllocations),
        TaxLines = Taxes(l.TaxLines),
        Duties = l.Duties is null ? null : [.. l.Duties.Select(d => new ShopifyDuty
        {
            HarmonizedSystemCode = d.HarmonizedSystemCode is null ? null : JsonSerializer.SerializeToElement(d.HarmonizedSystemCode),
            CountryCodeOfOrigin = d.CountryCodeOfOrigin,
            ShopMoney = d.Price?.ShopMoney is { } m ? new ShopifyMoney(m.Amount, m.CurrencyCode) : null,
            TaxLines = Taxes(d.TaxLines),
        })],
    };

    private static ShopifyRefund Refund(GqlRefund r, string? currency) => new()
    {
        Id = long.Parse(r.LegacyResourceId ?? GidTail(r.Id) ?? throw new JsonException("A refund has no id."), NumberStyles.Integer, CultureInfo.InvariantCulture),
        CreatedAt = r.CreatedAt,
        Note = r.Note,
        RefundLineItems = [.. (r.RefundLineItems?.Nodes ?? []).Select(i => new ShopifyRefundLineItem
        {
            LineItemId = Number(i.LineItem?.Id) ?? 0,
            Quantity = i.Quantity,
            RestockType = i.RestockType?.ToLowerInvariant(),
            SubtotalSet = Set(i.SubtotalSet),
            TotalTaxSet = Set(i.TotalTaxSet),
        })],
        OrderAdjustments = [.. (r.OrderAdjustments?.Nodes ?? []).Select(a => new ShopifyOrderAdjustment
        {
            Kind = a.Reason?.ToLowerInvariant(),
            AmountSet = Set(a.AmountSet),
            TaxAmountSet = Set(a.TaxAmountSet),
        })],
        RefundShippingLines = [.. (r.RefundShippingLines?.Nodes ?? []).Select(s => new ShopifyRefundShippingLine
        {
            ShippingLineId = Number(s.ShippingLine?.Id),
            SubtotalAmountSet = Set(s.SubtotalAmountSet),
            TaxAmountSet = Set(s.TaxAmountSet),
        })],
        Transactions = [.. (r.Transactions?.Nodes ?? []).Select(t => Transaction(t, currency))],
    };

    /// <summary>
    /// A transaction as REST has it: <c>amount</c> and <c>currency</c> are the transaction's own (presentment) money; the shop money
    /// is kept only when it is in the order's currency, as REST's <c>amount_set</c> would be.
    /// </summary>
    private static ShopifyTransaction Transaction(GqlTransaction t, string? orderCurrency)
    {
        var own = t.AmountSet?.PresentmentMoney ?? t.AmountSet?.ShopMoney;
        var shop = t.AmountSet?.ShopMoney is { } s && (orderCurrency is null || string.Equals(s.CurrencyCode, orderCurrency, StringComparison.OrdinalIgnoreCase)) ? s : null;
        return new ShopifyTransaction
        {
            Id = Number(t.Id) ?? throw new JsonException("A transaction has no id."),
            Kind = t.Kind?.ToLowerInvariant(),
            Status = t.Status?.ToLowerInvariant(),
            Gateway = t.Gateway,
            Amount = own?.Amount ?? 0m,
            Currency = own?.CurrencyCode,
            AmountSet = shop is null ? null : new ShopifyMoneySet(new ShopifyMoney(shop.Amount, shop.CurrencyCode), own is null ? null : new ShopifyMoney(own.Amount, own.CurrencyCode)),
            ParentId = Number(t.ParentTransaction?.Id),
            ProcessedAt = t.ProcessedAt,
            CreatedAt = t.CreatedAt,
            Test = t.Test,
        };
    }

    private static List<ShopifyDiscountAllocation>? Allocations(List<GqlAllocation>? list) =>
        list is null || list.Count == 0 ? null : [.. list.Select(a => new ShopifyDiscountAllocation { Amount = Shop(a.AllocatedAmountSet) ?? 0m })];

    private static List<ShopifyTaxLine> Taxes(List<GqlTaxLine>? list) =>
        [.. (list ?? []).Select(t => new ShopifyTaxLine { Title = t.Title, Price = Shop(t.PriceSet) ?? 0m, Rate = t.Rate })];

    private static ShopifyAddress? Address(GqlAddress? a) => a is null ? null : new ShopifyAddress
    {
        FirstName = a.FirstName,
        LastName = a.LastName,
        Name = a.Name,
        Company = a.Company,
        Address1 = a.Address1,
        Address2 = a.Address2,
        City = a.City,
        Province = a.Province,
        ProvinceCode = a.ProvinceCode,
        Zip = a.Zip,
        Country = a.Country,
        CountryCode = a.CountryCodeV2,
        Phone = a.Phone,
    };

    private static decimal? Shop(GqlMoneyBag? bag) => bag?.ShopMoney?.Amount;

    private static ShopifyMoneySet? Set(GqlMoneyBag? bag) => bag is null ? null : new ShopifyMoneySet(
        bag.ShopMoney is { } s ? new ShopifyMoney(s.Amount, s.CurrencyCode) : null,
        bag.PresentmentMoney is { } p ? new ShopifyMoney(p.Amount, p.CurrencyCode) : null);

    private static long? Legacy(GqlLegacy? item) =>
        long.TryParse(item?.LegacyResourceId, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) ? id : null;

    /// <summary><c>gid://shopify/LineItem/123</c> → 123.</summary>
    public static long? Number(string? gid) =>
        long.TryParse(GidTail(gid), NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) ? id : null;

    private static string? GidTail(string? gid)
    {
        if (gid is null)
        {
            return null;
        }

        var tail = gid[(gid.LastIndexOf('/') + 1)..];
        var query = tail.IndexOf('?', StringComparison.Ordinal);
        return query >= 0 ? tail[..query] : tail;
    }
}
