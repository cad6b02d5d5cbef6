using Npgsql;
using StoreBooks.Core.Connections;
using StoreBooks.Core.State;
using StoreBooks.Storage.Postgres;
using StoreBooks.Storage.Secrets;
using Xunit;

namespace StoreBooks.Storage.Tests.Postgres;

/// <summary>
/// How many PostgreSQL connections one process's state store holds: a sync posts many orders at once, and a fleet of worker
/// processes must not run the server out of connections. Callers beyond the pool wait for a connection and all complete.
/// </summary>
public sealed class PostgresPoolTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Three_hundred_callers_at_once_share_the_store_pool_of_twenty_and_the_key_ring_keeps_its_own()
    {
        var (peak, ring) = await BurstAsync(connectionString => connectionString);
        Assert.InRange(peak, 1, PostgresDatabase.DefaultMaxPoolSize);
        Assert.InRange(ring, 0, 4);
    }

    [Fact]
    public async Task A_connection_string_that_sets_its_own_pool_size_is_obeyed()
    {
        var (peak, _) = await BurstAsync(connectionString => new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = 3 }.ConnectionString);
        Assert.InRange(peak, 1, 3);
    }

    /// <summary>
    /// Three hundred link reservations and credential reads at once on a fresh database, with pg_stat_activity sampled meanwhile;
    /// answers the most connections the store held at once, and the key ring's.
    /// </summary>
    private static async Task<(long Store, long KeyRing)> BurstAsync(Func<string, string> change)
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync(Ct);
        try
        {
            await using var store = await StateStore.OpenPostgresAsync(change(connectionString), OperatorKeys.Of(SecretKey.Generate("the test key")), TimeProvider.System, Ct);
            var connection = new Connection { Id = Guid.NewGuid(), Name = "busy-shop", SourceKind = "csv" };
            await store.Connections.AddAsync(connection, Ct);
            Assert.True(await store.Credentials.TrySaveAsync(connection.Id, "shopify", "a-secret", 0, Ct));

            var database = new NpgsqlConnectionStringBuilder(connectionString).Database!;
            using var done = new CancellationTokenSource();
            var sampling = Task.Run(async () =>
            {
                var (storePeak, ringPeak) = (0L, 0L);
                var sampler = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, ApplicationName = "pool sampler" }.ConnectionString;
                await using var db = new NpgsqlConnection(sampler);
                await db.OpenAsync(Ct);
                await using var count = new NpgsqlCommand(
                    "SELECT count(*) FILTER (WHERE application_name = 'StoreBooks'), count(*) FILTER (WHERE application_name = 'StoreBooks key ring') FROM pg_stat_activity WHERE datname = @database;", db);
                count.Parameters.AddWithValue("database", database);
                while (!done.IsCancellationRequested)
                {
                    await using (var reader = await count.ExecuteReaderAsync(Ct))
                    {
                        await reader.ReadAsync(Ct);
                        storePeak = Math.Max(storePeak, reader.GetInt64(0));
                        ringPeak = Math.Max(ringPeak, reader.GetInt64(1));
                    }

                    await Task.Delay(5, CancellationToken.None);
                }

                return (storePeak, ringPeak);
            }, Ct);

            var work = Enumerable.Range(0, 300).Select(i => Task.Run(async () =>
            {
                await store.Links.ReserveAsync(connection.Id, LinkKind.Sale, $"order-{i}", Ct);
                Assert.Equal("a-secret", (await store.Credentials.GetAsync(connection.Id, "shopify", Ct))?.Value);
            }, Ct));
            await Task.WhenAll(work);
            await done.CancelAsync();
            var peaks = await sampling;

            var reserved = await store.Links.FindManyAsync(connection.Id, LinkKind.Sale, [.. Enumerable.Range(0, 300).Select(i => $"order-{i}")], Ct);
            Assert.Equal(300, reserved.Count);
            return peaks;
        }
        finally
        {
            await PostgresServer.DropDatabaseAsync(connectionString, CancellationToken.None);
        }
    }
}
