using System.Text.RegularExpressions;
using Xunit;

namespace StoreBooks.Cli.Tests;

/// <summary>
/// <c>connect csv --payouts</c>: Shopify's payment transactions export as the source of payouts, checked when connected, and each
/// paid payout deposited by the next sync once payouts are on.
/// </summary>
public sealed class ConnectCsvPayoutsTests
{
    private static string Demo(string file) => Path.Combine(RepositoryRoot(), "demo", file);

    [Fact]
    public async Task A_payments_export_is_checked_when_connected_and_its_paid_payouts_become_deposits_on_the_next_sync()
    {
        await using var cli = await CliHarness.StartAsync();
        var wrong = await cli.RunAsync("connect", "csv", "--products", Demo("products.csv"), "--orders", Demo("orders.csv"), "--payouts", Demo("products.csv"), "--name", "shop");
        Assert.Equal(1, wrong.Code);
        Assert.Contains("products.csv has no Order, Payout Status, Payout Date, Payout ID", wrong.Error, StringComparison.Ordinal);

        var connected = await cli.RunAsync("connect", "csv", "--products", Demo("products.csv"), "--orders", Demo("orders.csv"), "--payouts", Demo("payouts.csv"), "--name", "shop");
        Assert.True(connected.Code == 0, connected.Error + connected.Output);
        var payouts = int.Parse(Regex.Match(connected.Output, @"payouts:\s+\S+ \((\d+) payouts").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(payouts >= 8, connected.Output);
        var qbo = await cli.RunAsync("connect", "quickbooks", "--url", cli.Emulator.BaseUrl.AbsoluteUri, "--timeout", "30");
        Assert.True(qbo.Code == 0, qbo.Error + qbo.Output);
        var set = await cli.RunAsync("settings", "set", "syncStartDate=2025-10-01", "products.mode=Automatic", "products.incomeAccount=Sales of Product Income",
            "products.expenseAccount=Cost of Goods Sold", "sales.taxCodes.HST 15%=HST NB", "payouts.enabled=true", "payouts.bankAccount=Checking",
            "payouts.feesAccount=Bank Charges", "payouts.adjustmentsAccount=Uncategorized Expense");
        Assert.True(set.Code == 0, set.Error + set.Output);

        var sync = await cli.RunJsonAsync("sync");

        var counts = sync["run"]!["counts"]!;
        Assert.Equal(payouts - 1, counts["payouts.deposited"]!.GetValue<int>());
        var again = await cli.RunJsonAsync("sync");
        Assert.Equal(0, again["run"]!["counts"]!["payouts.deposited"]?.GetValue<int>() ?? 0);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "StoreBooks.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new FileNotFoundException("StoreBooks.slnx not found");
    }
}
