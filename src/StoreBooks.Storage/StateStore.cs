using Microsoft.Data.Sqlite;
using Npgsql;
using StoreBooks.Core.State;
using StoreBooks.Storage.Postgres;
using StoreBooks.Storage.Secrets;
using StoreBooks.Storage.Sqlite;

namespace StoreBooks.Storage;

/// <summary>Opens the state store of a StoreBooks home: what the command line, the server and tests use.</summary>
public static class StateStore
{
    /// <summary>Opens <c>storebooks.db</c> in <paramref name="home"/>, creating the folder, the file and the secret key as needed.</summary>
    public static Task<IStateStore> OpenSqliteAsync(StoreBooksHome home, CancellationToken cancellationToken) =>
        OpenSqliteAsync(home, TimeProvider.System, cancellationToken);

    /// <summary>As <see cref="OpenSqliteAsync(StoreBooksHome, CancellationToken)"/>, with the clock that stamps writes.</summary>
    /// <remarks>
    /// The database is created owner-only (0600) before SQLite opens it, so its WAL and SHM files, which SQLite creates with the
    /// database's mode, are too; files of an older home are restricted on every open. A database StoreBooks cannot use is a
    /// <see cref="StoreBooksHomeException"/> saying what to do.
    /// </remarks>
    public static Task<IStateStore> OpenSqliteAsync(StoreBooksHome home, TimeProvider time, CancellationToken cancellationToken) =>
        OpenSqliteAsync(home, time, newKey: false, cancellationToken);

    /// <param name="newKey">
    /// Make a new secret key even though the state store holds credentials encrypted with a key that is gone (the merchant said
    /// so: <c>storebooks doctor --new-key</c>); those credentials stay unreadable until entered again. Without it, a missing key
    /// is never silently replaced while encrypted credentials exist.
    /// </param>
    public static async Task<IStateStore> OpenSqliteAsync(StoreBooksHome home, TimeProvider time, bool newKey, CancellationToken cancellationToken)
    {
        home.EnsureExists();
        var path = home.DatabasePath;
        if (Directory.Exists(path))
        {
            throw new StoreBooksHomeException(
                $"The state store {path} is a folder, not a file. Move that folder away (StoreBooks makes a fresh database) or choose another home with --home.");
        }

        if (!newKey && !home.HasSecretKey && File.Exists(path) && await EncryptedCredentialsAsync(path, cancellationToken).ConfigureAwait(false) is var count and > 0)
        {
            throw new StoreBooksHomeException(
                $"The secret key {home.SecretKeyPath} is missing, but the state store holds {count} credential(s) encrypted with it. " +
                $"Restore secret.key from your backup (or set {StoreBooksHome.SecretKeyVariable}) and run the command again. " +
                "If the key is lost, run storebooks doctor --new-key: it makes a new key and lists the credentials to enter again.");
        }

        var key = home.LoadOrCreateSecretKey();
        CreateOwnerOnly(path);
        try
        {
            var store = await SqliteStateStore.OpenAsync(path, key, time, cancellationToken).ConfigureAwait(false);
            home.RestrictFiles();
            return store;
        }
        catch (SqliteException e) when (StateStoreErrors.Explain(e, path) is { } message)
        {
            throw new StoreBooksHomeException(message, e);
        }
    }

    /// <summary>
    /// Opens the hosted state store in the PostgreSQL database <paramref name="connectionString"/> names (an Npgsql connection
    /// string; the tables go in its first search-path schema), creating and migrating the schema as needed: safe when several
    /// processes start at once. Credentials are protected by Data Protection with the database's key ring, which is encrypted with
    /// the operator's <paramref name="keys"/> (<see cref="PostgresKeyRing"/>).
    /// </summary>
    /// <exception cref="InvalidOperationException">The server cannot be reached or refuses the login; the message says which.</exception>
    /// <exception cref="KeyRingException">The operator's key does not open the database's key ring; the message says which key it needs.</exception>
    public static async Task<IStateStore> OpenPostgresAsync(string connectionString, OperatorKeys keys, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        try
        {
            return await PostgresStateStore.OpenAsync(connectionString, keys, time, cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException e) when (e is not PostgresException || ((PostgresException)e).SqlState.StartsWith("28", StringComparison.Ordinal))
        {
            var target = new NpgsqlConnectionStringBuilder(connectionString);
            throw new InvalidOperationException(
                $"StoreBooks cannot open its PostgreSQL state store (database {target.Database ?? target.Username} on {target.Host}:{target.Port} as {target.Username}): " +
                $"{e.Message}. Check that the server is running and reachable, and the user name and password.", e);
        }
    }

    /// <summary>How many credentials the database holds, read without a key (0 when it has no credentials table yet).</summary>
    private static async Task<long> EncryptedCredentialsAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return await SqliteStateStore.CountCredentialsAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException e) when (StateStoreErrors.Explain(e, path) is { } message)
        {
            throw new StoreBooksHomeException(message, e);
        }
    }

    private static void CreateOwnerOnly(string path)
    {
        if (OperatingSystem.IsWindows() || File.Exists(path))
        {
            return;
        }

        try
        {
            using var created = new FileStream(path, HomePermissions.OwnerOnly(FileMode.CreateNew, FileShare.None));
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process made it first.
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StoreBooksHomeException($"StoreBooks cannot create its state store {path}: {e.Message}. Check that you may write its folder.", e);
        }
    }
}
