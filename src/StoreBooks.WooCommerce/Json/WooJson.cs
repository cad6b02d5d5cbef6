using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace StoreBooks.WooCommerce.Json;

/// <summary>
/// How WooCommerce's JSON is read: snake_case names, unknown (plugin) fields ignored, money as exact decimals from strings
/// (<c>"29.35"</c>, <c>""</c> is none) or numbers (<c>line_items[].price</c>), and <c>*_gmt</c> dates, which carry no offset, as UTC.
/// </summary>
internal static class WooJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
        Converters = { new ExactDecimalConverter(), new OptionalDecimalConverter(), new UtcDateConverter() },
    };

    public static T Read<T>(JsonElement element) =>
        element.Deserialize<T>(Options) ?? throw new JsonException($"WooCommerce sent null where a {typeof(T).Name} was expected.");

    /// <summary>Formats a time for <c>modified_after</c> with <c>dates_are_gmt=true</c>.</summary>
    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);

    private static decimal? ReadDecimal(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.Number:
                return reader.GetDecimal();
            case JsonTokenType.String:
                var text = reader.GetString()!.Trim();
                if (text.Length == 0)
                {
                    return null;
                }

                if (decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var value))
                {
                    return value;
                }

                throw new JsonException($"\"{text}\" is not an amount (expected digits with a decimal point, like 12.50).");
            default:
                throw new JsonException($"Expected an amount, found {reader.TokenType}.");
        }
    }

    /// <summary>An amount that must be there; WooCommerce's empty string reads as 0.</summary>
    private sealed class ExactDecimalConverter : JsonConverter<decimal>
    {
        public override bool HandleNull => true;

        public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => ReadDecimal(ref reader) ?? 0m;

        public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) => writer.WriteNumberValue(value);
    }

    private sealed class OptionalDecimalConverter : JsonConverter<decimal?>
    {
        public override bool HandleNull => true;

        public override decimal? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => ReadDecimal(ref reader);

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

    /// <summary><c>2017-03-22T16:28:08</c> (a <c>*_gmt</c> field) as UTC; an explicit offset is honoured; null or empty is null.</summary>
    private sealed class UtcDateConverter : JsonConverter<DateTimeOffset?>
    {
        public override bool HandleNull => true;

        public override DateTimeOffset? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.Null)
            {
                return null;
            }

            var text = reader.GetString();
            if (string.IsNullOrWhiteSpace(text))
            {
                return null;
            }

            return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)
                ? at
                : throw new JsonException($"\"{text}\" is not a date.");
        }

        public override void Write(Utf8JsonWriter writer, DateTimeOffset? value, JsonSerializerOptions options)
        {
            if (value is { } v)
            {
                writer.WriteStringValue(v);
            }
            else
            {
                writer.WriteNullValue();
            }
        }
    }
}
