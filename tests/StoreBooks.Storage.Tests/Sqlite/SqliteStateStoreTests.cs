using Microsoft.Data.Sqlite;
using StoreBooks.Core.State;
using StoreBooks.Storage.Secrets;
using StoreBooks.Storage.Sqlite;
using Xunit;

namespace StoreBooks.Storage.Tests.Sqlite;

/// <summary>The state-store contract on a SQLite file in a fresh temporary home, plus what only a file-based store can show.</summary>
public sealed class SqliteStateStoreTests : StateStoreContract
{
    private readonly TemporaryHome _home = new();

    protected override async Task<IStateStore> OpenStoreAsync(CancellationToken cancellationToken) =>
        await StateStore.OpenSqliteAsync(_home.Home, Time, cancellationToken);

    protected override async Task MigrateAgainAsync(CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection($"Data Source={_home.Home.DatabasePath};Pooling=False");
        await connection.OpenAsync(cancellationToken);
        await SqliteMigrator.MigrateAsync(connection, Time, cancellationToken);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _home.Dispose();
    }

    [Fact]
    public async Task Database_is_in_wal_mode_with_one_schema_version_row_per_migration()
    {
        await MigrateAgainAsync(Ct);
        await using var connection = new SqliteConnection($"Data Source={_home.Home.DatabasePath};Pooling=False");
        await connection.OpenAsync(Ct);

        Assert.Equal("wal", await ScalarAsync(connection, "PRAGMA journal_mode;"));
        Assert.Equal((long)SqliteMigrator.LatestVersion, await ScalarAsync(connection, "SELECT COUNT(*) FROM schema_version;"));
        Assert.Equal("0001_initial.sql", await ScalarAsync(connection, "SELECT name FROM schema_version WHERE version = 1;"));
        var tables = await ScalarAsync(connection,
            "SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name);");
        Assert.Equal("connections,credentials,csv_uploads,cursors,data_protection_keys,links,qbo_batches,schema_version,sync_issues,sync_runs,sync_schedule,users,webhook_inbox,workspaces", tables);
    }

