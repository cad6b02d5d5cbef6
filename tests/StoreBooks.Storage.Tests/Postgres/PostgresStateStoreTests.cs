using Npgsql;
using StoreBooks.Core.State;
using StoreBooks.Storage.Postgres;
using StoreBooks.Storage.Secrets;
using Xunit;

namespace StoreBooks.Storage.Tests.Postgres;

/// <summary>
/// The state-store contract on PostgreSQL: a fresh database per class, a fresh empty schema per test (the store's tables go in
/// the search path's first schema); plus what only this dialect has to show.
/// </summary>
public sealed class PostgresStateStoreTests : StateStoreContract, IClassFixture<PostgresDatabaseFixture>
{
    private readonly PostgresDatabaseFixture _database;
    private readonly string _schema = $"t_{Guid.NewGuid():N}";
    private readonly OperatorKeys _keys = OperatorKeys.Of(SecretKey.Generate("STOREBOOKS_KEY"));

    public PostgresStateStoreTests(PostgresDatabaseFixture database)
    {
        _database = database;
    }

    private string ConnectionString => _database.InSchema(_schema);

    /// <summary>PostgreSQL keeps times to the microsecond, cut down.</summary>
    protected override DateTimeOffset Stored(DateTimeOffset value) => PostgresTime.Floor(value);

    public override async ValueTask InitializeAsync()
    {
        await ExecuteAsync($"CREATE SCHEMA {_schema};");
        await base.InitializeAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await ExecuteAsync($"DROP SCHEMA IF EXISTS {_schema} CASCADE;");
    }

    protected override async Task<IStateStore> OpenStoreAsync(CancellationToken cancellationToken) =>
        await StateStore.OpenPostgresAsync(ConnectionString, _keys, Time, cancellationToken);

