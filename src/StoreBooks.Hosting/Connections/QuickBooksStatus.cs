using StoreBooks.Core.Connections;
using StoreBooks.QuickBooks.Errors;
using StoreBooks.QuickBooks.OAuth;
using StoreBooks.Sync.Connections;

namespace StoreBooks.Hosting.Connections;

/// <summary>Where a connection stands with its QuickBooks company.</summary>
public enum QuickBooksState
{
    NotConnected,
    Connected,

    /// <summary>The authorization expired or was revoked (Intuit refuses the refresh token): only the merchant can reconnect it.</summary>
    ReconnectNeeded,

    /// <summary>QuickBooks did not answer now (network, outage, throttling): nothing for the merchant to do.</summary>
    Unreachable,
}

/// <summary>A connection's company as QuickBooks answers now: its name, or why it cannot be read.</summary>
public sealed record QuickBooksCompanyStatus(QuickBooksState State, string? RealmId, string? CompanyName = null, string? Reason = null);

/// <summary>
/// Asks QuickBooks for a connection's company (one cheap read, through the same token keeper the syncs use, so an expired access
/// token is refreshed and saved). A refused authorization (<see cref="QboReconnectRequiredException"/>,
/// <see cref="QboAuthenticationException"/>) is told apart from QuickBooks being unreachable.
/// </summary>
public static class QuickBooksStatus
{
    public static async Task<QuickBooksCompanyStatus> CheckAsync(QuickBooksConnections quickBooks, Connection connection, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (connection.QboRealmId is not { } realm)
        {
            return new QuickBooksCompanyStatus(QuickBooksState.NotConnected, null);
        }

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            using var client = await quickBooks.ClientForAsync(connection, limit.Token).ConfigureAwait(false);
            var company = await client.GetCompanyInfoAsync(limit.Token).ConfigureAwait(false);
            return new QuickBooksCompanyStatus(QuickBooksState.Connected, realm, company.CompanyName ?? $"realm {realm}");
        }
        catch (Exception e) when (e is QboReconnectRequiredException or QboAuthenticationException || e is QboOAuthException { IsInvalidGrant: true })
        {
            return new QuickBooksCompanyStatus(QuickBooksState.ReconnectNeeded, realm, Reason: e.Message);
        }
        catch (Exception e) when (e is QboOAuthException or QboException or HttpRequestException or InvalidOperationException or UriFormatException or ArgumentException
            || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return new QuickBooksCompanyStatus(QuickBooksState.Unreachable, realm, Reason: e.Message);
        }
    }
}
