using System.Text.Json;
using StoreBooks.QuickBooks.Common;
using StoreBooks.QuickBooks.Entities;
using StoreBooks.QuickBooks.Errors;
using StoreBooks.QuickBooks.Json;
using StoreBooks.QuickBooks.Queries;

namespace StoreBooks.QuickBooks.Batch;

/// <summary>
/// The result of one batch item, matched by bId: the entity QBO returned, the query's rows, or the item's own fault
/// (a typed <see cref="QboException"/>, not thrown: the other items may have succeeded).
/// </summary>
public sealed class QboBatchResult
{
    private readonly JsonElement _item;

    internal QboBatchResult(string bId, QboBatchOperation operation, JsonElement item, QboException? error)
    {
        BId = bId;
        Operation = operation;
        _item = item;
        Error = error;
    }

    public string BId { get; }

    public QboBatchOperation Operation { get; }

    /// <summary>The item's fault (6240, 5010, 610...), or null when it succeeded.</summary>
    public QboException? Error { get; }

    public bool Succeeded => Error is null;

    /// <summary>The entity the item created, updated or deleted.</summary>
    public T GetEntity<T>() where T : QboEntity
    {
        if (Error is not null)
        {
            throw Error;
        }

        var name = QboEntityNames.Of<T>();
        if (!_item.TryGetProperty(name, out var element))
        {
            throw new InvalidOperationException($"Batch item {BId} holds no {name}.");
        }

        return element.Deserialize(QboJson.TypeInfo<T>())!;
    }

    /// <summary>The rows a query item returned.</summary>
    public IReadOnlyList<T> GetQueryResults<T>() where T : QboEntity
    {
        if (Error is not null)
        {
            throw Error;
        }

        return QboQueryService.ReadList(_item.TryGetProperty("QueryResponse", out var response) ? response : default, QboEntityNames.Of<T>(), QboJson.TypeInfo<T>());
    }
}

/// <summary>QuickBooks' answer to one item of a batch sent as raw items (<see cref="QboBatchService.SendAsync"/>): the entity, or the item's own fault.</summary>
public sealed class QboBatchAnswer
{
    internal QboBatchAnswer(string bId, JsonElement item, QboException? error)
    {
        BId = bId;
        Item = item;
        Error = error;
    }

    public string BId { get; }

    /// <summary>The item's fault, or null when it succeeded.</summary>
    public QboException? Error { get; }

    internal JsonElement Item { get; }

    /// <summary>The entity the item wrote; throws the item's fault when it failed.</summary>
    public T GetEntity<T>() where T : QboEntity
    {
        if (Error is not null)
        {
            throw Error;
        }

        var name = QboEntityNames.Of<T>();
        return Item.TryGetProperty(name, out var element)
            ? element.Deserialize(QboJson.TypeInfo<T>())!
            : throw new InvalidOperationException($"Batch item {BId} holds no {name}.");
    }

    /// <summary>The Id and SyncToken of the entity the item wrote, whatever its type; throws the item's fault when it failed.</summary>
    public (string Id, string? SyncToken) GetIds()
    {
        if (Error is not null)
        {
            throw Error;
        }

        foreach (var property in Item.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Object && p.Name != "Fault"))
        {
            if (property.Value.TryGetProperty("Id", out var id) && id.GetString() is { } value)
            {
                return (value, property.Value.TryGetProperty("SyncToken", out var token) ? token.GetString() : null);
            }
        }

        throw new InvalidOperationException($"Batch item {BId} holds no entity with an Id.");
    }
}
