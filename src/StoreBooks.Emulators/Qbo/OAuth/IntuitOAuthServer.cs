using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using StoreBooks.Emulators.Qbo.Api;

namespace StoreBooks.Emulators.Qbo.OAuth;

/// <summary>
/// Intuit's OAuth 2.0 server as the emulator plays it: authorization codes (single use), access tokens that expire after
/// <see cref="QboEmulatorOptions.AccessTokenLifetime"/>, refresh tokens that rotate on every refresh, and revocation of a pair.
/// </summary>
/// <remarks>
/// Rotation: every refresh returns a new refresh token and retires the one presented; presenting a retired one answers
/// <c>400 invalid_grant</c>. Intuit's documented rule is only "always store the latest refresh_token", so by default the
/// emulator allows no reuse at all, which surfaces a client that loses the newest value. A client that wants to test a
/// tolerant server can set <see cref="QboEmulatorOptions.RefreshTokenReuseGrace"/>: inside it a retired token gets the
/// grant's newest pair back (nothing rotates), so a lost refresh response can be retried.
/// </remarks>
public sealed class IntuitOAuthServer
{
    private readonly object _lock = new();
    private readonly QboEmulatorOptions _options;
    private readonly QboCompanies _companies;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, OAuthGrant> _grants = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _grantByRefreshToken = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RetiredRefreshToken> _retired = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AccessTokenRecord> _accessTokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AuthorizationCode> _codes = new(StringComparer.Ordinal);
    private readonly HashSet<string> _revoked = new(StringComparer.Ordinal);

    public IntuitOAuthServer(QboEmulatorOptions options, QboCompanies companies, TimeProvider time)
    {
        _options = options;
        _companies = companies;
        _time = time;
        Apps = [new QboOAuthApp(options.ClientId, options.ClientSecret), .. options.OtherApps];
    }

    /// <summary>Raised after tokens are issued, rotated or revoked (the data file saves then).</summary>
    public event Action? Changed;

    /// <summary>Every app the emulator knows; the first is <see cref="QboEmulatorOptions.ClientId"/>.</summary>
    public IReadOnlyList<QboOAuthApp> Apps { get; }

    /// <summary>The app these credentials belong to, or null when the id is unknown or the secret wrong.</summary>
    public QboOAuthApp? AuthenticateClient(string? clientId, string? clientSecret) =>
        Apps.FirstOrDefault(a => a.ClientId == clientId && FixedTimeEquals(a.ClientSecret, clientSecret));

    public bool IsKnownClient(string? clientId) => Apps.Any(a => a.ClientId == clientId);

    /// <summary>
    /// Issues a token pair for a realm without the browser flow, as if the user had just connected the default app:
    /// for tests and the demo. Real clients go through /connect/oauth2 and the token endpoint.
    /// </summary>
    public IssuedTokens IssueTokens(string realmId) => IssueTokens(realmId, _options.ClientId);

    /// <summary>Issues a token pair for a realm and a known app, as if its user had just connected.</summary>
    public IssuedTokens IssueTokens(string realmId, string clientId)
    {
        if (!_companies.Exists(realmId))
        {
            throw new ArgumentException($"Realm {realmId} does not exist in the emulator; create it first.", nameof(realmId));
        }

        if (!IsKnownClient(clientId))
        {
            throw new ArgumentException($"Client id {clientId} is not an app the emulator knows.", nameof(clientId));
        }

        IssuedTokens tokens;
        lock (_lock)
        {
            tokens = NewGrantLocked(clientId, realmId, "com.intuit.quickbooks.accounting");
        }

        Changed?.Invoke();
        return tokens;
    }

    /// <summary>A single-use code for the redirect of <c>/connect/oauth2</c>, valid for <see cref="QboEmulatorOptions.AuthorizationCodeLifetime"/>.</summary>
    public string CreateAuthorizationCode(string clientId, string redirectUri, string realmId, string scope)
    {
        var code = "AB11" + _time.GetUtcNow().ToUnixTimeSeconds() + RandomToken(24);
        lock (_lock)
        {
            _codes[code] = new AuthorizationCode(code, clientId, redirectUri, realmId, scope, _time.GetUtcNow() + _options.AuthorizationCodeLifetime);
        }

        return code;
    }

