using Xunit;

namespace StoreBooks.Cli.Tests;

public sealed class DemoCommandTests
{
    [Fact]
    public async Task The_demo_syncs_the_demo_store_and_the_totals_agree()
    {
        var home = Path.Combine(Path.GetTempPath(), "storebooks-demo-test-" + Guid.NewGuid().ToString("N"));
        using var output = new StringWriter();
        using var error = new StringWriter();
        try
        {
            var code = await StoreBooksCli.RunAsync(["demo", "--home", home], output, error, TestContext.Current.CancellationToken);

            var text = output.ToString();
            Assert.True(code == 0, text + error);
            Assert.Contains("agree to the cent, and nothing failed", text, StringComparison.Ordinal);
            Assert.DoesNotContain("DIFFER", text, StringComparison.Ordinal);
            Assert.Contains("refund receipts", text, StringComparison.Ordinal);
            // The demo's payments export: every paid payout is one deposit, and the bank's total equals the store's.
            Assert.Matches(@"Payouts: (\d+) paid payout\(s\) of ([\d,.]+) CAD from the store; \1 QuickBooks\s+deposit\(s\) of \2 CAD \(agree to the cent\)", text);
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }
}
