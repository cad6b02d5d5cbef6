using StoreBooks.Core.State;

namespace StoreBooks.Web.Dashboard.Sync;

/// <summary>
/// A run's figures as the Sync page shows them, from its counts (the run log's, or a running run's so far): orders read, posted
/// (a document written: new or updated), waiting (for the merchant, for payment, or for QuickBooks to answer) and refused.
/// </summary>
public sealed record RunFigures(int Read, int Posted, int Waiting, int Failed)
{
    public static RunFigures None { get; } = new(0, 0, 0, 0);

    public static RunFigures From(IReadOnlyDictionary<string, int> counts)
    {
        int Count(string key) => counts.GetValueOrDefault("orders." + key);
        return new RunFigures(
            counts.Where(c => c.Key.StartsWith("orders.", StringComparison.Ordinal)).Sum(c => c.Value),
            Count("posted") + Count("updated"),
            Count("waiting") + Count("notyet") + Count("deferred"),
            Count("failed"));
    }

    public static RunFigures From(SyncRun run) => From(run.Counts);
}
