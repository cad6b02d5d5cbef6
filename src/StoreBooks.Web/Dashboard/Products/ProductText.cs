using System.Globalization;
using StoreBooks.Web.Dashboard.Formatting;

namespace StoreBooks.Web.Dashboard.Products;

/// <summary>Words the product and sales pages compute: days as the reader's culture writes them.</summary>
public static class ProductText
{
    /// <summary>"1 February 2026" / "1 février 2026" (the culture's long date without the weekday).</summary>
    public static string Day(DateOnly day, CultureInfo culture) =>
        DisplayFormat.Date(new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), culture);
}
