using System.Security.Cryptography;
using StoreBooks.Testing;
using Xunit;

namespace StoreBooks.Cli.Tests;

/// <summary>
/// A lost or changed secret key is recoverable: it is never silently replaced while credentials need it, a credential it cannot
/// decrypt is reported with the command that enters it again, entering it again never reads the old one, and
/// <c>storebooks doctor</c> checks the whole home. Secrets need not be on the command line.
/// </summary>
public sealed class HomeKeyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string[] ConnectWoo(CliHarness cli, string secret) =>
        ["connect", "woocommerce", "--url", cli.Emulator.BaseUrl.AbsoluteUri, "--key", "ck_demo", "--secret", secret, "--name", "shop"];

    [Fact]
    public async Task A_lost_key_is_not_silently_replaced_and_doctor_new_key_lists_what_to_enter_again()
    {
        await using var cli = await CliHarness.StartAsync();
        Assert.Equal(0, (await cli.RunAsync(ConnectWoo(cli, "cs_demo"))).Code);
        var keyPath = Path.Combine(cli.Home, "secret.key");
        File.Delete(keyPath);

        var refused = await cli.RunAsync("status");

        Assert.Equal(1, refused.Code);
        Assert.Contains("secret key", refused.Error, StringComparison.Ordinal);
        Assert.Contains("is missing, but the state store holds 1 credential(s)", refused.Error, StringComparison.Ordinal);
        Assert.Contains("storebooks doctor --new-key", refused.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", refused.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(keyPath));

        var doctor = await cli.RunAsync("doctor", "--new-key");

        Assert.Equal(1, doctor.Code);
        Assert.True(File.Exists(keyPath));
        Assert.Contains("PROBLEM credential: \"shop\": the woocommerce credential cannot be decrypted with this secret key.", doctor.Output, StringComparison.Ordinal);
        Assert.Matches(@"Enter it again: storebooks connect woocommerce --name shop --url http://127\.0\.0\.1:\d+/? --key KEY --secret -", doctor.Output);
        Assert.Contains("ok      database:", doctor.Output, StringComparison.Ordinal);

        // Entering it again replaces the unreadable one without reading it; then all is well.
        var again = await cli.RunAsync(ConnectWoo(cli, "cs_demo"));
        Assert.True(again.Code == 0, again.Error + again.Output);
        var healthy = await cli.RunAsync("doctor");
        Assert.True(healthy.Code == 0, healthy.Output + healthy.Error);
        Assert.Contains("All is well.", healthy.Output, StringComparison.Ordinal);
        Assert.Equal(1, (await cli.RunAsync("doctor", "--new-key")).Code); // a key exists: --new-key refuses
    }

    [Fact]
    public async Task A_changed_key_names_the_credential_and_the_command_that_replaces_it()
    {
        await using var cli = await CliHarness.StartAsync();
        Assert.Equal(0, (await cli.RunAsync(ConnectWoo(cli, "cs_demo"))).Code);
        Assert.Equal(0, (await cli.RunAsync("connect", "quickbooks", "--url", cli.Emulator.BaseUrl.AbsoluteUri, "--timeout", "30")).Code);
        await File.WriteAllTextAsync(Path.Combine(cli.Home, "secret.key"), Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) + "\n", Ct);

        var (code, output, error) = await cli.RunAsync("sync");

        Assert.Equal(1, code);
        Assert.Matches("The (quickbooks|quickbooks-app|woocommerce) credential of \"shop\" cannot be decrypted with this secret key", error);
        Assert.Matches("enter the credential again: storebooks connect (quickbooks --connection shop|woocommerce --name shop --url http://127\\.0\\.0\\.1:\\d+/? --key KEY --secret -)\\.", error);
        Assert.DoesNotContain("   at ", error + output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_secret_read_from_standard_input_is_saved_and_never_needed_on_the_command_line()
    {
        await using var cli = await CliHarness.StartAsync();
        var program = new StorebooksProgram(cli.Home);

        var piped = await program.RunWithInputAsync("cs_demo\n", TimeSpan.FromSeconds(60), Ct, ConnectWoo(cli, "-"));
        var missing = await cli.RunAsync(["connect", "woocommerce", "--url", cli.Emulator.BaseUrl.AbsoluteUri, "--key", "ck_demo", "--name", "other"]);

        Assert.True(piped.ExitCode == 0, piped.ToString());
        Assert.Contains("shop", (await cli.RunAsync("connections")).Output, StringComparison.Ordinal);
        Assert.DoesNotContain("cs_demo", System.Text.Encoding.UTF8.GetString(await File.ReadAllBytesAsync(Path.Combine(cli.Home, "storebooks.db"), Ct)), StringComparison.Ordinal);
        Assert.Equal(1, missing.Code);
        Assert.Contains("Give --secret - to type or pipe it on standard input, or set STOREBOOKS_WOOCOMMERCE_SECRET", missing.Error, StringComparison.Ordinal);
    }
}
