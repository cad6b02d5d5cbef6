using StoreBooks.Core.Messages;

namespace StoreBooks.Core.State;

/// <summary>The log of every run and the records that need attention.</summary>
public interface IRunLog
{
    Task<SyncRun> StartAsync(Guid connectionId, string trigger, DateTimeOffset startedAt, CancellationToken cancellationToken);

    /// <summary>Records the run's end: outcome, counts, error.</summary>
    Task FinishAsync(SyncRun run, CancellationToken cancellationToken);

    /// <summary>
    /// Marks <see cref="RunOutcome.Abandoned"/> every run of the connection still running that started before
    /// <paramref name="before"/>: called by a run that holds the connection's lock, so no other run of it can be alive.
    /// Answers how many there were. <paramref name="error"/> is kept as a run's error is: its text, code and arguments.
    /// </summary>
    Task<int> AbandonRunningAsync(Guid connectionId, DateTimeOffset before, DateTimeOffset finishedAt, SyncMessage error, CancellationToken cancellationToken);

    /// <summary>Opens an issue for a record, or refreshes the open one for the same (connection, kind, source id).</summary>
    Task RaiseAsync(SyncIssue issue, CancellationToken cancellationToken);

    /// <summary>Marks the open issue of a record resolved (it synced, or the merchant dismissed it).</summary>
    Task ResolveAsync(Guid connectionId, LinkKind kind, string sourceId, DateTimeOffset resolvedAt, CancellationToken cancellationToken);

    /// <summary>
    /// Forgets the finished runs that started before <paramref name="before"/>, except each connection's last run, and the issues
    /// resolved before it; open issues are kept whatever their age. Answers how many of each went.
    /// </summary>
    Task<PrunedRuns> PruneAsync(DateTimeOffset before, CancellationToken cancellationToken);

    Task<IReadOnlyList<SyncRun>> ListRunsAsync(Guid connectionId, int limit, CancellationToken cancellationToken);

    Task<IReadOnlyList<SyncIssue>> ListOpenIssuesAsync(Guid connectionId, CancellationToken cancellationToken);
}

/// <summary>What <see cref="IRunLog.PruneAsync"/> forgot.</summary>
public sealed record PrunedRuns(int Runs, int Issues);
