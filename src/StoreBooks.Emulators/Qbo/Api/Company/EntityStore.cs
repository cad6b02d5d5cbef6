using System.Text.Json.Nodes;

namespace StoreBooks.Emulators.Qbo.Api.Company;

/// <summary>
/// One realm's entities by type and id, with the unique-key index (names, DocNumbers) and the deletions CDC reports.
/// Not thread-safe: callers hold the company's lock.
/// </summary>
internal sealed class EntityStore
{
    private readonly Dictionary<string, SortedDictionary<string, EntityRecord>> _tables = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<(string Entity, string Id)>> _unique = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Entity, string Id), string[]> _keysOf = [];
    private readonly Func<string, JsonObject, IEnumerable<string>> _uniqueKeys;

    /// <param name="uniqueKeys">The unique keys of an entity (e.g. <c>Names|amy's bird sanctuary</c>); must be deterministic.</param>
    public EntityStore(Func<string, JsonObject, IEnumerable<string>> uniqueKeys) => _uniqueKeys = uniqueKeys;

    public List<Tombstone> Deleted { get; } = [];

    public IEnumerable<string> EntityNames => _tables.Keys;

    public EntityRecord? Get(string entity, string id) =>
        _tables.TryGetValue(entity, out var table) && table.TryGetValue(id, out var record) ? record : null;

    public IEnumerable<EntityRecord> All(string entity) =>
        _tables.TryGetValue(entity, out var table) ? table.Values : [];

    public int Count(string entity) => _tables.TryGetValue(entity, out var table) ? table.Count : 0;

    public void Put(string entity, EntityRecord record)
    {
        if (!_tables.TryGetValue(entity, out var table))
        {
            table = new SortedDictionary<string, EntityRecord>(IdComparer.Instance);
            _tables[entity] = table;
        }

        table[record.Id] = record;
        Reindex(entity, record.Id, record.Json);
    }

    public void Remove(string entity, string id, DateTimeOffset at)
    {
        if (_tables.TryGetValue(entity, out var table) && table.Remove(id))
        {
            Reindex(entity, id, null);
            Deleted.Add(new Tombstone(entity, id, at));
        }
    }

    /// <summary>Who holds a unique key other than <paramref name="self"/>, if anyone (duplicate DocNumbers may be allowed, so several can).</summary>
    public (string Entity, string Id)? Holder(string key, (string Entity, string Id)? self = null)
    {
        if (!_unique.TryGetValue(key, out var holders))
        {
            return null;
        }

        foreach (var h in holders)
        {
            if (self is null || h != self.Value)
            {
                return h;
            }
        }

        return null;
    }

    private void Reindex(string entity, string id, JsonObject? json)
    {
        if (_keysOf.Remove((entity, id), out var old))
        {
            foreach (var key in old)
            {
                if (_unique.TryGetValue(key, out var holders))
                {
                    holders.Remove((entity, id));
                    if (holders.Count == 0)
                    {
                        _unique.Remove(key);
                    }
                }
            }
        }

        if (json is null)
        {
            return;
        }

        var keys = _uniqueKeys(entity, json).ToArray();
        if (keys.Length == 0)
        {
            return;
        }

        _keysOf[(entity, id)] = keys;
        foreach (var key in keys)
        {
            if (!_unique.TryGetValue(key, out var holders))
            {
                holders = [];
                _unique[key] = holders;
            }

            holders.Add((entity, id));
        }
    }
}
