using StoreBooks.QuickBooks.Errors;
using StoreBooks.QuickBooks.OAuth;

namespace StoreBooks.Hosting.Hangfire;

/// <summary>What a stopped run means for its job: nothing, retry with back-off, or park until the merchant reconnects.</summary>
public enum SyncStop
{
    /// <summary>The run went to its end, or stopped for a reason a retry would not change (the next scheduled run comes anyway).</summary>
    None,

    /// <summary>QuickBooks (or the network) did not answer now: throttled, an outage, a broken connection. Worth retrying soon.</summary>
    Transient,

    /// <summary>Intuit refused the authorization (revoked, expired refresh token): only the merchant can reconnect it.</summary>
    AuthorizationRevoked,
}

/// <summary>Sorts the exception that stopped a run into a <see cref="SyncStop"/>, as the dashboard's QuickBooks status does.</summary>
public static class SyncStops
{
    public static SyncStop Of(Exception? stoppedBy) => stoppedBy switch
    {
        null => SyncStop.None,
        QboReconnectRequiredException or QboAuthenticationException => SyncStop.AuthorizationRevoked,
        QboOAuthException { IsInvalidGrant: true } => SyncStop.AuthorizationRevoked,
        QboOAuthException or HttpRequestException or TimeoutException => SyncStop.Transient,
        QboException { Kind: QboErrorKind.Throttled or QboErrorKind.System } => SyncStop.Transient,
        _ => SyncStop.None,
    };
}
