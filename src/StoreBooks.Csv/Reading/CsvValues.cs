using System.Globalization;

namespace StoreBooks.Csv.Reading;

/// <summary>
/// Parses the values of Shopify's exports: money as plain decimals with a point (invariant culture, never a double,
/// no thousands separators, so "12,5" is refused rather than read as 125), times like <c>2025-10-02 17:09:34 -0300</c>,
/// and booleans as true/false.
/// </summary>
internal static class CsvValues
{
    private static readonly string[] TimeFormats =
    [
        "yyyy-MM-dd HH:mm:ss zzz",
        "yyyy-MM-dd'T'HH:mm:sszzz",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz",
        "yyyy-MM-dd'T'HH:mm:ss'Z'",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'",
    ];

    /// <summary>The format a merchant should see in messages.</summary>
    public const string TimeExample = "2025-10-02 17:09:34 -0300";

    public static bool TryMoney(string text, out decimal value) =>
        decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite,
            CultureInfo.InvariantCulture, out value);

    public static bool TryTime(string text, out DateTimeOffset value) =>
        DateTimeOffset.TryParseExact(text, TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out value);

    public static bool TryBoolean(string text, out bool value)
    {
        switch (text.Trim().ToUpperInvariant())
        {
            case "TRUE" or "YES" or "1":
                value = true;
                return true;
            case "FALSE" or "NO" or "0":
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }

    public static string Money(decimal value) => value.ToString("0.00##", CultureInfo.InvariantCulture);
}
