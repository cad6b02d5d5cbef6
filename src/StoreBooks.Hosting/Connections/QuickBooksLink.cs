using StoreBooks.Core.Connections;
using StoreBooks.Core.State;
using StoreBooks.QuickBooks;
using StoreBooks.QuickBooks.OAuth;
using StoreBooks.Sync.Connections;

namespace StoreBooks.Hosting.Connections;

/// <summary>
/// A connection joined to (or parted from) a QuickBooks company, the same from <c>storebooks connect quickbooks</c> and the
/// dashboard: the tokens and the Intuit app stored encrypted, the company's realm and base URL on the connection, and the company's
/// name read back as proof. <paramref name="connections"/> is the home's (command line) or the signed-in workspace's (dashboard).
/// </summary>
public static class QuickBooksLink
{
    /// <summary>Saves the first tokens of <paramref name="realmId"/> for <paramref name="connection"/>; answers the updated connection and the company's name.</summary>
    public static async Task<(Connection Connection, string CompanyName)> SaveAsync(
        IConnectionStore connections, ICredentialStore credentials, QuickBooksConnections quickBooks, Connection connection,
        string realmId, QboTokenSet tokens, string baseUrl, QboAppCredentials app, TimeProvider time, CancellationToken cancellationToken)
    {
        await QboTokenKeeper.SaveNewConnectionAsync(new CredentialTokenStore(credentials), connection.Id.ToString(), tokens with { RealmId = realmId }, cancellationToken).ConfigureAwait(false);
        await QuickBooksApp.SaveAsync(credentials, connection.Id, app, cancellationToken).ConfigureAwait(false);
        var updated = connection with { QboRealmId = realmId, QboBaseUrl = baseUrl, UpdatedAt = time.GetUtcNow() };
        await connections.UpdateAsync(updated, cancellationToken).ConfigureAwait(false);
        using var client = await quickBooks.ClientForAsync(updated, cancellationToken).ConfigureAwait(false);
        var company = await client.GetCompanyInfoAsync(cancellationToken).ConfigureAwait(false);
        return (await connections.GetAsync(updated.Id, cancellationToken).ConfigureAwait(false) ?? updated, company.CompanyName ?? $"realm {realmId}");
    }

    /// <summary>
    /// Revokes the connection's tokens at Intuit (the app is disconnected from the company), then forgets them and the company.
    /// Tokens Intuit no longer knows (already revoked, expired) are forgotten all the same. Answers whether Intuit confirmed the revoke.
    /// </summary>
    public static async Task<bool> DisconnectAsync(
        IConnectionStore connections, ICredentialStore credentials, HttpClient http, Connection connection, TimeProvider time, CancellationToken cancellationToken)
    {
        var revoked = false;
        var tokens = await new CredentialTokenStore(credentials).LoadAsync(connection.Id.ToString(), cancellationToken).ConfigureAwait(false);
        var app = await QuickBooksApp.LoadAsync(credentials, connection.Id, cancellationToken).ConfigureAwait(false);
        if (tokens is not null && app is not null && connection.QboBaseUrl is { } baseUrl)
        {
            try
            {
                var endpoints = await QboDiscovery.DiscoverAsync(http, QboEnvironment.Parse(baseUrl), cancellationToken).ConfigureAwait(false);
                await new QboOAuthClient(http, endpoints, app, time).RevokeAsync(tokens.Tokens.RefreshToken, cancellationToken).ConfigureAwait(false);
                revoked = true;
            }
            catch (QboOAuthException)
            {
                // Already revoked, expired or unreachable: StoreBooks forgets the tokens all the same and can no longer use them.
            }
        }

        await credentials.DeleteAsync(connection.Id, CredentialTokenStore.System, cancellationToken).ConfigureAwait(false);
        await credentials.DeleteAsync(connection.Id, QuickBooksApp.System, cancellationToken).ConfigureAwait(false);
        await connections.UpdateAsync(connection with { QboRealmId = null, QboBaseUrl = null, UpdatedAt = time.GetUtcNow() }, cancellationToken).ConfigureAwait(false);
        return revoked;
    }
}
