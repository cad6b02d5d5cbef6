using Npgsql;
using Xunit;

namespace StoreBooks.Cli.Tests;

/// <summary>
/// <c>storebooks migrate --from-home</c> through the command line, into a fresh database on the real PostgreSQL
/// (<c>STOREBOOKS_TEST_POSTGRES</c>, as the storage tests use): what it prints, and the one-line refusals.
/// </summary>
public sealed class MigrateCommandTests : IAsyncLifetime
{
    private const string AdminVariable = "STOREBOOKS_TEST_POSTGRES";
    private const string DefaultAdmin = "Host=127.0.0.1;Port=5432;Username=storebooks;Password=storebooks;Database=postgres";
    private readonly string _name = $"sb_cli_{Guid.NewGuid():N}";
    private readonly string _keyFile = Path.Combine(Path.GetTempPath(), $"storebooks-cli-key-{Guid.NewGuid():N}");
    private readonly string _wrongKeyFile = Path.Combine(Path.GetTempPath(), $"storebooks-cli-key-{Guid.NewGuid():N}");

    private static string Admin => Environment.GetEnvironmentVariable(AdminVariable) is { Length: > 0 } configured ? configured : DefaultAdmin;

    private string Database => new NpgsqlConnectionStringBuilder(Admin) { Database = _name }.ConnectionString;

    public async ValueTask InitializeAsync()
    {
        await ExecuteAsync($"CREATE DATABASE {_name};");
        await File.WriteAllTextAsync(_keyFile, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
        await File.WriteAllTextAsync(_wrongKeyFile, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync($"DROP DATABASE IF EXISTS {_name} WITH (FORCE);");
        File.Delete(_keyFile);
        File.Delete(_wrongKeyFile);
    }

    [Fact]
    public async Task Migrate_moves_a_home_once_then_refuses_and_a_wrong_key_is_one_clear_line()
    {
        await using var cli = await CliHarness.StartAsync();
        await cli.ConnectAsync(RepositoryFiles.Path("demo/products.csv"), RepositoryFiles.Path("demo/orders.csv"));

        var moved = await cli.RunAsync("migrate", "--database", Database, "--key-file", _keyFile, "--workspace", "Demo Shop");

        Assert.True(moved.Code == 0, moved.Error + moved.Output);
        Assert.StartsWith($"Moved the home {cli.Home} into the new workspace \"Demo Shop\" of the hosted database: 1 connection(s), ", moved.Output, StringComparison.Ordinal);

        var again = await cli.RunAsync("migrate", "--database", Database, "--key-file", _keyFile, "--workspace", "Demo Shop");
        Assert.Equal(1, again.Code);
        Assert.Contains("already has 1 connection(s) (shop)", again.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", again.Error, StringComparison.Ordinal);

        var wrongKey = await cli.RunAsync("migrate", "--database", Database, "--key-file", _wrongKeyFile, "--workspace", "Elsewhere");
        Assert.Equal(1, wrongKey.Code);
        Assert.StartsWith($"The key in {_wrongKeyFile} does not open this database's key ring: the ring is encrypted with key ", wrongKey.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", wrongKey.Error, StringComparison.Ordinal);
    }

    private static async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Admin) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
