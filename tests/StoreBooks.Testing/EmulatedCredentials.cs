using StoreBooks.Core.Connections;
using StoreBooks.Core.State;
using StoreBooks.Emulators;
using StoreBooks.Emulators.Qbo.OAuth;
using StoreBooks.QuickBooks.OAuth;
using StoreBooks.Sync.Connections;

namespace StoreBooks.Testing;

/// <summary>
/// The credentials a saved connection needs to run against the emulators, as `connect` would leave them: the store's secret,
/// the demo QuickBooks app, and tokens the emulator's Intuit issued for the connection's company.
/// </summary>
public static class EmulatedCredentials
{
    /// <summary>Saves them for <paramref name="connection"/> (already added to <paramref name="state"/>); returns the issued tokens.</summary>
    public static async Task<IssuedTokens> SaveAsync(EmulatorServer emulator, IStateStore state, Connection connection, string storeSecret)
    {
        var realm = connection.QboRealmId ?? throw new ArgumentException("The connection has no QuickBooks company.", nameof(connection));
        if (storeSecret.Length > 0)
        {
            // A CSV store has no secret.
            await state.Credentials.TrySaveAsync(connection.Id, connection.SourceKind, storeSecret, 0, CancellationToken.None);
        }

        await QuickBooksApp.SaveAsync(state.Credentials, connection.Id, QuickBooksApp.Demo, CancellationToken.None);
        var issued = emulator.Qbo.OAuth.IssueTokens(realm);
        await QboTokenKeeper.SaveNewConnectionAsync(
            new CredentialTokenStore(state.Credentials),
            connection.Id.ToString(),
            new QboTokenSet(issued.AccessToken, issued.RefreshToken, issued.AccessTokenExpiresAt, null, realm),
            CancellationToken.None);
        return issued;
    }
}
