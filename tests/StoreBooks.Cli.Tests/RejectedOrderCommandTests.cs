using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Xunit;

namespace StoreBooks.Cli.Tests;

/// <summary>
/// What a merchant does with an order StoreBooks refused: fixes the file and runs <c>storebooks sync</c> or
/// <c>storebooks retry</c>, and finds it posted once; or dismisses it, and it is read no more until taken back. Each reason an
/// order is refused for its data (a total that does not add up, a date a spreadsheet rewrote, a shifted row).
/// </summary>
public sealed class RejectedOrderCommandTests
{
    private const string Products = """
        Handle,Title,Option1 Name,Option1 Value,Variant SKU,Variant Price,Variant Inventory Tracker,Cost per item,Status
        camp-mug,Enamel Camp Mug,Title,Default Title,MUG-1,18.00,,6.00,active
        """;

    private const string Header = "Name,Email,Financial Status,Paid at,Currency,Subtotal,Shipping,Taxes,Total,Discount Amount,Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem sku,Lineitem taxable,Billing Name,Payment Method,Id,Tax 1 Name,Tax 1 Value";

    private const string Good = "#3001,ann@example.com,paid,2025-11-03 10:00:05 -0700,CAD,36.00,0.00,1.80,37.80,0.00,2025-11-03 10:00:00 -0700,2,Enamel Camp Mug,18.00,MUG-1,true,Ann Lee,Shopify Payments,93001,GST 5%,1.80";

    private const string Fixed = "#3002,bo@example.com,paid,2025-11-04 10:00:05 -0700,CAD,18.00,0.00,0.90,18.90,0.00,2025-11-04 10:00:00 -0700,1,Enamel Camp Mug,18.00,MUG-1,true,Bo Chen,Shopify Payments,93002,GST 5%,0.90";

    private const string Later = "#3003,cy@example.com,paid,2025-11-05 10:00:05 -0700,CAD,18.00,0.00,0.90,18.90,0.00,2025-11-05 10:00:00 -0700,1,Enamel Camp Mug,18.00,MUG-1,true,Cy Diaz,Shopify Payments,93003,GST 5%,0.90";

    /// <summary>Order #3002 as the file first has it, broken for one reason, and a word its issue must carry.</summary>
    public static TheoryData<string, string, string, string> Reasons() => new()
    {
        { "total", Fixed.Replace(",18.90,", ",81.90,", StringComparison.Ordinal), "81.90", "sync" },
        { "total", Fixed.Replace(",18.90,", ",81.90,", StringComparison.Ordinal), "81.90", "retry" },
        { "date", Fixed.Replace("2025-11-04 10:00:05 -0700", "04/11/2025 10:00", StringComparison.Ordinal).Replace("2025-11-04 10:00:00 -0700", "04/11/2025 10:00", StringComparison.Ordinal), "04/11/2025", "sync" },
        { "date", Fixed.Replace("2025-11-04 10:00:05 -0700", "04/11/2025 10:00", StringComparison.Ordinal).Replace("2025-11-04 10:00:00 -0700", "04/11/2025 10:00", StringComparison.Ordinal), "04/11/2025", "retry" },
        { "shifted", Fixed.Replace("bo@example.com,", "", StringComparison.Ordinal) + ",", "line 3", "sync" },
        { "shifted", Fixed.Replace("bo@example.com,", "", StringComparison.Ordinal) + ",", "line 3", "retry" },
    };

