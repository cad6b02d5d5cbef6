namespace StoreBooks.Storage.Secrets;

/// <summary>
/// The keys the operator of a hosted StoreBooks supplies: the current one, which encrypts the database's key ring, and the
/// previous ones, still accepted for reading while a rotation is under way. The current key comes from <c>--key-file</c> when
/// given, else <c>STOREBOOKS_KEY</c>; previous keys from <c>STOREBOOKS_PREVIOUS_KEYS</c> (base64 keys separated by commas).
/// Each is 32 random bytes in base64, as <c>openssl rand -base64 32</c> prints.
/// </summary>
public sealed class OperatorKeys
{
    /// <summary>The current key, base64 of 32 bytes.</summary>
    public const string KeyVariable = "STOREBOOKS_KEY";

    /// <summary>A file holding the current key (what <c>--key-file</c> gives), when the key is not in the environment.</summary>
    public const string KeyFileVariable = "STOREBOOKS_KEY_FILE";

    /// <summary>Keys the key ring may still be encrypted with: base64 keys separated by commas (or spaces).</summary>
    public const string PreviousKeysVariable = "STOREBOOKS_PREVIOUS_KEYS";

    private OperatorKeys(SecretKey current, IReadOnlyList<SecretKey> previous)
    {
        Current = current;
        Previous = previous;
    }

    /// <summary>Encrypts the key ring; decrypts it too.</summary>
    public SecretKey Current { get; }

    /// <summary>Only decrypt: a key ring still encrypted with one of them is encrypted again with <see cref="Current"/> at start.</summary>
    public IReadOnlyList<SecretKey> Previous { get; }

    /// <summary>Where the current key came from, for messages ("STOREBOOKS_KEY", or the key file's path).</summary>
    public string Source => Current.Source;

    public static OperatorKeys Of(SecretKey current, params IEnumerable<SecretKey> previous) =>
        new(current, previous.Where(p => p.Id != current.Id).ToList());

    /// <summary>
    /// The keys from <paramref name="keyFile"/> (the <c>--key-file</c> value) or the environment; a key that is missing or not
    /// 32 bytes of base64 is a <see cref="KeyRingException"/> saying what to supply, never showing a key.
    /// </summary>
    public static OperatorKeys Load(string? keyFile, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        keyFile = !string.IsNullOrWhiteSpace(keyFile) ? keyFile : environment(KeyFileVariable);
        SecretKey current;
        if (!string.IsNullOrWhiteSpace(keyFile))
        {
            current = FromFile(keyFile.Trim());
        }
        else if (environment(KeyVariable) is { Length: > 0 } text && !string.IsNullOrWhiteSpace(text))
        {
            current = Parse(text, KeyVariable);
        }
        else
        {
            throw new KeyRingException(
                $"Hosted mode needs the key that protects its database's credentials: set {KeyVariable} to 32 random bytes in base64 " +
                "(make one with: openssl rand -base64 32) or pass --key-file FILE. Every process of the deployment needs the same key; " +
                "keep a copy somewhere safe: without it the credentials in the database cannot be read.");
        }

        var previous = new List<SecretKey>();
        var listed = (environment(PreviousKeysVariable) ?? "").Split([',', ';', ' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < listed.Length; i++)
        {
            previous.Add(Parse(listed[i], $"{PreviousKeysVariable} (key {i + 1} of {listed.Length})"));
        }

        return Of(current, previous);
    }

    /// <summary>The key with <paramref name="id"/> (<see cref="SecretKey.Id"/>), current or previous; null when none has it.</summary>
    internal SecretKey? Find(string id) =>
        Current.Id == id ? Current : Previous.FirstOrDefault(p => p.Id == id);

    /// <summary>"STOREBOOKS_KEY (key a1b2…), and 1 previous key (c3d4…)": what was tried, for messages.</summary>
    internal string Describe() =>
        Previous.Count == 0
            ? $"{Current.Source} (key {Current.Id}); no previous key in {PreviousKeysVariable}"
            : $"{Current.Source} (key {Current.Id}) and {Previous.Count} previous key(s) in {PreviousKeysVariable} ({string.Join(", ", Previous.Select(p => p.Id))})";

    private static SecretKey Parse(string text, string source)
    {
        try
        {
            return SecretKey.FromBase64(text, source);
        }
        catch (StoreBooksHomeException e)
        {
            throw new KeyRingException(e.Message, e);
        }
    }

    private static SecretKey FromFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new KeyRingException($"StoreBooks cannot read the key file {path} (--key-file or {KeyFileVariable}): {e.Message}", e);
        }

        return Parse(text, path);
    }
}
