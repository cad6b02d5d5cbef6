using System.Text.Json.Serialization;

namespace StoreBooks.QuickBooks.OAuth;

/// <summary>
/// A connection's access and refresh tokens with their expiry times. Intuit rotates the refresh token: the newest set
/// must be saved before it is used (see <see cref="QboTokenKeeper"/>).
/// </summary>
public sealed record QboTokenSet(
    string AccessToken,
    string RefreshToken,
    DateTimeOffset AccessTokenExpiresAt,
    DateTimeOffset? RefreshTokenExpiresAt,
    string? RealmId = null)
{
    /// <summary>Never prints the tokens.</summary>
    public override string ToString() =>
        $"QboTokenSet {{ RealmId = {RealmId}, AccessTokenExpiresAt = {AccessTokenExpiresAt:O}, RefreshTokenExpiresAt = {RefreshTokenExpiresAt:O} }}";
}

/// <summary>A token set as stored, with the version used for the optimistic check on save.</summary>
public sealed record QboStoredTokens(QboTokenSet Tokens, long Version);

/// <summary>The token endpoint's answer.</summary>
internal sealed record QboTokenResponse
{
    [JsonPropertyName("access_token")]
    public string? AccessToken { get; init; }

    [JsonPropertyName("refresh_token")]
    public string? RefreshToken { get; init; }

    [JsonPropertyName("token_type")]
    public string? TokenType { get; init; }

    [JsonPropertyName("expires_in")]
    public long? ExpiresIn { get; init; }

    [JsonPropertyName("x_refresh_token_expires_in")]
    public long? RefreshTokenExpiresIn { get; init; }

    [JsonPropertyName("id_token")]
    public string? IdToken { get; init; }
}

/// <summary>The token endpoint's error answer (<c>{"error":"invalid_grant","error_description":...}</c>).</summary>
internal sealed record QboOAuthErrorResponse
{
    [JsonPropertyName("error")]
    public string? Error { get; init; }

    [JsonPropertyName("error_description")]
    public string? ErrorDescription { get; init; }
}
