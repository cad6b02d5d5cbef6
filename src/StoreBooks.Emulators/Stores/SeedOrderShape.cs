using System.Text.Json.Nodes;

namespace StoreBooks.Emulators.Stores;

/// <summary>
/// Checks an order posted to a store emulator's admin API before it is stored, so a malformed one is a 400 that says which
/// field is wrong instead of an order that breaks every later listing: an id that is not a positive whole number, a date that
/// does not parse, a list that is not a list of objects, a status that is not a string.
/// </summary>
internal static class SeedOrderShape
{
    public static string? Problem(JsonObject order, TimeSpan offset, IEnumerable<string> dates, IEnumerable<string> lists, IEnumerable<string> texts)
    {
        if (order["id"] is { } id && (StoreJson.Long(id) is not > 0 || id is not JsonValue))
        {
            return $"\"id\" must be a positive whole number; got {id.ToJsonString()}.";
        }

        foreach (var name in dates)
        {
            if (order[name] is { } date && StoreJson.Date(date, offset) is null)
            {
                return $"\"{name}\" must be an ISO 8601 date-time such as 2026-03-01T10:00:00; got {date.ToJsonString()}.";
            }
        }

        foreach (var name in lists)
        {
            if (order[name] is { } list && (list is not JsonArray array || array.Any(item => item is not JsonObject)))
            {
                return $"\"{name}\" must be a list of objects; got {Shorten(list.ToJsonString())}.";
            }
        }

        foreach (var name in texts)
        {
            if (order[name] is { } text && StoreJson.String(text) is null)
            {
                return $"\"{name}\" must be a string; got {Shorten(text.ToJsonString())}.";
            }
        }

        return null;
    }

    private static string Shorten(string text) => text.Length > 80 ? text[..80] + "…" : text;
}
