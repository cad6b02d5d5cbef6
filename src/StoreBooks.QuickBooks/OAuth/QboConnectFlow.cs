namespace StoreBooks.QuickBooks.OAuth;

/// <summary>The outcome of connecting a company: its realm id and first token set (already saved when a store was given).</summary>
public sealed record QboConnection(string RealmId, QboTokenSet Tokens, QboOAuthEndpoints Endpoints);

/// <summary>
/// What <c>storebooks connect quickbooks</c> runs: discovers the environment's OAuth endpoints, listens on loopback for
/// the redirect, gives the authorize URL to open, then checks the state and exchanges the code.
/// </summary>
public sealed class QboConnectFlow : IDisposable
{
    private readonly QboRedirectListener _listener;
    private readonly string _state;

    private QboConnectFlow(QboOAuthClient oauth, QboRedirectListener listener, string state)
    {
        OAuth = oauth;
        _listener = listener;
        _state = state;
        AuthorizeUrl = oauth.BuildAuthorizeUrl(listener.RedirectUri, state);
    }

    public QboOAuthClient OAuth { get; }

    /// <summary>Open this in the merchant's browser.</summary>
    public Uri AuthorizeUrl { get; }

    /// <summary>Where Intuit must redirect to (register it as the app's redirect URI).</summary>
    public Uri RedirectUri => _listener.RedirectUri;

    /// <summary>Discovers endpoints for <paramref name="environment"/> and starts the loopback listener.</summary>
    public static async Task<QboConnectFlow> StartAsync(HttpClient http, QboEnvironment environment, QboAppCredentials app, int redirectPort = 0, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        var endpoints = await QboDiscovery.DiscoverAsync(http, environment, cancellationToken).ConfigureAwait(false);
        var oauth = new QboOAuthClient(http, endpoints, app, time);
        return new QboConnectFlow(oauth, QboRedirectListener.Start(redirectPort), QboAuthorizationState.Create());
    }

    /// <summary>
    /// Waits for the redirect, exchanges the code, and saves the tokens under <paramref name="connectionKey"/> when a
    /// store is given.
    /// </summary>
    public async Task<QboConnection> CompleteAsync(IQboTokenStore? store = null, string? connectionKey = null, CancellationToken cancellationToken = default)
    {
        var callback = await _listener.WaitForCallbackAsync(_state, cancellationToken).ConfigureAwait(false);
        var tokens = await OAuth.ExchangeCodeAsync(callback.Code, _listener.RedirectUri, callback.RealmId, cancellationToken).ConfigureAwait(false);
        if (store is not null)
        {
            await QboTokenKeeper.SaveNewConnectionAsync(store, connectionKey ?? callback.RealmId, tokens, cancellationToken).ConfigureAwait(false);
        }

        return new QboConnection(callback.RealmId, tokens, OAuth.Endpoints);
    }

    public void Dispose() => _listener.Dispose();
}
