namespace StoreBooks.Storage.Secrets;

/// <summary>
/// Turns a credential into the bytes the <c>credentials</c> table keeps and back, bound to its connection and system. Two kinds:
/// <see cref="CredentialCipher"/> (a home's own key, on one machine) and <see cref="KeyRing.KeyRingCredentialProtector"/> (the
/// hosted database's Data Protection key ring). The first stored byte says which wrote a value: 1 and 2.
/// </summary>
internal interface ICredentialProtector
{
    byte[] Encrypt(Guid connectionId, string system, string value);

    /// <summary>The credential; an <see cref="Core.State.UnreadableCredentialException"/> naming the connection and system when it does not open.</summary>
    string Decrypt(Guid connectionId, string system, long version, byte[] stored);
}
