using System.Security.Cryptography;
using System.Text;
using StoreBooks.Core.State;

namespace StoreBooks.Storage.Secrets;

/// <summary>
/// Encrypts credential values with AES-256-GCM: a fresh random nonce for every write, and the connection id and system bound
/// as associated data, so a secret copied onto another connection's row does not decrypt. Stored form:
/// one format byte (1), the 12-byte nonce, the 16-byte tag, then the ciphertext.
/// </summary>
public sealed class CredentialCipher : ICredentialProtector
{
    private const byte Format = 1;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private const int HeaderSize = 1 + NonceSize + TagSize;

    private readonly SecretKey _key;

    public CredentialCipher(SecretKey key)
    {
        _key = key;
    }

    public byte[] Encrypt(Guid connectionId, string system, string value)
    {
        var plaintext = Encoding.UTF8.GetBytes(value);
        var stored = new byte[HeaderSize + plaintext.Length];
        stored[0] = Format;
        var nonce = stored.AsSpan(1, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key.Bytes, TagSize);
        aes.Encrypt(nonce, plaintext, stored.AsSpan(HeaderSize), stored.AsSpan(1 + NonceSize, TagSize), AssociatedData(connectionId, system));
        CryptographicOperations.ZeroMemory(plaintext);
        return stored;
    }

    /// <summary>
    /// Decrypts a stored secret (<paramref name="version"/> is its stored version, carried by the error); an
    /// <see cref="UnreadableCredentialException"/> names the connection, the system and the key's source, never the value.
    /// </summary>
    public string Decrypt(Guid connectionId, string system, long version, byte[] stored)
    {
        if (stored.Length < HeaderSize || stored[0] != Format)
        {
            throw new UnreadableCredentialException(
                connectionId,
                system,
                version,
                $"The {system} credential of connection {connectionId} is not in a format this StoreBooks knows; connect {system} again to replace it.");
        }

        var plaintext = new byte[stored.Length - HeaderSize];
        try
        {
            using var aes = new AesGcm(_key.Bytes, TagSize);
            aes.Decrypt(stored.AsSpan(1, NonceSize), stored.AsSpan(HeaderSize), stored.AsSpan(1 + NonceSize, TagSize), plaintext, AssociatedData(connectionId, system));
            return Encoding.UTF8.GetString(plaintext);
        }
        catch (AuthenticationTagMismatchException e)
        {
            throw new UnreadableCredentialException(
                connectionId,
                system,
                version,
                $"The {system} credential of connection {connectionId} cannot be decrypted with the secret key from {_key.Source}. " +
                $"The key is not the one it was saved with: restore that key ({StoreBooksHome.SecretKeyVariable} or secret.key), or connect {system} again.",
                e);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    private static byte[] AssociatedData(Guid connectionId, string system) =>
        Encoding.UTF8.GetBytes($"storebooks-credential/1\n{connectionId:D}\n{system}");
}
