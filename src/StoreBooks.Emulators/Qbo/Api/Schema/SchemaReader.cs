using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using StoreBooks.Emulators.Qbo.Api.Faults;
using StoreBooks.Emulators.Qbo.Api.Json;

namespace StoreBooks.Emulators.Qbo.Api.Schema;

/// <summary>
/// Checks a request object against its Intuit schema class and returns a normalised copy: unknown properties and
/// values of the wrong type become QBO's 2010 fault (in Jackson's words), strings that hold numbers become numbers,
/// numbers sent for strings become strings (Jackson coerces both), and nulls are dropped (absent and null mean the same).
/// </summary>
internal static class SchemaReader
{
    private const int KnownPropertiesLimit = 1000;

    public static JsonObject Read(JsonObject source, ObjectSchema schema) => ReadObject(source, schema);

    private static JsonObject ReadObject(JsonObject source, ObjectSchema schema)
    {
        var result = new JsonObject();
        foreach (var (name, value) in source)
        {
            if (!schema.TryGet(name, out var type))
            {
                throw Fault.UnsupportedProperty(
                    $"Unrecognized field \"{name}\" (class {schema.QualifiedClassName}), not marked as ignorable ({KnownProperties(schema)})\n");
            }

            if (value is null)
            {
                continue;
            }

            result[name] = ReadValue(value, type, name);
        }

        return result;
    }

    private static JsonNode ReadValue(JsonNode value, FieldType type, string name) => type switch
    {
        AnyField => value.DeepClone(),
        ObjectField o => value is JsonObject obj
            ? ReadObject(obj, o.Schema)
            : throw Fault.UnsupportedProperty(
                $"Can not instantiate value of type [simple type, class {o.Schema.QualifiedClassName}] from {Describe(value)}; no single-String constructor/factory method (through reference chain: {name})"),
        ArrayField a => value is JsonArray arr
            ? ReadArray(arr, a.Element, name)
            : throw Fault.UnsupportedProperty(
                $"Can not deserialize instance of java.util.ArrayList out of {Token(value)} token (through reference chain: {name})"),
        ScalarField s => ReadScalar(value, s, name),
        _ => throw new InvalidOperationException("Unknown field type " + type),
    };

    private static JsonArray ReadArray(JsonArray source, FieldType element, string name)
    {
        var result = new JsonArray();
        foreach (var item in source)
        {
            if (item is not null)
            {
                result.Add(ReadValue(item, element, name));
            }
        }

        return result;
    }

    private static JsonNode ReadScalar(JsonNode value, ScalarField field, string name)
    {
        if (value is not JsonValue v)
        {
            throw Fault.UnsupportedProperty(
                $"Can not deserialize instance of {field.JavaClass} out of {Token(value)} token (through reference chain: {name})");
        }

        var kind = v.GetValueKind();
        switch (field.Kind)
        {
            case ScalarKind.String:
                return JsonValue.Create(JsonAccess.ValueAsString(v)!);
            case ScalarKind.Decimal:
            case ScalarKind.Integer:
                if (kind is JsonValueKind.Number or JsonValueKind.String)
                {
                    var d = JsonAccess.ValueAsDecimal(v);
                    if (d is not null && (field.Kind == ScalarKind.Decimal || decimal.Truncate(d.Value) == d.Value))
                    {
                        return JsonValue.Create(d.Value);
                    }
                }

                throw Fault.UnsupportedProperty(
                    $"Can not construct instance of {field.JavaClass} from {Describe(v)}: not a valid representation (through reference chain: {name})");
            case ScalarKind.Boolean:
                if (kind is JsonValueKind.True or JsonValueKind.False)
                {
                    return JsonValue.Create(kind == JsonValueKind.True);
                }

                if (kind == JsonValueKind.String && bool.TryParse(v.GetValue<string>(), out var b))
                {
                    return JsonValue.Create(b);
                }

                throw Fault.UnsupportedProperty(
                    $"Can not construct instance of java.lang.Boolean from {Describe(v)}: only \"true\" or \"false\" recognized (through reference chain: {name})");
            case ScalarKind.Date:
                if (kind == JsonValueKind.String)
                {
                    var text = v.GetValue<string>();
                    if (QboTime.TryParseDate(text, out _))
                    {
                        return JsonValue.Create(text);
                    }

                    // QBO accepts a full timestamp for a date and keeps the date part.
                    if (text.Length > 10 && QboTime.TryParseDate(text[..10], out _) && QboTime.TryParseDateTime(text, out _))
                    {
                        return JsonValue.Create(text[..10]);
                    }
                }

                throw Fault.UnsupportedProperty(
                    $"Can not construct instance of java.util.Date from {Describe(v)}: not a valid representation, expected yyyy-MM-dd (through reference chain: {name})");
            case ScalarKind.DateTime:
                if (kind == JsonValueKind.String && QboTime.TryParseDateTime(v.GetValue<string>(), out _))
                {
                    return JsonValue.Create(v.GetValue<string>());
                }

                throw Fault.UnsupportedProperty(
                    $"Can not construct instance of java.util.Calendar from {Describe(v)}: not a valid representation, expected an ISO 8601 date-time (through reference chain: {name})");
            default:
                throw new InvalidOperationException("Unknown scalar kind " + field.Kind);
        }
    }

    private static string KnownProperties(ObjectSchema schema)
    {
        var names = schema.PropertyNames;
        var list = new System.Text.StringBuilder();
        var truncated = false;
        foreach (var n in names)
        {
            var piece = (list.Length == 0 ? "" : ", ") + "\"" + n + "\"";
            if (list.Length + piece.Length > KnownPropertiesLimit)
            {
                truncated = true;
                break;
            }

            list.Append(piece);
        }

        return string.Create(CultureInfo.InvariantCulture, $"{names.Count} known properties: {list}{(truncated ? " [truncated]" : "")}]");
    }

    private static string Describe(JsonNode value) => value is JsonValue v && v.GetValueKind() == JsonValueKind.String
        ? $"String value '{v.GetValue<string>()}'"
        : $"{Token(value)} value '{value.ToJsonString()}'";

    private static string Token(JsonNode value) => value switch
    {
        JsonObject => "START_OBJECT",
        JsonArray => "START_ARRAY",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => "VALUE_STRING",
            JsonValueKind.Number => "VALUE_NUMBER",
            JsonValueKind.True => "VALUE_TRUE",
            JsonValueKind.False => "VALUE_FALSE",
            _ => "VALUE_NULL",
        },
        _ => "VALUE_NULL",
    };
}
