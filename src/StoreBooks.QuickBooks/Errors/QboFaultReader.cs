using System.Text.Json;

namespace StoreBooks.QuickBooks.Errors;

/// <summary>
/// Reads both fault envelopes: the usual <c>{"Fault":{"Error":[{"Message","Detail","code","element"}],"type"}}</c> and the
/// lowercase one of 401 responses (<c>{"fault":{"error":[{"message","detail","code","element"}],"type"}}</c>).
/// </summary>
public static class QboFaultReader
{
    /// <summary>The fault in a response body, or null when the body has none (or is not JSON).</summary>
    public static QboFault? Read(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body.ToArray());
            return Read(document.RootElement);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The fault at <paramref name="envelope"/>'s <c>Fault</c>/<c>fault</c> property, or null.</summary>
    public static QboFault? Read(JsonElement envelope)
    {
        if (envelope.ValueKind != JsonValueKind.Object || !TryGet(envelope, "Fault", out var fault) || fault.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        return ReadFault(fault);
    }

    /// <summary>A Fault object itself (the value of <c>Fault</c>).</summary>
    public static QboFault ReadFault(JsonElement fault)
    {
        var errors = new List<QboError>();
        if (TryGet(fault, "Error", out var list))
        {
            if (list.ValueKind == JsonValueKind.Array)
            {
                foreach (var error in list.EnumerateArray())
                {
                    errors.Add(ReadError(error));
                }
            }
            else if (list.ValueKind == JsonValueKind.Object)
            {
                errors.Add(ReadError(list));
            }
        }

        return new QboFault(Text(fault, "type"), errors);
    }

    private static QboError ReadError(JsonElement error) =>
        new(Text(error, "code"), Text(error, "Message"), Text(error, "Detail"), Text(error, "element"));

    private static string? Text(JsonElement parent, string name)
    {
        if (!TryGet(parent, name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        };
    }

    private static bool TryGet(JsonElement parent, string name, out JsonElement value)
    {
        if (parent.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in parent.EnumerateObject())
            {
                if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
                {
                    value = property.Value;
                    return true;
                }
            }
        }

        value = default;
        return false;
    }
}
