namespace StoreBooks.Emulators.Qbo.OAuth;

/// <summary>One connection of an app to a realm: what a user approved once, kept alive by refreshing.</summary>
internal sealed class OAuthGrant
{
    public required string Id { get; init; }

    public required string ClientId { get; init; }

    public required string RealmId { get; init; }

    public required string Scope { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The one refresh token that works now; refreshing replaces it.</summary>
    public required string RefreshToken { get; set; }

    public required DateTimeOffset RefreshTokenExpiresAt { get; set; }

    /// <summary>The newest access token, returned again when a retired refresh token is reused inside the grace.</summary>
    public required string LatestAccessToken { get; set; }
}

/// <summary>An access token and the grant it belongs to.</summary>
internal sealed record AccessTokenRecord(string Token, string GrantId, string ClientId, string RealmId, DateTimeOffset ExpiresAt);

/// <summary>A refresh token replaced by a newer one, kept so a reuse gets a precise <c>invalid_grant</c>.</summary>
internal sealed record RetiredRefreshToken(string Token, string GrantId, DateTimeOffset RetiredAt);

/// <summary>A one-time authorization code from <c>/connect/oauth2</c>.</summary>
internal sealed record AuthorizationCode(string Code, string ClientId, string RedirectUri, string RealmId, string Scope, DateTimeOffset ExpiresAt);
