using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Xunit;

namespace StoreBooks.Cli.Tests;

/// <summary>
/// <c>storebooks reconcile</c>: exit code 0 when everything agrees, 3 when something differs, 1 with one message when the
/// report cannot be made; its JSON and CSV shapes. A CSV store (no payouts StoreBooks reads) of one order, synced to the
/// QuickBooks emulator.
/// </summary>
public sealed class ReconcileCommandTests
{
    private const string Products = """
        Handle,Title,Option1 Name,Option1 Value,Variant SKU,Variant Price,Variant Inventory Tracker,Cost per item,Status
        camp-mug,Enamel Camp Mug,Title,Default Title,MUG-1,18.00,,6.00,active
        """;

    private const string Orders = """
        Name,Email,Financial Status,Paid at,Currency,Subtotal,Shipping,Taxes,Total,Discount Amount,Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem sku,Lineitem taxable,Billing Name,Payment Method,Id,Tax 1 Name,Tax 1 Value
        #2001,ann@example.com,paid,2025-11-03 10:00:05 -0700,CAD,36.00,0.00,1.80,37.80,0.00,2025-11-03 10:00:00 -0700,2,Enamel Camp Mug,18.00,MUG-1,true,Ann Lee,Shopify Payments,92001,GST 5%,1.80
        """;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Reconcile_exits_0_when_everything_agrees_and_3_once_QuickBooks_differs_with_the_same_figures_in_json_csv_and_tables()
    {
        await using var cli = await SyncedAsync();

        var agree = await cli.RunAsync("reconcile", "--from", "2025-11-01", "--to", "2025-11-30");
        var json = await cli.RunJsonAsync("reconcile", "--from", "2025-11-01", "--to", "2025-11-30");
        var csv = await cli.RunAsync("reconcile", "--from", "2025-11-01", "--to", "2025-11-30", "--csv");

        Assert.True(agree.Code == 0, agree.Error + agree.Output);
        Assert.Contains("Everything agrees", agree.Output, StringComparison.Ordinal);
        Assert.Contains("2025-11-03", agree.Output, StringComparison.Ordinal);
        Assert.Contains("37.80", agree.Output, StringComparison.Ordinal);

        Assert.Equal("shop", json["connection"]!.GetValue<string>());
        var report = json["report"]!;
        Assert.True(report["allAgree"]!.GetValue<bool>());
        Assert.Equal("2025-11-01", report["from"]!.GetValue<string>());
        Assert.Empty(report["payouts"]!.AsArray());
        Assert.Contains("reads no payouts of a csv store", report["payoutsProblem"]!.GetValue<string>(), StringComparison.Ordinal);
        var day = Assert.Single(report["days"]!.AsArray())!;
        Assert.Equal("2025-11-03", day["day"]!.GetValue<string>());
        Assert.Equal(["sales", "tax", "shipping", "discounts", "refunds", "fees"], day["lines"]!.AsArray().Select(l => l!["key"]!.GetValue<string>()));
        var sales = day["lines"]!.AsArray().Single(l => l!["key"]!.GetValue<string>() == "sales")!;
        Assert.Equal(37.80m, sales["store"]!.GetValue<decimal>());
        Assert.Equal(37.80m, sales["quickBooks"]!.GetValue<decimal>());
        Assert.True(sales["agrees"]!.GetValue<bool>());
        var held = Assert.Single(report["undeposited"]!.AsArray())!;
        Assert.Equal("SalesReceipt", held["entity"]!.GetValue<string>());
        Assert.Equal("GatewayWithoutPayouts", held["reason"]!.GetValue<string>());
        Assert.Equal(37.80m, held["amount"]!.GetValue<decimal>());
        Assert.Equal("order #2001", held["reference"]!.GetValue<string>());
        Assert.True(held["explained"]!.GetValue<bool>());

        Assert.Equal(0, csv.Code);
        var rows = csv.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("section,date,reference,measure,store,quickbooks,difference,agrees,why", rows[0]);
        Assert.Contains("day,2025-11-03,,sales,37.80,37.80,0.00,true,", rows);
        Assert.Contains("period,,2025-11-01..2025-11-30,sales,37.80,37.80,0.00,true,", rows);
        Assert.Contains(rows, r => r.StartsWith($"undeposited,2025-11-03,SalesReceipt {held["documentId"]!.GetValue<string>()},GatewayWithoutPayouts,37.80,,,true,", StringComparison.Ordinal));
        Assert.Equal(1 + 6 + 6 + 1, rows.Length);

        // The merchant changes the sales receipt in QuickBooks: three mugs instead of two.
        await ChangeSalesReceiptAsync(cli, held["documentId"]!.GetValue<string>());
        var differ = await cli.RunAsync("reconcile", "--from", "2025-11-01", "--to", "2025-11-30");
        var differJson = await cli.RunJsonAsync("reconcile", "--from", "2025-11-01", "--to", "2025-11-30");
        var differCsv = await cli.RunAsync("reconcile", "--from", "2025-11-01", "--to", "2025-11-30", "--csv");

        Assert.True(differ.Code == 3, differ.Error + differ.Output);
        Assert.Contains("Something differs: the figures of 1 day(s)", differ.Output, StringComparison.Ordinal);
        Assert.Contains("DIFFERS: sales 37.80 vs", differ.Output, StringComparison.Ordinal);
        Assert.False(differJson["report"]!["allAgree"]!.GetValue<bool>());
        var changed = differJson["report"]!["days"]![0]!["lines"]!.AsArray().Single(l => l!["key"]!.GetValue<string>() == "sales")!;
        Assert.Equal(37.80m, changed["store"]!.GetValue<decimal>());
        Assert.True(changed["quickBooks"]!.GetValue<decimal>() >= 54.00m, changed.ToJsonString());
        Assert.False(changed["agrees"]!.GetValue<bool>());
        Assert.Equal(3, differCsv.Code);
        Assert.Contains(differCsv.Output.Split('\n'), r => r.StartsWith("day,2025-11-03,,sales,37.80,", StringComparison.Ordinal) && r.Contains(",false,", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reconcile_exits_1_with_one_clear_message_for_bad_dates_an_unknown_connection_and_no_QuickBooks()
    {
        await using var cli = await CliHarness.StartAsync();
        var (products, orders) = await WriteStoreAsync(cli);
        Assert.Equal(0, (await cli.RunAsync("connect", "csv", "--products", products, "--orders", orders, "--name", "shop")).Code);

        var badDate = await cli.RunAsync("reconcile", "--from", "2025-13-01", "--to", "2025-11-30");
        var reversed = await cli.RunAsync("reconcile", "--from", "2025-12-01", "--to", "2025-11-30");
        var unknown = await cli.RunAsync("reconcile", "--from", "2025-11-01", "--to", "2025-11-30", "--connection", "elsewhere");
        var notConnected = await cli.RunAsync("reconcile", "--from", "2025-11-01", "--to", "2025-11-30");
        var both = await cli.RunAsync("reconcile", "--from", "2025-11-01", "--to", "2025-11-30", "--json", "--csv");

        Assert.Equal(1, badDate.Code);
        Assert.Equal("--from \"2025-13-01\" is not a date: write it as YYYY-MM-DD (for example 2026-03-01).", badDate.Error.Trim());
        Assert.Equal(1, reversed.Code);
        Assert.Equal("--from 2025-12-01 is after --to 2025-11-30: the period must start on or before its last day.", reversed.Error.Trim());
        Assert.Equal(1, unknown.Code);
        Assert.StartsWith("There is no connection named \"elsewhere\"", unknown.Error.Trim(), StringComparison.Ordinal);
        Assert.Equal(1, notConnected.Code);
        Assert.Equal("Connection \"shop\" is not connected to QuickBooks yet: run storebooks connect quickbooks --connection shop.", notConnected.Error.Trim());
        Assert.Equal(1, both.Code);
        Assert.Equal("Choose one of --json and --csv.", both.Error.Trim());
        Assert.All([badDate, reversed, unknown, notConnected, both], r => Assert.Equal("", r.Output));
    }

    private static async Task<CliHarness> SyncedAsync()
    {
        var cli = await CliHarness.StartAsync();
        var (products, orders) = await WriteStoreAsync(cli);
        await cli.ConnectAsync(products, orders);
        Assert.Equal(0, (await cli.RunAsync("settings", "set", "syncStartDate=2025-10-01", "products.mode=Automatic", "products.incomeAccount=Sales of Product Income")).Code);
        var sync = await cli.RunAsync("sync");
        Assert.True(sync.Code == 0, sync.Error + sync.Output);
        return cli;
    }

    private static async Task<(string Products, string Orders)> WriteStoreAsync(CliHarness cli)
    {
        Directory.CreateDirectory(cli.Home);
        var products = Path.Combine(cli.Home, "products.csv");
        var orders = Path.Combine(cli.Home, "orders.csv");
        await File.WriteAllTextAsync(products, Products + "\n", Ct);
        await File.WriteAllTextAsync(orders, Orders + "\n", Ct);
        return (products, orders);
    }

    /// <summary>What a merchant does in QuickBooks' own screens: the sales receipt's line changed to three mugs, through the emulator's API.</summary>
    private static async Task ChangeSalesReceiptAsync(CliHarness cli, string id)
    {
        var realm = cli.Emulator.Qbo.Companies.DefaultRealmId;
        var token = cli.Emulator.Qbo.OAuth.IssueTokens(realm).AccessToken;
        using var http = new HttpClient { BaseAddress = cli.Emulator.BaseUrl };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var receipt = (await http.GetFromJsonAsync<JsonNode>($"v3/company/{realm}/salesreceipt/{id}?minorversion=75", Ct))!["SalesReceipt"]!.AsObject();
        var line = receipt["Line"]!.AsArray().First(l => l!["DetailType"]!.GetValue<string>() == "SalesItemLineDetail")!;
        line["SalesItemLineDetail"]!["Qty"] = 3;
        line["Amount"] = 54.00m;
        using var updated = await http.PostAsJsonAsync($"v3/company/{realm}/salesreceipt?minorversion=75", receipt, Ct);
        Assert.True(updated.IsSuccessStatusCode, await updated.Content.ReadAsStringAsync(Ct));
    }
}
