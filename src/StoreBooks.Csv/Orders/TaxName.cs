using System.Globalization;
using System.Text.RegularExpressions;

namespace StoreBooks.Csv.Orders;

/// <summary>
/// Reads a tax column's name as Shopify writes it, with the rate at the end: "GST 5%" is GST at 0.05, "QC QST 9.975%" is
/// QC QST at 0.09975. A name without a percentage keeps its text and has rate 0 (unknown).
/// </summary>
internal static partial class TaxName
{
    public static (string Name, decimal Rate) Parse(string text)
    {
        var match = WithRate().Match(text);
        if (match.Success && decimal.TryParse(match.Groups["rate"].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var percent))
        {
            var name = match.Groups["name"].Value.Trim();
            return (name.Length == 0 ? text.Trim() : name, percent / 100m);
        }

        return (text.Trim(), 0m);
    }

    [GeneratedRegex(@"^(?<name>.*?)\s*\(?(?<rate>\d+(\.\d+)?)\s*%\)?\s*$")]
    private static partial Regex WithRate();
}
