namespace StoreBooks.Emulators.Qbo;

/// <summary>The choices a QBO company (realm) is set up with, as a new company would be.</summary>
public sealed record QboCompanySettings
{
    public required string RealmId { get; init; }

    public string CompanyName { get; init; } = "StoreBooks Demo Company";

    /// <summary>ISO country: "US" uses automated sales tax (TAX/NON line codes); others, such as "CA", use tax codes with rates.</summary>
    public string Country { get; init; } = "US";

    /// <summary>Home currency (ISO 4217).</summary>
    public string HomeCurrency { get; init; } = "USD";

    /// <summary>Preferences.ProductAndServicesPrefs.QuantityOnHand: Inventory items allowed.</summary>
    public bool TrackInventory { get; init; } = true;

    /// <summary>Preferences.SalesFormsPrefs.CustomTxnNumbers: supplied DocNumbers are used and duplicates refused (6140).</summary>
    public bool CustomTxnNumbers { get; init; } = true;

    /// <summary>Preferences.CurrencyPrefs.MultiCurrencyEnabled.</summary>
    public bool MultiCurrency { get; init; }

    /// <summary>Preferences.SalesFormsPrefs.AllowShipping (SHIPPING_ITEM_ID lines).</summary>
    public bool AllowShipping { get; init; } = true;

    /// <summary>Preferences.SalesFormsPrefs.AllowDiscount (DiscountLineDetail lines).</summary>
    public bool AllowDiscount { get; init; } = true;

    /// <summary>
    /// US automated sales tax (Preferences.TaxPrefs.PartnerTaxEnabled): the emulator computes tax itself from
    /// <see cref="SalesTaxRatePercent"/> and ignores a client's TotalTax. Null means on for US companies (as for any US
    /// company created since 2017); sandbox companies run without it, so conformance tests turn it off.
    /// </summary>
    public bool? AutomatedSalesTax { get; init; }

    /// <summary>The one US sales-tax rate the emulator's automated sales tax applies to TAX lines (percent; 0 by default).</summary>
    public decimal SalesTaxRatePercent { get; init; }

    /// <summary>IANA time zone of the company: MetaData times, TxnDate defaults and the envelope's <c>time</c> use it.</summary>
    public string? TimeZone { get; init; }

    /// <summary>The QBO user named in "Stale Object Error : You and … were working on this at the same time".</summary>
    public string UserName { get; init; } = "StoreBooks Emulator";

    /// <summary>Names of the sales-form custom fields turned on (QBO allows three), e.g. "Crew #" in Intuit's sandbox.</summary>
    public IReadOnlyList<string> SalesCustomFields { get; init; } = [];

    public static QboCompanySettings DefaultUs { get; } = new() { RealmId = "9130350000000001" };

    public static QboCompanySettings DefaultCanada { get; } = new()
    {
        RealmId = "9130350000000002",
        CompanyName = "StoreBooks Demo Canada",
        Country = "CA",
        HomeCurrency = "CAD",
    };
}
