using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using StoreBooks.QuickBooks.Common;
using StoreBooks.QuickBooks.Entities;
using StoreBooks.QuickBooks.Http;
using StoreBooks.QuickBooks.Json;

namespace StoreBooks.QuickBooks.Queries;

/// <summary>One page of query results.</summary>
public sealed record QboQueryPage<T>(IReadOnlyList<T> Items, int StartPosition, int MaxResults);

/// <summary>
/// Runs queries (<c>POST /query</c>, a read: safe to retry). Pages with STARTPOSITION/MAXRESULTS until a short page,
/// and counts with <c>count(*)</c>. QBO answers an empty result with <c>{"QueryResponse":{}}</c>.
/// </summary>
public sealed class QboQueryService
{
    private readonly QboClient _client;

    internal QboQueryService(QboClient client) => _client = client;

    /// <summary>Every match, page after page (page size from <see cref="QboClientOptions.QueryPageSize"/>, at most 1000).</summary>
    public async IAsyncEnumerable<T> ListAsync<T>(QboQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        where T : QboEntity
    {
        var pageSize = Math.Clamp(_client.Options.QueryPageSize, 1, 1000);
        for (var start = 1; ; start += pageSize)
        {
            var page = await PageAsync<T>(query, start, pageSize, cancellationToken).ConfigureAwait(false);
            foreach (var item in page.Items)
            {
                yield return item;
            }

            if (page.Items.Count < pageSize)
            {
                yield break;
            }
        }
    }

    /// <summary>Every match in one list.</summary>
    public async Task<IReadOnlyList<T>> ListAllAsync<T>(QboQuery query, CancellationToken cancellationToken = default)
        where T : QboEntity
    {
        var all = new List<T>();
        await foreach (var item in ListAsync<T>(query, cancellationToken).ConfigureAwait(false))
        {
            all.Add(item);
        }

        return all;
    }

    /// <summary>One page: results <paramref name="startPosition"/> (1-based) onwards, at most <paramref name="maxResults"/>.</summary>
    public async Task<QboQueryPage<T>> PageAsync<T>(QboQuery query, int startPosition, int maxResults, CancellationToken cancellationToken = default)
        where T : QboEntity
    {
        ArgumentNullException.ThrowIfNull(query);
        var entityName = QboEntityNames.Of<T>();
        if (!string.Equals(entityName, query.Entity, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The query selects {query.Entity} but results were asked for as {entityName}.", nameof(query));
        }

        using var document = await RunAsync(query.ToSelect(startPosition, maxResults), query.Entity, cancellationToken).ConfigureAwait(false);
        var items = ReadList(document.RootElement.TryGetProperty("QueryResponse", out var response) ? response : default, entityName, QboJson.TypeInfo<T>());
        return new QboQueryPage<T>(items, startPosition, maxResults);
    }

    /// <summary>How many records match (<c>SELECT COUNT(*)</c>; answered as <c>QueryResponse.totalCount</c>).</summary>
    public async Task<int> CountAsync(QboQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        using var document = await RunAsync(query.ToCount(), query.Entity, cancellationToken).ConfigureAwait(false);
        return document.RootElement.TryGetProperty("QueryResponse", out var response)
            && response.ValueKind == JsonValueKind.Object
            && response.TryGetProperty("totalCount", out var total)
            ? total.GetInt32()
            : 0;
    }

    internal static IReadOnlyList<T> ReadList<T>(JsonElement queryResponse, string entityName, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo)
    {
        if (queryResponse.ValueKind != JsonValueKind.Object || !queryResponse.TryGetProperty(entityName, out var list) || list.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        var items = new List<T>(list.GetArrayLength());
        foreach (var element in list.EnumerateArray())
        {
            items.Add(element.Deserialize(typeInfo)!);
        }

        return items;
    }

    private Task<JsonDocument> RunAsync(string text, string entity, CancellationToken cancellationToken)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/text");
        return _client.SendAsync(HttpMethod.Post, "query", null, content, new QboCall(_client.RealmId, entity, "query", IsRead: true, null), cancellationToken);
    }
}
