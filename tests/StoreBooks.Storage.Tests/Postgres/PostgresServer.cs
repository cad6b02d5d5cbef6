using Npgsql;

namespace StoreBooks.Storage.Tests.Postgres;

/// <summary>
/// The PostgreSQL server the tests use: <see cref="Variable"/> names an admin connection string (a role that may create
/// databases), by default the one .ci/run sets up. Each test class gets a fresh database of its own, dropped at the end.
/// A server that cannot be reached fails the tests with what to do; it never skips them.
/// </summary>
public static class PostgresServer
{
    public const string Variable = "STOREBOOKS_TEST_POSTGRES";

    public const string DefaultConnectionString = "Host=127.0.0.1;Port=5432;Username=storebooks;Password=storebooks;Database=postgres";

    public static string AdminConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } configured ? configured : DefaultConnectionString;

    /// <summary>Creates an empty database <c>sb_test_…</c> and answers its connection string (same server and role).</summary>
    public static async Task<string> CreateDatabaseAsync(CancellationToken cancellationToken)
    {
        var name = $"sb_test_{Guid.NewGuid():N}";
        await ExecuteAsync($"CREATE DATABASE {name};", cancellationToken);
        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name, Pooling = true }.ConnectionString;
    }

    /// <summary>Drops the database, ending any session still on it.</summary>
    public static async Task DropDatabaseAsync(string connectionString, CancellationToken cancellationToken)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE);", cancellationToken);
    }

    private static async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        var admin = new NpgsqlConnectionStringBuilder(AdminConnectionString) { Pooling = false };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            throw new InvalidOperationException(
                $"The PostgreSQL tests need a server: none answered at {admin.Host}:{admin.Port} as {admin.Username} ({e.Message}). " +
                $"Run .ci/run (it installs and starts PostgreSQL and creates the role), or start one yourself " +
                $"(pg_ctlcluster 15 main start) and set {Variable} to an admin connection string whose role may CREATE DATABASE.",
                e);
        }

        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

/// <summary>One fresh database for a test class; each test of the class works in a fresh schema of it.</summary>
public sealed class PostgresDatabaseFixture : IAsyncDisposable, Xunit.IAsyncLifetime
{
    public string ConnectionString { get; private set; } = "";

    public async ValueTask InitializeAsync() => ConnectionString = await PostgresServer.CreateDatabaseAsync(CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        if (ConnectionString.Length > 0)
        {
            await PostgresServer.DropDatabaseAsync(ConnectionString, CancellationToken.None);
        }
    }

    /// <summary>The database's connection string with <paramref name="schema"/> first on the search path: the store's tables go there.</summary>
    public string InSchema(string schema) =>
        new NpgsqlConnectionStringBuilder(ConnectionString) { SearchPath = schema }.ConnectionString;
}
