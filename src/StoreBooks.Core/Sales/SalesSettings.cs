using System.Text.Json.Serialization;
using StoreBooks.Core.Model;

namespace StoreBooks.Core.Sales;

/// <summary>Which QuickBooks document an order becomes.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SaleDocumentKind>))]
public enum SaleDocumentKind
{
    /// <summary>A sales receipt: the order is paid, the money goes to a deposit account.</summary>
    SalesReceipt,

    /// <summary>An invoice, with a payment applied to it for what was paid.</summary>
    Invoice,
}

/// <summary>Whose name a sale is under.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CustomerMode>))]
public enum CustomerMode
{
    /// <summary>The store's customer, matched by email then display name, created when missing.</summary>
    PerCustomer,

    /// <summary>One generic customer for every sale ("Online Sales").</summary>
    Generic,
}

/// <summary>How shipping charges appear on documents.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ShippingMode>))]
public enum ShippingMode
{
    /// <summary>QuickBooks' own shipping line (needs the company's "Shipping" sales-form setting).</summary>
    ShippingLine,

    /// <summary>A line with a shipping item (<see cref="SalesSettings.ShippingItem"/>).</summary>
    Item,
}

/// <summary>Where one payment gateway's money goes in QuickBooks.</summary>
public sealed record PaymentMapping
{
    /// <summary>QuickBooks payment method (id or name); created when missing.</summary>
    public string? Method { get; init; }

    /// <summary>Deposit account (id or name) of type Bank or Other Current Asset: Undeposited Funds by default, or a clearing account.</summary>
    public string? DepositAccount { get; init; }
}

/// <summary>A connection's sales settings: documents, customers, numbering, lines, tax and payments.</summary>
public sealed record SalesSettings
{
    public SaleDocumentKind Document { get; init; } = SaleDocumentKind.SalesReceipt;

    /// <summary>Orders in these states are synced; others wait until they reach one (an unpaid order, once paid).</summary>
    public IReadOnlyList<FinancialStatus> Statuses { get; init; } =
        [FinancialStatus.Paid, FinancialStatus.PartiallyRefunded, FinancialStatus.Refunded];

    /// <summary>Use the order number as the document number (else QuickBooks numbers documents itself).</summary>
    public bool UseOrderNumbers { get; init; } = true;

    /// <summary>Put before the order number ("WEB-" gives WEB-1043); the whole number is at most 21 characters.</summary>
    public string DocNumberPrefix { get; init; } = "";

    /// <summary>Put before a refund's document number (refund 1 of order 1043 is R-1043-1 with "R-").</summary>
    public string RefundDocNumberPrefix { get; init; } = "R";

    public CustomerMode Customers { get; init; } = CustomerMode.PerCustomer;

    public string GenericCustomerName { get; init; } = "Online Sales";

    public ShippingMode Shipping { get; init; } = ShippingMode.Item;

    /// <summary>Item for shipping lines (id or name); StoreBooks creates a service item "Shipping" when missing.</summary>
    public string ShippingItem { get; init; } = "Shipping";

    /// <summary>Account of order discounts (id or name), used on QuickBooks' discount line.</summary>
    public string? DiscountAccount { get; init; }

    public string FeesItem { get; init; } = "Fees";

    /// <summary>Item for tips (id or name); StoreBooks creates "Tips" on a liability account ("Tips payable") when missing.</summary>
    public string TipsItem { get; init; } = "Tips";

    /// <summary>Item for import duties the buyer paid (id or name); StoreBooks creates "Duties" when missing, on <see cref="DutiesAccount"/>.</summary>
    public string DutiesItem { get; init; } = "Duties";

    /// <summary>
    /// Account (id or name) of the duties item StoreBooks creates: duties collected are not sales income but money passed on to
    /// customs, so the default is a liability "Duties collected" (created when missing). An Income, Other Income or Other Current
    /// Liability account; an existing duties item keeps its own account.
    /// </summary>
    public string? DutiesAccount { get; init; }

    /// <summary>Item whose account is the gift-card liability: gift cards sold and redeemed go through it.</summary>
    public string GiftCardItem { get; init; } = "Gift cards";

    /// <summary>Item that takes a cent of rounding when QuickBooks' arithmetic and the store's differ, so totals agree, visibly.</summary>
    public string RoundingItem { get; init; } = "Rounding";

    /// <summary>
    /// US companies with automated sales tax: the item (its account a liability) carrying the tax the store collected,
    /// so QuickBooks' total equals the store's instead of QuickBooks recomputing the tax.
    /// </summary>
    public string SalesTaxItem { get; init; } = "Sales tax collected";

    /// <summary>Item for refunded goods that did not come back to stock, so QuickBooks does not count them in inventory.</summary>
    public string NotRestockedItem { get; init; } = "Returns not restocked";

    /// <summary>Non-US companies: store tax name (as on the order, e.g. "GST 5%", "QST") → QuickBooks tax code (id or name).</summary>
    public IReadOnlyDictionary<string, string> TaxCodes { get; init; } = new Dictionary<string, string>();

    /// <summary>Non-US companies: tax code of untaxed lines (id or name), e.g. "Exempt" or "Zero-rated".</summary>
    public string? UntaxedTaxCode { get; init; }

    /// <summary>Payment gateway (as the store names it: "shopify_payments", "paypal", "stripe") → method and deposit account.</summary>
    public IReadOnlyDictionary<string, PaymentMapping> Payments { get; init; } = new Dictionary<string, PaymentMapping>();

    /// <summary>Deposit account of gateways without a mapping; Undeposited Funds when null.</summary>
    public string? DefaultDepositAccount { get; init; }

    public bool SyncRefunds { get; init; } = true;
}
