using Xunit;

namespace StoreBooks.Cli.Tests;

/// <summary>
/// Every failure a user can meet ends with one message saying what is wrong and what to do, and exit code 1; never a stack
/// trace. The detail goes to storebooks.log in the home, readable by its owner only.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class FailureMessageTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_truncated_or_overwritten_database_says_it_is_damaged_and_what_to_do()
    {
        await using var cli = await CliHarness.StartAsync();
        Assert.Equal(1, (await cli.RunAsync("status")).Code); // no connection yet; the home and its database now exist
        await File.WriteAllBytesAsync(Path.Combine(cli.Home, "storebooks.db"), [.. "SQLite format 3\0"u8, .. new byte[40]], Ct);
        foreach (var extra in new[] { "-wal", "-shm" })
        {
            File.Delete(Path.Combine(cli.Home, "storebooks.db" + extra));
        }

        var (code, output, error) = await cli.RunAsync("status");

        AssertOneMessage(code, output, error, "is damaged");
        Assert.Contains("Restore it from a backup", error, StringComparison.Ordinal);
        var log = Path.Combine(cli.Home, "storebooks.log");
        Assert.Contains($"The details are in {log}.", error, StringComparison.Ordinal);
        Assert.Contains("   at ", await File.ReadAllTextAsync(log, Ct), StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(log));
    }

    [Fact]
    public async Task A_database_that_is_a_folder_says_so()
    {
        await using var cli = await CliHarness.StartAsync();
        Directory.CreateDirectory(Path.Combine(cli.Home, "storebooks.db"));

        var (code, output, error) = await cli.RunAsync("status");

        AssertOneMessage(code, output, error, "is a folder, not a file");
    }

    [Fact]
    public async Task A_home_that_is_a_file_or_under_a_file_says_so()
    {
        await using var cli = await CliHarness.StartAsync();
        Directory.CreateDirectory(cli.Home);
        var file = Path.Combine(cli.Home, "not-a-folder");
        await File.WriteAllTextAsync(file, "x", Ct);

        var onFile = await cli.RunAsync("status", "--home", file);
        var underFile = await cli.RunAsync("status", "--home", Path.Combine(file, "home"));

        AssertOneMessage(onFile.Code, onFile.Output, onFile.Error, "is a file, not a folder");
        AssertOneMessage(underFile.Code, underFile.Output, underFile.Error, "StoreBooks cannot use");
        Assert.Contains("--home DIR", underFile.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_secret_key_file_names_the_file_never_the_key()
    {
        await using var cli = await CliHarness.StartAsync();
        Directory.CreateDirectory(cli.Home);
        await File.WriteAllTextAsync(Path.Combine(cli.Home, "secret.key"), "not a key at all!\n", Ct);

        var (code, output, error) = await cli.RunAsync("status");

        AssertOneMessage(code, output, error, "secret.key is not base64");
        Assert.DoesNotContain("not a key at all", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_orders_file_is_one_message_and_nothing_is_saved()
    {
        await using var cli = await CliHarness.StartAsync();
        Directory.CreateDirectory(cli.Home);
        var empty = Path.Combine(cli.Home, "orders_export.csv");
        var products = Path.Combine(cli.Home, "products_export.csv");
        await File.WriteAllTextAsync(empty, "", Ct);
        await File.WriteAllTextAsync(products, "Handle,Title,Variant SKU,Variant Price\n", Ct);

        var (code, output, error) = await cli.RunAsync("connect", "csv", "--products", products, "--orders", empty);

        AssertOneMessage(code, output, error, "orders_export.csv is empty");
        Assert.Contains("Nothing was saved.", error + output, StringComparison.Ordinal);
        Assert.Contains("There is no connection yet", (await cli.RunAsync("status")).Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_secret_key_in_the_environment_is_one_message_never_a_trace()
    {
        await using var cli = await CliHarness.StartAsync();
        var program = new StoreBooks.Testing.StorebooksProgram(cli.Home, new Dictionary<string, string> { ["STOREBOOKS_SECRET_KEY"] = "c2hvcnQta2V5" });

        var result = await program.RunAsync(TimeSpan.FromSeconds(60), Ct, "status");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("The secret key in STOREBOOKS_SECRET_KEY is 9 bytes long", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error + result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("c2hvcnQta2V5", result.Error + result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_home_and_every_file_in_it_are_the_owners_only_even_when_the_folder_existed()
    {
        await using var cli = await CliHarness.StartAsync();
        Directory.CreateDirectory(cli.Home);
        File.SetUnixFileMode(cli.Home, (UnixFileMode)0b111_101_101); // 0755, as a user might have made it

        Assert.Equal(1, (await cli.RunAsync("status")).Code); // no connection yet, but the home is opened

        Assert.Equal((UnixFileMode)0b111_000_000, File.GetUnixFileMode(cli.Home));
        foreach (var name in new[] { "storebooks.db", "secret.key" })
        {
            Assert.Equal((UnixFileMode)0b110_000_000, File.GetUnixFileMode(Path.Combine(cli.Home, name)));
        }

        Assert.All(Directory.GetFiles(cli.Home), f => Assert.Equal((UnixFileMode)0, File.GetUnixFileMode(f) & (UnixFileMode)0b000_111_111));
    }

    private static void AssertOneMessage(int code, string output, string error, string expected)
    {
        Assert.True(code == 1, $"exit {code}: {error}{output}");
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error + output, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", error + output, StringComparison.Ordinal);
    }
}
