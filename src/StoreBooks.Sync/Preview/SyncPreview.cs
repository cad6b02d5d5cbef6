using System.Text.Json.Serialization;
using StoreBooks.Core.Messages;
using StoreBooks.Core.Sources;
using StoreBooks.QuickBooks;
using StoreBooks.QuickBooks.Http;
using StoreBooks.Sync.Sales;

namespace StoreBooks.Sync.Preview;

/// <summary>An order the next sync would not post, and why, in the merchant's words.</summary>
public sealed record PreviewHold(string Order, OrderResult Result, string Reason)
{
    /// <summary><see cref="Reason"/> with its code and arguments, to show it in the reader's language; null when it has none.</summary>
    [JsonIgnore]
    public SyncMessage? Detail { get; init; }
}

/// <summary>A record the next sync would create so that its documents can post: a customer, an item, a payment method, an account.</summary>
public sealed record PreviewRecord(string Entity, string Name);

/// <summary>What the next sync would do, changing nothing: the documents it would post, the records it would create, the orders it would hold back.</summary>
public sealed record PreviewReport(
    IReadOnlyList<PreviewDocument> Documents,
    IReadOnlyList<PreviewRecord> NewRecords,
    IReadOnlyList<PreviewHold> Held,
    int OrdersRead,
    bool MoreOrders,
    string? Error);

/// <summary>
/// The next sync, rehearsed (<c>storebooks sync --dry-run</c>, the dashboard's Preview): the sync itself runs, reading the store and
/// QuickBooks as it would, but its QuickBooks writes are kept instead of sent (<see cref="PreviewWrites"/>) and its state changes
/// stay in memory (<see cref="PreviewState"/>); then what it would have written is the report. Nothing changes in QuickBooks or in
/// the connection's state, except a QuickBooks token refreshed on the way (kept, as refresh tokens rotate).
/// </summary>
public static class SyncPreview
{
    /// <summary>Orders a preview looks at by default: the first of the next sync.</summary>
    public const int DefaultOrders = 200;

    public static async Task<PreviewReport> RunAsync(SyncContext context, IStoreSource source, int maxOrders = DefaultOrders, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxOrders);
        var options = context.Qbo.Options;
        var ownNetwork = options.NetworkHandler is null;
        var writes = new PreviewWrites(options.NetworkHandler ?? QboHttpPipeline.CreateNetworkHandler());
        try
        {
            using var qbo = new QboClient(options with { NetworkHandler = writes });
            var state = new PreviewState(context.State, context.Time);
            var limited = new FirstOrders(source, maxOrders);
            var runner = new SyncRunner(new SyncContext(context.Connection, qbo, state, context.Time, context.Loggers), limited) { Batching = false };
            var summary = await runner.RunAsync("preview", retryFailed: false, progress: null, cancellationToken).ConfigureAwait(false);
            return Report(writes.Writes, summary, limited);
        }
        finally
        {
            if (ownNetwork)
            {
                writes.Dispose();
            }
        }
    }

    private static PreviewReport Report(IReadOnlyList<PreviewWrite> writes, SyncSummary summary, FirstOrders orders)
    {
        var created = writes.Where(w => w.Operation == "create" && !PreviewDocument.Kinds.Contains(w.Entity)).ToList();
        var newRecords = created.Select(w => new PreviewRecord(w.Entity, (string?)w.Body["DisplayName"] ?? (string?)w.Body["Name"] ?? "(no name)")).ToList();
        var names = created.Where(w => w.Entity == "Customer").ToDictionary(w => w.Id, w => (string?)w.Body["DisplayName"] ?? "(new customer)", StringComparer.Ordinal);
        var documents = writes.Where(w => PreviewDocument.Kinds.Contains(w.Entity)).Select(w => PreviewDocument.From(w, names)).ToList();
        var held = summary.Outcomes
            .Where(o => o.Result is OrderResult.Waiting or OrderResult.Failed or OrderResult.NotYet or OrderResult.Deferred)
            .Select(o => new PreviewHold(orders.References.GetValueOrDefault(o.SourceId, $"order {o.SourceId}"), o.Result, o.Message ?? o.Result.ToString()) { Detail = o.Message is null ? null : o.Detail })
            .ToList();
        return new PreviewReport(documents, newRecords, held, summary.Run.Counts.Where(c => c.Key.StartsWith("orders.", StringComparison.Ordinal)).Sum(c => c.Value), orders.Cut, summary.Run.Error);
    }
}
