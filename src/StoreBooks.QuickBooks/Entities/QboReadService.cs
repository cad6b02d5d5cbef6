using System.Text.Json.Serialization.Metadata;
using StoreBooks.QuickBooks.Common;
using StoreBooks.QuickBooks.Http;
using StoreBooks.QuickBooks.Json;
using StoreBooks.QuickBooks.Queries;

namespace StoreBooks.QuickBooks.Entities;

/// <summary>Reading one kind of entity: by Id, or by query (all pages).</summary>
public class QboReadService<T>
    where T : QboEntity
{
    internal QboReadService(QboClient client)
    {
        Client = client;
        EntityName = QboEntityNames.Of<T>();
        TypeInfo = QboJson.TypeInfo<T>();
        Path = EntityName.ToLowerInvariant();
    }

    /// <summary>QBO's entity name ("SalesReceipt").</summary>
    public string EntityName { get; }

    internal QboClient Client { get; }

    internal JsonTypeInfo<T> TypeInfo { get; }

    /// <summary>The URL segment ("salesreceipt").</summary>
    internal string Path { get; }

    /// <summary>The object with this Id; <see cref="Errors.QboNotFoundException"/> when there is none.</summary>
    public async Task<T> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        using var document = await Client.SendAsync(HttpMethod.Get, $"{Path}/{Uri.EscapeDataString(id)}", null, null, Call("read", isRead: true, null), cancellationToken).ConfigureAwait(false);
        return QboClient.ReadEntity(document.RootElement, TypeInfo, EntityName, $"read {EntityName}");
    }

    /// <summary>A query on this entity: <c>client.Items.Where().WhereEquals("Sku", sku)</c>.</summary>
    public QboQuery Where() => QboQuery.From(EntityName);

    /// <summary>Every object the query matches, fetched page by page.</summary>
    public IAsyncEnumerable<T> QueryAsync(QboQuery query, CancellationToken cancellationToken = default) =>
        Client.Query.ListAsync<T>(query, cancellationToken);

    /// <summary>The first object the query matches, or null.</summary>
    public async Task<T?> FindAsync(QboQuery query, CancellationToken cancellationToken = default)
    {
        var page = await Client.Query.PageAsync<T>(query, 1, 1, cancellationToken).ConfigureAwait(false);
        return page.Items.Count > 0 ? page.Items[0] : null;
    }

    /// <summary>How many objects the query matches (<c>select count(*)</c>).</summary>
    public Task<int> CountAsync(QboQuery? query = null, CancellationToken cancellationToken = default) =>
        Client.Query.CountAsync(query ?? Where(), cancellationToken);

    internal QboCall Call(string operation, bool isRead, string? requestId) => new(Client.RealmId, EntityName, operation, isRead, requestId);
}
