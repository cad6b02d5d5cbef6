using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace StoreBooks.Emulators.Stores;

/// <summary>JSON reading and writing shared by the store emulators: relaxed escaping, money strings, typed reads of loose payloads.</summary>
public static class StoreJson
{
    /// <summary>Compact output that keeps non-ASCII text readable (the stores send UTF-8, not \u escapes).</summary>
    public static readonly JsonSerializerOptions Options = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = false,
    };

    public static string Write(JsonNode? node) => node?.ToJsonString(Options) ?? "null";

    public static byte[] Utf8(JsonNode? node) => Encoding.UTF8.GetBytes(Write(node));

    /// <summary>A JSON response with the given status.</summary>
    public static IResult Result(JsonNode? node, int status = 200) =>
        Results.Text(Write(node), "application/json; charset=utf-8", Encoding.UTF8, status);

    /// <summary>A decimal as a money string with <paramref name="decimals"/> places (<c>"12.50"</c>).</summary>
    public static string Money(decimal amount, int decimals = 2) =>
        Math.Round(amount, decimals, MidpointRounding.AwayFromZero).ToString("F" + decimals, CultureInfo.InvariantCulture);

    public static long? Long(JsonNode? node)
    {
        if (node is not JsonValue value)
        {
            return null;
        }

        if (value.TryGetValue<long>(out var l))
        {
            return l;
        }

        // A value the emulator built itself keeps its CLR type: an int is not handed out as a long.
        if (value.TryGetValue<int>(out var i))
        {
            return i;
        }

        if (value.TryGetValue<string>(out var s) && long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out l))
        {
            return l;
        }

        if (value.TryGetValue<double>(out var d))
        {
            return (long)d;
        }

        return null;
    }

    public static string? String(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var s) ? s : null;

    public static bool? Bool(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<bool>(out var b) ? b : null;

    public static decimal? Decimal(JsonNode? node)
    {
        if (node is not JsonValue value)
        {
            return null;
        }

        if (value.TryGetValue<decimal>(out var d))
        {
            return d;
        }

        return value.TryGetValue<string>(out var s) && decimal.TryParse(s, NumberStyles.Number, CultureInfo.InvariantCulture, out d) ? d : null;
    }

    /// <summary>A date from an ISO-8601 string; one without an offset is read as <paramref name="assumeOffset"/>.</summary>
    public static DateTimeOffset? Date(JsonNode? node, TimeSpan assumeOffset) => ParseDate(String(node), assumeOffset);

    public static DateTimeOffset? ParseDate(string? text, TimeSpan assumeOffset)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (!DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.RoundtripKind, out var parsed))
        {
            return null;
        }

        return parsed.Kind switch
        {
            DateTimeKind.Utc => new DateTimeOffset(parsed, TimeSpan.Zero),
            DateTimeKind.Local => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture),
            _ => new DateTimeOffset(parsed, assumeOffset),
        };
    }

    /// <summary>Shopify's date style: <c>2025-07-02T11:29:59-05:00</c>.</summary>
    public static string ShopifyDate(DateTimeOffset at, TimeSpan offset) =>
        at.ToOffset(offset).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary>WooCommerce's date style: <c>2025-07-02T11:29:59</c> with no offset, in the given clock.</summary>
    public static string WooDate(DateTimeOffset at, TimeSpan offset) =>
        at.ToOffset(offset).ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
}
