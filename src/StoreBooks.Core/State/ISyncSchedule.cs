namespace StoreBooks.Core.State;

/// <summary>
/// When each connection syncs next, and whether a sync was asked for (a webhook, the dashboard) since its last run started:
/// what a dispatcher reads to pick due connections, the same for a single machine and for hosted mode. Requests are counted,
/// not timed, so any number of requests while a run is going leads to exactly one more run, whatever the clocks say.
/// </summary>
public interface ISyncSchedule
{
    /// <summary>
    /// Connections due at <paramref name="now"/>: never run here yet, their next sync time reached, or a sync requested since
    /// their last run started. Requested ones first, then the longest waiting.
    /// </summary>
    Task<IReadOnlyList<DueSync>> ListDueAsync(DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>The connection's schedule; null when it has never run nor been requested here.</summary>
    Task<SyncSchedule?> GetAsync(Guid connectionId, CancellationToken cancellationToken);

    /// <summary>Asks for a sync soon. <paramref name="reason"/> becomes the run's trigger ("webhook", "manual").</summary>
    Task RequestAsync(Guid connectionId, string reason, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>A run starts: every request made until now is answered by it.</summary>
    Task StartedAsync(Guid connectionId, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>A run ended (or could not start); the next scheduled one is at <paramref name="nextSyncAt"/> (none when null).</summary>
    Task FinishedAsync(Guid connectionId, DateTimeOffset at, DateTimeOffset? nextSyncAt, CancellationToken cancellationToken);
}

/// <summary>A connection the dispatcher should run now, and why ("schedule", or the reason of the request).</summary>
public sealed record DueSync(Guid ConnectionId, string Reason);

/// <summary>One connection's schedule as stored.</summary>
public sealed record SyncSchedule
{
    public required Guid ConnectionId { get; init; }

    /// <summary>When the next scheduled sync is due; null when the connection syncs only when asked.</summary>
    public DateTimeOffset? NextSyncAt { get; init; }

    /// <summary>When a sync was last asked for, and why.</summary>
    public DateTimeOffset? SyncRequestedAt { get; init; }

    public string? RequestReason { get; init; }

    /// <summary>True when a sync was asked for after the last run started: one more run is due.</summary>
    public bool Requested { get; init; }

    public DateTimeOffset? LastStartedAt { get; init; }

    public DateTimeOffset? LastFinishedAt { get; init; }
}
