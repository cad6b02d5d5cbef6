using System.Text.Json;
using StoreBooks.Core.State;
using StoreBooks.QuickBooks.OAuth;

namespace StoreBooks.Sync.Connections;

/// <summary>
/// A connection's QuickBooks tokens in the state store's credentials (encrypted at rest), with the store's version check:
/// two processes refreshing at once cannot lose the newest pair.
/// </summary>
public sealed class CredentialTokenStore(ICredentialStore credentials) : IQboTokenStore
{
    /// <summary>The credential "system" the tokens are kept under.</summary>
    public const string System = "quickbooks";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<QboStoredTokens?> LoadAsync(string connectionKey, CancellationToken cancellationToken)
    {
        var stored = await credentials.GetAsync(Guid.Parse(connectionKey), System, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            return null;
        }

        var tokens = JsonSerializer.Deserialize<QboTokenSet>(stored.Value, Json)
            ?? throw new InvalidOperationException($"The QuickBooks tokens stored for connection {connectionKey} cannot be read; run storebooks connect quickbooks again.");
        return new QboStoredTokens(tokens, stored.Version);
    }

    public Task<long?> VersionAsync(string connectionKey, CancellationToken cancellationToken) =>
        credentials.GetVersionAsync(Guid.Parse(connectionKey), System, cancellationToken);

    public async Task<long?> TrySaveAsync(string connectionKey, QboTokenSet tokens, long expectedVersion, CancellationToken cancellationToken)
    {
        var saved = await credentials.TrySaveAsync(Guid.Parse(connectionKey), System, JsonSerializer.Serialize(tokens, Json), expectedVersion, cancellationToken).ConfigureAwait(false);
        return saved ? expectedVersion + 1 : null;
    }
}
