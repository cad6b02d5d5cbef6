namespace StoreBooks.QuickBooks.OAuth;

/// <summary>
/// An OAuth step failed: discovery, the authorization redirect (denied, state mismatch), the code exchange, a refresh or
/// a revoke. <see cref="Error"/> is Intuit's OAuth error code (invalid_grant, invalid_client, access_denied...).
/// </summary>
public class QboOAuthException(string message, string? error, int? httpStatus, Exception? inner = null) : Exception(message, inner)
{
    public string? Error { get; } = error;

    public int? HttpStatus { get; } = httpStatus;

    /// <summary>The refresh token or code is expired, revoked, already used or rotated away.</summary>
    public bool IsInvalidGrant => string.Equals(Error, "invalid_grant", StringComparison.Ordinal);
}

/// <summary>The connection's refresh token no longer works and no newer one is stored: the merchant must reconnect.</summary>
public sealed class QboReconnectRequiredException(string connectionKey, string reason, Exception? inner = null)
    : QboOAuthException(
        $"The QuickBooks connection '{connectionKey}' is no longer authorized ({reason}). Reconnect it with 'storebooks connect quickbooks'.",
        "invalid_grant", null, inner)
{
    public string ConnectionKey { get; } = connectionKey;
}
