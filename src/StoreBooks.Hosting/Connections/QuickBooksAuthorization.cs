using StoreBooks.QuickBooks.OAuth;

namespace StoreBooks.Hosting.Connections;

/// <summary>
/// The two halves of Intuit's OAuth 2.0 authorization-code flow for a server with its own redirect address (the dashboard's): the
/// authorize URL, from the environment's discovery document, and the code exchange on the redirect. Checking the <c>state</c>
/// is the caller's: it knows whose session asked. Endpoints are discovered once per instance.
/// </summary>
public sealed class QuickBooksAuthorization
{
    private readonly HttpClient _http;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _discovery = new(1, 1);
    private QboOAuthClient? _oauth;

    public QuickBooksAuthorization(HttpClient http, QuickBooksSetup setup, TimeProvider? time = null)
    {
        _http = http;
        Setup = setup;
        _time = time ?? TimeProvider.System;
    }

    public QuickBooksSetup Setup { get; }

    /// <summary>True when an app is known, so a company can be connected.</summary>
    public bool CanConnect => Setup.EffectiveApp is not null;

    /// <summary>Where to send the merchant's browser; Intuit sends it back to <paramref name="redirectUri"/> with code, state and realmId.</summary>
    public async Task<Uri> AuthorizeUrlAsync(Uri redirectUri, string state, CancellationToken cancellationToken) =>
        (await OAuthAsync(cancellationToken).ConfigureAwait(false)).BuildAuthorizeUrl(redirectUri, state);

    /// <summary>Exchanges the redirect's code for the company's first tokens.</summary>
    public async Task<QboTokenSet> ExchangeAsync(string code, string realmId, Uri redirectUri, CancellationToken cancellationToken) =>
        await (await OAuthAsync(cancellationToken).ConfigureAwait(false)).ExchangeCodeAsync(code, redirectUri, realmId, cancellationToken).ConfigureAwait(false);

    private async Task<QboOAuthClient> OAuthAsync(CancellationToken cancellationToken)
    {
        var app = Setup.EffectiveApp
            ?? throw new QboOAuthException("This StoreBooks has no Intuit app: start it with the client id and secret of your Intuit app.", null, null);
        if (_oauth is { } known)
        {
            return known;
        }

        await _discovery.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var endpoints = await QboDiscovery.DiscoverAsync(_http, Setup.Environment, cancellationToken).ConfigureAwait(false);
            return _oauth ??= new QboOAuthClient(_http, endpoints, app, _time);
        }
        finally
        {
            _discovery.Release();
        }
    }
}
