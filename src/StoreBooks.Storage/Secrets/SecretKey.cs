namespace StoreBooks.Storage.Secrets;

/// <summary>
/// The 256-bit key that encrypts credentials at rest, and where it came from (for messages; the key itself is never shown).
/// </summary>
public sealed class SecretKey
{
    /// <summary>Bytes in a key: AES-256.</summary>
    public const int Length = 32;

    private readonly byte[] _bytes;

    private SecretKey(byte[] bytes, string source)
    {
        _bytes = bytes;
        Source = source;
    }

    /// <summary>Where the key came from: "STOREBOOKS_SECRET_KEY" or the key file's path.</summary>
    public string Source { get; }

    internal ReadOnlySpan<byte> Bytes => _bytes;

    /// <summary>
    /// A short name for the key that gives nothing of it away: 16 hex digits of a SHA-256 of a fixed label and the key. The key
    /// ring records it next to what the key encrypted, so a message can say which key is needed without showing any.
    /// </summary>
    public string Id
    {
        get
        {
            var label = System.Text.Encoding.UTF8.GetBytes("storebooks-key-id/1\n");
            var hash = System.Security.Cryptography.SHA256.HashData([.. label, .. _bytes]);
            return Convert.ToHexStringLower(hash.AsSpan(0, 8));
        }
    }

    /// <summary>A new random key.</summary>
    public static SecretKey Generate(string source) => new(System.Security.Cryptography.RandomNumberGenerator.GetBytes(Length), source);

    /// <summary>Reads a key written as base64 of 32 bytes; the message on failure names <paramref name="source"/>, never the value.</summary>
    public static SecretKey FromBase64(string text, string source)
    {
        var buffer = new byte[text.Length];
        if (!Convert.TryFromBase64String(text.Trim(), buffer, out var written))
        {
            throw new StoreBooksHomeException(
                $"The secret key in {source} is not base64. It must be 32 random bytes in base64 (44 characters); make one with: openssl rand -base64 32");
        }

        if (written != Length)
        {
            throw new StoreBooksHomeException(
                $"The secret key in {source} is {written} bytes long; it must be {Length} bytes in base64 (44 characters). Make one with: openssl rand -base64 32");
        }

        return new SecretKey(buffer[..Length], source);
    }

    /// <summary>The key as base64, to write to the key file.</summary>
    internal string ToBase64() => Convert.ToBase64String(_bytes);

    public override string ToString() => $"SecretKey from {Source}";
}
