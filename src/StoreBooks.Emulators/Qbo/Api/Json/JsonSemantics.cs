using System.Text.Json;
using System.Text.Json.Nodes;

namespace StoreBooks.Emulators.Qbo.Api.Json;

/// <summary>Equality of QBO JSON as values: numbers by value (337.5 = 337.50), object keys in any order.</summary>
internal static class JsonSemantics
{
    public static bool Equal(JsonNode? a, JsonNode? b)
    {
        switch (a, b)
        {
            case (null, null):
                return true;
            case (JsonObject x, JsonObject y):
                if (x.Count != y.Count)
                {
                    return false;
                }

                foreach (var (key, value) in x)
                {
                    if (!y.TryGetPropertyValue(key, out var other) || !Equal(value, other))
                    {
                        return false;
                    }
                }

                return true;
            case (JsonArray x, JsonArray y):
                if (x.Count != y.Count)
                {
                    return false;
                }

                for (var i = 0; i < x.Count; i++)
                {
                    if (!Equal(x[i], y[i]))
                    {
                        return false;
                    }
                }

                return true;
            case (JsonValue x, JsonValue y):
                if (x.GetValueKind() == JsonValueKind.Number && y.GetValueKind() == JsonValueKind.Number)
                {
                    return JsonAccess.ValueAsDecimal(x) == JsonAccess.ValueAsDecimal(y);
                }

                return x.GetValueKind() == y.GetValueKind() && JsonAccess.ValueAsString(x) == JsonAccess.ValueAsString(y);
            default:
                return false;
        }
    }
}
