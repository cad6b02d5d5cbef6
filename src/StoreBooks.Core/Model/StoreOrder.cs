using System.Text.Json.Serialization;

namespace StoreBooks.Core.Model;

/// <summary>Where the money of an order stands, in words common to every store.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FinancialStatus>))]
public enum FinancialStatus
{
    Pending,
    Authorized,
    PartiallyPaid,
    Paid,
    PartiallyRefunded,
    Refunded,
    Voided,
}

/// <summary>
/// An order as any store gives it, in the order's currency, ready for the sales sync: lines, charges (shipping, fees, tips),
/// taxes, payments and refunds. Amounts are decimals; the store's own totals are kept so StoreBooks can check itself against them.
/// </summary>
public sealed record StoreOrder
{
    /// <summary>The store's id for the order; links are keyed on it.</summary>
    public required string SourceId { get; init; }

    /// <summary>What the merchant calls it: "1043" (Shopify "#1043" without the hash; WooCommerce number).</summary>
    public required string Number { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Last change in the store; incremental runs read orders changed since a cursor on it.</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>ISO 4217 code of every amount on the order.</summary>
    public required string Currency { get; init; }

    /// <summary>The store's own status word ("paid", "processing", "completed"), for the connection's status filter.</summary>
    public string? Status { get; init; }

    public FinancialStatus FinancialStatus { get; init; }

    public DateTimeOffset? CancelledAt { get; init; }

    /// <summary>A test order (Shopify bogus gateway, test mode): never posted.</summary>
    public bool IsTest { get; init; }

    /// <summary>True when the store's prices already include tax (most of Europe, Canada for some merchants).</summary>
    public bool TaxesIncluded { get; init; }

    /// <summary>Null for an order without a buyer (a point-of-sale cash sale).</summary>
    public StoreCustomer? Customer { get; init; }

    public StoreAddress? BillingAddress { get; init; }

    public StoreAddress? ShippingAddress { get; init; }

    public IReadOnlyList<StoreOrderLine> Lines { get; init; } = [];

    /// <summary>The gateway's fee on the order's payment, when the store records it per order (WooCommerce's Stripe plugin); null otherwise.</summary>
    public StoreGatewayFee? GatewayFee { get; init; }

    public IReadOnlyList<StoreCharge> Shipping { get; init; } = [];

    public IReadOnlyList<StoreCharge> Fees { get; init; } = [];

    /// <summary>Import duties the buyer paid (Shopify <c>line_items[].duties</c>): not sales income, posted on the duties item.</summary>
    public IReadOnlyList<StoreCharge> Duties { get; init; } = [];

    /// <summary>Tips given by the buyer (not income from sales; often a liability to staff).</summary>
    public decimal Tip { get; init; }

    /// <summary>Money received and refunded, by gateway; gift-card redemptions included.</summary>
    public IReadOnlyList<StorePayment> Payments { get; init; } = [];

    public IReadOnlyList<StoreRefund> Refunds { get; init; } = [];

    /// <summary>Discount codes used, for the document's memo.</summary>
    public IReadOnlyList<string> DiscountCodes { get; init; } = [];

    public string? Note { get; init; }

    /// <summary>The store's own figures, to check against: total of lines before discounts, discounts, shipping, tax, grand total.</summary>
    public required StoreOrderTotals Totals { get; init; }

    /// <summary>Where the record came from, for messages: "orders.csv lines 12-14", "Shopify order 450789469".</summary>
    public string? Origin { get; init; }

    /// <summary>
    /// What the source changed or left out to read the order, in words a merchant can act on ("line 3: the catalogue price -4.00
    /// was not used"). The order still posts; each warning is kept with it and shown by <c>storebooks status</c>.
    /// </summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}

/// <summary>An order's totals as the store reports them.</summary>
public sealed record StoreOrderTotals
{
    /// <summary>Lines before discounts (Shopify "Subtotal" is after discounts; sources convert).</summary>
    public decimal LinesGross { get; init; }

    public decimal Discounts { get; init; }

    public decimal Shipping { get; init; }

    public decimal Fees { get; init; }

    public decimal Tax { get; init; }

    public decimal Tip { get; init; }

    /// <summary>Import duties charged to the buyer (with their own tax, if any, counted in <see cref="Tax"/>).</summary>
    public decimal Duties { get; init; }

    public decimal Total { get; init; }
}