    /// <summary>The <c>authorization_code</c> grant: a code is good once, for the app and redirect URI it was issued to.</summary>
    public TokenEndpointResult ExchangeCode(string clientId, string? code, string? redirectUri)
    {
        if (string.IsNullOrEmpty(code))
        {
            return TokenEndpointResult.Failure(400, "invalid_request", "The authorization_code grant needs a 'code' form field.");
        }

        IssuedTokens tokens;
        lock (_lock)
        {
            if (!_codes.Remove(code, out var issued))
            {
                return TokenEndpointResult.Failure(400, "invalid_grant", "The authorization code is unknown or was already used; codes are single-use, so send the user through /connect/oauth2 again.");
            }

            if (issued.ClientId != clientId)
            {
                return TokenEndpointResult.Failure(400, "invalid_grant", "The authorization code was issued to another client_id.");
            }

            if (_time.GetUtcNow() > issued.ExpiresAt)
            {
                return TokenEndpointResult.Failure(400, "invalid_grant", $"The authorization code expired {_options.AuthorizationCodeLifetime.TotalSeconds:0} s after it was issued; authorize again.");
            }

            if (!string.Equals(issued.RedirectUri, redirectUri, StringComparison.Ordinal))
            {
                return TokenEndpointResult.Failure(400, "invalid_grant", $"redirect_uri '{redirectUri}' does not match '{issued.RedirectUri}', the one the code was issued for.");
            }

            tokens = NewGrantLocked(clientId, issued.RealmId, issued.Scope);
        }

        Changed?.Invoke();
        return TokenEndpointResult.Success(tokens);
    }

    /// <summary>The <c>refresh_token</c> grant: a new access token and a new refresh token; the one presented is retired.</summary>
    public TokenEndpointResult Refresh(string clientId, string? refreshToken)
    {
        if (string.IsNullOrEmpty(refreshToken))
        {
            return TokenEndpointResult.Failure(400, "invalid_request", "The refresh_token grant needs a 'refresh_token' form field.");
        }

        var now = _time.GetUtcNow();
        IssuedTokens tokens;
        lock (_lock)
        {
            if (_grantByRefreshToken.TryGetValue(refreshToken, out var grantId))
            {
                var grant = _grants[grantId];
                if (grant.ClientId != clientId)
                {
                    return TokenEndpointResult.Failure(400, "invalid_grant", "The refresh token was issued to another client_id.");
                }

                if (now >= grant.RefreshTokenExpiresAt)
                {
                    EndGrantLocked(grant);
                    return TokenEndpointResult.Failure(400, "invalid_grant", "The refresh token expired; the user must connect the app again through /connect/oauth2.");
                }

                tokens = RotateLocked(grant, now);
            }
            else if (_retired.TryGetValue(refreshToken, out var retired) && _grants.TryGetValue(retired.GrantId, out var grantOfRetired))
            {
                if (grantOfRetired.ClientId != clientId || now - retired.RetiredAt >= _options.RefreshTokenReuseGrace)
                {
                    return TokenEndpointResult.Failure(400, "invalid_grant", "The refresh token was already used and replaced by a newer one; always store and use the latest refresh_token returned by the previous refresh.");
                }

                tokens = CurrentTokensLocked(grantOfRetired);
            }
            else if (_revoked.Contains(refreshToken))
            {
                return TokenEndpointResult.Failure(400, "invalid_grant", "The refresh token was revoked; the user must connect the app again through /connect/oauth2.");
            }
            else
            {
                return TokenEndpointResult.Failure(400, "invalid_grant", "The refresh token is unknown to this server.");
            }
        }

        Changed?.Invoke();
        return TokenEndpointResult.Success(tokens);
    }

    /// <summary>
    /// Revokes the grant an access or refresh token belongs to: its refresh token and every access token stop working.
    /// Returns false when the token is unknown or belongs to another app (the endpoint still answers 200, as RFC 7009 asks).
    /// </summary>
    public bool Revoke(string clientId, string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return false;
        }

