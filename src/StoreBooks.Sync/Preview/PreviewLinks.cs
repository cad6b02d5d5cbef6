using System.Collections.Concurrent;
using StoreBooks.Core.State;

namespace StoreBooks.Sync.Preview;

/// <summary>The connection's links as a preview sees them: read from the store, changed only in memory.</summary>
internal sealed class PreviewLinks(ILinkStore inner, TimeProvider time) : ILinkStore
{
    private readonly ConcurrentDictionary<(Guid, LinkKind, string), Link> _changed = new();

    public async Task<Link?> FindAsync(Guid connectionId, LinkKind kind, string sourceId, CancellationToken cancellationToken) =>
        _changed.TryGetValue((connectionId, kind, sourceId), out var link) ? link : await inner.FindAsync(connectionId, kind, sourceId, cancellationToken).ConfigureAwait(false);

    public async Task<IReadOnlyDictionary<string, Link>> FindManyAsync(Guid connectionId, LinkKind kind, IReadOnlyCollection<string> sourceIds, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, Link>(await inner.FindManyAsync(connectionId, kind, sourceIds, cancellationToken).ConfigureAwait(false), StringComparer.Ordinal);
        foreach (var id in sourceIds)
        {
            if (_changed.TryGetValue((connectionId, kind, id), out var link))
            {
                found[id] = link;
            }
        }

        return found;
    }

    public async Task<Link> ReserveAsync(Guid connectionId, LinkKind kind, string sourceId, CancellationToken cancellationToken)
    {
        if (await FindAsync(connectionId, kind, sourceId, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            return existing;
        }

        var link = new Link { Id = Guid.NewGuid(), ConnectionId = connectionId, Kind = kind, SourceId = sourceId, UpdatedAt = time.GetUtcNow() };
        return _changed.GetOrAdd((connectionId, kind, sourceId), link);
    }

    public Task SaveAsync(Link link, CancellationToken cancellationToken)
    {
        _changed[(link.ConnectionId, link.Kind, link.SourceId)] = link;
        return Task.CompletedTask;
    }

    public async Task<IReadOnlyList<Link>> FindByReferenceAsync(Guid connectionId, LinkKind kind, string reference, CancellationToken cancellationToken) =>
        Merge(await inner.FindByReferenceAsync(connectionId, kind, reference, cancellationToken).ConfigureAwait(false), l => l.ConnectionId == connectionId && l.Kind == kind && l.Reference == reference);

    public async Task<IReadOnlyList<Link>> ListAsync(Guid connectionId, LinkKind? kind, LinkState? state, CancellationToken cancellationToken) =>
        Merge(await inner.ListAsync(connectionId, kind, state, cancellationToken).ConfigureAwait(false), l => l.ConnectionId == connectionId && (kind is null || l.Kind == kind) && (state is null || l.State == state))
            .OrderBy(l => l.UpdatedAt).ToList();

    public async Task<IReadOnlyList<Link>> ListRecentAsync(Guid connectionId, LinkKind kind, LinkState state, int limit, CancellationToken cancellationToken) =>
        Merge(await inner.ListRecentAsync(connectionId, kind, state, limit, cancellationToken).ConfigureAwait(false), l => l.ConnectionId == connectionId && l.Kind == kind && l.State == state)
            .OrderByDescending(l => l.UpdatedAt).Take(limit).ToList();

    public async Task<IReadOnlyList<Link>> ListWarnedAsync(Guid connectionId, LinkKind kind, int limit, CancellationToken cancellationToken) =>
        Merge(await inner.ListWarnedAsync(connectionId, kind, limit, cancellationToken).ConfigureAwait(false), l => l.ConnectionId == connectionId && l.Kind == kind && l.Warnings.Count > 0)
            .OrderByDescending(l => l.UpdatedAt).Take(limit).ToList();

    public async Task<LinkCounts> CountAsync(Guid connectionId, LinkKind kind, CancellationToken cancellationToken)
    {
        var links = Merge(await inner.ListAsync(connectionId, kind, null, cancellationToken).ConfigureAwait(false), l => l.ConnectionId == connectionId && l.Kind == kind);
        return new LinkCounts(links.GroupBy(l => l.State).ToDictionary(g => g.Key, g => g.Count()), links.Count(l => l.Warnings.Count > 0));
    }

    /// <summary>The store's links with the preview's changes over them, and the preview's new links that <paramref name="fits"/>.</summary>
    private List<Link> Merge(IReadOnlyList<Link> stored, Func<Link, bool> fits)
    {
        var merged = stored.Where(l => !_changed.ContainsKey((l.ConnectionId, l.Kind, l.SourceId))).ToList();
        merged.AddRange(_changed.Values.Where(fits));
        return merged;
    }
}
