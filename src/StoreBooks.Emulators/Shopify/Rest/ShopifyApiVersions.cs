using System.Globalization;
using System.Text.RegularExpressions;

namespace StoreBooks.Emulators.Shopify.Rest;

/// <summary>Shopify's quarterly API versions: <c>YYYY-01/04/07/10</c> or <c>unstable</c>; a call without one gets the oldest supported.</summary>
internal static partial class ShopifyApiVersions
{
    [GeneratedRegex("^(\\d{4})-(01|04|07|10)$")]
    private static partial Regex Pattern();

    public static bool IsValid(string version) => version == "unstable" || Pattern().IsMatch(version);

    /// <summary>The oldest version still supported at <paramref name="now"/> (each lives at least 12 months).</summary>
    public static string OldestSupported(DateTimeOffset now)
    {
        var nine = now.UtcDateTime.AddMonths(-9);
        var quarter = ((nine.Month - 1) / 3 * 3) + 1;
        return string.Create(CultureInfo.InvariantCulture, $"{nine.Year:D4}-{quarter:D2}");
    }
}
