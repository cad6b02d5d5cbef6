namespace StoreBooks.Core.State;

/// <summary>
/// A secret as stored: decrypted value and its version, for optimistic updates.
/// Its text form never shows the value, so logging the record cannot leak the secret.
/// </summary>
public sealed record StoredSecret(string Value, long Version)
{
    public override string ToString() => $"StoredSecret {{ Version = {Version}, Value = (hidden, {Value.Length} characters) }}";
}

/// <summary>
/// Secrets of each connection (QuickBooks tokens, store access tokens and keys), encrypted at rest, never logged.
/// <paramref name="system"/> names whose secret it is: "quickbooks", "shopify", "woocommerce".
/// </summary>
public interface ICredentialStore
{
    /// <summary>
    /// The secret, or null when none is stored. A stored one that cannot be read back (saved with another key, or damaged)
    /// throws <see cref="UnreadableCredentialException"/>, which carries its version so it can be replaced.
    /// </summary>
    Task<StoredSecret?> GetAsync(Guid connectionId, string system, CancellationToken cancellationToken);

    /// <summary>
    /// The stored version, without decrypting anything (null when none is stored): what replacing a secret the merchant enters
    /// anew needs, so a secret the key can no longer read is replaced, never read.
    /// </summary>
    Task<long?> GetVersionAsync(Guid connectionId, string system, CancellationToken cancellationToken);

    /// <summary>Whose secrets the connection has stored ("quickbooks", "shopify", ...), without decrypting them.</summary>
    Task<IReadOnlyList<string>> ListSystemsAsync(Guid connectionId, CancellationToken cancellationToken);

    /// <summary>
    /// Saves <paramref name="value"/> only if the stored version is still <paramref name="expectedVersion"/> (0 when none is stored yet);
    /// returns false when another writer got there first. The new version is <paramref name="expectedVersion"/> + 1.
    /// </summary>
    Task<bool> TrySaveAsync(Guid connectionId, string system, string value, long expectedVersion, CancellationToken cancellationToken);

    /// <summary>
    /// Forgets the secret (a QuickBooks company disconnected, its tokens revoked): nothing is decrypted. Answers whether one was
    /// stored.
    /// </summary>
    Task<bool> DeleteAsync(Guid connectionId, string system, CancellationToken cancellationToken);
}
