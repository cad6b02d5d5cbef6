namespace StoreBooks.QuickBooks.OAuth;

/// <summary>An <see cref="IQboTokenStore"/> in memory, for one process and for tests; versions start at 1.</summary>
public sealed class InMemoryQboTokenStore : IQboTokenStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, QboStoredTokens> _tokens = new(StringComparer.Ordinal);

    public Task<QboStoredTokens?> LoadAsync(string connectionKey, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_tokens.TryGetValue(connectionKey, out var stored) ? stored : null);
        }
    }

    public Task<long?> VersionAsync(string connectionKey, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_tokens.TryGetValue(connectionKey, out var stored) ? (long?)stored.Version : null);
        }
    }

    public Task<long?> TrySaveAsync(string connectionKey, QboTokenSet tokens, long expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        lock (_gate)
        {
            var current = _tokens.TryGetValue(connectionKey, out var stored) ? stored.Version : 0;
            if (current != expectedVersion)
            {
                return Task.FromResult<long?>(null);
            }

            _tokens[connectionKey] = new QboStoredTokens(tokens, current + 1);
            return Task.FromResult<long?>(current + 1);
        }
    }
}
