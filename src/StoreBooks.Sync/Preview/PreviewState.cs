using System.Collections.Concurrent;
using StoreBooks.Core.Connections;
using StoreBooks.Core.State;

namespace StoreBooks.Sync.Preview;

/// <summary>
/// The state a preview works on: the connection's own, read as it is, with every change the sync makes (links, issues, cursors,
/// the batch journal) kept in memory and dropped after. Credentials are the real ones, so that a token refreshed during a preview
/// is kept (QuickBooks refresh tokens rotate). It owns nothing: disposing it leaves the inner store open.
/// </summary>
internal sealed class PreviewState : IStateStore
{
    private readonly IStateStore _inner;

    public PreviewState(IStateStore inner, TimeProvider time)
    {
        _inner = inner;
        Links = new PreviewLinks(inner.Links, time);
        Log = new PreviewRunLog(inner.Runs);
        Cursors = new MemoryCursors(inner.Cursors);
    }

    public IConnectionStore Connections => _inner.Connections;

    public IWorkspaceStore Workspaces => _inner.Workspaces;

    public IUserStore Users => _inner.Users;

    public ICredentialStore Credentials => _inner.Credentials;

    public ILinkStore Links { get; }

    public ICursorStore Cursors { get; }

    public IRunLog Runs => Log;

    public PreviewRunLog Log { get; }

    public ISyncSchedule Schedule => _inner.Schedule;

    public IUploadStore Uploads => _inner.Uploads;

    public IWebhookInbox Webhooks => _inner.Webhooks;

    /// <summary>A preview replays no batch and leaves none open: its writes never leave the process.</summary>
    public IBatchJournal Batches { get; } = new NoBatches();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private sealed class MemoryCursors(ICursorStore inner) : ICursorStore
    {
        private readonly ConcurrentDictionary<(Guid, string), DateTimeOffset> _set = new();

        private readonly ConcurrentDictionary<(Guid, string), bool> _deleted = new();

        public async Task<DateTimeOffset?> GetAsync(Guid connectionId, string stream, CancellationToken cancellationToken) =>
            _set.TryGetValue((connectionId, stream), out var at) ? at
            : _deleted.ContainsKey((connectionId, stream)) ? null
            : await inner.GetAsync(connectionId, stream, cancellationToken).ConfigureAwait(false);

        public Task SetAsync(Guid connectionId, string stream, DateTimeOffset value, CancellationToken cancellationToken)
        {
            _set[(connectionId, stream)] = value;
            _deleted.TryRemove((connectionId, stream), out _);
            return Task.CompletedTask;
        }

        /// <summary>A preview forgets nothing for good: a deleted bookmark reads as none for the rest of the preview.</summary>
        public Task DeleteAsync(Guid connectionId, string stream, CancellationToken cancellationToken)
        {
            _deleted[(connectionId, stream)] = true;
            _set.TryRemove((connectionId, stream), out _);
            return Task.CompletedTask;
        }
    }

    private sealed class NoBatches : IBatchJournal
    {
        public Task OpenAsync(QboBatchRecord batch, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task<IReadOnlyList<QboBatchRecord>> ListOpenAsync(Guid connectionId, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<QboBatchRecord>>([]);

        public Task CloseAsync(Guid batchId, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
