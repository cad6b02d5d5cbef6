using System.Text.Json.Nodes;

namespace StoreBooks.Emulators.Qbo.OAuth;

/// <summary>
/// What the token endpoint answers: a token pair, or an OAuth error
/// (<c>invalid_client</c> 401, <c>invalid_grant</c>/<c>invalid_request</c>/<c>unsupported_grant_type</c> 400).
/// </summary>
public sealed record TokenEndpointResult
{
    private TokenEndpointResult(int status, IssuedTokens? tokens, string? error, string? description)
    {
        Status = status;
        Tokens = tokens;
        Error = error;
        Description = description;
    }

    public int Status { get; }

    public IssuedTokens? Tokens { get; }

    /// <summary>The OAuth error code (RFC 6749 §5.2), or null on success.</summary>
    public string? Error { get; }

    public string? Description { get; }

    public static TokenEndpointResult Success(IssuedTokens tokens) => new(200, tokens, null, null);

    public static TokenEndpointResult Failure(int status, string error, string description) => new(status, null, error, description);

    /// <summary>The JSON body in Intuit's shape.</summary>
    public JsonObject ToJson(TimeProvider time, bool includeHardExpiry)
    {
        if (Tokens is null)
        {
            return new JsonObject { ["error"] = Error, ["error_description"] = Description };
        }

        var now = time.GetUtcNow();
        var body = new JsonObject
        {
            ["token_type"] = "bearer",
            ["expires_in"] = Seconds(Tokens.AccessTokenExpiresAt - now),
            ["refresh_token"] = Tokens.RefreshToken,
            ["x_refresh_token_expires_in"] = Seconds(Tokens.RefreshTokenExpiresAt - now),
            ["access_token"] = Tokens.AccessToken,
        };
        if (includeHardExpiry)
        {
            body["x_refresh_token_hard_expires_in"] = Seconds(Tokens.RefreshTokenHardExpiresAt - now);
        }

        return body;
    }

    private static long Seconds(TimeSpan span) => Math.Max(0, (long)Math.Ceiling(span.TotalSeconds));
}
