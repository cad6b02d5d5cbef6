using System.Net;
using System.Text.RegularExpressions;

namespace StoreBooks.Csv.Products;

/// <summary>Turns a product's "Body (HTML)" into plain text for an item description: tags dropped, entities decoded, spaces collapsed.</summary>
internal static partial class HtmlText
{
    public static string? ToPlainText(string html)
    {
        if (string.IsNullOrWhiteSpace(html))
        {
            return null;
        }

        var withBreaks = BlockEnd().Replace(html, " ");
        var text = WebUtility.HtmlDecode(Tag().Replace(withBreaks, string.Empty));
        text = Spaces().Replace(text, " ").Trim();
        return text.Length == 0 ? null : text;
    }

    [GeneratedRegex(@"<\s*(br|/p|/div|/li|/h[1-6])\s*/?\s*>", RegexOptions.IgnoreCase)]
    private static partial Regex BlockEnd();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
