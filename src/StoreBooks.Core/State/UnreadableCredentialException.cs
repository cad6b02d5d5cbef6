namespace StoreBooks.Core.State;

/// <summary>
/// A stored credential that cannot be read back: saved with another secret key, copied from another connection's row, or not in a
/// format this StoreBooks knows. It names the connection and the system, never the value; a caller that reads many connections'
/// credentials catches it to skip the one that is broken and go on with the others.
/// </summary>
public sealed class UnreadableCredentialException : InvalidOperationException
{
    public UnreadableCredentialException(Guid connectionId, string system, long version, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        ConnectionId = connectionId;
        System = system;
        Version = version;
    }

    public Guid ConnectionId { get; }

    /// <summary>Whose credential it is ("quickbooks", "shopify-webhook"…).</summary>
    public string System { get; }

    /// <summary>The stored version, so the credential can be replaced (<see cref="ICredentialStore.TrySaveAsync"/>) without being read.</summary>
    public long Version { get; }
}