        lock (_lock)
        {
            string? grantId = null;
            if (_grantByRefreshToken.TryGetValue(token, out var byRefresh))
            {
                grantId = byRefresh;
            }
            else if (_accessTokens.TryGetValue(token, out var access))
            {
                grantId = access.GrantId;
            }
            else if (_retired.TryGetValue(token, out var retired))
            {
                grantId = retired.GrantId;
            }

            if (grantId is null || !_grants.TryGetValue(grantId, out var grant) || grant.ClientId != clientId)
            {
                return false;
            }

            EndGrantLocked(grant);
        }

        Changed?.Invoke();
        return true;
    }

    /// <summary>Checks a bearer token for a call to <paramref name="realmId"/> (null when the path names no realm).</summary>
    public TokenCheck CheckAccessToken(string? token, string? realmId)
    {
        if (string.IsNullOrEmpty(token))
        {
            return new TokenCheck(TokenCheckOutcome.Missing);
        }

        lock (_lock)
        {
            if (!_accessTokens.TryGetValue(token, out var record))
            {
                return new TokenCheck(_revoked.Contains(token) ? TokenCheckOutcome.Revoked : TokenCheckOutcome.Unknown);
            }

            if (_time.GetUtcNow() >= record.ExpiresAt)
            {
                return new TokenCheck(TokenCheckOutcome.Expired, record.ClientId, record.RealmId);
            }

            if (realmId is not null && !string.Equals(realmId, record.RealmId, StringComparison.Ordinal))
            {
                return new TokenCheck(TokenCheckOutcome.WrongRealm, record.ClientId, record.RealmId);
            }

            return new TokenCheck(TokenCheckOutcome.Valid, record.ClientId, record.RealmId);
        }
    }

    /// <summary>Tokens, grants and retired refresh tokens for <c>--data FILE</c> (codes are short-lived and not kept).</summary>
    public JsonObject Export()
    {
        lock (_lock)
        {
            PruneLocked(_time.GetUtcNow());
            var state = new OAuthState(
                [.. _grants.Values],
                [.. _accessTokens.Values],
                [.. _retired.Values],
                [.. _revoked]);
            return JsonSerializer.SerializeToNode(state, JsonSerializerOptions.Web)!.AsObject();
        }
    }

    /// <summary>Replaces the token state with one exported earlier.</summary>
    public void Import(JsonObject state)
    {
        var imported = state.Deserialize<OAuthState>(JsonSerializerOptions.Web)
            ?? throw new InvalidDataException("The OAuth state in the data file is empty.");
        lock (_lock)
        {
            _grants.Clear();
            _grantByRefreshToken.Clear();
            _accessTokens.Clear();
            _retired.Clear();
            _revoked.Clear();
            foreach (var grant in imported.Grants)
            {
                _grants[grant.Id] = grant;
                _grantByRefreshToken[grant.RefreshToken] = grant.Id;
            }

            foreach (var access in imported.AccessTokens.Where(a => _grants.ContainsKey(a.GrantId)))
            {
                _accessTokens[access.Token] = access;
            }

            foreach (var retired in imported.RetiredRefreshTokens.Where(r => _grants.ContainsKey(r.GrantId)))
            {
                _retired[retired.Token] = retired;
            }

            _revoked.UnionWith(imported.RevokedTokens);
        }
    }

    private IssuedTokens NewGrantLocked(string clientId, string realmId, string scope)
    {
        var now = _time.GetUtcNow();
        var grant = new OAuthGrant
        {
            Id = Guid.NewGuid().ToString("N"),
            ClientId = clientId,
            RealmId = realmId,
            Scope = scope,
            CreatedAt = now,
            RefreshToken = NewRefreshToken(now),
            RefreshTokenExpiresAt = Min(now + _options.RefreshTokenLifetime, now + _options.RefreshTokenMaxLifetime),
            LatestAccessToken = "",
        };
        _grants[grant.Id] = grant;
        _grantByRefreshToken[grant.RefreshToken] = grant.Id;
        NewAccessTokenLocked(grant, now);
        return CurrentTokensLocked(grant);
    }

    private IssuedTokens RotateLocked(OAuthGrant grant, DateTimeOffset now)
    {
        _grantByRefreshToken.Remove(grant.RefreshToken);
        _retired[grant.RefreshToken] = new RetiredRefreshToken(grant.RefreshToken, grant.Id, now);
        grant.RefreshToken = NewRefreshToken(now);
        grant.RefreshTokenExpiresAt = Min(now + _options.RefreshTokenLifetime, grant.CreatedAt + _options.RefreshTokenMaxLifetime);
        _grantByRefreshToken[grant.RefreshToken] = grant.Id;
        NewAccessTokenLocked(grant, now);
        return CurrentTokensLocked(grant);
    }

    private void NewAccessTokenLocked(OAuthGrant grant, DateTimeOffset now)
    {
        var token = "eyJ" + RandomToken(96);
        _accessTokens[token] = new AccessTokenRecord(token, grant.Id, grant.ClientId, grant.RealmId, now + _options.AccessTokenLifetime);
        grant.LatestAccessToken = token;
    }

    private IssuedTokens CurrentTokensLocked(OAuthGrant grant)
    {
        var access = _accessTokens[grant.LatestAccessToken];
        return new IssuedTokens(access.Token, grant.RefreshToken, grant.RealmId, access.ExpiresAt)
        {
            RefreshTokenExpiresAt = grant.RefreshTokenExpiresAt,
            RefreshTokenHardExpiresAt = grant.CreatedAt + _options.RefreshTokenMaxLifetime,
        };
    }

    private void EndGrantLocked(OAuthGrant grant)
    {
        _grants.Remove(grant.Id);
        _grantByRefreshToken.Remove(grant.RefreshToken);
        _revoked.Add(grant.RefreshToken);
        foreach (var access in _accessTokens.Values.Where(a => a.GrantId == grant.Id).ToList())
        {
            _accessTokens.Remove(access.Token);
            _revoked.Add(access.Token);
        }

        foreach (var retired in _retired.Values.Where(r => r.GrantId == grant.Id).ToList())
        {
            _retired.Remove(retired.Token);
            _revoked.Add(retired.Token);
        }
    }

    /// <summary>Forgets access tokens expired for a day and retired refresh tokens past the refresh lifetime.</summary>
    private void PruneLocked(DateTimeOffset now)
    {
        foreach (var access in _accessTokens.Values.Where(a => now - a.ExpiresAt > TimeSpan.FromDays(1)).ToList())
        {
            _accessTokens.Remove(access.Token);
        }

        foreach (var retired in _retired.Values.Where(r => now - r.RetiredAt > _options.RefreshTokenLifetime).ToList())
        {
            _retired.Remove(retired.Token);
        }
    }

    private static string NewRefreshToken(DateTimeOffset now) => "AB11" + now.ToUnixTimeSeconds() + RandomToken(40);

    private static string RandomToken(int length)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        return RandomNumberGenerator.GetString(alphabet, length);
    }

    private static bool FixedTimeEquals(string expected, string? actual) =>
        actual is not null && CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(expected), System.Text.Encoding.UTF8.GetBytes(actual));

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private sealed record OAuthState(
        List<OAuthGrant> Grants,
        List<AccessTokenRecord> AccessTokens,
        List<RetiredRefreshToken> RetiredRefreshTokens,
        List<string> RevokedTokens);
}

/// <summary>An access and refresh token pair for one realm.</summary>
public sealed record IssuedTokens(string AccessToken, string RefreshToken, string RealmId, DateTimeOffset AccessTokenExpiresAt)
{
    /// <summary>Rolling expiry of the refresh token (Intuit: about 100 days, extended by each refresh).</summary>
    public DateTimeOffset RefreshTokenExpiresAt { get; init; }

    /// <summary>The hard limit no refresh extends (Intuit: 5 years after the user connected).</summary>
    public DateTimeOffset RefreshTokenHardExpiresAt { get; init; }
}
