using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace StoreBooks.WooCommerce.Orders;

// The REST API v3 order and refund, as far as StoreBooks reads them. Dates are the *_gmt twins (the others have no offset).

/// <summary>An order (<c>/orders</c>, <c>/orders/{id}</c>, and the body of order webhooks).</summary>
internal sealed record WooOrder
{
    public long Id { get; init; }

    public string? Number { get; init; }

    public string? Status { get; init; }

    public string? Currency { get; init; }

    public bool PricesIncludeTax { get; init; }

    public DateTimeOffset? DateCreatedGmt { get; init; }

    public DateTimeOffset? DateModifiedGmt { get; init; }

    public DateTimeOffset? DatePaidGmt { get; init; }

    public decimal DiscountTotal { get; init; }

    public decimal DiscountTax { get; init; }

    public decimal ShippingTotal { get; init; }

    public decimal ShippingTax { get; init; }

    public decimal TotalTax { get; init; }

    public decimal Total { get; init; }

    public long CustomerId { get; init; }

    public string? CustomerNote { get; init; }

    public WooAddress? Billing { get; init; }

    public WooAddress? Shipping { get; init; }

    public string? PaymentMethod { get; init; }

    public string? PaymentMethodTitle { get; init; }

    public string? TransactionId { get; init; }

    /// <summary>The order's meta (plugins' keys: the Stripe plugin's <c>_stripe_fee</c>, <c>_stripe_net</c>, <c>_stripe_currency</c>).</summary>
    public List<WooMeta> MetaData { get; init; } = [];

    public List<WooLineItem> LineItems { get; init; } = [];

    public List<WooTaxLine> TaxLines { get; init; } = [];

    public List<WooShippingLine> ShippingLines { get; init; } = [];

    public List<WooFeeLine> FeeLines { get; init; } = [];

    public List<WooCouponLine> CouponLines { get; init; } = [];

    public List<WooRefundSummary> Refunds { get; init; } = [];
}

internal sealed record WooAddress
{
    public string? FirstName { get; init; }

    public string? LastName { get; init; }

    public string? Company { get; init; }

    [JsonPropertyName("address_1")]
    public string? Address1 { get; init; }

    [JsonPropertyName("address_2")]
    public string? Address2 { get; init; }

    public string? City { get; init; }

    public string? State { get; init; }

    public string? Postcode { get; init; }

    public string? Country { get; init; }

    public string? Email { get; init; }

    public string? Phone { get; init; }
}

internal sealed record WooLineItem
{
    public long Id { get; init; }

    public string? Name { get; init; }

    public string? ParentName { get; init; }

    public long ProductId { get; init; }

    public long VariationId { get; init; }

    public decimal Quantity { get; init; }

    public decimal Subtotal { get; init; }

    public decimal SubtotalTax { get; init; }

    public decimal Total { get; init; }

    public decimal TotalTax { get; init; }

    public List<WooTax> Taxes { get; init; } = [];

    public List<WooMeta> MetaData { get; init; } = [];

    public string? Sku { get; init; }
}

/// <summary>One rate's share of a line's tax: <c>id</c> is the tax rate id; <c>total</c> may carry more than 2 decimals.</summary>
internal sealed record WooTax
{
    public long Id { get; init; }

    public decimal? Total { get; init; }
}

internal sealed record WooTaxLine
{
    public long RateId { get; init; }

    public string? RateCode { get; init; }

    public string? Label { get; init; }

    public decimal? RatePercent { get; init; }
}

internal sealed record WooShippingLine
{
    public string? MethodTitle { get; init; }

    public string? MethodId { get; init; }

    public decimal Total { get; init; }

    public decimal TotalTax { get; init; }

    public List<WooTax> Taxes { get; init; } = [];
}

internal sealed record WooFeeLine
{
    public string? Name { get; init; }

    public decimal Total { get; init; }

    public decimal TotalTax { get; init; }

    public List<WooTax> Taxes { get; init; } = [];
}

internal sealed record WooCouponLine
{
    public string? Code { get; init; }
}

/// <summary>The order's list of its refunds: id and a negative total.</summary>
internal sealed record WooRefundSummary
{
    public long Id { get; init; }

    public decimal? Total { get; init; }
}

internal sealed record WooMeta
{
    public string? Key { get; init; }

    public JsonElement Value { get; init; }

    /// <summary>The value as text when it is a string or a number.</summary>
    public string? Text => Value.ValueKind switch
    {
        JsonValueKind.String => Value.GetString(),
        JsonValueKind.Number => Value.GetRawText(),
        _ => null,
    };
}

/// <summary>A refund (<c>/orders/{id}/refunds</c>): a positive amount, negative line quantities and totals.</summary>
internal sealed record WooRefund
{
    public long Id { get; init; }

    public DateTimeOffset? DateCreatedGmt { get; init; }

    public decimal Amount { get; init; }

    public string? Reason { get; init; }

    public bool? RefundedPayment { get; init; }

    public List<WooLineItem> LineItems { get; init; } = [];

    public List<WooShippingLine> ShippingLines { get; init; } = [];

    public List<WooFeeLine> FeeLines { get; init; } = [];

    /// <summary>The order line a refund line gives back: its <c>_refunded_item_id</c> meta.</summary>
    public static long? RefundedItemId(WooLineItem line) =>
        line.MetaData.FirstOrDefault(m => m.Key == "_refunded_item_id")?.Text is { } text
            && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) ? id : null;
}
