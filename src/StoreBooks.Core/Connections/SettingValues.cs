using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using StoreBooks.Core.Messages;

namespace StoreBooks.Core.Connections;

/// <summary>
/// A value as typed, read for its setting: the value to store, or why it cannot be read, in a merchant's words (<see cref="Detail"/>,
/// a catalogue message the dashboard shows in the reader's language; <see cref="Problem"/> is its English).
/// </summary>
public sealed record SettingValue(JsonNode? Value, SyncMessage? Detail)
{
    public string? Problem => Detail?.Text;

    public static SettingValue Of(object? value, Type type) => new(value is null ? null : JsonSerializer.SerializeToNode(value, type, ConnectionSettings.Json), null);

    public static SettingValue Refused(SyncMessage problem) => new(null, problem);
}

/// <summary>
/// Reads the text a merchant typed for a setting as that setting's type: text, true/false, one of a list of choices, a date
/// (YYYY-MM-DD), a length of time (HH:MM:SS), a list of choices (["Paid","Refunded"]) or a map of names ({"GST 5%":"GST"}).
/// A value that does not read says what was typed and what is expected, never a .NET type or a parser's message.
/// </summary>
public static class SettingValues
{
    private static readonly string[] DateForms = ["d/M/yyyy", "M/d/yyyy", "d.M.yyyy", "d-M-yyyy", "yyyy/M/d", "yyyy-M-d", "yyyyMMdd"];

    public static SettingValue Read(Type type, bool allowsNone, string text)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (text.Length == 0)
        {
            return type == typeof(string) ? SettingValue.Of(allowsNone ? null : "", type)
                : allowsNone ? SettingValue.Of(null, type)
                : SettingValue.Refused(SettingValueMessages.NoValue.With(("expected", Expected(underlying))));
        }

        if (underlying == typeof(string))
        {
            return SettingValue.Of(text, typeof(string));
        }

        if (underlying == typeof(bool))
        {
            return bool.TryParse(text, out var yes) ? SettingValue.Of(yes, typeof(bool)) : SettingValue.Refused(SettingValueMessages.NotBoolean.With(("text", text)));
        }

        if (underlying.IsEnum)
        {
            return Choice(underlying, text) is { } choice
                ? SettingValue.Of(choice, underlying)
                : SettingValue.Refused(SettingValueMessages.NotChoice.With(("text", text), ("choices", Choices(underlying))));
        }

        if (underlying == typeof(DateOnly))
        {
            return ReadDate(text);
        }

        if (underlying == typeof(TimeSpan))
        {
            return text.Contains(':', StringComparison.Ordinal) && TimeSpan.TryParseExact(text, "c", CultureInfo.InvariantCulture, out var interval)
                ? SettingValue.Of(interval, typeof(TimeSpan))
                : SettingValue.Refused(SettingValueMessages.NotInterval.With(("text", text), ("end", allowsNone ? SettingValueMessages.IntervalOrNothing.With() : (MessageArg)".")));
        }

        if (ListItem(underlying) is { } item)
        {
            return ReadList(underlying, item, text);
        }

        if (MapValue(underlying) is { } entry)
        {
            return ReadMap(underlying, entry, text);
        }

        if (IsRecord(underlying))
        {
            return ReadRecord(underlying, text);
        }

