using StoreBooks.Core.Connections;
using StoreBooks.Core.State;
using StoreBooks.Storage.Secrets;

namespace StoreBooks.Storage.Postgres;

/// <summary>
/// The state store in PostgreSQL, for hosted mode: many workspaces and several server processes on one database. Open it with
/// <see cref="StateStore.OpenPostgresAsync"/> or <see cref="OpenAsync"/>; opening creates and migrates the schema.
/// </summary>
public sealed class PostgresStateStore : IStateStore
{
    private readonly PostgresDatabase _database;

    private PostgresStateStore(PostgresDatabase database, CredentialCipher cipher, TimeProvider time)
    {
        _database = database;
        Connections = new PostgresConnectionStore(database, time);
        Workspaces = new PostgresWorkspaceStore(database, time);
        Users = new PostgresUserStore(database, time);
        Credentials = new PostgresCredentialStore(database, cipher, time);
        Links = new PostgresLinkStore(database, time);
        Cursors = new PostgresCursorStore(database, time);
        Runs = new PostgresRunLog(database, time);
        Schedule = new PostgresSyncSchedule(database, time);
        Webhooks = new PostgresWebhookInbox(database);
        Batches = new PostgresBatchJournal(database, time);
    }

    public IConnectionStore Connections { get; }

    public IWorkspaceStore Workspaces { get; }

    public IUserStore Users { get; }

    public ICredentialStore Credentials { get; }

    public ILinkStore Links { get; }

    public ICursorStore Cursors { get; }

    public IRunLog Runs { get; }

    public ISyncSchedule Schedule { get; }

    public IWebhookInbox Webhooks { get; }

    public IBatchJournal Batches { get; }

    /// <summary>Opens (creating and migrating the schema when needed) the store in the database <paramref name="connectionString"/> names.</summary>
    public static async Task<PostgresStateStore> OpenAsync(string connectionString, SecretKey key, TimeProvider time, CancellationToken cancellationToken)
    {
        var database = new PostgresDatabase(connectionString);
        try
        {
            await using (var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false))
            {
                await PostgresMigrator.MigrateAsync(connection, database.Description, time, cancellationToken).ConfigureAwait(false);
            }

            return new PostgresStateStore(database, new CredentialCipher(key), time);
        }
        catch
        {
            await database.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();
}
