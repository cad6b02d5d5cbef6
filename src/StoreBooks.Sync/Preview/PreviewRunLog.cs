using System.Collections.Concurrent;
using StoreBooks.Core.Messages;
using StoreBooks.Core.State;

namespace StoreBooks.Sync.Preview;

/// <summary>
/// A preview's run log: its run and the issues it would raise stay in memory (the connection's log never shows a preview, and
/// a preview never marks a real run as abandoned); listings read the connection's log.
/// </summary>
internal sealed class PreviewRunLog(IRunLog inner) : IRunLog
{
    private readonly ConcurrentDictionary<(LinkKind, string), SyncIssue> _raised = new();

    /// <summary>The issues the preview would raise, one per record.</summary>
    public IReadOnlyList<SyncIssue> Raised => [.. _raised.Values.Where(i => i.ResolvedAt is null).OrderBy(i => i.RaisedAt)];

    public Task<SyncRun> StartAsync(Guid connectionId, string trigger, DateTimeOffset startedAt, CancellationToken cancellationToken) =>
        Task.FromResult(new SyncRun { Id = Guid.NewGuid(), ConnectionId = connectionId, Trigger = trigger, StartedAt = startedAt });

    public Task FinishAsync(SyncRun run, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<int> AbandonRunningAsync(Guid connectionId, DateTimeOffset before, DateTimeOffset finishedAt, SyncMessage error, CancellationToken cancellationToken) => Task.FromResult(0);

    public Task RaiseAsync(SyncIssue issue, CancellationToken cancellationToken)
    {
        _raised[(issue.Kind, issue.SourceId)] = issue;
        return Task.CompletedTask;
    }

    public Task ResolveAsync(Guid connectionId, LinkKind kind, string sourceId, DateTimeOffset resolvedAt, CancellationToken cancellationToken)
    {
        _raised.TryRemove((kind, sourceId), out _);
        return Task.CompletedTask;
    }

    /// <summary>A preview forgets nothing of the connection's log.</summary>
    public Task<PrunedRuns> PruneAsync(DateTimeOffset before, CancellationToken cancellationToken) => Task.FromResult(new PrunedRuns(0, 0));

    public Task<IReadOnlyList<SyncRun>> ListRunsAsync(Guid connectionId, int limit, CancellationToken cancellationToken) => inner.ListRunsAsync(connectionId, limit, cancellationToken);

    public async Task<IReadOnlyList<SyncIssue>> ListOpenIssuesAsync(Guid connectionId, CancellationToken cancellationToken)
    {
        var open = (await inner.ListOpenIssuesAsync(connectionId, cancellationToken).ConfigureAwait(false)).Where(i => !_raised.ContainsKey((i.Kind, i.SourceId))).ToList();
        open.AddRange(Raised.Where(i => i.ConnectionId == connectionId));
        return open;
    }
}
