using System.Text.Json;
using System.Text.Json.Nodes;
using StoreBooks.Core.Messages;
using StoreBooks.Core.Products;

namespace StoreBooks.Core.Connections;

/// <summary>
/// Changes a merchant asks for, by key and typed value (<c>sales.shipping</c> = <c>Item</c>), applied to a connection's settings.
/// An unknown key is refused naming the closest known one, a value that does not read as its setting's type says what is expected
/// (<see cref="SettingValues"/>). A map's entries are keys too: <c>sales.taxCodes.GST 5%</c>, <c>sales.payments.paypal</c>,
/// <c>sales.payments.paypal.depositAccount</c>; an empty value removes the entry. What the changed settings mean together is
/// <see cref="ConnectionSettingsCheck"/>'s concern.
/// </summary>
public static class SettingsEdit
{
    /// <summary>
    /// The settings with every change that reads applied, and a problem for each that does not: save them only when
    /// <paramref name="problems"/> is empty (and <see cref="ConnectionSettingsCheck"/> finds nothing).
    /// </summary>
    public static ConnectionSettings Apply(ConnectionSettings current, IEnumerable<KeyValuePair<string, string>> changes, out IReadOnlyList<SettingsProblem> problems)
    {
        var json = current.ToJson();
        var found = new List<SettingsProblem>();
        foreach (var (rawKey, rawText) in changes)
        {
            var name = rawKey.Trim();
            var text = rawText.Trim();
            if (Change(json, name, text) is { } problem)
            {
                found.Add(problem);
            }
        }

        problems = found;
        return json.Deserialize<ConnectionSettings>(ConnectionSettings.Json) ?? new ConnectionSettings();
    }

    private static SettingsProblem? Change(JsonObject json, string name, string text)
    {
        if (SettingKeys.Find(name) is { } key)
        {
            var value = SettingValues.Read(key.Type, key.AllowsNone, text);
            if (value.Detail is not null)
            {
                return new SettingsProblem(key.Name, value.Detail);
            }

            Parent(json, key.Path)[key.Path[^1]] = value.Value;
            return null;
        }

        var map = SettingKeys.All.Where(k => k.IsMap).FirstOrDefault(k => name.StartsWith(k.Name + ".", StringComparison.OrdinalIgnoreCase) && name.Length > k.Name.Length + 1);
        if (map is not null)
        {
            return ChangeEntry(json, map, name[(map.Name.Length + 1)..], text);
        }

        var closest = SettingKeys.Closest(name);
        return new SettingsProblem(name, SettingsMessages.UnknownSetting.With(("text", text), ("closest", closest.Name)));
    }

    /// <summary><c>sales.taxCodes.GST 5%=GST</c>, <c>sales.payments.paypal={...}</c>, <c>sales.payments.paypal.method=PayPal</c>.</summary>
    private static SettingsProblem? ChangeEntry(JsonObject json, SettingKey map, string entry, string text)
    {
        var entries = Parent(json, map.Path)[map.Path[^1]] as JsonObject ?? [];
        Parent(json, map.Path)[map.Path[^1]] = entries;
        var entryType = SettingValues.MapValue(map.Type)!;
        var setting = $"{map.Name}.{entry}";

        if (entryType != typeof(string) && entry.LastIndexOf('.') is var dot and > 0
            && SettingValues.Fields(entryType).TryGetValue(entry[(dot + 1)..], out var field))
        {
            var owner = entry[..dot];
            var fieldValue = SettingValues.Read(field.PropertyType, allowsNone: true, text);
            if (fieldValue.Detail is not null)
            {
                return new SettingsProblem(setting, fieldValue.Detail);
            }

            var record = entries[owner] as JsonObject ?? [];
            entries[owner] = record;
            record[JsonNamingPolicy.CamelCase.ConvertName(field.Name)] = fieldValue.Value;
            return null;
        }

        if (text.Length == 0)
        {
            entries.Remove(entry);
            return null;
        }

        var value = SettingValues.Read(entryType, allowsNone: false, text);
        if (value.Detail is not null)
        {
            return new SettingsProblem(setting, value.Detail);
        }

        entries[entry] = value.Value;
        return null;
    }

    private static JsonObject Parent(JsonObject json, IReadOnlyList<string> path)
    {
        var node = json;
        foreach (var part in path.Take(path.Count - 1))
        {
            if (node[part] is not JsonObject child)
            {
                child = [];
                node[part] = child;
            }

            node = child;
        }

        return node;
    }
}