    protected override async Task MigrateAgainAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await PostgresMigrator.MigrateAsync(connection, "the test database", Time, cancellationToken);
    }

    [Fact]
    public async Task Schema_has_one_version_row_per_migration_and_the_tables_of_the_sqlite_file()
    {
        await MigrateAgainAsync(Ct);

        Assert.Equal((long)PostgresMigrator.LatestVersion, await ScalarAsync("SELECT count(*) FROM schema_version;"));
        Assert.Equal(PostgresMigrator.LatestVersion, await ScalarAsync("SELECT max(version) FROM schema_version;"));
        Assert.Equal("0001_initial.sql", await ScalarAsync("SELECT name FROM schema_version WHERE version = 1;"));
        // The SQLite file's tables, and the QuickBooks budget the processes of hosted mode share (qbo_realm_*, PostgreSQL only).
        Assert.Equal(
            "connections,credentials,csv_uploads,cursors,data_protection_keys,links,qbo_batches,qbo_realm_permits,qbo_realm_slots,schema_version,sync_issues,sync_runs,sync_schedule,users,webhook_inbox,workspaces",
            await ScalarAsync("SELECT string_agg(table_name, ',' ORDER BY table_name) FROM information_schema.tables WHERE table_schema = current_schema();"));

        // Native types, and the workspace of every connection required (SQLite cannot add that constraint to an old file).
        Assert.Equal("uuid,timestamptz,jsonb,uuid", await ScalarAsync(
            "SELECT string_agg(udt_name, ',' ORDER BY array_position(ARRAY['id','created_at','settings','workspace_id']::text[], column_name::text)) " +
            "FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'connections' AND column_name IN ('id','created_at','settings','workspace_id');"));
        Assert.Equal("NO", await ScalarAsync(
            "SELECT is_nullable FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'connections' AND column_name = 'workspace_id';"));
    }

    [Fact]
    public async Task A_connection_without_a_workspace_is_refused_by_the_database_itself()
    {
        var error = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(
            $"INSERT INTO {_schema}.connections (id, name, source_kind, source_settings, settings, created_at, updated_at, workspace_id) " +
            "VALUES (gen_random_uuid(), 'orphan', 'csv', '{}', '{}', now(), now(), NULL);"));
        Assert.Equal(PostgresErrorCodes.NotNullViolation, error.SqlState);
        Assert.Equal("workspace_id", error.ColumnName);
    }

    [Fact]
    public async Task Hosted_workspaces_stay_apart_for_every_server_process()
    {
        // Two server processes (two store instances), three workspaces, each with its own connections and users.
        var serverA = Store;
        var serverB = await OpenAsync();
        var workspaces = new List<Core.Workspaces.Workspace>();
        for (var i = 0; i < 3; i++)
        {
            workspaces.Add(await (i % 2 == 0 ? serverA : serverB).Workspaces.CreateAsync($"Shop {i}", Ct));
        }

        foreach (var (workspace, i) in workspaces.Select((w, i) => (w, i)))
        {
            var view = (i % 2 == 0 ? serverB : serverA).Workspaces.ConnectionsOf(workspace.Id);
            await view.AddAsync(new Core.Connections.Connection { Id = Guid.NewGuid(), Name = $"shop-{i}-a", SourceKind = "csv" }, Ct);
            await view.AddAsync(new Core.Connections.Connection { Id = Guid.NewGuid(), Name = $"shop-{i}-b", SourceKind = "csv" }, Ct);
            await serverA.Users.AddAsync(new Core.Workspaces.WorkspaceUser
            {
                Id = Guid.NewGuid(), WorkspaceId = workspace.Id, Email = $"owner{i}@example.com", PasswordHash = "hash", Role = Core.Workspaces.WorkspaceRole.Owner,
            }, Ct);
        }

        foreach (var (workspace, i) in workspaces.Select((w, i) => (w, i)))
        {
            foreach (var server in new[] { serverA, serverB })
            {
                var view = server.Workspaces.ConnectionsOf(workspace.Id);
                var own = await view.ListAsync(Ct);
                Assert.Equal([$"shop-{i}-a", $"shop-{i}-b"], own.Select(c => c.Name));
                Assert.All(own, c => Assert.Equal(workspace.Id, c.WorkspaceId));
                Assert.Equal([$"owner{i}@example.com"], (await server.Users.ListAsync(workspace.Id, Ct)).Select(u => u.Email));

                var others = (await server.Connections.ListAsync(Ct)).Where(c => c.WorkspaceId != workspace.Id).ToList();
                Assert.Equal(4, others.Count);
                foreach (var other in others)
                {
                    Assert.Null(await view.GetAsync(other.Id, Ct));
                    Assert.Null(await view.FindByNameAsync(other.Name, Ct));
                    await Assert.ThrowsAsync<InvalidOperationException>(() => view.UpdateAsync(other with { QboRealmId = "stolen" }, Ct));
                }
            }
        }

        Assert.DoesNotContain(await serverB.Connections.ListAsync(Ct), c => c.QboRealmId == "stolen");
    }

    [Fact]
    public async Task A_database_from_a_newer_StoreBooks_is_refused_with_a_clear_message()
    {
        await ExecuteAsync($"INSERT INTO {_schema}.schema_version (version, name, applied_at) VALUES (99, '0099_future.sql', now());");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => OpenStoreAsync(Ct));
        Assert.Contains("schema version 99", error.Message, StringComparison.Ordinal);
        Assert.Contains("Upgrade StoreBooks", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Credentials_are_stored_encrypted_and_bound_to_their_connection()
    {
        var first = await AddConnectionAsync("first");
        var second = await AddConnectionAsync("second");
        const string secret = "AB11-refresh-token-e8a4c1d2f3b4a5968778695a4b3c2d1e";
        Assert.True(await Store.Credentials.TrySaveAsync(first.Id, "quickbooks", secret, 0, Ct));
        Assert.True(await Store.Credentials.TrySaveAsync(second.Id, "quickbooks", secret, 0, Ct));

        Assert.Equal(0L, await ScalarAsync($"SELECT count(*) FROM {_schema}.credentials WHERE position(convert_to('{secret[..24]}', 'UTF8') IN secret) > 0;"));
        Assert.Equal(2L, await ScalarAsync($"SELECT count(DISTINCT secret) FROM {_schema}.credentials;"));

        await ExecuteAsync(
            $"UPDATE {_schema}.credentials SET secret = (SELECT secret FROM {_schema}.credentials WHERE connection_id = '{first.Id}') WHERE connection_id = '{second.Id}';");
        Assert.Equal(secret, (await Store.Credentials.GetAsync(first.Id, "quickbooks", Ct))?.Value);
        var error = await Assert.ThrowsAsync<UnreadableCredentialException>(() => Store.Credentials.GetAsync(second.Id, "quickbooks", Ct));
        Assert.DoesNotContain(secret, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_store_opened_with_another_key_stops_at_start_and_says_which_key_the_ring_needs()
    {
        var connection = await AddConnectionAsync();
        await Store.Credentials.TrySaveAsync(connection.Id, "quickbooks", "RT-keep-me-private", 0, Ct);
        var rowsBefore = await ScalarAsync("SELECT string_agg(xml, '|' ORDER BY name) FROM data_protection_keys;");

        var wrong = OperatorKeys.Of(SecretKey.Generate(OperatorKeys.KeyVariable));
        var error = await Assert.ThrowsAsync<KeyRingException>(() => StateStore.OpenPostgresAsync(ConnectionString, wrong, Time, Ct));

        Assert.StartsWith($"The key in {OperatorKeys.KeyVariable} does not open this database's key ring: the ring is encrypted with key {_keys.Current.Id}", error.Message, StringComparison.Ordinal);
        Assert.Contains($"(key {wrong.Current.Id})", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("RT-keep-me-private", error.ToString(), StringComparison.Ordinal);
        // Nothing was written: no new key ring made for the wrong key, and the right key still reads the secret.
        Assert.Equal(rowsBefore, await ScalarAsync("SELECT string_agg(xml, '|' ORDER BY name) FROM data_protection_keys;"));
        await using var right = await StateStore.OpenPostgresAsync(ConnectionString, _keys, Time, Ct);
        Assert.Equal(new StoredSecret("RT-keep-me-private", 1), await right.Credentials.GetAsync(connection.Id, "quickbooks", Ct));
    }

    [Fact]
    public async Task An_unreachable_server_is_named_without_its_password()
    {
        var nowhere = new NpgsqlConnectionStringBuilder(ConnectionString) { Port = 1, Password = "pw-not-to-show", Timeout = 3 }.ConnectionString;

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => StateStore.OpenPostgresAsync(nowhere, _keys, Time, Ct));

        Assert.Contains("cannot open its PostgreSQL state store", error.Message, StringComparison.Ordinal);
        Assert.Contains(":1 as ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("pw-not-to-show", error.Message, StringComparison.Ordinal);
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(Ct);
    }

    private async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync(Ct);
    }
}
