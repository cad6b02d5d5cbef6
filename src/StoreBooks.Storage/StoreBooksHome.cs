using StoreBooks.Storage.Secrets;

namespace StoreBooks.Storage;

/// <summary>
/// The one folder all of a StoreBooks installation's state lives in: the state store (<c>storebooks.db</c>) and the key that
/// encrypts secrets at rest (<c>secret.key</c>). It is <c>--home DIR</c> when given, else <c>STOREBOOKS_HOME</c>,
/// else <c>~/.storebooks</c>.
/// </summary>
public sealed class StoreBooksHome
{
    /// <summary>Environment variable naming the home folder when <c>--home</c> is not given.</summary>
    public const string HomeVariable = "STOREBOOKS_HOME";

    /// <summary>Environment variable holding the secret key (base64 of 32 bytes); it wins over <c>secret.key</c>.</summary>
    public const string SecretKeyVariable = "STOREBOOKS_SECRET_KEY";

    private readonly Func<string, string?> _environment;

    private StoreBooksHome(string directory, Func<string, string?> environment)
    {
        Directory = directory;
        _environment = environment;
    }

    /// <summary>Absolute path of the folder.</summary>
    public string Directory { get; }

    /// <summary>The SQLite state store.</summary>
    public string DatabasePath => Path.Combine(Directory, "storebooks.db");

    /// <summary>The secret key file, created on first use (mode 0600) unless <c>STOREBOOKS_SECRET_KEY</c> is set.</summary>
    public string SecretKeyPath => Path.Combine(Directory, "secret.key");

    /// <summary>The lock files that keep syncs of one QuickBooks company one at a time, across processes.</summary>
    public string LocksDirectory => Path.Combine(Directory, "locks");

    /// <summary>
    /// Finds the home folder: <paramref name="homeOption"/> (the <c>--home</c> value) when given, else <c>STOREBOOKS_HOME</c>,
    /// else <c>~/.storebooks</c>. <paramref name="environment"/> reads environment variables (the process's when null).
    /// The folder is not created until <see cref="EnsureExists"/>.
    /// </summary>
    public static StoreBooksHome Resolve(string? homeOption, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var chosen = !string.IsNullOrWhiteSpace(homeOption) ? homeOption : environment(HomeVariable);
        if (string.IsNullOrWhiteSpace(chosen))
        {
            var profile = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            if (string.IsNullOrEmpty(profile))
            {
                throw new StoreBooksHomeException(
                    $"StoreBooks cannot find your home folder to keep its state in ~/.storebooks. Pass --home DIR or set {HomeVariable}.");
            }

            chosen = Path.Combine(profile, ".storebooks");
        }

        return new StoreBooksHome(Path.TrimEndingDirectorySeparator(Path.GetFullPath(ExpandTilde(chosen.Trim()))), environment);
    }

    /// <summary>
    /// Creates the folder when missing, and makes it its owner's only (mode 0700 on Unix) whether or not it existed.
    /// </summary>
    public void EnsureExists()
    {
        if (File.Exists(Directory))
        {
            throw new StoreBooksHomeException(
                $"The StoreBooks home {Directory} is a file, not a folder. Choose a folder with --home DIR (or {HomeVariable}), or move the file away.");
        }

        try
        {
            if (OperatingSystem.IsWindows())
            {
                System.IO.Directory.CreateDirectory(Directory);
                return;
            }

            System.IO.Directory.CreateDirectory(Directory, OwnerOnlyFolder);
            HomePermissions.Restrict(Directory, OwnerOnlyFolder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StoreBooksHomeException(
                $"StoreBooks cannot use {Directory} as its home ({e.Message}). Choose a folder of your own that you may write with --home DIR (or {HomeVariable}).", e);
        }
    }

    /// <summary>Makes every file StoreBooks keeps in the home its owner's only (0600 on Unix): database, WAL, SHM, key, log.</summary>
    public void RestrictFiles()
    {
        if (OperatingSystem.IsWindows() || !System.IO.Directory.Exists(Directory))
        {
            return;
        }

        foreach (var file in System.IO.Directory.EnumerateFiles(Directory))
        {
            HomePermissions.Restrict(file, OwnerOnlyFile);
        }

        if (System.IO.Directory.Exists(LocksDirectory))
        {
            HomePermissions.Restrict(LocksDirectory, OwnerOnlyFolder);
            foreach (var file in System.IO.Directory.EnumerateFiles(LocksDirectory))
            {
                HomePermissions.Restrict(file, OwnerOnlyFile);
            }
        }
    }

    /// <summary>The log of what went wrong, with the detail the terminal leaves out.</summary>
    public string LogPath => Path.Combine(Directory, "storebooks.log");

    /// <summary>Appends <paramref name="text"/> to the log (created owner-only); false when the home cannot take it.</summary>
    public bool TryAppendToLog(string text)
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return false;
        }

        try
        {
            using var stream = new FileStream(LogPath, HomePermissions.OwnerOnly(FileMode.Append, FileShare.ReadWrite));
            using var writer = new StreamWriter(stream);
            writer.Write(text);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    internal const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    internal const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>
    /// The key that encrypts credentials: from <c>STOREBOOKS_SECRET_KEY</c> when set, else <c>secret.key</c> in this folder,
    /// which is created with a fresh random key (mode 0600) the first time.
    /// </summary>
    public SecretKey LoadOrCreateSecretKey()
    {
        var fromEnvironment = _environment(SecretKeyVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return SecretKey.FromBase64(fromEnvironment, SecretKeyVariable);
        }

        EnsureExists();
        return SecretKeyFile.LoadOrCreate(SecretKeyPath);
    }

    /// <summary>A key is at hand: <c>STOREBOOKS_SECRET_KEY</c> is set, or <c>secret.key</c> exists.</summary>
    public bool HasSecretKey => !string.IsNullOrWhiteSpace(_environment(SecretKeyVariable)) || File.Exists(SecretKeyPath);

    public override string ToString() => Directory;

    private static string ExpandTilde(string path)
    {
        if (path == "~" || path.StartsWith("~/", StringComparison.Ordinal))
        {
            var profile = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            return profile + path[1..];
        }

        return path;
    }
}
