using StoreBooks.Emulators.Qbo.Api;

namespace StoreBooks.Emulators.Qbo.OAuth;

/// <summary>SKELETON: Intuit's OAuth 2.0 server: authorization codes, access and refresh tokens (rotating), revocation.</summary>
public sealed class IntuitOAuthServer
{
    private readonly TimeProvider _time;
    private readonly TimeSpan _lifetime;

    public IntuitOAuthServer(QboEmulatorOptions options, QboCompanies companies, TimeProvider time)
    {
        _ = companies;
        _time = time;
        _lifetime = options.AccessTokenLifetime;
    }

    /// <summary>
    /// Issues a token pair for a realm without the browser flow, as if the user had just connected:
    /// for tests and the demo. Real clients go through /connect/oauth2 and the token endpoint.
    /// </summary>
    public IssuedTokens IssueTokens(string realmId)
    {
        var now = _time.GetUtcNow();
        return new IssuedTokens(Guid.NewGuid().ToString("N"), Guid.NewGuid().ToString("N"), realmId, now + _lifetime);
    }
}

/// <summary>An access and refresh token pair for one realm.</summary>
public sealed record IssuedTokens(string AccessToken, string RefreshToken, string RealmId, DateTimeOffset AccessTokenExpiresAt);
