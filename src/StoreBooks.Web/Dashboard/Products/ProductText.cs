using System.Globalization;
using StoreBooks.Web.Dashboard.Formatting;

namespace StoreBooks.Web.Dashboard.Products;

/// <summary>Words the product and sales pages compute: days as the reader's culture writes them.</summary>
public static class ProductText
{
    /// <summary>The resource key of what happens to a product in the item plan ("to be created").</summary>
    public static string ActionKey(StoreBooks.Sync.Products.ItemAction action) => "Products_Action_" + action;

    /// <summary>The resource key of a QuickBooks item type's name ("non-inventory item"); a type it does not know reads "item".</summary>
    public static string ItemTypeKey(string? type) =>
        "Products_ItemType_" + (type is "Inventory" or "NonInventory" or "Service" or "Group" or "Category" ? type : "Other");

    /// <summary>The resource key of an account type's name as a picker's group ("Cost of Goods Sold").</summary>
    public static string AccountTypeKey(string accountType) => "Products_AccountType_" + accountType.Replace(" ", "", StringComparison.Ordinal);

    /// <summary>The resource key of a payment state's name ("Partially paid").</summary>
    public static string StatusKey(StoreBooks.Core.Model.FinancialStatus status) => "Sales_Status_" + status;

    /// <summary>"1 February 2026" / "1 février 2026" (the culture's long date without the weekday).</summary>
    public static string Day(DateOnly day, CultureInfo culture) =>
        DisplayFormat.Date(new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), culture);
}
