namespace StoreBooks.QuickBooks.OAuth;

/// <summary>
/// Where a connection's tokens persist (the state store implements it; <see cref="InMemoryQboTokenStore"/> serves a single
/// process and tests). Saving is an optimistic compare-and-swap on a version, so two processes refreshing the same
/// connection cannot overwrite each other's newer pair.
/// </summary>
public interface IQboTokenStore
{
    /// <summary>The stored tokens and their version, or null when the connection has none.</summary>
    Task<QboStoredTokens?> LoadAsync(string connectionKey, CancellationToken cancellationToken);

    /// <summary>The stored version alone (null when nothing is stored), to replace tokens without reading them.</summary>
    Task<long?> VersionAsync(string connectionKey, CancellationToken cancellationToken);

    /// <summary>
    /// Saves <paramref name="tokens"/> atomically if the stored version is still <paramref name="expectedVersion"/>
    /// (0 = nothing stored yet) and returns the new version; returns null, saving nothing, when another writer got there first.
    /// </summary>
    Task<long?> TrySaveAsync(string connectionKey, QboTokenSet tokens, long expectedVersion, CancellationToken cancellationToken);
}
