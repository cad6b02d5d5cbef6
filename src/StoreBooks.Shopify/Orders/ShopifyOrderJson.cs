namespace StoreBooks.Shopify.Orders;

// The REST Admin API order, as far as StoreBooks reads it. Money fields are the shop's currency (the *_set twins carry
// shop and presentment amounts); newer fields are nullable so that older shapes read too.

/// <summary>A REST order (<c>orders.json</c>, <c>orders/{id}.json</c>, and the body of order webhooks).</summary>
internal sealed record ShopifyOrder
{
    public long Id { get; init; }

    public string? Name { get; init; }

    public long? OrderNumber { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? UpdatedAt { get; init; }

    public DateTimeOffset? ProcessedAt { get; init; }

    public DateTimeOffset? CancelledAt { get; init; }

    public string? Currency { get; init; }

    public string? FinancialStatus { get; init; }

    public bool Test { get; init; }

    public bool TaxesIncluded { get; init; }

    public string? Email { get; init; }

    public string? ContactEmail { get; init; }

    public string? Phone { get; init; }

    public string? Note { get; init; }

    public decimal? TotalLineItemsPrice { get; init; }

    public decimal? TotalDiscounts { get; init; }

    public decimal? TotalTax { get; init; }

    public decimal? TotalPrice { get; init; }

    public decimal? TotalTipReceived { get; init; }

    public ShopifyMoneySet? TotalShippingPriceSet { get; init; }

    /// <summary>Import duties charged at checkout (since 2020-07); each line's own are in <c>line_items[].duties</c>.</summary>
    public ShopifyMoneySet? OriginalTotalDutiesSet { get; init; }

    public ShopifyMoneySet? CurrentTotalDutiesSet { get; init; }

    /// <summary>"Extra costs associated with an international package that aren't duties or taxes" (since 2023-04); REST gives the total only.</summary>
    public ShopifyMoneySet? OriginalTotalAdditionalFeesSet { get; init; }

    public ShopifyMoneySet? CurrentTotalAdditionalFeesSet { get; init; }

    /// <summary>The discounts of the order; <c>discount_allocations[].discount_application_index</c> points into it.</summary>
    public List<ShopifyDiscountApplication> DiscountApplications { get; init; } = [];

    public ShopifyOrderCustomer? Customer { get; init; }

    public ShopifyAddress? BillingAddress { get; init; }

    public ShopifyAddress? ShippingAddress { get; init; }

    public List<ShopifyLineItem> LineItems { get; init; } = [];

    public List<ShopifyShippingLine> ShippingLines { get; init; } = [];

    public List<ShopifyTaxLine> TaxLines { get; init; } = [];

    public List<ShopifyDiscountCode> DiscountCodes { get; init; } = [];

    public List<ShopifyRefund> Refunds { get; init; } = [];
}

internal sealed record ShopifyMoneySet(ShopifyMoney? ShopMoney, ShopifyMoney? PresentmentMoney);

internal sealed record ShopifyMoney(decimal? Amount, string? CurrencyCode);

internal sealed record ShopifyLineItem
{
    public long Id { get; init; }

    public long? VariantId { get; init; }

    public long? ProductId { get; init; }

    public string? Title { get; init; }

    public string? Name { get; init; }

    public string? VariantTitle { get; init; }

    public string? Sku { get; init; }

    public decimal Quantity { get; init; }

    public decimal Price { get; init; }

    public bool? Taxable { get; init; }

    public bool GiftCard { get; init; }

    public decimal? TotalDiscount { get; init; }

    public List<ShopifyDiscountAllocation>? DiscountAllocations { get; init; }

    public List<ShopifyTaxLine> TaxLines { get; init; } = [];

    /// <summary>Import duties on this line: amount in <c>shop_money</c> (or <c>price_set</c>), with their own tax lines.</summary>
    public List<ShopifyDuty>? Duties { get; init; }
}

/// <summary>One duty of a line item (REST <c>line_items[].duties[]</c>).</summary>
internal sealed record ShopifyDuty
{
    /// <summary>A string in Shopify's examples; read as any JSON value so that a number does not stop the order being read.</summary>
    public System.Text.Json.JsonElement? HarmonizedSystemCode { get; init; }

    public string? CountryCodeOfOrigin { get; init; }

    public ShopifyMoney? ShopMoney { get; init; }

    public ShopifyMoneySet? PriceSet { get; init; }

    public List<ShopifyTaxLine> TaxLines { get; init; } = [];
}

/// <summary>A discount of the order: a code, a manual or automatic discount, and what it targets (<c>line_item</c> or <c>shipping_line</c>).</summary>
internal sealed record ShopifyDiscountApplication
{
    public string? Type { get; init; }

