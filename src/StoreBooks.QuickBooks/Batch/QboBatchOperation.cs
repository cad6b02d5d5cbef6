using System.Text.Json;
using System.Text.Json.Nodes;
using StoreBooks.QuickBooks.Common;
using StoreBooks.QuickBooks.Entities;
using StoreBooks.QuickBooks.Json;
using StoreBooks.QuickBooks.Queries;

namespace StoreBooks.QuickBooks.Batch;

/// <summary>
/// One item of a batch call: create, update, delete or void an entity, or run a query. <see cref="BId"/> matches the
/// item to its result (assigned when left null; at most 10 characters).
/// </summary>
public sealed record QboBatchOperation
{
    private QboBatchOperation(string operation, string entityName, Type? entityType, JsonObject? payload, string? query, string? optionsData, string? bId)
    {
        Operation = operation;
        EntityName = entityName;
        EntityType = entityType;
        Payload = payload;
        Query = query;
        OptionsData = optionsData;
        BId = bId;
    }

    /// <summary>create, update, delete, or query.</summary>
    public string Operation { get; }

    public string EntityName { get; }

    public Type? EntityType { get; }

    /// <summary>The item's own id within the batch.</summary>
    public string? BId { get; init; }

    public string? Query { get; }

    /// <summary>"void" for a void done as an update.</summary>
    public string? OptionsData { get; }

    internal JsonObject? Payload { get; }

    public bool IsQuery => Operation == "query";

    public static QboBatchOperation Create<T>(T entity, string? bId = null) where T : QboEntity => Of("create", entity, bId);

    /// <summary>A full update (sparse when <paramref name="sparse"/>).</summary>
    public static QboBatchOperation Update<T>(T entity, bool sparse = false, string? bId = null) where T : QboEntity
    {
        var operation = Of("update", entity, bId);
        operation.Payload!["sparse"] = sparse;
        return operation;
    }

    public static QboBatchOperation Delete<T>(string id, string syncToken, string? bId = null) where T : QboEntity =>
        new("delete", QboEntityNames.Of<T>(), typeof(T), new JsonObject { ["Id"] = id, ["SyncToken"] = syncToken }, null, null, bId);

    /// <summary>A void sent as <c>operation: update, optionsData: void</c> (SalesReceipt, Payment, Invoice).</summary>
    public static QboBatchOperation Void<T>(string id, string syncToken, string? bId = null) where T : QboEntity =>
        new("update", QboEntityNames.Of<T>(), typeof(T), new JsonObject { ["Id"] = id, ["SyncToken"] = syncToken, ["sparse"] = true }, null, "void", bId);

    public static QboBatchOperation Select(QboQuery query, string? bId = null)
    {
        ArgumentNullException.ThrowIfNull(query);
        return new("query", query.Entity, null, null, query.ToSelect(), null, bId);
    }

    /// <summary>The item as it goes in <c>BatchItemRequest</c>, under its <see cref="BId"/> (which must be set).</summary>
    public JsonObject ToItem() => ToJson(BId ?? throw new InvalidOperationException("A batch item needs its bId set to be written out."));

    internal JsonObject ToJson(string bId)
    {
        var item = new JsonObject { ["bId"] = bId };
        if (IsQuery)
        {
            item["Query"] = Query;
            return item;
        }

        item["operation"] = Operation;
        if (OptionsData is not null)
        {
            item["optionsData"] = OptionsData;
        }

        item[EntityName] = Payload!.DeepClone();
        return item;
    }

    private static QboBatchOperation Of<T>(string operation, T entity, string? bId) where T : QboEntity
    {
        ArgumentNullException.ThrowIfNull(entity);
        var payload = JsonSerializer.SerializeToNode(entity, QboJson.TypeInfo<T>())!.AsObject();
        return new QboBatchOperation(operation, QboEntityNames.Of<T>(), typeof(T), payload, null, null, bId);
    }
}
