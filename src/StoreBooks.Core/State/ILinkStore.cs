namespace StoreBooks.Core.State;

/// <summary>The links of every connection: which store record became which QuickBooks record.</summary>
public interface ILinkStore
{
    Task<Link?> FindAsync(Guid connectionId, LinkKind kind, string sourceId, CancellationToken cancellationToken);

    /// <summary>The links that exist among <paramref name="sourceIds"/>, keyed by source id: one round trip for a page of records.</summary>
    Task<IReadOnlyDictionary<string, Link>> FindManyAsync(Guid connectionId, LinkKind kind, IReadOnlyCollection<string> sourceIds, CancellationToken cancellationToken);

    /// <summary>
    /// The link for this record, inserting a new <see cref="LinkState.Pending"/> one (with a fresh id, hence a fresh request id)
    /// when none exists. Safe against a concurrent reserve of the same record: both callers get the same row.
    /// </summary>
    Task<Link> ReserveAsync(Guid connectionId, LinkKind kind, string sourceId, CancellationToken cancellationToken);

    /// <summary>Writes the link's state, QuickBooks id, SyncToken, attempt, fingerprint and message.</summary>
    Task SaveAsync(Link link, CancellationToken cancellationToken);

    /// <summary>The links of one kind whose <see cref="Link.Reference"/> is <paramref name="reference"/> ("order #1043").</summary>
    Task<IReadOnlyList<Link>> FindByReferenceAsync(Guid connectionId, LinkKind kind, string reference, CancellationToken cancellationToken);

    /// <summary>Links of a connection, optionally of one kind and state, oldest change first.</summary>
    Task<IReadOnlyList<Link>> ListAsync(Guid connectionId, LinkKind? kind, LinkState? state, CancellationToken cancellationToken);

    /// <summary>The latest <paramref name="limit"/> links of one kind and state, newest change first (for listings).</summary>
    Task<IReadOnlyList<Link>> ListRecentAsync(Guid connectionId, LinkKind kind, LinkState state, int limit, CancellationToken cancellationToken);

    /// <summary>The latest <paramref name="limit"/> links of one kind that carry warnings, newest change first.</summary>
    Task<IReadOnlyList<Link>> ListWarnedAsync(Guid connectionId, LinkKind kind, int limit, CancellationToken cancellationToken);

    /// <summary>How many links of one kind are in each state, and how many of them carry warnings.</summary>
    Task<LinkCounts> CountAsync(Guid connectionId, LinkKind kind, CancellationToken cancellationToken);
}

/// <summary>How many links of one kind a connection has in each state, and how many carry warnings.</summary>
public sealed record LinkCounts(IReadOnlyDictionary<LinkState, int> ByState, int Warned)
{
    public int this[LinkState state] => ByState.GetValueOrDefault(state);
}
