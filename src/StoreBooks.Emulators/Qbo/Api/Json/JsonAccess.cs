using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace StoreBooks.Emulators.Qbo.Api.Json;

/// <summary>Reading typed values out of QBO entity JSON (which the schema step has already normalised).</summary>
internal static class JsonAccess
{
    public static string? Str(this JsonObject obj, string name) =>
        obj.TryGetPropertyValue(name, out var node) && node is JsonValue v ? ValueAsString(v) : null;

    public static decimal? Dec(this JsonObject obj, string name) =>
        obj.TryGetPropertyValue(name, out var node) && node is JsonValue v ? ValueAsDecimal(v) : null;

    public static bool? Bool(this JsonObject obj, string name) =>
        obj.TryGetPropertyValue(name, out var node) && node is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False
            ? v.GetValue<bool>()
            : null;

    public static JsonObject? Obj(this JsonObject obj, string name) =>
        obj.TryGetPropertyValue(name, out var node) ? node as JsonObject : null;

    public static JsonArray? Arr(this JsonObject obj, string name) =>
        obj.TryGetPropertyValue(name, out var node) ? node as JsonArray : null;

    /// <summary>The <c>value</c> of a reference such as <c>CustomerRef</c>.</summary>
    public static string? RefValue(this JsonObject obj, string name) => obj.Obj(name)?.Str("value");

    public static IEnumerable<JsonObject> Objects(this JsonArray? array) =>
        array is null ? [] : array.OfType<JsonObject>();

    public static string? ValueAsString(JsonValue value) => value.GetValueKind() switch
    {
        JsonValueKind.String => value.GetValue<string>(),
        JsonValueKind.Number => value.ToJsonString(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };

    public static decimal? ValueAsDecimal(JsonValue value)
    {
        if (value.GetValueKind() == JsonValueKind.Number)
        {
            if (value.TryGetValue<decimal>(out var d))
            {
                return d;
            }

            return decimal.TryParse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out d) ? d : null;
        }

        if (value.GetValueKind() == JsonValueKind.String &&
            decimal.TryParse(value.GetValue<string>(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
        {
            return parsed;
        }

        return null;
    }

    public static JsonObject Ref(string value, string? name = null)
    {
        var r = new JsonObject { ["value"] = value };
        if (name is not null)
        {
            r["name"] = name;
        }

        return r;
    }

    /// <summary>Sets or removes a property, keeping key order stable when it already exists.</summary>
    public static void Set(this JsonObject obj, string name, JsonNode? value)
    {
        if (value is null)
        {
            obj.Remove(name);
        }
        else
        {
            obj[name] = value;
        }
    }

    public static JsonObject CloneObject(this JsonObject obj) => (JsonObject)obj.DeepClone();
}
