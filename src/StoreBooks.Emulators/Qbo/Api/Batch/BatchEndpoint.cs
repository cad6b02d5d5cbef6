using System.Text.Json.Nodes;
using StoreBooks.Emulators.Qbo.Api.Entities;
using StoreBooks.Emulators.Qbo.Api.Faults;
using StoreBooks.Emulators.Qbo.Api.Http;
using StoreBooks.Emulators.Qbo.Api.Json;
using StoreBooks.Emulators.Qbo.Api.Query;
using StoreBooks.Emulators.Qbo.Api.Writes;

namespace StoreBooks.Emulators.Qbo.Api.Batch;

/// <summary>
/// <c>POST /batch</c>: up to 30 items (more is 1040), each with a unique <c>bId</c>, each a create, update, delete, void
/// (<c>"operation":"update","optionsData":"void"</c>) or query. The answer is a 200 whose items carry their entity,
/// their QueryResponse or their own Fault.
/// <para>
/// No item sees another item's result: every item is validated and computed against the realm as it was when the batch
/// began (queries run against that state too), then the writes are committed in request order. When two items touch the
/// same entity, the first commits and the second fails as it would against the changed entity: an update, delete or void
/// gets 5010 Stale Object Error (its SyncToken is no longer current) or 610 when the entity is gone; a create or update
/// whose name or DocNumber an earlier item took gets 6240 or 6140. Effects on other entities (invoice balances, stock,
/// customer balances) are applied at commit, so they add up.
/// </para>
/// </summary>
internal static class BatchEndpoint
{
    /// <summary>Intuit's blog: with a requestid, the batch's requestid is at most 36 characters.</summary>
    public const int MaxBatchRequestIdLength = 36;

    private static readonly string[] ItemKeys = ["bId", "operation", "optionsData"];

    public static async Task HandleAsync(ApiCall call)
    {
        var text = await RequestBody.ReadTextAsync(call.Http.Request, call.Company.Options.MaxRequestBodyBytes).ConfigureAwait(false);
        await EntityEndpoints.ReplayableAsync(call, text, () => Run(call, RequestBody.ParseObject(text)), MaxBatchRequestIdLength).ConfigureAwait(false);
    }

    private static (JsonObject Body, List<QboEntityChange> Changes) Run(ApiCall call, JsonObject body)
    {
        foreach (var (key, _) in body)
        {
            if (key != "BatchItemRequest")
            {
                throw Fault.UnsupportedProperty(
                    $"Unrecognized field \"{key}\" (class com.intuit.schema.finance.v3.IntuitBatchRequest), not marked as ignorable (1 known properties: \"BatchItemRequest\"])\n");
            }
        }

        var items = body["BatchItemRequest"] as JsonArray ?? throw Fault.RequiredParam("BatchItemRequest");
        var max = call.Company.Options.MaxBatchItems;
        if (items.Count > max)
        {
            throw Fault.BatchTooLarge(items.Count, max);
        }

        var bIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var bId = (item as JsonObject)?.Str("bId");
            if (string.IsNullOrEmpty(bId))
            {
                throw Fault.RequiredParam("bId", "Required parameter BatchItemRequest.bId is missing in the request");
            }

            if (!bIds.Add(bId))
            {
                // [U] Intuit's SDKs refuse duplicate bIds before sending; the server's answer is not recorded.
                throw Fault.Business($"bId \"{bId}\" is used by more than one BatchItemRequest; every bId in a batch must be unique.", "bId");
            }
        }

        var company = call.Company;
        var results = new JsonObject?[items.Count];
        var prepared = new PreparedWrite?[items.Count];
        var names = new string[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            var item = (JsonObject)items[i]!;
            try
            {
                if (item.Str("Query") is { } query)
                {
                    results[i] = new JsonObject { ["QueryResponse"] = QueryEvaluator.Run(company, QueryParser.Parse(query)) };
                    continue;
                }

                var (entity, request) = WriteOf(item);
                names[i] = entity.Name;
                prepared[i] = WriteEngine.Prepare(company, request);
            }
            catch (QboFaultException fault)
            {
                results[i] = new JsonObject { ["Fault"] = fault.Fault.FaultObject() };
            }
        }

        var changes = new List<QboEntityChange>();
        for (var i = 0; i < items.Count; i++)
        {
            if (prepared[i] is not { } write)
            {
                continue;
            }

            try
            {
                results[i] = new JsonObject { [names[i]] = WriteEngine.Commit(company, write, changes) };
            }
            catch (QboFaultException fault)
            {
                results[i] = new JsonObject { ["Fault"] = fault.Fault.FaultObject() };
            }
        }

        var response = new JsonArray();
        for (var i = 0; i < items.Count; i++)
        {
            var result = results[i]!;
            result["bId"] = ((JsonObject)items[i]!).Str("bId");
            response.Add(result);
        }

        return (call.Envelope("BatchItemResponse", response), changes);
    }

    private static (EntityDefinition Entity, WriteRequest Request) WriteOf(JsonObject item)
    {
        var entityKeys = item.Where(p => !ItemKeys.Contains(p.Key)).ToList();
        if (entityKeys.Count != 1 || entityKeys[0].Value is not JsonObject body)
        {
            var unknown = entityKeys.Count == 0 ? "(none)" : entityKeys[0].Key;
            throw Fault.UnsupportedProperty(
                $"Unrecognized field \"{unknown}\" (class com.intuit.schema.finance.v3.BatchItemRequest): a batch item needs exactly one entity object (or a Query) besides bId, operation and optionsData\n");
        }

        var entity = EntityCatalog.All.FirstOrDefault(e => e.Name == entityKeys[0].Key)
            ?? throw Fault.UnsupportedProperty(
                $"Unrecognized field \"{entityKeys[0].Key}\" (class com.intuit.schema.finance.v3.BatchItemRequest), not marked as ignorable\n");
        var operation = item.Str("operation")?.ToLowerInvariant() ?? throw Fault.RequiredParam("operation", "Required parameter BatchItemRequest.operation is missing in the request");
        var options = (item.Str("optionsData") ?? "").ToLowerInvariant();
        var kind = operation switch
        {
            "create" => WriteKind.Create,
            "update" when options.Contains("void", StringComparison.Ordinal) => WriteKind.Void,
            "update" => WriteKind.Update,
            "delete" => WriteKind.Delete,
            "void" => WriteKind.Void,
            _ => throw Fault.InvalidEnumeration("operation", operation, ["create", "update", "delete"]),
        };
        if (kind == WriteKind.Update && body.Str("Id") is null)
        {
            throw Fault.RequiredParam("Id");
        }

        return (entity, new WriteRequest(entity, kind, body, options.Contains("allowduplicatedocnum", StringComparison.Ordinal)));
    }
}
