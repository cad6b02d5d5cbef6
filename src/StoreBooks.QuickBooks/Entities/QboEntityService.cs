using System.Text.Json;
using System.Text.Json.Nodes;
using StoreBooks.QuickBooks.Common;

namespace StoreBooks.QuickBooks.Entities;

/// <summary>Creating and updating one kind of entity. Every write takes the caller's <see cref="QboRequestOptions"/> (requestid).</summary>
public class QboEntityService<T> : QboReadService<T>
    where T : QboEntity
{
    internal QboEntityService(QboClient client)
        : base(client)
    {
    }

    /// <summary>Creates the object (<c>POST /{entity}</c>) and returns it as QBO stored it (Id, SyncToken, totals).</summary>
    public Task<T> CreateAsync(T entity, QboRequestOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entity);
        ArgumentNullException.ThrowIfNull(options);
        return WriteAsync("create", QboClient.JsonContent(entity, TypeInfo), null, options, cancellationToken);
    }

    /// <summary>
    /// Full update: every writable field not sent is cleared by QBO. Needs Id and the current SyncToken (5010 otherwise).
    /// Fields read but not modelled are sent back as they were.
    /// </summary>
    public Task<T> UpdateAsync(T entity, QboRequestOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entity);
        RequireIdentity(entity.Id, entity.SyncToken, "update");
        var node = JsonSerializer.SerializeToNode(entity, TypeInfo)!.AsObject();
        node["sparse"] = false;
        return WriteAsync("update", QboClient.JsonContent(node), null, options, cancellationToken);
    }

    /// <summary>Sparse update: only the fields set on <paramref name="changes"/> (plus Id and SyncToken) change.</summary>
    public Task<T> SparseUpdateAsync(T changes, QboRequestOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        RequireIdentity(changes.Id, changes.SyncToken, "sparse update");
        var node = JsonSerializer.SerializeToNode(changes, TypeInfo)!.AsObject();
        node["sparse"] = true;
        return WriteAsync("sparse update", QboClient.JsonContent(node), null, options, cancellationToken);
    }

    internal async Task<T> WriteAsync(string operation, HttpContent content, IEnumerable<KeyValuePair<string, string>>? query, QboRequestOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var requestId = options.Validated();
        using var document = await Client.SendAsync(HttpMethod.Post, Path, query, content, Call(operation, isRead: false, requestId), cancellationToken).ConfigureAwait(false);
        return QboClient.ReadEntity(document.RootElement, TypeInfo, EntityName, $"{operation} {EntityName}");
    }

    internal JsonObject Identity(string id, string syncToken) => new() { ["Id"] = id, ["SyncToken"] = syncToken };

    internal void RequireIdentity(string? id, string? syncToken, string operation)
    {
        if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(syncToken))
        {
            throw new ArgumentException($"A {EntityName} {operation} needs its Id and current SyncToken (read the {EntityName} first).");
        }
    }
}

/// <summary>Name-list entities (Item, Account, Customer, PaymentMethod): never deleted, only made inactive.</summary>
public class QboNameListService<T> : QboEntityService<T>
    where T : QboEntity
{
    internal QboNameListService(QboClient client)
        : base(client)
    {
    }

    /// <summary>Makes the object inactive (QBO renames it with a " (deleted)" suffix, freeing the name).</summary>
    public Task<T> DeactivateAsync(string id, string syncToken, QboRequestOptions options, CancellationToken cancellationToken = default)
    {
        RequireIdentity(id, syncToken, "deactivation");
        var node = Identity(id, syncToken);
        node["sparse"] = true;
        node["Active"] = false;
        return WriteAsync("deactivate", QboClient.JsonContent(node), null, options, cancellationToken);
    }
}

/// <summary>How a transaction type is voided, if at all.</summary>
public enum QboVoidStyle
{
    /// <summary>Not voidable through the API (delete it instead).</summary>
    None,

    /// <summary><c>POST /{entity}?operation=void</c> with Id and SyncToken (Invoice).</summary>
    OperationVoid,

    /// <summary><c>POST /{entity}?operation=update&amp;include=void</c> with a sparse Id and SyncToken (SalesReceipt, Payment).</summary>
    SparseUpdateIncludeVoid,
}

/// <summary>Transactions: can also be deleted, and some voided (kept with zero amounts, "Voided" in the memo).</summary>
public sealed class QboTransactionService<T> : QboEntityService<T>
    where T : QboEntity
{
    private readonly QboVoidStyle _voidStyle;

    internal QboTransactionService(QboClient client, QboVoidStyle voidStyle)
        : base(client) => _voidStyle = voidStyle;

    public bool CanVoid => _voidStyle != QboVoidStyle.None;

    /// <summary>Deletes the transaction; the answer carries only Id and <c>status: "Deleted"</c>.</summary>
    public Task<T> DeleteAsync(string id, string syncToken, QboRequestOptions options, CancellationToken cancellationToken = default)
    {
        RequireIdentity(id, syncToken, "delete");
        return WriteAsync("delete", QboClient.JsonContent(Identity(id, syncToken)), [new("operation", "delete")], options, cancellationToken);
    }

    /// <summary>Voids the transaction.</summary>
    public Task<T> VoidAsync(string id, string syncToken, QboRequestOptions options, CancellationToken cancellationToken = default)
    {
        RequireIdentity(id, syncToken, "void");
        switch (_voidStyle)
        {
            case QboVoidStyle.OperationVoid:
                return WriteAsync("void", QboClient.JsonContent(Identity(id, syncToken)), [new("operation", "void")], options, cancellationToken);
            case QboVoidStyle.SparseUpdateIncludeVoid:
                var node = Identity(id, syncToken);
                node["sparse"] = true;
                return WriteAsync("void", QboClient.JsonContent(node), [new("operation", "update"), new("include", "void")], options, cancellationToken);
            default:
                throw new NotSupportedException($"QBO does not void a {EntityName} through the API; delete it instead.");
        }
    }
}
