using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using StoreBooks.Emulators.Qbo.Api.Company;
using StoreBooks.Emulators.Qbo.Api.Entities;
using StoreBooks.Emulators.Qbo.Api.Faults;
using StoreBooks.Emulators.Qbo.Api.Json;
using StoreBooks.Emulators.Qbo.Api.Schema;

namespace StoreBooks.Emulators.Qbo.Api.Query;

/// <summary>
/// Runs a parsed query over one realm's entities and builds QBO's <c>QueryResponse</c>:
/// <c>{"Customer":[…],"startPosition":1,"maxResults":2}</c>, <c>{"totalCount":6}</c> for count(*), <c>{}</c> when nothing matches.
/// Name lists return active records only unless a condition names Active. Comparisons: numbers as numbers (also when the
/// value is quoted: <c>TotalAmt &gt; '300.00'</c>), date-times as instants, text case-insensitively [U]; references
/// (<c>CustomerRef = '1'</c>) compare their value; a missing property equals <c>' '</c> (QBO's null).
/// Rows come by name for lists and in Id order for transactions unless ORDERBY says otherwise. MAXRESULTS above 1000 is capped at 1000 [U], default 100.
/// </summary>
internal static class QueryEvaluator
{
    public const int DefaultMaxResults = 100;
    public const int MaxMaxResults = 1000;

    public static JsonObject Run(QboCompany company, QueryStatement query)
    {
        var entity = EntityCatalog.ByName(query.Entity) ?? throw Fault.QueryValidation("invalid context declaration: " + query.Entity);
        foreach (var property in query.Where.Select(c => c.Property).Concat(query.OrderBy.Select(o => o.Property)))
        {
            CheckQueryable(entity.Schema, property);
        }

        var start = query.StartPosition ?? 1;
        if (start < 1)
        {
            throw Fault.QueryValidation($"value {start} is too small. Min allowed value is 1");
        }

        var max = query.MaxResults ?? DefaultMaxResults;
        if (max < 1)
        {
            throw Fault.QueryValidation($"value {max} is too small. Min allowed value is 1");
        }

        max = Math.Min(max, MaxMaxResults);
        var activeOnly = entity.ActiveOnlyByDefault &&
            !query.Where.Any(c => string.Equals(c.Property, "Active", StringComparison.OrdinalIgnoreCase));

        IEnumerable<JsonObject> rows = company.Store.All(entity.Name).Select(r => r.Json);
        if (activeOnly)
        {
            rows = rows.Where(r => r.Bool("Active") != false);
        }

        foreach (var condition in query.Where)
        {
            var c = condition;
            rows = rows.Where(r => Matches(Resolve(r, c.Property), c));
        }

        if (query.IsCount)
        {
            return new JsonObject { ["totalCount"] = rows.Count() };
        }

        if (query.OrderBy.Count > 0)
        {
            IOrderedEnumerable<JsonObject>? ordered = null;
            foreach (var o in query.OrderBy)
            {
                var order = o;
                Func<JsonObject, JsonNode?> key = r => Resolve(r, order.Property);
                ordered = ordered is null
                    ? order.Descending ? rows.OrderByDescending(key, NodeComparer.Instance) : rows.OrderBy(key, NodeComparer.Instance)
                    : order.Descending ? ordered.ThenByDescending(key, NodeComparer.Instance) : ordered.ThenBy(key, NodeComparer.Instance);
            }

            rows = ordered!;
        }
        else if (entity.Kind is EntityKind.NameList or EntityKind.TaxList)
        {
            rows = NameOrder(rows);
        }

        var page = rows.Skip(start - 1).Take(max).Select(r => (JsonNode)r.DeepClone()).ToArray();
        if (page.Length == 0)
        {
            return new JsonObject();
        }

        return new JsonObject
        {
            [entity.Name] = new JsonArray(page),
            ["startPosition"] = start,
            ["maxResults"] = page.Length,
        };
    }

    /// <summary>
    /// Without ORDERBY, lists come by name (Intuit's payment-method and customer answers are alphabetical [U]), the US
    /// line codes TAX and NON first; transactions come in Id order.
    /// </summary>
    private static IEnumerable<JsonObject> NameOrder(IEnumerable<JsonObject> rows) => rows
        .OrderBy(r => r.Str("Id") switch { "TAX" => 0, "NON" => 1, _ => 2 })
        .ThenBy(r => r.Str("FullyQualifiedName") ?? r.Str("Name") ?? r.Str("DisplayName") ?? "", StringComparer.OrdinalIgnoreCase)
        .ThenBy(r => r.Str("Id") ?? "", IdComparer.Instance);

    /// <summary>The one field of an e-mail address, a telephone number and a web address.</summary>
    private static readonly string[] SingleValueKeys = ["Address", "FreeFormNumber", "URI"];