    [Fact]
    public async Task A_database_from_a_newer_StoreBooks_is_refused_with_a_clear_message()
    {
        await using (var connection = new SqliteConnection($"Data Source={_home.Home.DatabasePath};Pooling=False"))
        {
            await connection.OpenAsync(Ct);
            await using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO schema_version (version, name, applied_at) VALUES (99, '0099_future.sql', '2030-01-01T00:00:00.0000000Z');";
            await command.ExecuteNonQueryAsync(Ct);
        }

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => OpenStoreAsync(Ct));
        Assert.Contains("schema version 99", error.Message, StringComparison.Ordinal);
        Assert.Contains("Upgrade StoreBooks", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Database_files_never_contain_a_credential_in_plain_text()
    {
        var connection = await AddConnectionAsync();
        const string secret = "AB11-refresh-token-e8a4c1d2f3b4a5968778695a4b3c2d1e";
        Assert.True(await Store.Credentials.TrySaveAsync(connection.Id, "quickbooks", secret, 0, Ct));
        Assert.True(await Store.Credentials.TrySaveAsync(connection.Id, "quickbooks", secret + "-rotated", 1, Ct));

        // Look in the WAL before a checkpoint, then in the main file after the store is closed (which checkpoints it).
        AssertNoFileContains(secret);
        Assert.Equal(secret + "-rotated", (await Store.Credentials.GetAsync(connection.Id, "quickbooks", Ct))?.Value);
        await Store.DisposeAsync();
        AssertNoFileContains(secret);
        Assert.True(new FileInfo(_home.Home.DatabasePath).Length > 0);
    }

    [Fact]
    public async Task The_same_secret_encrypts_differently_each_time_and_is_bound_to_its_connection()
    {
        var first = await AddConnectionAsync("first");
        var second = await AddConnectionAsync("second");
        await Store.Credentials.TrySaveAsync(first.Id, "quickbooks", "same-secret", 0, Ct);
        await Store.Credentials.TrySaveAsync(second.Id, "quickbooks", "same-secret", 0, Ct);

        await using (var connection = new SqliteConnection($"Data Source={_home.Home.DatabasePath};Pooling=False"))
        {
            await connection.OpenAsync(Ct);
            var blobs = new List<byte[]>();
            await using (var select = connection.CreateCommand())
            {
                select.CommandText = "SELECT secret FROM credentials ORDER BY connection_id;";
                await using var reader = await select.ExecuteReaderAsync(Ct);
                while (await reader.ReadAsync(Ct))
                {
                    blobs.Add((byte[])reader.GetValue(0));
                }
            }

            Assert.Equal(2, blobs.Count);
            Assert.NotEqual(blobs[0], blobs[1]);

            // Copy the first connection's secret onto the second: it must not decrypt there.
            await using var copy = connection.CreateCommand();
            copy.CommandText = "UPDATE credentials SET secret = (SELECT secret FROM credentials WHERE connection_id = $first) WHERE connection_id = $second;";
            copy.Parameters.AddWithValue("$first", first.Id.ToString("D"));
            copy.Parameters.AddWithValue("$second", second.Id.ToString("D"));
            await copy.ExecuteNonQueryAsync(Ct);
        }

        Assert.Equal("same-secret", (await Store.Credentials.GetAsync(first.Id, "quickbooks", Ct))?.Value);
        var error = await Assert.ThrowsAsync<UnreadableCredentialException>(() => Store.Credentials.GetAsync(second.Id, "quickbooks", Ct));
        Assert.Contains("cannot be decrypted", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("same-secret", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_store_opened_with_another_key_cannot_read_the_secrets_and_says_why()
    {
        var connection = await AddConnectionAsync();
        await Store.Credentials.TrySaveAsync(connection.Id, "quickbooks", "RT-keep-me-private", 0, Ct);

        var otherKey = SecretKey.Generate("a test key");
        await using var wrongKey = await SqliteStateStore.OpenAsync(_home.Home.DatabasePath, otherKey, Time, Ct);
        var error = await Assert.ThrowsAsync<UnreadableCredentialException>(() => wrongKey.Credentials.GetAsync(connection.Id, "quickbooks", Ct));

        Assert.Contains("a test key", error.Message, StringComparison.Ordinal);
        Assert.Contains("connect quickbooks again", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("RT-keep-me-private", error.ToString(), StringComparison.Ordinal);
        Assert.Equal((connection.Id, "quickbooks", 1L), (error.ConnectionId, error.System, error.Version));

        // The version it carries is what replaces the unreadable secret without reading it.
        Assert.True(await wrongKey.Credentials.TrySaveAsync(connection.Id, "quickbooks", "RT-replaced", error.Version, Ct));
        Assert.Equal(new StoredSecret("RT-replaced", 2), await wrongKey.Credentials.GetAsync(connection.Id, "quickbooks", Ct));
    }

    [Fact]
    public async Task A_schema_3_file_keeps_its_webhook_deliveries_and_learns_replays()
    {
        using var old = new TemporaryHome();
        old.Home.EnsureExists();
        var connectionId = Guid.NewGuid();
        const string receivedAt = "2025-10-02T20:09:34.1234567Z";
        await using (var raw = new SqliteConnection($"Data Source={old.Home.DatabasePath};Pooling=False"))
        {
            await raw.OpenAsync(Ct);
            await ExecuteAsync(raw, "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);");
            foreach (var migration in SqliteMigrator.Migrations.Where(m => m.Version <= 3))
            {
                await ExecuteAsync(raw, migration.Sql);
                await ExecuteAsync(raw, $"INSERT INTO schema_version (version, name, applied_at) VALUES ({migration.Version}, '{migration.Name}', '{receivedAt}');");
            }

            await ExecuteAsync(raw, $"""
                INSERT INTO connections (id, name, source_kind, source_settings, settings, created_at, updated_at)
                VALUES ('{connectionId:D}', 'old-shop', 'shopify', '{"{}"}', '{"{}"}', '{receivedAt}', '{receivedAt}');
                INSERT INTO webhook_inbox (connection_id, provider, event_id, topic, received_at)
                VALUES ('{connectionId:D}', 'shopify', 'evt-old', 'orders/updated', '{receivedAt}');
                """);
        }

        await using var store = await StateStore.OpenSqliteAsync(old.Home, Time, Ct);

        var kept = Assert.Single(await store.Webhooks.ListRecentAsync(connectionId, 10, Ct));
        Assert.Equal(("evt-old", null, null), (kept.EventId, kept.BodyHash, kept.ReplayOf));
        Assert.Equal(WebhookAdmission.SeenEvent, await store.Webhooks.AddAsync(kept with { BodyHash = "sha256:x" }, kept.ReceivedAt.AddDays(-1), Ct));
        var now = Time.GetUtcNow();
        var first = new WebhookDelivery(connectionId, "shopify", "evt-new", "orders/updated", now, "sha256:x");
        Assert.Equal(WebhookAdmission.New, await store.Webhooks.AddAsync(first, now.AddDays(-1), Ct));
        Assert.Equal(WebhookAdmission.Replay, await store.Webhooks.AddAsync(first with { EventId = "evt-again" }, now.AddDays(-1), Ct));
    }

    [Fact]
    public async Task A_schema_5_file_puts_its_connections_in_one_new_workspace()
    {
        using var old = new TemporaryHome();
        old.Home.EnsureExists();
        var ids = new[] { Guid.NewGuid(), Guid.NewGuid() };
        const string at = "2025-10-02T20:09:34.1234567Z";
        await using (var raw = new SqliteConnection($"Data Source={old.Home.DatabasePath};Pooling=False"))
        {
            await raw.OpenAsync(Ct);
            await ExecuteAsync(raw, "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);");
            foreach (var migration in SqliteMigrator.Migrations.Where(m => m.Version <= 5))
            {
                await ExecuteAsync(raw, migration.Sql);
                await ExecuteAsync(raw, $"INSERT INTO schema_version (version, name, applied_at) VALUES ({migration.Version}, '{migration.Name}', '{at}');");
            }

            await ExecuteAsync(raw, $"""
                INSERT INTO connections (id, name, source_kind, source_settings, settings, created_at, updated_at)
                VALUES ('{ids[0]:D}', 'old-shop', 'shopify', '{"{}"}', '{"{}"}', '{at}', '{at}'),
                       ('{ids[1]:D}', 'old-csv', 'csv', '{"{}"}', '{"{}"}', '{at}', '{at}');
                """);
        }

        await using var store = await StateStore.OpenSqliteAsync(old.Home, Time, Ct);

        var workspace = Assert.Single(await store.Workspaces.ListAsync(Ct));
        Assert.Equal(Time.GetUtcNow(), workspace.CreatedAt);
        var connections = await store.Workspaces.ConnectionsOf(workspace.Id).ListAsync(Ct);
        Assert.Equal(["old-csv", "old-shop"], connections.Select(c => c.Name));
        Assert.All(connections, c => Assert.Equal(workspace.Id, c.WorkspaceId));
        Assert.False(await store.Users.AnyAsync(Ct));
    }

    private void AssertNoFileContains(string secret)
    {
        var needle = System.Text.Encoding.UTF8.GetBytes(secret[..24]);
        var files = Directory.GetFiles(_home.Home.Directory, "storebooks.db*");
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            byte[] bytes;
            using (var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            using (var memory = new MemoryStream())
            {
                stream.CopyTo(memory);
                bytes = memory.ToArray();
            }

            Assert.True(bytes.AsSpan().IndexOf(needle) < 0, $"{Path.GetFileName(file)} contains the secret in plain text.");
        }
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(TestContext.Current.CancellationToken);
    }
}
