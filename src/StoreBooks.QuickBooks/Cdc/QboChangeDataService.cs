using System.Globalization;
using System.Text.Json;
using StoreBooks.QuickBooks.Common;
using StoreBooks.QuickBooks.Entities;
using StoreBooks.QuickBooks.Http;
using StoreBooks.QuickBooks.Json;
using StoreBooks.QuickBooks.Queries;

namespace StoreBooks.QuickBooks.Cdc;

/// <summary>The objects changed since a time, per entity; deleted ones carry only Id and <c>status: "Deleted"</c>.</summary>
public sealed class QboChangeSet
{
    private readonly Dictionary<string, JsonElement> _byEntity;

    internal QboChangeSet(Dictionary<string, JsonElement> byEntity) => _byEntity = byEntity;

    /// <summary>Entity names present in the answer.</summary>
    public IReadOnlyCollection<string> Entities => _byEntity.Keys;

    /// <summary>All changed objects of one entity, deleted ones included.</summary>
    public IReadOnlyList<T> Get<T>() where T : QboEntity
    {
        var name = QboEntityNames.Of<T>();
        if (!_byEntity.TryGetValue(name, out var queryResponse))
        {
            return [];
        }

        return QboQueryService.ReadList(queryResponse, name, QboJson.TypeInfo<T>());
    }

    /// <summary>Ids of the deleted objects of one entity.</summary>
    public IReadOnlyList<string> DeletedIds<T>() where T : QboEntity =>
        Get<T>().Where(e => string.Equals(e.Status, "Deleted", StringComparison.OrdinalIgnoreCase)).Select(e => e.Id!).ToList();
}

/// <summary>Change data capture (<c>GET /cdc?entities=…&amp;changedSince=…</c>): up to 30 days back, at most 1000 objects.</summary>
public sealed class QboChangeDataService
{
    private readonly QboClient _client;

    internal QboChangeDataService(QboClient client) => _client = client;

    public async Task<QboChangeSet> GetChangesAsync(IEnumerable<string> entityNames, DateTimeOffset changedSince, CancellationToken cancellationToken = default)
    {
        var names = entityNames.ToList();
        if (names.Count == 0)
        {
            throw new ArgumentException("Name at least one entity for change data capture.", nameof(entityNames));
        }

        using var document = await _client.SendAsync(
            HttpMethod.Get,
            "cdc",
            [new("entities", string.Join(',', names)), new("changedSince", changedSince.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture))],
            null,
            new QboCall(_client.RealmId, string.Join(',', names), "cdc", IsRead: true, null),
            cancellationToken).ConfigureAwait(false);

        var byEntity = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (document.RootElement.TryGetProperty("CDCResponse", out var cdc) && cdc.ValueKind == JsonValueKind.Array)
        {
            foreach (var block in cdc.EnumerateArray())
            {
                if (!block.TryGetProperty("QueryResponse", out var responses) || responses.ValueKind != JsonValueKind.Array)
                {
                    continue;
                }

                foreach (var response in responses.EnumerateArray())
                {
                    foreach (var property in response.EnumerateObject())
                    {
                        if (property.Value.ValueKind == JsonValueKind.Array)
                        {
                            byEntity[property.Name] = response.Clone();
                        }
                    }
                }
            }
        }

        return new QboChangeSet(byEntity);
    }

    /// <summary>Typed overload: the entity names of the given types.</summary>
    public Task<QboChangeSet> GetChangesAsync(DateTimeOffset changedSince, CancellationToken cancellationToken, params Type[] entityTypes) =>
        GetChangesAsync(entityTypes.Select(QboEntityNames.Of), changedSince, cancellationToken);
}
