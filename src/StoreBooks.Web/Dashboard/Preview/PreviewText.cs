using System.Globalization;
using StoreBooks.Sync.Sales;

namespace StoreBooks.Web.Dashboard.Preview;

/// <summary>Resource keys and formats of the Preview page.</summary>
public static class PreviewText
{
    private static readonly HashSet<string> Kinds = ["SalesReceipt", "Invoice", "RefundReceipt", "Payment", "CreditMemo", "Deposit", "Customer", "Item", "Account", "PaymentMethod", "TaxCode"];

    /// <summary>The key of a QuickBooks entity's name ("SalesReceipt" reads "Sales receipt" / "Reçu de vente"); null for one without.</summary>
    public static string? EntityKey(string entity) => Kinds.Contains(entity) ? "Preview_Entity_" + entity : null;

    /// <summary>Why an order would not post, as a short label: waiting, refused, not paid yet, QuickBooks unreachable.</summary>
    public static string HoldKey(OrderResult result) => result switch
    {
        OrderResult.Waiting => "Preview_Hold_Waiting",
        OrderResult.Failed => "Preview_Hold_Failed",
        OrderResult.NotYet => "Preview_Hold_NotYet",
        _ => "Preview_Hold_Deferred",
    };

    /// <summary>A document's date ("2025-10-02") as a day the culture writes; the text as it is when it is not a date.</summary>
    public static string Date(string? date, CultureInfo culture) =>
        DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? Formatting.DisplayFormat.Date(new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), culture)
            : date ?? "";

    public static string Quantity(decimal quantity, CultureInfo culture) => quantity.ToString("0.##", culture);
}
