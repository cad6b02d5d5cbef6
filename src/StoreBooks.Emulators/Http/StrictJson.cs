using System.Text.Json;
using System.Text.Json.Nodes;

namespace StoreBooks.Emulators.Http;

/// <summary>What was wrong with a request body that <see cref="StrictJson"/> refused.</summary>
internal sealed record JsonProblem(string Message, string? Element = null, bool InvalidString = false, bool TooDeep = false);

/// <summary>
/// Parses a request body up front, the way the platforms' JSON parsers see it, so nothing malformed is left to explode later
/// when a field is read: text that is not JSON, nesting deeper than <c>maxDepth</c>, and strings or property names holding a
/// lone UTF-16 surrogate (<c>"\ud800"</c>, valid JSON syntax but not text) are reported with the property they sit in.
/// A repeated property keeps its last value, as PHP's <c>json_decode</c>, Ruby's JSON and Jackson do.
/// </summary>
internal static class StrictJson
{
    /// <summary>
    /// Deepest body the store emulators take (PHP and Ruby allow 512, but a stored order is written again inside envelopes
    /// and webhooks by System.Text.Json, whose writers stop at 64; no real order, product or query body comes near 48).
    /// </summary>
    public const int StoreBodyDepth = 48;

    public static JsonNode? Parse(string text, out JsonProblem? problem, int maxDepth = 64)
    {
        problem = null;
        try
        {
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = maxDepth });
            return Convert(document.RootElement, null, ref problem);
        }
        catch (JsonException e)
        {
            problem = new JsonProblem(e.Message, TooDeep: e.Message.Contains("maximum configured depth", StringComparison.Ordinal));
            return null;
        }
    }

    private static JsonNode? Convert(JsonElement element, string? name, ref JsonProblem? problem)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var obj = new JsonObject();
                foreach (var property in element.EnumerateObject())
                {
                    string key;
                    try
                    {
                        key = property.Name;
                    }
                    catch (InvalidOperationException)
                    {
                        problem ??= new JsonProblem($"A property name inside {name ?? "the body"} holds a lone UTF-16 surrogate.", name, InvalidString: true);
                        return null;
                    }

                    var value = Convert(property.Value, key, ref problem);
                    if (problem is not null)
                    {
                        return null;
                    }

                    obj[key] = value;
                }

                return obj;
            case JsonValueKind.Array:
                var array = new JsonArray();
                foreach (var item in element.EnumerateArray())
                {
                    var value = Convert(item, name, ref problem);
                    if (problem is not null)
                    {
                        return null;
                    }

                    array.Add(value);
                }

                return array;
            case JsonValueKind.String:
                try
                {
                    return JsonValue.Create(element.GetString()!);
                }
                catch (InvalidOperationException)
                {
                    problem = new JsonProblem($"{name ?? "The body"} holds a lone UTF-16 surrogate (an unpaired \\uD800-\\uDFFF escape), which is not text.", name, InvalidString: true);
                    return null;
                }

            case JsonValueKind.Number:
                return JsonValue.Create(element.Clone());
            case JsonValueKind.True:
                return JsonValue.Create(true);
            case JsonValueKind.False:
                return JsonValue.Create(false);
            default:
                return null;
        }
    }
}
