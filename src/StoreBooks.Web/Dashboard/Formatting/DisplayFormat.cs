using System.Globalization;
using System.Text.RegularExpressions;

namespace StoreBooks.Web.Dashboard.Formatting;

/// <summary>Dates and amounts as the reader's culture writes them ("2 octobre 2025", "1 234,50 $" in fr-CA).</summary>
public static class DisplayFormat
{
    /// <summary>The day of <paramref name="time"/> (in UTC), in the long form of <paramref name="culture"/> without the weekday.</summary>
    public static string Date(DateTimeOffset time, CultureInfo culture)
    {
        var pattern = Regex.Replace(culture.DateTimeFormat.LongDatePattern, "d{4}[,\\s]*", "").Trim();
        // French writes the first of the month as an ordinal: "1er février" (and "2 février").
        if (time.UtcDateTime.Day == 1 && culture.TwoLetterISOLanguageName == "fr")
        {
            pattern = Regex.Replace(pattern, "(?<![d'])d(?!d)", "d'er'");
        }

        return time.UtcDateTime.ToString(pattern, culture);
    }

    /// <summary>Date and time to the minute (UTC), in <paramref name="culture"/>'s short forms.</summary>
    public static string DateTime(DateTimeOffset time, CultureInfo culture) => time.UtcDateTime.ToString("g", culture) + " UTC";

    /// <summary>
    /// <paramref name="amount"/> in <paramref name="currency"/>: with the culture's own symbol when the currency is the culture's
    /// (CAD in fr-CA: "1 234,50 $"), else with the ISO code after the number ("1 234,50 USD").
    /// </summary>
    public static string Amount(decimal amount, string currency, CultureInfo culture)
    {
        var regionCurrency = TryRegion(culture)?.ISOCurrencySymbol;
        if (string.Equals(regionCurrency, currency, StringComparison.OrdinalIgnoreCase))
        {
            return amount.ToString("C2", culture);
        }

        return amount.ToString("N2", culture) + "\u00A0" + currency.ToUpperInvariant();
    }

    private static RegionInfo? TryRegion(CultureInfo culture)
    {
        if (culture.IsNeutralCulture || culture.Equals(CultureInfo.InvariantCulture))
        {
            return null;
        }

        try
        {
            return new RegionInfo(culture.Name);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
