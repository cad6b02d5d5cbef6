using Npgsql;
using StoreBooks.Core.State;
using StoreBooks.Storage.Postgres;
using StoreBooks.Storage.Secrets;
using Xunit;

namespace StoreBooks.Storage.Tests.Postgres;

/// <summary>Several server processes starting at once on a new, empty database: one migrates, the others wait and find it done.</summary>
public sealed class PostgresMigrationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Stores_opened_at_once_on_an_empty_database_all_migrate_without_error()
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync(Ct);
        var stores = new List<IStateStore>();
        try
        {
            var key = OperatorKeys.Of(SecretKey.Generate("the test key"));
            for (var round = 0; round < 3; round++)
            {
                // Each store on its own pool, as separate processes would be.
                var opening = Enumerable.Range(0, 4).Select(i => Task.Run(() => StateStore.OpenPostgresAsync(
                    new NpgsqlConnectionStringBuilder(connectionString) { ApplicationName = $"storebooks-test-{round}-{i}" }.ConnectionString,
                    key, TimeProvider.System, Ct), Ct));
                stores.AddRange(await Task.WhenAll(opening));
            }

            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(Ct);
            await using var versions = new NpgsqlCommand("SELECT count(*), max(version), count(DISTINCT version) FROM schema_version;", connection);
            await using (var reader = await versions.ExecuteReaderAsync(Ct))
            {
                Assert.True(await reader.ReadAsync(Ct));
                Assert.Equal((PostgresMigrator.LatestVersion, PostgresMigrator.LatestVersion, PostgresMigrator.LatestVersion), ((int)reader.GetInt64(0), reader.GetInt32(1), (int)reader.GetInt64(2)));
            }

            // The migration's own workspace was made once, and every store works on the same schema.
            var workspace = Assert.Single(await stores[0].Workspaces.ListAsync(Ct));
            await stores[^1].Connections.AddAsync(new Core.Connections.Connection { Id = Guid.NewGuid(), Name = "first-shop", SourceKind = "csv" }, Ct);
            Assert.Equal(workspace.Id, (await stores[1].Connections.FindByNameAsync("first-shop", Ct))?.WorkspaceId);
        }
        finally
        {
            foreach (var store in stores)
            {
                await store.DisposeAsync();
            }

            await PostgresServer.DropDatabaseAsync(connectionString, CancellationToken.None);
        }
    }
}
