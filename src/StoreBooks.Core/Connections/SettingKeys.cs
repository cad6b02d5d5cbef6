using System.Reflection;
using System.Text.Json;
using StoreBooks.Core.Payouts;
using StoreBooks.Core.Products;
using StoreBooks.Core.Sales;

namespace StoreBooks.Core.Connections;

/// <summary>One setting a merchant can change, by the key they type (<c>syncInterval</c>, <c>sales.docNumberPrefix</c>).</summary>
public sealed record SettingKey(string Name, PropertyInfo Property, PropertyInfo? Section, bool AllowsNone)
{
    /// <summary>The key's parts in the settings' JSON: <c>["sales", "docNumberPrefix"]</c>.</summary>
    public IReadOnlyList<string> Path => Name.Split('.');

    public Type Type => Property.PropertyType;

    /// <summary>A map of names to values (<c>sales.taxCodes</c>, <c>sales.payments</c>): its entries are keys of their own.</summary>
    public bool IsMap => Type.IsGenericType && Type.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>);

    /// <summary>The setting's value in <paramref name="settings"/>.</summary>
    public object? ValueIn(ConnectionSettings settings) => Property.GetValue(Section is null ? settings : Section.GetValue(settings));
}

/// <summary>
/// Every key of <see cref="ConnectionSettings"/>, read from the settings records themselves so a new setting is a key at once:
/// the top-level ones (<c>syncStartDate</c>) and those of each section (<c>products.*</c>, <c>sales.*</c>, <c>payouts.*</c>).
/// </summary>
public static class SettingKeys
{
    private static readonly Type[] Sections = [typeof(ProductSettings), typeof(SalesSettings), typeof(PayoutSettings)];

    public static IReadOnlyList<SettingKey> All { get; } = Collect(typeof(ConnectionSettings), "", null);

    /// <summary>The key named <paramref name="name"/>, without regard to case.</summary>
    public static SettingKey? Find(string name) => All.FirstOrDefault(k => string.Equals(k.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The known key nearest to <paramref name="name"/> (fewest letters to change), for "did you mean".</summary>
    public static SettingKey Closest(string name)
    {
        var typed = name.ToLowerInvariant();
        return All.MinBy(k =>
        {
            var key = k.Name.ToLowerInvariant();
            var last = key[(key.LastIndexOf('.') + 1)..];
            return Math.Min(Distance(typed, key), Distance(typed, last) + 1);
        })!;
    }

    private static List<SettingKey> Collect(Type type, string prefix, PropertyInfo? section)
    {
        var nullability = new NullabilityInfoContext();
        var keys = new List<SettingKey>();
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            var name = prefix + JsonNamingPolicy.CamelCase.ConvertName(property.Name);
            if (Sections.Contains(property.PropertyType))
            {
                keys.AddRange(Collect(property.PropertyType, name + ".", property));
                continue;
            }

            var allowsNone = property.PropertyType.IsValueType
                ? Nullable.GetUnderlyingType(property.PropertyType) is not null
                : nullability.Create(property).WriteState == NullabilityState.Nullable;
            keys.Add(new SettingKey(name, property, section, allowsNone));
        }

        return keys;
    }

    /// <summary>Levenshtein distance: letters inserted, removed or changed to turn one text into the other.</summary>
    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        var current = new int[b.Length + 1];
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var change = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + change);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
