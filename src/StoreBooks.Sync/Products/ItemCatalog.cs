using StoreBooks.Core.Products;
using StoreBooks.QuickBooks;
using StoreBooks.QuickBooks.Items;

namespace StoreBooks.Sync.Products;

/// <summary>
/// Every QuickBooks item, active and inactive, read in pages of up to 1000 (a handful of calls for a large catalog), indexed
/// by SKU and by name without case or surrounding spaces. Items StoreBooks creates during the run are added to it.
/// </summary>
public sealed class ItemCatalog
{
    private readonly Dictionary<string, Item> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Item>> _bySku = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Item>> _byName = new(StringComparer.Ordinal);
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public ItemCatalog(IEnumerable<Item> items)
    {
        foreach (var item in items)
        {
            AddLocked(item);
        }
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _byId.Count;
            }
        }
    }

    public static async Task<ItemCatalog> LoadAsync(QboClient client, CancellationToken cancellationToken)
    {
        var items = await client.Items.QueryAsync(client.Items.Where().IncludeInactive(), cancellationToken).ToListAsync(cancellationToken).ConfigureAwait(false);
        return new ItemCatalog(items);
    }

    public Item? Get(string id)
    {
        lock (_gate)
        {
            return _byId.GetValueOrDefault(id);
        }
    }

    /// <summary>Sellable items (not categories or bundles) with this SKU.</summary>
    public IReadOnlyList<Item> WithSku(string? sku)
    {
        lock (_gate)
        {
            return Lookup(_bySku, sku);
        }
    }

    /// <summary>Sellable items with this name.</summary>
    public IReadOnlyList<Item> WithName(string? name)
    {
        lock (_gate)
        {
            return Lookup(_byName, name);
        }
    }

    /// <summary>True when any item (of any type, active or not) has this name: QuickBooks names are unique among all of them.</summary>
    public bool NameTaken(string name)
    {
        lock (_gate)
        {
            return _names.Contains(MatchKeys.Normalize(name) ?? "");
        }
    }

    /// <summary>Adds or replaces an item (safe from several tasks at once).</summary>
    public void Add(Item item)
    {
        lock (_gate)
        {
            AddLocked(item);
        }
    }

    private void AddLocked(Item item)
    {
        if (item.Id is null)
        {
            return;
        }

        if (_byId.TryGetValue(item.Id, out var previous))
        {
            Remove(_bySku, previous.Sku, previous);
            Remove(_byName, previous.Name, previous);
        }

        _byId[item.Id] = item;
        if (MatchKeys.Normalize(item.Name) is { } name)
        {
            _names.Add(name);
        }

        if (item.Type is ItemTypes.Category or ItemTypes.Group)
        {
            return;
        }

        Index(_bySku, item.Sku, item);
        Index(_byName, item.Name, item);
    }

    private static IReadOnlyList<Item> Lookup(Dictionary<string, List<Item>> index, string? key) =>
        MatchKeys.Normalize(key) is { } k && index.TryGetValue(k, out var items) ? items.ToArray() : [];

    private static void Index(Dictionary<string, List<Item>> index, string? key, Item item)
    {
        if (MatchKeys.Normalize(key) is not { } k)
        {
            return;
        }

        if (!index.TryGetValue(k, out var list))
        {
            index[k] = list = [];
        }

        list.Add(item);
    }

    private static void Remove(Dictionary<string, List<Item>> index, string? key, Item item)
    {
        if (MatchKeys.Normalize(key) is { } k && index.TryGetValue(k, out var list))
        {
            list.RemoveAll(i => i.Id == item.Id);
        }
    }
}
