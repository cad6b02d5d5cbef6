using StoreBooks.Core.State;
using StoreBooks.Sync.Batching;

namespace StoreBooks.Sync;

/// <summary>
/// The exactly-once write: reserve the record's link (its id gives the QuickBooks requestid), write to QuickBooks with that
/// requestid, then mark the link done with the QuickBooks id. A crash anywhere, then a rerun, sends the same requestid, and
/// QuickBooks answers with the first result instead of creating a second record. Concurrent writers of one record in this
/// process wait for each other, so the requestid is never in flight twice.
/// </summary>
public sealed class LinkedWrite
{
    private readonly SyncContext _context;
    private readonly KeyedLocks _locks = new();

    public LinkedWrite(SyncContext context, BatchWriter? batches = null)
    {
        _context = context;
        Batches = batches ?? new BatchWriter(context) { Enabled = false };
    }

    /// <summary>Where new records go out in batches (or one by one when batches are off).</summary>
    public BatchWriter Batches { get; }

    /// <summary>
    /// The QuickBooks id of the record <paramref name="kind"/>/<paramref name="sourceId"/>, creating it with
    /// <paramref name="create"/> (given the requestid) when its link is not done yet.
    /// </summary>
    public Task<string> EnsureAsync(LinkKind kind, string sourceId, Func<string, CancellationToken, Task<(string Id, string? SyncToken)>> create, CancellationToken cancellationToken) =>
        EnsureAsync(kind, sourceId, (write, ct) => create(write.Link.RequestId, ct), cancellationToken);

    /// <summary>
    /// As <see cref="EnsureAsync(LinkKind, string, Func{string, CancellationToken, Task{ValueTuple{string, string}}}, CancellationToken)"/>,
    /// telling <paramref name="create"/> the link and whether it has just become Pending (so it may go in a batch).
    /// </summary>
    public async Task<string> EnsureAsync(LinkKind kind, string sourceId, Func<LinkWriteAttempt, CancellationToken, Task<(string Id, string? SyncToken)>> create, CancellationToken cancellationToken)
    {
        using var held = await _locks.AcquireAsync($"{kind}:{sourceId}", cancellationToken).ConfigureAwait(false);
        var links = _context.State.Links;
        var link = await links.FindAsync(_context.ConnectionId, kind, sourceId, cancellationToken).ConfigureAwait(false);
        if (link is { State: LinkState.Done, QboId: { } done })
        {
            return done;
        }

        var fresh = link is null || link.State != LinkState.Pending;
        link ??= await links.ReserveAsync(_context.ConnectionId, kind, sourceId, cancellationToken).ConfigureAwait(false);
        if (link.State != LinkState.Pending)
        {
            // In flight as Pending; after a failure, a new attempt (the old requestid would replay QuickBooks' refusal).
            link = link with { Attempt = link.State == LinkState.Failed ? link.Attempt + 1 : link.Attempt, State = LinkState.Pending };
            await links.SaveAsync(link, cancellationToken).ConfigureAwait(false);
        }

        var (id, syncToken) = await create(new LinkWriteAttempt(link, fresh), cancellationToken).ConfigureAwait(false);
        await links.SaveAsync(link with { State = LinkState.Done, QboId = id, QboSyncToken = syncToken, Message = null, UpdatedAt = _context.Time.GetUtcNow() }, cancellationToken).ConfigureAwait(false);
        return id;
    }

    /// <summary>
    /// Records an existing QuickBooks record as the link of <paramref name="kind"/>/<paramref name="sourceId"/>, and returns the
    /// QuickBooks id the link holds after: <paramref name="qboId"/>, or the record another writer of the same link made or adopted
    /// meanwhile (writers of one link wait for each other, so two orders of one buyer never make two customers).
    /// </summary>
    public async Task<string> AdoptAsync(LinkKind kind, string sourceId, string qboId, string? syncToken, CancellationToken cancellationToken)
    {
        using var held = await _locks.AcquireAsync($"{kind}:{sourceId}", cancellationToken).ConfigureAwait(false);
        var links = _context.State.Links;
        var link = await links.FindAsync(_context.ConnectionId, kind, sourceId, cancellationToken).ConfigureAwait(false);
        if (link is { State: LinkState.Done, QboId: { } done })
        {
            return done;
        }

        link ??= await links.ReserveAsync(_context.ConnectionId, kind, sourceId, cancellationToken).ConfigureAwait(false);
        await links.SaveAsync(link with { State = LinkState.Done, QboId = qboId, QboSyncToken = syncToken, Message = null, UpdatedAt = _context.Time.GetUtcNow() }, cancellationToken).ConfigureAwait(false);
        return qboId;
    }
}

/// <summary>
/// A write under a link: the link (its requestid is the write's), and whether it has just become Pending — no request ever went
/// out under that requestid, so the record may go in a batch under the batch's own.
/// </summary>
public sealed record LinkWriteAttempt(Link Link, bool Fresh);

/// <summary>Async locks by key, for one process.</summary>
public sealed class KeyedLocks
{
    private readonly Dictionary<string, (SemaphoreSlim Gate, int Users)> _gates = new(StringComparer.Ordinal);

    public async Task<IDisposable> AcquireAsync(string key, CancellationToken cancellationToken)
    {
        SemaphoreSlim gate;
        lock (_gates)
        {
            var entry = _gates.TryGetValue(key, out var e) ? e : (new SemaphoreSlim(1, 1), 0);
            _gates[key] = (entry.Item1, entry.Item2 + 1);
            gate = entry.Item1;
        }

        try
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Release(key, gate, entered: false);
            throw;
        }

        return new Held(() => Release(key, gate, entered: true));
    }

    private void Release(string key, SemaphoreSlim gate, bool entered)
    {
        if (entered)
        {
            gate.Release();
        }

        lock (_gates)
        {
            var (g, users) = _gates[key];
            if (users <= 1)
            {
                _gates.Remove(key);
                g.Dispose();
            }
            else
            {
                _gates[key] = (g, users - 1);
            }
        }
    }

    private sealed class Held(Action release) : IDisposable
    {
        private Action? _release = release;

        public void Dispose() => Interlocked.Exchange(ref _release, null)?.Invoke();
    }
}