        return SettingValue.Refused(SettingValueMessages.CannotSet.With(("text", text)));
    }

    /// <summary>The type of the items when <paramref name="type"/> is a list of choices.</summary>
    public static Type? ListItem(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>) ? type.GetGenericArguments()[0] : null;

    /// <summary>The type of the values when <paramref name="type"/> is a map of names to values.</summary>
    public static Type? MapValue(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>) ? type.GetGenericArguments()[1] : null;

    /// <summary>The names a record's settings are typed with (<c>method</c>, <c>depositAccount</c>), with their properties.</summary>
    public static IReadOnlyDictionary<string, System.Reflection.PropertyInfo> Fields(Type record) =>
        record.GetProperties().Where(p => p.CanWrite).ToDictionary(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name), StringComparer.OrdinalIgnoreCase);

    private static bool IsRecord(Type type) => type.IsClass && type != typeof(string) && type.GetConstructor(Type.EmptyTypes) is not null;

    private static object? Choice(Type enumType, string text) =>
        Enum.GetNames(enumType).FirstOrDefault(n => string.Equals(n, text.Trim(), StringComparison.OrdinalIgnoreCase)) is { } name ? Enum.Parse(enumType, name) : null;

    private static string Choices(Type enumType) => string.Join(", ", Enum.GetNames(enumType));

    private static SyncMessage Expected(Type type) =>
        type == typeof(bool) ? SettingValueMessages.ExpectedBoolean.With()
        : type.IsEnum ? SettingValueMessages.ExpectedChoice.With(("choices", Choices(type)))
        : type == typeof(DateOnly) ? SettingValueMessages.ExpectedDate.With()
        : type == typeof(TimeSpan) ? SettingValueMessages.ExpectedInterval.With()
        : SettingValueMessages.ExpectedValue.With();

    private static SettingValue ReadDate(string text)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return SettingValue.Of(date, typeof(DateOnly));
        }

        var readings = DateForms
            .Select(form => DateOnly.TryParseExact(text, form, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : (DateOnly?)null)
            .OfType<DateOnly>()
            .Distinct()
            .ToList();
        var hint = readings.Count == 1
            ? SettingValueMessages.DateReading.With(("day", SettingsMessages.LongDay(readings[0])), ("written", SettingsMessages.Day(readings[0])))
            : SettingValueMessages.DateHowTo.With(("example", SettingsMessages.LongDay(new DateOnly(2026, 1, 31))));
        return SettingValue.Refused(SettingValueMessages.NotDate.With(("text", text), ("hint", hint)));
    }

    private static SettingValue ReadList(Type listType, Type item, string text)
    {
        var names = item.IsEnum ? SettingValueMessages.ListValues.With(("choices", Choices(item))) : (MessageArg)"";
        var example = item.IsEnum ? $"[\"{string.Join("\",\"", Enum.GetNames(item).Take(2))}\"]" : "[\"a\",\"b\"]";
        if (Parse(text) is not JsonArray array)
        {
            return SettingValue.Refused(SettingValueMessages.NotList.With(("text", text), ("example", example), ("values", names)));
        }

        var values = Array.CreateInstance(item, array.Count);
        for (var i = 0; i < array.Count; i++)
        {
            var one = array[i] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : array[i]?.ToJsonString() ?? "null";
            var choice = item.IsEnum ? Choice(item, one) : one;
            if (choice is null || (item.IsEnum && array[i]?.GetValueKind() != JsonValueKind.String))
            {
                return SettingValue.Refused(SettingValueMessages.NotInList.With(("item", one), ("text", text), ("values", names)));
            }

            values.SetValue(choice, i);
        }

        return SettingValue.Of(values, item.MakeArrayType());
    }

    private static SettingValue ReadMap(Type mapType, Type entry, string text)
    {
        var example = entry == typeof(string) ? "{\"GST 5%\":\"GST\"}" : "{\"paypal\":{\"method\":\"PayPal\",\"depositAccount\":\"PayPal clearing\"}}";
        if (Parse(text) is not JsonObject map)
        {
            return SettingValue.Refused(SettingValueMessages.NotMap.With(("text", text), ("example", example)));
        }

        var read = new JsonObject();
        foreach (var (name, node) in map)
        {
            var text1 = node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : node?.ToJsonString() ?? "";
            var one = Read(entry, allowsNone: false, text1);
            if (one.Detail is not null)
            {
                return SettingValue.Refused(SettingValueMessages.MapEntry.With(("text", text), ("name", name), ("problem", one.Detail)));
            }

            read[name] = one.Value;
        }

        return new SettingValue(read, null);
    }

    private static SettingValue ReadRecord(Type record, string text)
    {
        var fields = Fields(record);
        var example = "{" + string.Join(",", fields.Keys.Select(k => $"\"{k}\":\"...\"")) + "}";
        if (Parse(text) is not JsonObject value)
        {
            return SettingValue.Refused(SettingValueMessages.NotRecord.With(("text", text), ("example", example)));
        }

        var read = new JsonObject();
        foreach (var (name, node) in value)
        {
            if (!fields.TryGetValue(name, out var field))
            {
                return SettingValue.Refused(SettingValueMessages.NotField.With(("name", name), ("text", text), ("fields", string.Join(", ", fields.Keys)), ("example", example)));
            }

            var one = Read(field.PropertyType, allowsNone: true, node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : node?.ToJsonString() ?? "");
            if (one.Detail is not null)
            {
                return SettingValue.Refused(SettingValueMessages.RecordField.With(("text", text), ("name", name), ("problem", one.Detail)));
            }

            read[JsonNamingPolicy.CamelCase.ConvertName(field.Name)] = one.Value;
        }

        return new SettingValue(read, null);
    }

    private static JsonNode? Parse(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