    public string? TargetType { get; init; }

    public string? Code { get; init; }

    public string? Title { get; init; }
}

internal sealed record ShopifyShippingLine
{
    public long? Id { get; init; }

    public string? Title { get; init; }

    public string? Code { get; init; }

    public decimal Price { get; init; }

    /// <summary>The price after the shipping line's discounts.</summary>
    public decimal? DiscountedPrice { get; init; }

    public List<ShopifyDiscountAllocation> DiscountAllocations { get; init; } = [];

    public List<ShopifyTaxLine> TaxLines { get; init; } = [];
}

internal sealed record ShopifyTaxLine
{
    public string? Title { get; init; }

    public decimal Price { get; init; }

    public decimal? Rate { get; init; }
}

internal sealed record ShopifyDiscountAllocation
{
    public decimal Amount { get; init; }

    public int? DiscountApplicationIndex { get; init; }
}

internal sealed record ShopifyDiscountCode
{
    public string? Code { get; init; }
}

internal sealed record ShopifyOrderCustomer
{
    public long? Id { get; init; }

    public string? Email { get; init; }

    public string? FirstName { get; init; }

    public string? LastName { get; init; }

    public string? Phone { get; init; }

    public DateTimeOffset? UpdatedAt { get; init; }

    public ShopifyAddress? DefaultAddress { get; init; }
}

internal sealed record ShopifyAddress
{
    public string? FirstName { get; init; }

    public string? LastName { get; init; }

    public string? Name { get; init; }

    public string? Company { get; init; }

    public string? Address1 { get; init; }

    public string? Address2 { get; init; }

    public string? City { get; init; }

    public string? Province { get; init; }

    public string? ProvinceCode { get; init; }

    public string? Zip { get; init; }

    public string? Country { get; init; }

    public string? CountryCode { get; init; }

    public string? Phone { get; init; }
}

/// <summary>A refund inside an order (<c>order.refunds[]</c>) or from <c>orders/{id}/refunds.json</c>.</summary>
internal sealed record ShopifyRefund
{
    public long Id { get; init; }

    public DateTimeOffset? CreatedAt { get; init; }

    public DateTimeOffset? ProcessedAt { get; init; }

    public string? Note { get; init; }

    public bool? Restock { get; init; }

    public List<ShopifyRefundLineItem> RefundLineItems { get; init; } = [];

    public List<ShopifyOrderAdjustment> OrderAdjustments { get; init; } = [];

    public List<ShopifyRefundShippingLine> RefundShippingLines { get; init; } = [];

    public List<ShopifyTransaction> Transactions { get; init; } = [];
}

internal sealed record ShopifyRefundLineItem
{
    public long LineItemId { get; init; }

    public decimal Quantity { get; init; }

    public string? RestockType { get; init; }

    /// <summary>A JSON number in REST answers (<c>195.66</c>); the <c>subtotal_set</c> twin is a string.</summary>
    public decimal? Subtotal { get; init; }

    public decimal? TotalTax { get; init; }

    public ShopifyMoneySet? SubtotalSet { get; init; }

    public ShopifyMoneySet? TotalTaxSet { get; init; }
}

/// <summary>Money refunded beside lines: <c>shipping_refund</c> and <c>refund_discrepancy</c>, written negative.</summary>
internal sealed record ShopifyOrderAdjustment
{
    public long? Id { get; init; }

    public string? Kind { get; init; }

    public decimal? Amount { get; init; }

    public decimal? TaxAmount { get; init; }

    public ShopifyMoneySet? AmountSet { get; init; }

    public ShopifyMoneySet? TaxAmountSet { get; init; }
}

internal sealed record ShopifyRefundShippingLine
{
    public long? ShippingLineId { get; init; }

    public ShopifyMoneySet? SubtotalAmountSet { get; init; }

    public ShopifyMoneySet? TaxAmountSet { get; init; }
}

/// <summary>An order transaction (<c>orders/{id}/transactions.json</c>, and <c>refunds[].transactions</c>).</summary>
internal sealed record ShopifyTransaction
{
    public long Id { get; init; }

    public string? Kind { get; init; }

    public string? Status { get; init; }

    public string? Gateway { get; init; }

    public decimal Amount { get; init; }

    public string? Currency { get; init; }

    public ShopifyMoneySet? AmountSet { get; init; }

    public long? ParentId { get; init; }

    public DateTimeOffset? ProcessedAt { get; init; }

    public DateTimeOffset? CreatedAt { get; init; }

    public bool? Test { get; init; }
}
