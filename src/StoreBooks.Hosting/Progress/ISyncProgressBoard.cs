using StoreBooks.Core.State;
using StoreBooks.Sync;

namespace StoreBooks.Hosting.Progress;

/// <summary>
/// A connection's latest run as it goes: started, its progress page by page (orders read, and the run's counts so far), and its
/// end (the run's log entry). <see cref="Version"/> grows with every change, so a reader knows what it has already shown.
/// </summary>
public sealed record RunProgress
{
    public required Guid ConnectionId { get; init; }

    /// <summary>Why it runs: "manual", "schedule", "webhook", "retry".</summary>
    public required string Trigger { get; init; }

    public DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>What it is doing: "starting", "retrying" (orders that had not ended), "orders" (orders changed since the last run).</summary>
    public string Stage { get; init; } = "starting";

    public int OrdersRead { get; init; }

    /// <summary>The run's counts so far ("orders.posted", "orders.waiting"…); at the end, the run's own.</summary>
    public IReadOnlyDictionary<string, int> Counts { get; init; } = new Dictionary<string, int>();

    /// <summary>The run's log entry once it has ended; null while it runs.</summary>
    public SyncRun? Finished { get; init; }

    public long Version { get; init; }

    public bool Running => Finished is null;
}

/// <summary>
/// Where runs report their progress and the dashboard reads it. <see cref="SyncJobs"/> writes (every run of the process goes
/// through it); the dashboard's live view reads, and waits for the next change. In one process it is
/// <see cref="InProcessSyncProgressBoard"/>; a hosted mode whose runs happen in other processes would fill it from the state
/// store instead, behind the same interface.
/// </summary>
public interface ISyncProgressBoard
{
    void Started(Guid connectionId, string trigger, DateTimeOffset at);

    void Report(Guid connectionId, SyncProgress progress, DateTimeOffset at);

    void Finished(Guid connectionId, SyncRun run, DateTimeOffset at);

    /// <summary>The connection's latest run since this process started (running or ended); null when there was none.</summary>
    ValueTask<RunProgress?> GetAsync(Guid connectionId, CancellationToken cancellationToken);

    /// <summary>
    /// The connection's latest run once it has changed since <paramref name="seenVersion"/> (at once when it already has); waits
    /// until then, or until <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    ValueTask<RunProgress?> WaitForChangeAsync(Guid connectionId, long seenVersion, CancellationToken cancellationToken);
}
