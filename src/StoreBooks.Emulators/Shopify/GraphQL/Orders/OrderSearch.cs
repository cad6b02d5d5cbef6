using System.Globalization;
using StoreBooks.Emulators.Shopify.Data;
using StoreBooks.Emulators.Stores;

namespace StoreBooks.Emulators.Shopify.GraphQL.Orders;

/// <summary>
/// Shopify's search syntax for <c>orders(query:)</c>, the part a connector uses: terms joined by spaces (AND) or by
/// <c>OR</c> (AND binds first, as Shopify documents; parentheses are read as plain grouping of OR terms), <c>field:value</c>
/// and <c>field:&gt;=value</c> comparisons on <c>id</c> (number or global id), <c>updated_at</c>, <c>created_at</c>,
/// <c>processed_at</c>, <c>financial_status</c> and <c>status</c>. Unknown fields match everything, as Shopify ignores them.
/// </summary>
internal sealed class OrderSearch
{
    private readonly List<List<(string Field, string Op, string Value)>> _any = [];

    public static OrderSearch Parse(string? text)
    {
        var search = new OrderSearch();
        var group = new List<(string, string, string)>();
        search._any.Add(group);
        foreach (var raw in Tokens(text ?? ""))
        {
            var token = raw.Trim('(', ')');
            if (token.Length == 0 || token == "AND")
            {
                continue;
            }

            if (token == "OR")
            {
                group = [];
                search._any.Add(group);
                continue;
            }

            var colon = token.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }

            var field = token[..colon];
            var rest = token[(colon + 1)..];
            var op = rest.StartsWith(">=", StringComparison.Ordinal) ? ">=" : rest.StartsWith("<=", StringComparison.Ordinal) ? "<="
                : rest.StartsWith('>') ? ">" : rest.StartsWith('<') ? "<" : "=";
            group.Add((field, op, Unquote(rest[(op == "=" ? 0 : op.Length)..])));
        }

        return search;
    }

    private static IEnumerable<string> Tokens(string text)
    {
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

            if (i > start)
            {
                yield return text[start..i];
            }
        }
    }

    private static string Unquote(string value) =>
        value.Length >= 2 && (value[0] is '\'' or '"') && value[^1] == value[0] ? value[1..^1] : value;

    public bool Matches(ShopifyOrderRow row, TimeSpan offset) => _any.Any(group => group.All(term => Matches(row, term, offset)));

    private static bool Matches(ShopifyOrderRow row, (string Field, string Op, string Value) term, TimeSpan offset) => term.Field switch
    {
        "id" => CompareNumber(row.Id, term.Op, term.Value[(term.Value.LastIndexOf('/') + 1)..]),
        "updated_at" => CompareDate(row.UpdatedAt, term.Op, term.Value, offset),
        "created_at" or "processed_at" => CompareDate(row.CreatedAt, term.Op, term.Value, offset),
        "financial_status" => string.Equals(row.FinancialStatus, term.Value, StringComparison.OrdinalIgnoreCase),
        "status" => term.Value.ToLowerInvariant() switch
        {
            "open" => row.Open,
            "closed" => row.ClosedAt is not null,
            "cancelled" => row.CancelledAt is not null,
            _ => true,
        },
        _ => true,
    };

    private static bool CompareDate(DateTimeOffset actual, string op, string value, TimeSpan offset) =>
        StoreJson.ParseDate(value, offset) is { } expected && Compare(actual.CompareTo(expected), op);

    private static bool CompareNumber(long actual, string op, string value) =>
        long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var expected) && Compare(actual.CompareTo(expected), op);

    private static bool Compare(int c, string op) => op switch
    {
        ">" => c > 0,
        ">=" => c >= 0,
        "<" => c < 0,
        "<=" => c <= 0,
        _ => c == 0,
    };
}