    /// <summary>A property is queryable when it is a scalar, a reference, or a scalar inside an object (MetaData.CreateTime).</summary>
    private static void CheckQueryable(ObjectSchema schema, string path)
    {
        var current = schema;
        var parts = path.Split('.');
        for (var i = 0; i < parts.Length; i++)
        {
            var name = current.PropertyNames.FirstOrDefault(p => string.Equals(p, parts[i], StringComparison.OrdinalIgnoreCase));
            if (name is null || !current.TryGet(name, out var type))
            {
                throw Fault.QueryValidation($"property '{path}' is not queryable");
            }

            var last = i == parts.Length - 1;
            switch (type)
            {
                case ScalarField when last:
                    return;
                case ObjectField o when last && (o.Schema.TryGet("value", out _) || SingleValueKeys.Any(k => o.Schema.TryGet(k, out _))):
                    // References compare on their value; e-mail, phone and web addresses on their one field
                    // (QBO filters customers on PrimaryEmailAddr = 'ann@example.com').
                    return;
                case ObjectField o when !last:
                    current = o.Schema;
                    break;
                default:
                    throw Fault.QueryValidation($"property '{path}' is not queryable");
            }
        }
    }

    private static JsonNode? Resolve(JsonObject row, string path)
    {
        JsonNode? node = row;
        foreach (var part in path.Split('.'))
        {
            if (node is not JsonObject obj)
            {
                return null;
            }

            node = obj.FirstOrDefault(p => string.Equals(p.Key, part, StringComparison.OrdinalIgnoreCase)).Value;
        }

        if (node is JsonObject holder)
        {
            if (holder.ContainsKey("value"))
            {
                return holder["value"];
            }

            foreach (var key in SingleValueKeys)
            {
                if (holder.ContainsKey(key))
                {
                    return holder[key];
                }
            }
        }

        return node;
    }

    private static bool Matches(JsonNode? field, QueryCondition condition)
    {
        switch (condition.Operator)
        {
            case QueryOperator.In:
                return condition.Values.Any(v => Compare(field, v) == 0);
            case QueryOperator.Like:
                if (field is not JsonValue text || JsonAccess.ValueAsString(text) is not { } s)
                {
                    return false;
                }

                var pattern = "^" + string.Join(".*", condition.Values[0].Text.Split('%').Select(Regex.Escape)) + "$";
                return Regex.IsMatch(s, pattern, RegexOptions.IgnoreCase | RegexOptions.Singleline, TimeSpan.FromSeconds(1));
            default:
                var result = Compare(field, condition.Values[0]);
                if (result is null)
                {
                    return false;
                }

                return condition.Operator switch
                {
                    QueryOperator.Equal => result == 0,
                    QueryOperator.Less => result < 0,
                    QueryOperator.Greater => result > 0,
                    QueryOperator.LessOrEqual => result <= 0,
                    _ => result >= 0,
                };
        }
    }

    /// <summary>Field compared with a literal; null when they cannot be compared.</summary>
    private static int? Compare(JsonNode? field, QueryValue literal)
    {
        if (field is not JsonValue value)
        {
            return string.IsNullOrWhiteSpace(literal.Text) && literal.Kind == QueryValueKind.String ? 0 : null;
        }

        switch (value.GetValueKind())
        {
            case JsonValueKind.Number:
                return decimal.TryParse(literal.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var n)
                    ? JsonAccess.ValueAsDecimal(value)!.Value.CompareTo(n)
                    : null;
            case JsonValueKind.True:
            case JsonValueKind.False:
                return bool.TryParse(literal.Text, out var b) ? (value.GetValue<bool>() == b ? 0 : 1) : null;
            case JsonValueKind.String:
                return CompareText(value.GetValue<string>(), literal.Text);
            default:
                return null;
        }
    }

    private static int CompareText(string a, string b)
    {
        if (IsNumber(a) && IsNumber(b))
        {
            return decimal.Parse(a, CultureInfo.InvariantCulture).CompareTo(decimal.Parse(b, CultureInfo.InvariantCulture));
        }

        if (LooksLikeDate(a) && LooksLikeDate(b) && QboTime.TryParseDateTime(a, out var x) && QboTime.TryParseDateTime(b, out var y))
        {
            return x.CompareTo(y);
        }

        return string.Compare(a, b, StringComparison.OrdinalIgnoreCase);
    }

    private static bool IsNumber(string s) =>
        s.Length > 0 && s.Length < 28 && decimal.TryParse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _);

    private static bool LooksLikeDate(string s) => s.Length >= 10 && char.IsDigit(s[0]) && s[4] == '-' && s[7] == '-';

    /// <summary>ORDERBY: missing values first, numbers by value, text and dates in text order (ignoring case).</summary>
    private sealed class NodeComparer : IComparer<JsonNode?>
    {
        public static readonly NodeComparer Instance = new();

        public int Compare(JsonNode? x, JsonNode? y)
        {
            if (x is not JsonValue a)
            {
                return y is JsonValue ? -1 : 0;
            }

            if (y is not JsonValue b)
            {
                return 1;
            }

            if (a.GetValueKind() == JsonValueKind.Number && b.GetValueKind() == JsonValueKind.Number)
            {
                return JsonAccess.ValueAsDecimal(a)!.Value.CompareTo(JsonAccess.ValueAsDecimal(b)!.Value);
            }

            return CompareText(JsonAccess.ValueAsString(a) ?? "", JsonAccess.ValueAsString(b) ?? "");
        }
    }
}
