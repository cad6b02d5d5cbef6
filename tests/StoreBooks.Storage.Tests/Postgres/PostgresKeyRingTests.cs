using Npgsql;
using StoreBooks.Core.Connections;
using StoreBooks.Core.State;
using StoreBooks.Storage.Postgres;
using StoreBooks.Storage.Secrets;
using Xunit;

namespace StoreBooks.Storage.Tests.Postgres;

/// <summary>
/// Hosted mode's credentials on the real PostgreSQL: the Data Protection key ring in <c>data_protection_keys</c>, encrypted with the
/// operator's key; the operator's key rotated, Data Protection's data key renewed, a wrong key refused at start, and processes
/// starting at once on an empty database making one key ring. Each test has a database of its own.
/// </summary>
public sealed class PostgresKeyRingTests : IAsyncLifetime
{
    private static readonly TimeProvider Time = TimeProvider.System;
    private string _connectionString = "";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _connectionString = await PostgresServer.CreateDatabaseAsync(CancellationToken.None);

    public async ValueTask DisposeAsync() => await PostgresServer.DropDatabaseAsync(_connectionString, CancellationToken.None);

    [Fact]
    public async Task After_the_operator_key_is_rotated_old_and_new_secrets_are_read_and_the_ring_is_under_the_new_key_only()
    {
        var oldKey = SecretKey.Generate(OperatorKeys.KeyVariable);
        var newKey = SecretKey.Generate(OperatorKeys.KeyVariable);
        Guid connectionId;
        await using (var before = await OpenAsync(OperatorKeys.Of(oldKey)))
        {
            connectionId = await AddConnectionAsync(before, "rotating-shop");
            Assert.True(await before.Credentials.TrySaveAsync(connectionId, "shopify", "token-saved-before", 0, Ct));
        }

        Assert.Contains($"keyId=\"{oldKey.Id}\"", await RingXmlAsync(), StringComparison.Ordinal);

        // The rotation: the new key current, the old one still accepted; starting re-encrypts the ring under the new key.
        await using (var during = await OpenAsync(OperatorKeys.Of(newKey, oldKey)))
        {
            Assert.Equal(new StoredSecret("token-saved-before", 1), await during.Credentials.GetAsync(connectionId, "shopify", Ct));
            Assert.True(await during.Credentials.TrySaveAsync(connectionId, "quickbooks", "token-saved-during", 0, Ct));
        }

        var ring = await RingXmlAsync();
        Assert.Contains($"keyId=\"{newKey.Id}\"", ring, StringComparison.Ordinal);
        Assert.DoesNotContain(oldKey.Id, ring, StringComparison.Ordinal);

        // Afterwards the new key alone reads everything, and the old key alone opens nothing.
        await using (var after = await OpenAsync(OperatorKeys.Of(newKey)))
        {
            Assert.Equal("token-saved-before", (await after.Credentials.GetAsync(connectionId, "shopify", Ct))?.Value);
            Assert.Equal("token-saved-during", (await after.Credentials.GetAsync(connectionId, "quickbooks", Ct))?.Value);
        }

        var error = await Assert.ThrowsAsync<KeyRingException>(() => OpenAsync(OperatorKeys.Of(oldKey)));
        Assert.Contains($"the ring is encrypted with key {newKey.Id}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_data_key_protects_new_secrets_and_secrets_of_the_old_one_stay_readable()
    {
        var keys = OperatorKeys.Of(SecretKey.Generate(OperatorKeys.KeyVariable));
        Guid connectionId;
        await using (var store = await OpenAsync(keys))
        {
            connectionId = await AddConnectionAsync(store, "long-lived-shop");
            Assert.True(await store.Credentials.TrySaveAsync(connectionId, "shopify", "protected-by-the-first-data-key", 0, Ct));

            // What Data Protection does by itself when a data key's 90 days are up.
            store.KeyRing.MakeNewDataKey(Time);
        }

        await using (var store = await OpenAsync(keys))
        {
            Assert.True(await store.Credentials.TrySaveAsync(connectionId, "quickbooks", "protected-by-the-second-data-key", 0, Ct));
        }

        Assert.Equal(2L, await ScalarAsync<long>("SELECT count(*) FROM data_protection_keys WHERE name LIKE 'key-%';"));
        var first = await DataKeyOfAsync(connectionId, "shopify");
        var second = await DataKeyOfAsync(connectionId, "quickbooks");
        Assert.NotEqual(first, second);

        await using var reopened = await OpenAsync(keys);
        Assert.Equal("protected-by-the-first-data-key", (await reopened.Credentials.GetAsync(connectionId, "shopify", Ct))?.Value);
        Assert.Equal("protected-by-the-second-data-key", (await reopened.Credentials.GetAsync(connectionId, "quickbooks", Ct))?.Value);
    }

    [Fact]
    public async Task Stores_starting_at_once_on_an_empty_database_make_one_key_ring_they_all_read()
    {
        var keys = OperatorKeys.Of(SecretKey.Generate(OperatorKeys.KeyVariable));
        var opening = Enumerable.Range(0, 4).Select(i => Task.Run(
            () => PostgresStateStore.OpenAsync(new NpgsqlConnectionStringBuilder(_connectionString) { ApplicationName = $"storebooks-ring-{i}" }.ConnectionString, keys, Time, Ct),
            Ct));
        var stores = await Task.WhenAll(opening);
        try
        {
            Assert.Equal(1L, await ScalarAsync<long>("SELECT count(*) FROM data_protection_keys;"));
            var connectionId = await AddConnectionAsync(stores[0], "shared-shop");
            for (var i = 0; i < stores.Length; i++)
            {
                Assert.True(await stores[i].Credentials.TrySaveAsync(connectionId, $"system-{i}", $"secret-{i}", 0, Ct));
            }

            foreach (var store in stores)
            {
                for (var i = 0; i < stores.Length; i++)
                {
                    Assert.Equal($"secret-{i}", (await store.Credentials.GetAsync(connectionId, $"system-{i}", Ct))?.Value);
                }
            }
        }
        finally
        {
            foreach (var store in stores)
            {
                await store.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_previous_key_that_is_also_wrong_is_named_in_the_message()
    {
        var keys = OperatorKeys.Of(SecretKey.Generate(OperatorKeys.KeyVariable));
        await (await OpenAsync(keys)).DisposeAsync();
        var stranger = SecretKey.Generate(OperatorKeys.KeyVariable);
        var strangerBefore = SecretKey.Generate(OperatorKeys.PreviousKeysVariable);

        var error = await Assert.ThrowsAsync<KeyRingException>(() => OpenAsync(OperatorKeys.Of(stranger, strangerBefore)));

        Assert.Equal(
            $"The key in {OperatorKeys.KeyVariable} does not open this database's key ring: the ring is encrypted with key {keys.Current.Id}, " +
            $"and StoreBooks was given {OperatorKeys.KeyVariable} (key {stranger.Id}) and 1 previous key(s) in {OperatorKeys.PreviousKeysVariable} ({strangerBefore.Id}). " +
            $"Supply the key this database was set up with (in {OperatorKeys.KeyVariable} or --key-file; while rotating, the new one in " +
            $"{OperatorKeys.KeyVariable} and the old one in {OperatorKeys.PreviousKeysVariable}). If that key is lost, the credentials in " +
            "this database cannot be recovered: see \"Losing the key\" in the README.",
            error.Message);
    }

    private async Task<PostgresStateStore> OpenAsync(OperatorKeys keys) => await PostgresStateStore.OpenAsync(_connectionString, keys, Time, Ct);

    private static async Task<Guid> AddConnectionAsync(IStateStore store, string name)
    {
        var connection = new Connection { Id = Guid.NewGuid(), Name = name, SourceKind = "csv" };
        await store.Connections.AddAsync(connection, Ct);
        return connection.Id;
    }

    private async Task<string> RingXmlAsync() => await ScalarAsync<string>("SELECT string_agg(xml, '' ORDER BY name) FROM data_protection_keys;");

    /// <summary>The Data Protection key a stored credential names: after our format byte, Data Protection's 4-byte magic header, then the key id.</summary>
    private async Task<Guid> DataKeyOfAsync(Guid connectionId, string system)
    {
        var stored = await ScalarAsync<byte[]>($"SELECT secret FROM credentials WHERE connection_id = '{connectionId}' AND system = '{system}';");
        Assert.Equal(2, stored[0]);
        return new Guid(stored.AsSpan(5, 16));
    }

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync(Ct))!;
    }
}
