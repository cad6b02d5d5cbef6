using Xunit;

namespace StoreBooks.Cli.Tests;

/// <summary><c>storebooks serve</c>'s QuickBooks options: which QuickBooks, which Intuit app, and the public address.</summary>
public sealed class ServeCommandTests
{
    [Theory]
    [InlineData(new[] { "--intuit-client-id", "ABC123" }, "client id was given without its secret")]
    [InlineData(new[] { "--intuit-client-secret", "s3cr3t-on-the-line" }, "client secret was given without its client id")]
    [InlineData(new[] { "--quickbooks", "ftp://books.example.com/" }, "--quickbooks: 'ftp://books.example.com/' is not a QuickBooks environment")]
    [InlineData(new[] { "--public-url", "https://books.example.com/storebooks" }, "--public-url: 'https://books.example.com/storebooks' has a path")]
    [InlineData(new[] { "--public-url", "https://books.example.com/?from=proxy" }, "--public-url: 'https://books.example.com/?from=proxy' has a query")]
    [InlineData(new[] { "--slice-orders", "-1" }, "--slice-orders must be 0 or more and --slice-seconds at least 1.")]
    [InlineData(new[] { "--slice-seconds", "0" }, "--slice-orders must be 0 or more and --slice-seconds at least 1.")]
    [InlineData(new[] { "--keep-runs-days", "-7" }, "--keep-runs-days must be 0 (keep every run) or more.")]
    public async Task Serve_refuses_half_an_app_an_unknown_QuickBooks_and_a_public_address_that_is_not_one(string[] options, string why)
    {
        await using var cli = await CliHarness.StartAsync();

        var (code, output, error) = await cli.RunAsync(["serve", "--urls", "http://127.0.0.1:0", .. options]);

        Assert.Equal(1, code);
        Assert.Contains(why, error, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t", error + output, StringComparison.Ordinal);
        Assert.DoesNotContain("Parameter", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_says_which_QuickBooks_and_the_redirect_URI_and_prints_webhook_URLs_on_the_public_address()
    {
        await using var cli = await CliHarness.StartAsync();
        await cli.ConnectAsync(RepositoryFiles.Path("demo/products.csv"), RepositoryFiles.Path("demo/orders.csv"));
        var output = new LiveOutput();
        var error = new LiveOutput();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

        var running = StoreBooksCli.RunAsync(
            ["serve", "--urls", "http://127.0.0.1:0", "--quickbooks", "sandbox", "--intuit-client-id", "ABC123", "--intuit-client-secret", "s3cr3t-on-the-line",
             "--public-url", "https://books.example.com", "--home", cli.Home],
            output, error, stop.Token);
        await output.WaitForAsync("(POST https://books.example.com/webhooks/quickbooks)", running);
        await stop.CancelAsync();
        var code = await running;

        var text = output.Text;
        Assert.True(code == 0, text + error.Text);
        Assert.Contains("Dashboard: https://books.example.com/", text, StringComparison.Ordinal);
        Assert.Contains("QuickBooks: the dashboard connects companies to Intuit's sandbox with Intuit app ABC123.", text, StringComparison.Ordinal);
        Assert.Contains("Redirect URI to register in the Intuit app: https://books.example.com/quickbooks/callback", text, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t", text + error.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("127.0.0.1:0", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_against_Intuit_without_an_app_says_the_dashboard_cannot_connect()
    {
        await using var cli = await CliHarness.StartAsync();
        var output = new LiveOutput();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

        var running = StoreBooksCli.RunAsync(["serve", "--urls", "http://127.0.0.1:0", "--home", cli.Home], output, new LiveOutput(), stop.Token);
        var line = await output.WaitForAsync("^(QuickBooks: .*)$", running);
        await stop.CancelAsync();

        Assert.Equal(0, await running);
        Assert.StartsWith("QuickBooks: Intuit's production, but no Intuit app: the dashboard cannot connect companies", line, StringComparison.Ordinal);
    }
}
