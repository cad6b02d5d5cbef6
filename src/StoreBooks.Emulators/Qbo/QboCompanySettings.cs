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

    public static QboCompanySettings DefaultUs { get; } = new() { RealmId = "9130350000000001" };

    public static QboCompanySettings DefaultCanada { get; } = new()
    {
        RealmId = "9130350000000002",
        CompanyName = "StoreBooks Demo Canada",
        Country = "CA",
        HomeCurrency = "CAD",
    };
}
