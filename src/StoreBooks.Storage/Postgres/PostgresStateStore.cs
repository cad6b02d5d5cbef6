using Microsoft.AspNetCore.DataProtection;
using StoreBooks.Core.Connections;
using StoreBooks.Core.State;
using StoreBooks.Storage.Secrets;
using StoreBooks.Storage.Sql;
using StoreBooks.Storage.Stores;

namespace StoreBooks.Storage.Postgres;

/// <summary>
/// The state store in PostgreSQL, for hosted mode: many workspaces and several server processes on one database. Open it with
/// <see cref="StateStore.OpenPostgresAsync"/> or <see cref="OpenAsync"/>; opening creates and migrates the schema.
/// </summary>
public sealed class PostgresStateStore : IStateStore
{
    private readonly PostgresDatabase _database;

    private PostgresStateStore(PostgresDatabase database, PostgresKeyRing keyRing, TimeProvider time)
    {
        _database = database;
        KeyRing = keyRing;
        var sql = new PostgresDialect(database);
        Connections = new ConnectionStore(sql, time);
        Workspaces = new WorkspaceStore(sql, time);
        Users = new UserStore(sql, time);
        Credentials = new CredentialStore(sql, keyRing.Credentials, time);
        Links = new LinkStore(sql, time);
        Cursors = new CursorStore(sql, time);
        Uploads = new UploadStore(sql, time);
        Runs = new RunLog(sql, time);
        Schedule = new SyncScheduleStore(sql, time);
        Webhooks = new WebhookInbox(sql);
        Batches = new BatchJournal(sql, time);
    }

    /// <summary>The Data Protection key ring that protects this database's credentials.</summary>
    internal PostgresKeyRing KeyRing { get; }

    /// <summary>Where the database is, for messages: "storebooks on db:5432".</summary>
    public string Description => _database.Description;

    internal PostgresDatabase Database => _database;

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

    /// <summary>
    /// Opens (creating and migrating the schema when needed) the store in the database <paramref name="connectionString"/> names,
    /// its key ring opened with <paramref name="keys"/>: a key that does not open it is a <see cref="KeyRingException"/>.
    /// </summary>
    public static async Task<PostgresStateStore> OpenAsync(string connectionString, OperatorKeys keys, TimeProvider time, CancellationToken cancellationToken)
    {
        var database = new PostgresDatabase(connectionString);
        try
        {
            await using (var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false))
            {
                await PostgresMigrator.MigrateAsync(connection, database.Description, time, cancellationToken).ConfigureAwait(false);
            }

            // The key ring reads its keys on a pool of its own: Data Protection may ask for them while a credential's row is
            // still being read on a connection of the store's pool, and a full pool must not wait on itself.
            var keyRing = await PostgresKeyRing.OpenAsync(new PostgresDatabase(connectionString, "StoreBooks key ring", maxPoolSize: 4), keys, time, cancellationToken).ConfigureAwait(false);
            return new PostgresStateStore(database, keyRing, time);
        }
        catch
        {
            await database.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Keeps the keys of another Data Protection user (the dashboard's cookie and antiforgery keys) in the database's key ring, so
    /// every web process on the database reads the cookies another one wrote, and a restart signs nobody out.
    /// </summary>
    public void ShareKeyRing(IDataProtectionBuilder dataProtection) => KeyRing.Share(dataProtection);

    public ValueTask DisposeAsync()
    {
        KeyRing.Dispose();
        return _database.DisposeAsync();
    }
}
