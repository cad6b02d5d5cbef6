using System.Globalization;
using System.Text.Json.Nodes;
using StoreBooks.Emulators.Stores;

namespace StoreBooks.Emulators.Shopify.GraphQL;

/// <summary>
/// Shopify's search syntax for the <c>query</c> argument, the part a connector uses: terms joined by spaces (AND),
/// <c>field:value</c>, <c>field:&gt;value</c> / <c>&gt;=</c> / <c>&lt;</c> / <c>&lt;=</c> for dates and numbers, quoted values, and free text on the title.
/// </summary>
internal sealed class SearchQuery
{
    private readonly List<(string Field, string Op, string Value)> _terms = [];

    public static SearchQuery Parse(string? text)
    {
        var query = new SearchQuery();
        if (string.IsNullOrWhiteSpace(text))
        {
            return query;
        }

        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            var start = i;
            var quote = '\0';
            while (i < text.Length && (quote != '\0' || !char.IsWhiteSpace(text[i])))
            {
                if (text[i] is '\'' or '"')
                {
                    quote = quote == '\0' ? text[i] : (quote == text[i] ? '\0' : quote);
                }

                i++;
            }

            var token = text[start..i];
            if (token.Length == 0 || token.Equals("AND", StringComparison.Ordinal))
            {
                continue;
            }

            var colon = token.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                query._terms.Add(("title", "~", Unquote(token)));
                continue;
            }

            var field = token[..colon];
            var rest = token[(colon + 1)..];
            var op = rest.StartsWith(">=", StringComparison.Ordinal) ? ">=" : rest.StartsWith("<=", StringComparison.Ordinal) ? "<="
                : rest.StartsWith('>') ? ">" : rest.StartsWith('<') ? "<" : "=";
            query._terms.Add((field, op, Unquote(rest[(op == "=" ? 0 : op.Length)..])));
        }

        return query;
    }

    private static string Unquote(string value) =>
        value.Length >= 2 && (value[0] is '\'' or '"') && value[^1] == value[0] ? value[1..^1] : value;

    /// <summary>Whether a product or variant (REST shape) matches; <paramref name="product"/> is the variant's product.</summary>
    public bool Matches(JsonObject item, JsonObject? product, TimeSpan offset)
    {
        foreach (var (field, op, value) in _terms)
        {
            var ok = field switch
            {
                "updated_at" => CompareDate(StoreJson.Date(item["updated_at"], offset), op, value),
                "created_at" => CompareDate(StoreJson.Date(item["created_at"], offset), op, value),
                "id" => CompareNumber(StoreJson.Long(item["id"]), op, value),
                "product_id" => CompareNumber(StoreJson.Long(item["product_id"] ?? item["id"]), op, value),
                "sku" => Equal(StoreJson.String(item["sku"]), value),
                "barcode" => Equal(StoreJson.String(item["barcode"]), value),
                "status" => Equal(StoreJson.String((product ?? item)["status"]), value),
                "handle" => Equal(StoreJson.String((product ?? item)["handle"]), value),
                "vendor" => Equal(StoreJson.String((product ?? item)["vendor"]), value),
                "product_type" => Equal(StoreJson.String((product ?? item)["product_type"]), value),
                "title" when op == "~" => (StoreJson.String((product ?? item)["title"]) ?? "").Contains(value, StringComparison.OrdinalIgnoreCase),
                "title" => Equal(StoreJson.String(item["title"]), value),
                _ => true,
            };
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    private static bool Equal(string? actual, string expected) =>
        expected.EndsWith('*')
            ? (actual ?? "").StartsWith(expected[..^1], StringComparison.OrdinalIgnoreCase)
            : string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase);

    private static bool CompareDate(DateTimeOffset? actual, string op, string value)
    {
        var expected = StoreJson.ParseDate(value, TimeSpan.Zero);
        if (actual is null || expected is null)
        {
            return false;
        }

        return Compare(actual.Value.CompareTo(expected.Value), op);
    }

    private static bool CompareNumber(long? actual, string op, string value) =>
        actual is not null && long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var expected) && Compare(actual.Value.CompareTo(expected), op);

    private static bool Compare(int c, string op) => op switch
    {
        ">" => c > 0,
        ">=" => c >= 0,
        "<" => c < 0,
        "<=" => c <= 0,
        _ => c == 0,
    };
}
