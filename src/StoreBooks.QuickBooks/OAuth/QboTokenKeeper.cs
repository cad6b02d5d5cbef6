using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace StoreBooks.QuickBooks.OAuth;

/// <summary>
/// Hands out a valid access token for one connection. Refreshes ahead of expiry (and after a 401), saves the rotated pair
/// with a version check before using it, and when another process refreshed first (its save won, or Intuit rejects the
/// now-rotated refresh token) re-reads the store and uses that pair instead of failing.
/// </summary>
public sealed partial class QboTokenKeeper
{
    private readonly IQboTokenStore _store;
    private readonly QboOAuthClient _oauth;
    private readonly TimeProvider _time;
    private readonly TimeSpan _refreshBeforeExpiry;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _refreshGate = new(1, 1);
    private volatile QboStoredTokens? _current;

    /// <param name="connectionKey">The key the tokens are stored under (StoreBooks uses the connection id).</param>
    /// <param name="refreshBeforeExpiry">How long before expiry the access token is replaced (default 5 minutes).</param>
    public QboTokenKeeper(string connectionKey, IQboTokenStore store, QboOAuthClient oauth, TimeProvider? time = null, TimeSpan? refreshBeforeExpiry = null, ILogger<QboTokenKeeper>? logger = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionKey);
        ConnectionKey = connectionKey;
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _oauth = oauth ?? throw new ArgumentNullException(nameof(oauth));
        _time = time ?? TimeProvider.System;
        _refreshBeforeExpiry = refreshBeforeExpiry ?? TimeSpan.FromMinutes(5);
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    public string ConnectionKey { get; }

    /// <summary>How long to keep re-reading the store for another process's pair after Intuit answers invalid_grant.</summary>
    public TimeSpan StoreSettleTime { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Refreshes this keeper performed itself (not counting pairs it picked up from the store).</summary>
    public int RefreshCount { get; private set; }

    /// <summary>Stores the first token set of a new (or re-made) connection, replacing whatever was stored.</summary>
    public static async Task<long> SaveNewConnectionAsync(IQboTokenStore store, string connectionKey, QboTokenSet tokens, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var existing = await store.VersionAsync(connectionKey, cancellationToken).ConfigureAwait(false);
            if (await store.TrySaveAsync(connectionKey, tokens, existing ?? 0, cancellationToken).ConfigureAwait(false) is { } version)
            {
                return version;
            }
        }

        throw new InvalidOperationException($"Could not save the tokens of connection '{connectionKey}': the token store kept changing under concurrent writers.");
    }

    /// <summary>A valid access token, refreshing first when it expires within the configured margin.</summary>
    public async ValueTask<string> GetAccessTokenAsync(CancellationToken cancellationToken)
    {
        var current = _current ?? await LoadAsync(cancellationToken).ConfigureAwait(false);
        if (IsFresh(current))
        {
            return current.Tokens.AccessToken;
        }

        return (await RefreshAsync(rejectedAccessToken: null, cancellationToken).ConfigureAwait(false)).Tokens.AccessToken;
    }

    /// <summary>QBO rejected <paramref name="rejectedAccessToken"/> (401/3200): a token that differs from it, refreshed if need be.</summary>
    public async ValueTask<string> GetTokenAfterRejectionAsync(string rejectedAccessToken, CancellationToken cancellationToken) =>
        (await RefreshAsync(rejectedAccessToken, cancellationToken).ConfigureAwait(false)).Tokens.AccessToken;

    private async Task<QboStoredTokens> RefreshAsync(string? rejectedAccessToken, CancellationToken cancellationToken)
    {
        await _refreshGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var stored = await LoadAsync(cancellationToken).ConfigureAwait(false);
            for (var attempt = 0; ; attempt++)
            {
                if (Usable(stored, rejectedAccessToken))
                {
                    return stored;
                }

                if (attempt >= 4)
                {
                    throw new QboReconnectRequiredException(ConnectionKey, "the stored tokens kept changing while refreshing");
                }

                QboTokenSet fresh;
                try
                {
                    fresh = await _oauth.RefreshAsync(stored.Tokens.RefreshToken, stored.Tokens.RealmId, cancellationToken).ConfigureAwait(false);
                }
                catch (QboOAuthException e) when (e.IsInvalidGrant)
                {
                    // Another process may have rotated the refresh token: its pair is (or is about to be) in the store.
                    var reread = await WaitForNewerAsync(stored.Version, cancellationToken).ConfigureAwait(false);
                    if (reread is null)
                    {
                        throw new QboReconnectRequiredException(ConnectionKey, "Intuit refused the stored refresh token: it expired, was revoked or the app was disconnected", e);
                    }

                    LogPickedUp(_logger, ConnectionKey, reread.Version);
                    stored = reread;
                    continue;
                }

                if (await _store.TrySaveAsync(ConnectionKey, fresh, stored.Version, cancellationToken).ConfigureAwait(false) is { } version)
                {
                    RefreshCount++;
                    var saved = new QboStoredTokens(fresh, version);
                    _current = saved;
                    LogRefreshed(_logger, ConnectionKey, version, fresh.AccessTokenExpiresAt);
                    return saved;
                }

                // Another writer saved a newer pair first: use that one.
                stored = await LoadAsync(cancellationToken).ConfigureAwait(false);
                LogPickedUp(_logger, ConnectionKey, stored.Version);
            }
        }
        finally
        {
            _refreshGate.Release();
        }
    }

    /// <summary>
    /// After invalid_grant: a process that refreshed with the same refresh token may not have saved its pair yet, so the
    /// store is re-read a few times over <see cref="StoreSettleTime"/> (real time) before the connection is declared lost.
    /// </summary>
    private async Task<QboStoredTokens?> WaitForNewerAsync(long version, CancellationToken cancellationToken)
    {
        var waited = TimeSpan.Zero;
        var pause = TimeSpan.FromMilliseconds(25);
        while (true)
        {
            var reread = await LoadAsync(cancellationToken).ConfigureAwait(false);
            if (reread.Version != version)
            {
                return reread;
            }

            if (waited >= StoreSettleTime)
            {
                return null;
            }

            await Task.Delay(pause, cancellationToken).ConfigureAwait(false);
            waited += pause;
            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, TimeSpan.FromMilliseconds(500).Ticks));
        }
    }

    private bool Usable(QboStoredTokens stored, string? rejectedAccessToken) =>
        rejectedAccessToken is null ? IsFresh(stored) : !string.Equals(stored.Tokens.AccessToken, rejectedAccessToken, StringComparison.Ordinal) && IsFresh(stored);

    private bool IsFresh(QboStoredTokens stored) => stored.Tokens.AccessTokenExpiresAt - _refreshBeforeExpiry > _time.GetUtcNow();

    private async Task<QboStoredTokens> LoadAsync(CancellationToken cancellationToken)
    {
        var stored = await _store.LoadAsync(ConnectionKey, cancellationToken).ConfigureAwait(false)
            ?? throw new QboReconnectRequiredException(ConnectionKey, "no tokens are stored for it");
        _current = stored;
        return stored;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "QBO tokens of connection {ConnectionKey} refreshed and saved as version {Version}; access token valid until {ExpiresAt:O}")]
    private static partial void LogRefreshed(ILogger logger, string connectionKey, long version, DateTimeOffset expiresAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "QBO tokens of connection {ConnectionKey} were refreshed elsewhere; using stored version {Version}")]
    private static partial void LogPickedUp(ILogger logger, string connectionKey, long version);
}