    [Theory]
    [MemberData(nameof(Reasons))]
    public async Task A_refused_order_fixed_in_the_file_posts_once_on_the_next_sync_or_retry(string reason, string broken, string word, string command)
    {
        await using var cli = await CliHarness.StartAsync();
        var orders = await ConnectAsync(cli, Header, Good, broken, Later);

        var first = await cli.RunAsync("sync");
        var issues = (await cli.RunJsonAsync("status"))["issues"]!.AsArray();

        Assert.True(first.Code == 3, $"{reason}: {first.Error}{first.Output}");
        var issue = Assert.Single(issues)!;
        Assert.Contains("#3002", issue["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(word, issue["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(["3001", "3003"], await DocNumbersAsync(cli));

        // Run again unchanged: still refused, still one issue, exit 3 naming the records that need attention.
        var again = await cli.RunAsync("sync");
        Assert.Equal(3, again.Code);
        Assert.Contains("1 record(s) need your attention", again.Output, StringComparison.Ordinal);

        await File.WriteAllTextAsync(orders, string.Join('\n', Header, Good, Fixed, Later) + "\n", TestContext.Current.CancellationToken);
        var after = await cli.RunAsync(command);
        var status = await cli.RunJsonAsync("status");

        Assert.True(after.Code == 0, $"{reason} {command}: {after.Error}{after.Output}");
        Assert.Empty(status["issues"]!.AsArray());
        Assert.Equal(["3001", "3002", "3003"], await DocNumbersAsync(cli));
        Assert.Equal(0, (await cli.RunAsync("sync")).Code);
        Assert.Equal(["3001", "3002", "3003"], await DocNumbersAsync(cli));
    }

    [Fact]
    public async Task A_dismissed_order_is_read_no_more_until_retried_by_name_and_status_lists_waiting_and_skipped_orders()
    {
        await using var cli = await CliHarness.StartAsync();
        var broken = Fixed.Replace(",18.90,", ",81.90,", StringComparison.Ordinal);
        var pending = Later.Replace(",paid,2025-11-05 10:00:05 -0700,", ",pending,,", StringComparison.Ordinal).Replace("Shopify Payments", "Bank Deposit", StringComparison.Ordinal);
        var voided = "#3004,di@example.com,voided,,CAD,18.00,0.00,0.90,18.90,0.00,2025-11-06 10:00:00 -0700,1,Enamel Camp Mug,18.00,MUG-1,true,Di Ek,Shopify Payments,93004,GST 5%,0.90";
        var orders = await ConnectAsync(cli, Header, Good, broken, pending, voided);
        Assert.Equal(3, (await cli.RunAsync("sync")).Code);

        var unknown = await cli.RunAsync("dismiss", "9999");
        var dismissed = await cli.RunAsync("dismiss", "#3002");
        var next = await cli.RunAsync("sync");
        var text = await cli.RunAsync("status");
        var json = await cli.RunJsonAsync("status");

        Assert.Equal(1, unknown.Code);
        Assert.Contains("No order \"9999\"", unknown.Error, StringComparison.Ordinal);
        Assert.Equal(0, dismissed.Code);
        Assert.Contains("Order #3002 dismissed", dismissed.Output, StringComparison.Ordinal);
        Assert.True(next.Code == 0, next.Error + next.Output);
        Assert.Contains("Nothing needs your attention.", next.Output, StringComparison.Ordinal);
        Assert.Empty(json["issues"]!.AsArray());
        Assert.Equal("order #3002", json["dismissed"]![0]!["reference"]!.GetValue<string>());
        Assert.True(json["waiting"]!.AsArray().Count == 1, json.ToJsonString());
        var waiting = json["waiting"]![0]!;
        Assert.Equal("order #3003", waiting["reference"]!.GetValue<string>());
        Assert.StartsWith("not paid yet", waiting["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        var skipped = Assert.Single(json["skipped"]!.AsArray())!;
        Assert.Equal("order #3004", skipped["reference"]!.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(skipped["reason"]!.GetValue<string>()));
        Assert.Equal(1, json["orders"]!["posted"]!.GetValue<int>());
        Assert.Contains("Waiting (nothing to do", text.Output, StringComparison.Ordinal);
        Assert.Contains("- order #3003: not paid yet", text.Output, StringComparison.Ordinal);
        Assert.Contains("Skipped by a rule: 1", text.Output, StringComparison.Ordinal);
        Assert.Contains("Dismissed (storebooks retry ORDER takes one back): 1", text.Output, StringComparison.Ordinal);

        // Fixed after all: retry by name takes it back and posts it.
        await File.WriteAllTextAsync(orders, string.Join('\n', Header, Good, Fixed, pending, voided) + "\n", TestContext.Current.CancellationToken);
        var retried = await cli.RunAsync("retry", "3002");
        Assert.True(retried.Code == 0, retried.Error + retried.Output);
        Assert.Contains("Order #3002 will be read and sent again.", retried.Output, StringComparison.Ordinal);
        Assert.Equal(["3001", "3002"], await DocNumbersAsync(cli));
    }

    [Fact]
    public async Task Status_refuses_a_run_count_below_one_with_a_clear_message()
    {
        await using var cli = await CliHarness.StartAsync();
        await ConnectAsync(cli, Header, Good);

        var (code, output, error) = await cli.RunAsync("status", "--runs", "-5");

        Assert.NotEqual(0, code);
        Assert.Contains("--runs must be 1 or more", error + output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error + output, StringComparison.Ordinal);
    }

    private static async Task<string> ConnectAsync(CliHarness cli, params string[] lines)
    {
        Directory.CreateDirectory(cli.Home);
        var products = Path.Combine(cli.Home, "products.csv");
        var orders = Path.Combine(cli.Home, "orders.csv");
        await File.WriteAllTextAsync(products, Products + "\n", TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(orders, string.Join('\n', lines) + "\n", TestContext.Current.CancellationToken);
        await cli.ConnectAsync(products, orders);
        var set = await cli.RunAsync("settings", "set", "syncStartDate=2025-10-01", "products.mode=Automatic", "products.incomeAccount=Sales of Product Income");
        Assert.True(set.Code == 0, set.Error + set.Output);
        return orders;
    }

    /// <summary>The document numbers of the company's sales receipts, read as the merchant's QuickBooks has them.</summary>
    private static async Task<string[]> DocNumbersAsync(CliHarness cli)
    {
        var realm = cli.Emulator.Qbo.Companies.DefaultRealmId;
        using var http = new HttpClient { BaseAddress = cli.Emulator.BaseUrl };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", cli.Emulator.Qbo.OAuth.IssueTokens(realm).AccessToken);
        var found = await http.GetFromJsonAsync<JsonNode>(
            $"v3/company/{realm}/query?query={Uri.EscapeDataString("select * from SalesReceipt")}", TestContext.Current.CancellationToken);
        var receipts = found!["QueryResponse"]!["SalesReceipt"] as JsonArray ?? [];
        return [.. receipts.Select(r => r!["DocNumber"]!.GetValue<string>()).Order(StringComparer.Ordinal)];
    }
}
