using StoreBooks.QuickBooks.Common;

namespace StoreBooks.QuickBooks.Company;

/// <summary>
/// The company's settings (<c>/preferences</c>) that decide what a posting may contain: inventory tracking, shipping and
/// discount lines, custom transaction numbers, sales tax, multi-currency. Sections not modelled are kept as extra fields.
/// </summary>
public sealed record Preferences : QboEntity
{
    public AccountingInfoPrefs? AccountingInfoPrefs { get; init; }

    public ProductAndServicesPrefs? ProductAndServicesPrefs { get; init; }

    public SalesFormsPrefs? SalesFormsPrefs { get; init; }

    public TaxPrefs? TaxPrefs { get; init; }

    public CurrencyPrefs? CurrencyPrefs { get; init; }

    public OtherPrefs? OtherPrefs { get; init; }
}

/// <summary>Class and location tracking and the company's words for customers.</summary>
public sealed record AccountingInfoPrefs : QboObject
{
    public bool? TrackDepartments { get; init; }

    public string? DepartmentTerminology { get; init; }

    public bool? ClassTrackingPerTxn { get; init; }

    public bool? ClassTrackingPerTxnLine { get; init; }

    public string? CustomerTerminology { get; init; }

    public string? FirstMonthOfFiscalYear { get; init; }

    public string? TaxYearMonth { get; init; }
}

/// <summary>Whether items are sold, bought and tracked with quantity on hand (Inventory items need QuantityOnHand).</summary>
public sealed record ProductAndServicesPrefs : QboObject
{
    public bool? ForSales { get; init; }

    public bool? ForPurchase { get; init; }

    public bool? QuantityWithPriceAndRate { get; init; }

    public bool? QuantityOnHand { get; init; }
}

/// <summary>What sales forms allow: shipping and discount lines, custom numbers, deposits.</summary>
public sealed record SalesFormsPrefs : QboObject
{
    public bool? CustomTxnNumbers { get; init; }

    public bool? AllowDeposit { get; init; }

    public bool? AllowDiscount { get; init; }

    public bool? AllowEstimates { get; init; }

    public bool? AllowServiceDate { get; init; }

    public bool? AllowShipping { get; init; }

    public bool? UsingPriceLevels { get; init; }

    public string? DefaultCustomerMessage { get; init; }

    public string? DefaultTerms { get; init; }
}

/// <summary>Sales tax: on or off, and (US) automated sales tax.</summary>
public sealed record TaxPrefs : QboObject
{
    public bool? UsingSalesTax { get; init; }

    /// <summary>True when US automated sales tax computes the tax.</summary>
    public bool? PartnerTaxEnabled { get; init; }

    public Ref? TaxGroupCodeRef { get; init; }
}

/// <summary>Multi-currency and the home currency.</summary>
public sealed record CurrencyPrefs : QboObject
{
    public bool? MultiCurrencyEnabled { get; init; }

    public Ref? HomeCurrency { get; init; }
}

/// <summary>Miscellaneous settings as name/value pairs.</summary>
public sealed record OtherPrefs : QboObject
{
    public IReadOnlyList<NameValue>? NameValue { get; init; }
}
