using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace StoreBooks.Shopify.Json;

/// <summary>
/// How Shopify's JSON is read: snake_case names, unknown fields ignored, money as exact decimals whether Shopify writes it as a
/// string (<c>"199.00"</c>) or a number (<c>195.66</c>, <c>0.06</c>), never through a double; ids as 64-bit integers.
/// </summary>
internal static class ShopifyJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        PropertyNameCaseInsensitive = false,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
        Converters = { new ExactDecimalConverter(), new OptionalDecimalConverter() },
    };

    /// <summary>GraphQL answers use camelCase.</summary>
    public static JsonSerializerOptions GraphQLOptions { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
        Converters = { new ExactDecimalConverter(), new OptionalDecimalConverter() },
    };

    public static T Read<T>(JsonElement element) =>
        element.Deserialize<T>(Options) ?? throw new JsonException($"Shopify sent null where a {typeof(T).Name} was expected.");

    /// <summary>Reads a decimal from the token's own text: a JSON number or a string; an empty string is refused.</summary>
    internal static decimal ReadDecimal(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            return reader.GetDecimal();
        }

        if (reader.TokenType == JsonTokenType.String)
        {
            var text = reader.GetString()!.Trim();
            if (decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }

            throw new JsonException($"\"{text}\" is not an amount (expected digits with a decimal point, like 12.50).");
        }

        throw new JsonException($"Expected an amount, found {reader.TokenType}.");
    }

    private sealed class ExactDecimalConverter : JsonConverter<decimal>
    {
        public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => ReadDecimal(ref reader);

        public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) => writer.WriteNumberValue(value);
    }

    /// <summary>A nullable amount: null and the empty string are null.</summary>
    private sealed class OptionalDecimalConverter : JsonConverter<decimal?>
    {
        public override bool HandleNull => true;

        public override decimal? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.Null || (reader.TokenType == JsonTokenType.String && reader.ValueSpan.IsEmpty && !reader.ValueIsEscaped))
            {
                return null;
            }

            return ReadDecimal(ref reader);
        }

        public override void Write(Utf8JsonWriter writer, decimal? value, JsonSerializerOptions options)
        {
            if (value is { } v)
            {
                writer.WriteNumberValue(v);
            }
            else
            {
                writer.WriteNullValue();
            }
        }
    }

    /// <summary>Formats a time for a Shopify filter (<c>updated_at_min</c>, search <c>updated_at:&gt;=</c>): ISO 8601 in UTC.</summary>
    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Parses a Shopify id written as digits; false for anything else.</summary>
    public static bool TryParseId(string? text, out long id)
    {
        id = 0;
        return long.TryParse(text?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out id) && id > 0;
    }
}
