using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;

namespace StoreBooks.Storage.Secrets.KeyRing;

/// <summary>
/// How the secret parts of the Data Protection key ring (each data key's master key) are kept in the database: encrypted with
/// the operator's key by AES-256-GCM, as
/// <c>&lt;storebooksEncrypted keyId="…" algorithm="AES-256-GCM"&gt;base64 of nonce, tag, ciphertext&lt;/storebooksEncrypted&gt;</c>.
/// <c>keyId</c> is the operator key's <see cref="SecretKey.Id"/> (bound in as associated data), so a reader knows which key it
/// needs and says so when it has not got it.
/// </summary>
internal static class KeyRingXml
{
    public const string ElementName = "storebooksEncrypted";
    private const string Algorithm = "AES-256-GCM";
    private const int NonceSize = 12;
    private const int TagSize = 16;

    public static XElement Encrypt(XElement plaintext, SecretKey key)
    {
        var clear = Encoding.UTF8.GetBytes(plaintext.ToString(SaveOptions.DisableFormatting));
        var sealedBytes = new byte[NonceSize + TagSize + clear.Length];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using (var aes = new AesGcm(key.Bytes, TagSize))
        {
            aes.Encrypt(nonce, clear, sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), AssociatedData(key.Id));
        }

        CryptographicOperations.ZeroMemory(clear);
        return new XElement(
            ElementName,
            new XAttribute("keyId", key.Id),
            new XAttribute("algorithm", Algorithm),
            Convert.ToBase64String(sealedBytes));
    }

    /// <summary>The operator key's id an encrypted element names; null when the element is not one of ours.</summary>
    public static string? KeyIdOf(XElement encrypted) =>
        encrypted.Name.LocalName == ElementName ? (string?)encrypted.Attribute("keyId") : null;

    /// <summary>
    /// The element <paramref name="encrypted"/> holds, decrypted with whichever of <paramref name="keys"/> it names; a
    /// <see cref="KeyRingException"/> when none does or the element does not open (never a half-read key).
    /// </summary>
    public static XElement Decrypt(XElement encrypted, OperatorKeys keys)
    {
        var id = KeyIdOf(encrypted);
        if (id is null || (string?)encrypted.Attribute("algorithm") != Algorithm)
        {
            throw new KeyRingException(
                $"The key ring in the database holds a key encrypted in a way this StoreBooks does not know (<{encrypted.Name.LocalName}>). " +
                "It was written by another program or a newer StoreBooks.");
        }

        var key = keys.Find(id) ?? throw new KeyRingException(
            $"The key in {keys.Source} does not open this database's key ring: the ring is encrypted with key {id}, and StoreBooks was " +
            $"given {keys.Describe()}. Supply the key this database was set up with (in {OperatorKeys.KeyVariable} or --key-file; while " +
            $"rotating, the new one in {OperatorKeys.KeyVariable} and the old one in {OperatorKeys.PreviousKeysVariable}). If that key is " +
            "lost, the credentials in this database cannot be recovered: see \"Losing the key\" in the README.");

        byte[] sealedBytes;
        try
        {
            sealedBytes = Convert.FromBase64String(encrypted.Value);
        }
        catch (FormatException e)
        {
            throw Damaged(id, e);
        }

        if (sealedBytes.Length < NonceSize + TagSize)
        {
            throw Damaged(id, null);
        }

        var clear = new byte[sealedBytes.Length - NonceSize - TagSize];
        try
        {
            using var aes = new AesGcm(key.Bytes, TagSize);
            aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), clear, AssociatedData(id));
            return XElement.Parse(Encoding.UTF8.GetString(clear));
        }
        catch (AuthenticationTagMismatchException e)
        {
            throw Damaged(id, e);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(clear);
        }
    }

    private static KeyRingException Damaged(string id, Exception? inner) =>
        new($"A key of this database's key ring, encrypted with key {id}, does not decrypt with that key: the row in data_protection_keys " +
            "was changed or damaged. Restore the table from a backup.", inner!);

    private static byte[] AssociatedData(string keyId) => Encoding.UTF8.GetBytes($"storebooks-key-ring/1\n{keyId}");
}
