using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace StoreBooks.Emulators.Tests.Qbo.Api.Support;

/// <summary>What <see cref="JsonShape"/> compares beyond structure.</summary>
public sealed record ShapeOptions
{
    /// <summary>Property names whose values must be equal (numbers by value), wherever they appear.</summary>
    public IReadOnlySet<string> ValueKeys { get; init; } = DefaultValueKeys;

    /// <summary>
    /// Paths allowed to differ in presence, each with why (e.g. a field of Intuit's sample company the emulator's new company
    /// lacks). Array indices are written <c>[*]</c>: <c>$.Invoice.Line[*].LineNum</c>.
    /// </summary>
    public IReadOnlyDictionary<string, string> Tolerated { get; init; } = new Dictionary<string, string>();

    public static readonly IReadOnlySet<string> DefaultValueKeys = new HashSet<string>(StringComparer.Ordinal)
    {
        // faults
        "code", "Message", "type", "element",
        // arithmetic and state QBO computes
        "TotalAmt", "Balance", "Amount", "QtyOnHand", "UnappliedAmt", "RemainingCredit", "TotalTax", "HomeTotalAmt", "Qty", "UnitPrice",
        "DiscountPercent", "PercentBased", "ApplyTaxAfterDiscount", "BalanceWithJobs", "CurrentBalance",
        // query envelopes
        "totalCount", "maxResults", "startPosition",
        // names and statuses QBO derives
        "status", "DetailType", "Active", "Name", "DisplayName", "FullyQualifiedName", "PrintOnCheckName", "PrivateNote",
        "TxnStatus", "Type", "Level", "SubItem", "TrackQtyOnHand", "PrintStatus", "EmailStatus", "PaymentRefNum", "Taxable",
        "Job", "BillWithParent", "PreferredDeliveryMethod", "AccountType", "AccountSubType", "Classification", "sparse", "domain",
    };
}

/// <summary>
/// Compares two QBO JSON documents by shape: the same keys at every level, the same nesting and JSON types, arrays of the
/// same length, and equal values for <see cref="ShapeOptions.ValueKeys"/>. Ids, times and tokens are compared by type only.
/// </summary>
public static partial class JsonShape
{
    public static IReadOnlyList<string> Differences(JsonNode? expected, JsonNode? actual, ShapeOptions? options = null)
    {
        var differences = new List<string>();
        Compare(expected, actual, "$", null, options ?? new ShapeOptions(), differences);
        return differences;
    }

    /// <summary>Fails with every difference listed.</summary>
    public static void AssertSame(JsonNode? expected, JsonNode? actual, ShapeOptions? options = null)
    {
        var differences = Differences(expected, actual, options);
        if (differences.Count > 0)
        {
            throw new Xunit.Sdk.XunitException(
                "JSON shapes differ:\n  " + string.Join("\n  ", differences) + "\nactual: " + actual?.ToJsonString());
        }
    }

    private static void Compare(JsonNode? expected, JsonNode? actual, string path, string? key, ShapeOptions options, List<string> differences)
    {
        var expectedKind = Kind(expected);
        var actualKind = Kind(actual);
        if (expectedKind != actualKind)
        {
            differences.Add($"{path}: expected {expectedKind}, got {actualKind}");
            return;
        }

        switch (expected)
        {
            case JsonObject e:
                var a = (JsonObject)actual!;
                foreach (var (name, value) in e)
                {
                    var childPath = path + "." + name;
                    if (!a.TryGetPropertyValue(name, out var other))
                    {
                        if (!Tolerated(childPath, options))
                        {
                            differences.Add($"{childPath}: missing (expected {Kind(value)})");
                        }

                        continue;
                    }

                    Compare(value, other, childPath, name, options, differences);
                }

                foreach (var (name, value) in a)
                {
                    var childPath = path + "." + name;
                    if (!e.ContainsKey(name) && !Tolerated(childPath, options))
                    {
                        differences.Add($"{childPath}: unexpected ({Kind(value)} {Preview(value)})");
                    }
                }

                break;
            case JsonArray e:
                var arr = (JsonArray)actual!;
                if (e.Count != arr.Count)
                {
                    differences.Add($"{path}: expected {e.Count} elements, got {arr.Count}");
                }

                for (var i = 0; i < Math.Min(e.Count, arr.Count); i++)
                {
                    Compare(e[i], arr[i], $"{path}[{i}]", key, options, differences);
                }

                break;
            case JsonValue e when key is not null && options.ValueKeys.Contains(key):
                if (!SameValue(e, (JsonValue)actual!))
                {
                    differences.Add($"{path}: expected {e.ToJsonString()}, got {actual!.ToJsonString()}");
                }

                break;
        }
    }

    private static bool Tolerated(string path, ShapeOptions options) =>
        options.Tolerated.ContainsKey(IndexPattern().Replace(path, "[*]"));

    private static bool SameValue(JsonValue expected, JsonValue actual)
    {
        if (expected.GetValueKind() == JsonValueKind.Number)
        {
            return decimal.Parse(expected.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture) ==
                decimal.Parse(actual.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);
        }

        return expected.ToJsonString() == actual.ToJsonString();
    }

    private static string Kind(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "object",
        JsonArray => "array",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => "string",
            JsonValueKind.Number => "number",
            JsonValueKind.True or JsonValueKind.False => "boolean",
            _ => "null",
        },
        _ => "unknown",
    };

    private static string Preview(JsonNode? node)
    {
        var text = node?.ToJsonString() ?? "null";
        return text.Length > 80 ? text[..80] + "…" : text;
    }

    [GeneratedRegex(@"\[\d+\]")]
    private static partial Regex IndexPattern();
}
