using Npgsql;

namespace StoreBooks.Hosting.Tests.Support;

/// <summary>
/// A fresh PostgreSQL database for one test, dropped at the end, on the server <see cref="Variable"/> names (an admin role that may
/// create databases; by default the one .ci/run makes). A server that cannot be reached fails the test with what to do.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string Variable = "STOREBOOKS_TEST_POSTGRES";

    private const string DefaultConnectionString = "Host=127.0.0.1;Port=5432;Username=storebooks;Password=storebooks;Database=postgres";

    private TestDatabase(string connectionString)
    {
        ConnectionString = connectionString;
    }

    public string ConnectionString { get; }

    public static string AdminConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } configured ? configured : DefaultConnectionString;

    public static async Task<TestDatabase> CreateAsync()
    {
        var name = $"sb_hosting_{Guid.NewGuid():N}";
        await ExecuteAsync($"CREATE DATABASE {name};");
        return new TestDatabase(new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name, Pooling = true }.ConnectionString);
    }

    /// <summary>One value read with a connection of its own.</summary>
    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync($"DROP DATABASE IF EXISTS {new NpgsqlConnectionStringBuilder(ConnectionString).Database} WITH (FORCE);");
    }

    private static async Task ExecuteAsync(string sql)
    {
        var admin = new NpgsqlConnectionStringBuilder(AdminConnectionString) { Pooling = false };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        try
        {
            await connection.OpenAsync();
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            throw new InvalidOperationException(
                $"The hosted-mode tests need PostgreSQL: none answered at {admin.Host}:{admin.Port} as {admin.Username} ({e.Message}). " +
                $"Run .ci/run (it starts PostgreSQL and creates the role), or start one (pg_ctlcluster 15 main start) and set {Variable}.",
                e);
        }

        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
