using StoreBooks.Core.Connections;
using StoreBooks.Core.State;
using StoreBooks.Storage.Secrets;
using StoreBooks.Storage.Sql;
using StoreBooks.Storage.Stores;

namespace StoreBooks.Storage.Sqlite;

/// <summary>
/// The state store in one SQLite file (WAL mode, busy timeout), shared safely by several processes on one machine:
/// the command line and a server. Open it with <see cref="StateStore.OpenSqliteAsync(StoreBooksHome, CancellationToken)"/>
/// or <see cref="OpenAsync"/>; opening creates and migrates the file.
/// </summary>
public sealed class SqliteStateStore : IStateStore
{
    private readonly SqliteDatabase _database;

    private SqliteStateStore(SqliteDatabase database, CredentialCipher cipher, TimeProvider time)
    {
        _database = database;
        var sql = new SqliteDialect(database);
        Connections = new ConnectionStore(sql, time);
        Workspaces = new WorkspaceStore(sql, time);
        Users = new UserStore(sql, time);
        Credentials = new CredentialStore(sql, cipher, time);
        Links = new LinkStore(sql, time);
        Cursors = new CursorStore(sql, time);
        Uploads = new UploadStore(sql, time);
        Runs = new RunLog(sql, time);
        Schedule = new SyncScheduleStore(sql, time);
        Webhooks = new WebhookInbox(sql);
        Batches = new BatchJournal(sql, time);
    }

    /// <summary>The database file.</summary>
    public string DatabasePath => _database.Path;

    public IConnectionStore Connections { get; }

    public IWorkspaceStore Workspaces { get; }

    public IUserStore Users { get; }

    public ICredentialStore Credentials { get; }

    public ILinkStore Links { get; }

    public ICursorStore Cursors { get; }

    public IUploadStore Uploads { get; }

    public IRunLog Runs { get; }

    public ISyncSchedule Schedule { get; }

    public IWebhookInbox Webhooks { get; }

    public IBatchJournal Batches { get; }

    /// <summary>Opens (creating and migrating when needed) the store in <paramref name="databasePath"/>.</summary>
    public static async Task<SqliteStateStore> OpenAsync(string databasePath, SecretKey key, TimeProvider time, CancellationToken cancellationToken)
    {
        var database = new SqliteDatabase(Path.GetFullPath(databasePath));
        await using (var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false))
        {
            await SqliteMigrator.MigrateAsync(connection, time, cancellationToken).ConfigureAwait(false);
        }

        return new SqliteStateStore(database, new CredentialCipher(key), time);
    }

    /// <summary>The credentials a database file holds, counted without decrypting (0 when it has none, or no table yet).</summary>
    internal static async Task<long> CountCredentialsAsync(string databasePath, CancellationToken cancellationToken)
    {
        var database = new SqliteDatabase(Path.GetFullPath(databasePath));
        await using var db = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var exists = db.Command("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'credentials';");
        if (await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not long tables || tables == 0)
        {
            return 0;
        }

        await using var count = db.Command("SELECT count(*) FROM credentials;");
        return await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long n ? n : 0;
    }

    /// <summary>What <c>PRAGMA integrity_check</c> finds wrong with the database file; empty when it is whole.</summary>
    public static async Task<IReadOnlyList<string>> IntegrityCheckAsync(string databasePath, CancellationToken cancellationToken)
    {
        var database = new SqliteDatabase(Path.GetFullPath(databasePath));
        await using var db = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = db.Command("PRAGMA integrity_check;");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var found = new List<string>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            found.Add(reader.GetString(0));
        }

        return found is ["ok"] ? [] : found;
    }

    public ValueTask DisposeAsync()
    {
        _database.ClosePooledConnections();
        return ValueTask.CompletedTask;
    }
}
