using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using StoreBooks.QuickBooks.Errors;
using StoreBooks.QuickBooks.Http;

namespace StoreBooks.QuickBooks.Batch;

/// <summary>
/// Sends operations through <c>POST /batch</c>, at most 30 per call (larger lists are split into calls), and matches each
/// result or fault to its operation by bId. A batch with writes needs a requestid; each call of a split batch gets its
/// own id derived from it, so retrying the whole list replays the same calls.
/// </summary>
public sealed class QboBatchService
{
    /// <summary>QBO's limit of items per batch call.</summary>
    public const int MaxItemsPerCall = 30;

    private readonly QboClient _client;

    internal QboBatchService(QboClient client) => _client = client;

    /// <summary>Runs <paramref name="operations"/> and returns one result per operation, in the same order.</summary>
    /// <param name="options">Required when any operation writes; the requestid is at most 36 characters.</param>
    public async Task<IReadOnlyList<QboBatchResult>> ExecuteAsync(IReadOnlyList<QboBatchOperation> operations, QboRequestOptions? options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operations);
        var writes = operations.Any(o => !o.IsQuery);
        if (writes && options is null)
        {
            throw new ArgumentException("A batch with create, update, delete or void operations needs QboRequestOptions with a requestid, so a retry cannot write twice.", nameof(options));
        }

        var bIds = AssignBIds(operations);
        var requestId = options?.Validated(36);
        var results = new List<QboBatchResult>(operations.Count);
        var chunks = (operations.Count + MaxItemsPerCall - 1) / MaxItemsPerCall;
        for (var chunk = 0; chunk < chunks; chunk++)
        {
            var from = chunk * MaxItemsPerCall;
            var count = Math.Min(MaxItemsPerCall, operations.Count - from);
            var chunkRequestId = requestId is null ? null : chunks == 1 ? requestId : DeriveRequestId(requestId, chunk);
            results.AddRange(await SendChunkAsync(operations, bIds, from, count, chunkRequestId, cancellationToken).ConfigureAwait(false));
        }

        return results;
    }

    /// <summary>
    /// Sends batch items exactly as given (<c>BatchItemRequest</c>, at most 30) under <paramref name="requestId"/> and answers
    /// each by its bId: how a batch whose composition was saved before it was sent is sent again after a crash or a lost reply,
    /// so QuickBooks replays its first answer instead of writing twice. An item with no answer gets a system fault.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, QboBatchAnswer>> SendAsync(JsonArray items, string requestId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentException.ThrowIfNullOrEmpty(requestId);
        if (items.Count is 0 or > MaxItemsPerCall)
        {
            throw new ArgumentException($"A batch call holds 1 to {MaxItemsPerCall} items; this one has {items.Count}.", nameof(items));
        }

        var bIds = items.Select(i => (string?)i?["bId"] ?? throw new ArgumentException("Every batch item needs a bId.", nameof(items))).ToList();
        var answers = await PostAsync(items.DeepClone().AsArray(), isRead: false, requestId, cancellationToken).ConfigureAwait(false);
        return bIds.ToDictionary(b => b, b => Answer(b, "batch item", answers), StringComparer.Ordinal);
    }

    private async Task<IReadOnlyList<QboBatchResult>> SendChunkAsync(IReadOnlyList<QboBatchOperation> operations, string[] bIds, int from, int count, string? requestId, CancellationToken cancellationToken)
    {
        var items = new JsonArray();
        var isRead = true;
        for (var i = from; i < from + count; i++)
        {
            items.Add(operations[i].ToJson(bIds[i]));
            isRead &= operations[i].IsQuery;
        }

        var byBId = await PostAsync(items, isRead, requestId, cancellationToken).ConfigureAwait(false);
        var results = new List<QboBatchResult>(count);
        for (var i = from; i < from + count; i++)
        {
            var operation = operations[i];
            var what = operation.IsQuery ? $"batch query {operation.EntityName}" : $"batch {operation.Operation} {operation.EntityName}";
            var answer = Answer(bIds[i], what, byBId);
            results.Add(new QboBatchResult(bIds[i], operation, answer.Item, answer.Error));
        }

        return results;
    }

    private async Task<Dictionary<string, JsonElement>> PostAsync(JsonArray items, bool isRead, string? requestId, CancellationToken cancellationToken)
    {
        var count = items.Count;
        var body = new JsonObject { ["BatchItemRequest"] = items };
        using var document = await _client.SendAsync(
            HttpMethod.Post, "batch", null, QboClient.JsonContent(body),
            new QboCall(_client.RealmId, "Batch", $"batch request of {count} operation{(count == 1 ? "" : "s")}", isRead, isRead ? null : requestId),
            cancellationToken).ConfigureAwait(false);

        var byBId = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (document.RootElement.TryGetProperty("BatchItemResponse", out var responses) && responses.ValueKind == JsonValueKind.Array)
        {
            foreach (var response in responses.EnumerateArray())
            {
                if (response.TryGetProperty("bId", out var bId) && bId.GetString() is { } id)
                {
                    byBId[id] = response.Clone();
                }
            }
        }

        return byBId;
    }

    private static QboBatchAnswer Answer(string bId, string what, Dictionary<string, JsonElement> byBId)
    {
        if (!byBId.TryGetValue(bId, out var item))
        {
            var missing = new QboSystemException(what, 200, new QboFault(null, [new QboError(null, "No result for this batch item", $"QBO's batch response has no item with bId {bId}.", null)]), null);
            return new QboBatchAnswer(bId, default, missing);
        }

        QboException? error = null;
        if (item.TryGetProperty("Fault", out var faultElement))
        {
            var fault = QboFaultReader.ReadFault(faultElement);
            error = QboException.Create(QboErrorClassifier.Classify(200, fault.Errors.FirstOrDefault()?.NumericCode), what, 200, fault, null);
        }

        return new QboBatchAnswer(bId, item, error);
    }

    private static string[] AssignBIds(IReadOnlyList<QboBatchOperation> operations)
    {
        var bIds = new string[operations.Count];
        var used = new HashSet<string>(operations.Where(o => o.BId is not null).Select(o => o.BId!), StringComparer.Ordinal);
        if (used.Count != operations.Count(o => o.BId is not null))
        {
            throw new ArgumentException("Batch operations must have distinct bIds.", nameof(operations));
        }

        var next = 0;
        for (var i = 0; i < operations.Count; i++)
        {
            var bId = operations[i].BId;
            if (bId is null)
            {
                do
                {
                    bId = "b" + next++;
                }
                while (used.Contains(bId));
                used.Add(bId);
            }
            else if (bId.Length > 10)
            {
                throw new ArgumentException($"QBO accepts bIds of at most 10 characters with a requestid; '{bId}' is longer.", nameof(operations));
            }

            bIds[i] = bId;
        }

        return bIds;
    }

    /// <summary>A stable requestid for one call of a split batch: 32 hex characters from the caller's id and the call's index.</summary>
    internal static string DeriveRequestId(string requestId, int chunk)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{requestId}/{chunk}"));
        return Convert.ToHexStringLower(hash)[..32];
    }
}
