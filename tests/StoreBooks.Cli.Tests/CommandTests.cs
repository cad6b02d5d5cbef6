using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using StoreBooks.Hosting.Scheduling;
using Xunit;

namespace StoreBooks.Cli.Tests;

public sealed class CommandTests
{
    private const string Products = """
        Handle,Title,Option1 Name,Option1 Value,Variant SKU,Variant Price,Variant Inventory Tracker,Cost per item,Status
        camp-mug,Enamel Camp Mug,Title,Default Title,MUG-1,18.00,,6.00,active
        """;

    private const string Orders = """
        Name,Email,Financial Status,Paid at,Currency,Subtotal,Shipping,Taxes,Total,Discount Amount,Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem sku,Lineitem taxable,Billing Name,Payment Method,Id,Tax 1 Name,Tax 1 Value
        #2001,ann@example.com,paid,2025-11-03 10:00:05 -0700,CAD,36.00,0.00,1.80,37.80,0.00,2025-11-03 10:00:00 -0700,2,Enamel Camp Mug,18.00,MUG-1,true,Ann Lee,Shopify Payments,92001,GST 5%,1.80
        """;

    private static async Task<(string Products, string Orders)> WriteStoreAsync(CliHarness cli)
    {
        Directory.CreateDirectory(cli.Home);
        var products = Path.Combine(cli.Home, "products.csv");
        var orders = Path.Combine(cli.Home, "orders.csv");
        await File.WriteAllTextAsync(products, Products + "\n", TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(orders, Orders + "\n", TestContext.Current.CancellationToken);
        return (products, orders);
    }

    [Fact]
    public async Task Connect_quickbooks_completes_against_a_server_that_approves_at_once()
    {
        await using var cli = await CliHarness.StartAsync();
        var (products, orders) = await WriteStoreAsync(cli);

        await cli.ConnectAsync(products, orders);

        var connections = await cli.RunAsync("connections");
        Assert.Contains($"realm {cli.Emulator.Qbo.Companies.DefaultRealmId}", connections.Output, StringComparison.Ordinal);
        var db = await File.ReadAllBytesAsync(Path.Combine(cli.Home, "storebooks.db"), TestContext.Current.CancellationToken);
        Assert.DoesNotContain("demo-secret", System.Text.Encoding.UTF8.GetString(db), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sync_refuses_while_another_process_syncs_the_same_QuickBooks_company_and_runs_once_it_ends()
    {
        await using var cli = await CliHarness.StartAsync();
        var (products, orders) = await WriteStoreAsync(cli);
        await cli.ConnectAsync(products, orders);
        Assert.Equal(0, (await cli.RunAsync("settings", "set", "syncStartDate=2025-10-01", "products.mode=Automatic", "products.incomeAccount=Sales of Product Income")).Code);

        // What storebooks serve holds while it syncs the company: the lock file in the home, open exclusively.
        var realm = cli.Emulator.Qbo.Companies.DefaultRealmId;
        var serveLock = await new FileConnectionLock(Path.Combine(cli.Home, "locks")).TryAcquireAsync("qbo-realm:" + realm, TestContext.Current.CancellationToken);
        Assert.NotNull(serveLock);
        var refused = await cli.RunAsync("sync");
        await serveLock.DisposeAsync();
        var allowed = await cli.RunAsync("sync");

        Assert.Equal(1, refused.Code);
        Assert.Contains("Another sync of the QuickBooks company of \"shop\" is running", refused.Error, StringComparison.Ordinal);
        Assert.True(allowed.Code == 0, allowed.Error + allowed.Output);
        var runs = (await cli.RunJsonAsync("status"))["runs"]!.AsArray();
        Assert.Single(runs);
    }

    [Fact]
    public async Task Settings_are_checked_against_quickbooks_when_saved()
    {
        await using var cli = await CliHarness.StartAsync();
        var (products, orders) = await WriteStoreAsync(cli);
        await cli.ConnectAsync(products, orders);

        var late = await cli.RunAsync("settings", "set", "syncStartDate=2026-02-01", "products.mode=Automatic", "products.createAs=Inventory",
            "products.incomeAccount=Sales of Product Income", "products.expenseAccount=Cost of Goods Sold", "products.inventoryAssetAccount=Inventory Asset",
            "products.inventoryStartDate=2026-02-01");
        var wrongType = await cli.RunAsync("settings", "set", "products.mode=Automatic", "products.incomeAccount=Undeposited Funds");
        var article = await cli.RunAsync("settings", "set", "syncStartDate=2026-02-01", "products.mode=Automatic", "products.createAs=Inventory",
            "products.incomeAccount=Sales of Product Income", "products.expenseAccount=Cost of Goods Sold", "products.inventoryAssetAccount=Inventory Asset",
            "products.inventoryStartDate=2026-01-31");

        Assert.Equal(1, late.Code);
        Assert.Contains("31 January 2026 or earlier", late.Error, StringComparison.Ordinal);
        Assert.Contains("Nothing was saved", late.Error, StringComparison.Ordinal);
        Assert.Equal(1, wrongType.Code);
        Assert.Contains("of type Other Current Asset; it must be of type Income", wrongType.Error, StringComparison.Ordinal);
        Assert.Contains("Sales of Product Income (id", wrongType.Error, StringComparison.Ordinal);
        Assert.Equal(0, article.Code);
        var shown = JsonNode.Parse((await cli.RunAsync("settings", "show")).Output)!;
        Assert.Equal("2026-01-31", shown["products"]!["inventoryStartDate"]!.GetValue<string>());
    }

    [Fact]
    public async Task Accounts_plan_and_push_show_and_do_what_the_rules_say()
    {
        await using var cli = await CliHarness.StartAsync();
        var (products, orders) = await WriteStoreAsync(cli);
        await cli.ConnectAsync(products, orders);
        Assert.Equal(0, (await cli.RunAsync("settings", "set", "products.mode=Automatic", "products.incomeAccount=Sales of Product Income", "products.expenseAccount=Cost of Goods Sold")).Code);

        var accounts = (await cli.RunJsonAsync("accounts", "--type", "Income")).AsArray();
        var plan = await cli.RunJsonAsync("items", "plan");
        var push = await cli.RunJsonAsync("items", "push");
        var again = await cli.RunJsonAsync("items", "plan");

        Assert.Contains(accounts, a => a!["name"]!.GetValue<string>() == "Sales of Product Income");
        Assert.All(accounts, a => Assert.Equal("Income", a!["accountType"]!.GetValue<string>()));
        var planned = Assert.Single(plan["products"]!.AsArray())!;
        Assert.Equal("Create", planned["action"]!.GetValue<string>());
        Assert.Equal("Enamel Camp Mug", planned["create"]!["name"]!.GetValue<string>());
        Assert.Equal("NonInventory", planned["create"]!["type"]!.GetValue<string>());
        Assert.Equal("Created", Assert.Single(push["products"]!.AsArray())!["action"]!.GetValue<string>());
        Assert.Equal("Linked", Assert.Single(again["products"]!.AsArray())!["action"]!.GetValue<string>());
    }

    [Fact]
    public async Task In_manual_mode_a_sale_waits_for_its_item_then_syncs_once_it_exists()
    {
        await using var cli = await CliHarness.StartAsync();
        var (products, orders) = await WriteStoreAsync(cli);
        await cli.ConnectAsync(products, orders);
        Assert.Equal(0, (await cli.RunAsync("settings", "set", "syncStartDate=2025-10-01")).Code);

        var first = await cli.RunAsync("sync");
        var status = await cli.RunJsonAsync("status");
        await CreateItemInQuickBooksAsync(cli, "Camp mug (made by hand)", "MUG-1");
        var second = await cli.RunAsync("sync");
        var after = await cli.RunJsonAsync("status");

        Assert.Equal(3, first.Code);
        var issue = Assert.Single(status["issues"]!.AsArray())!;
        Assert.Equal("order #2001", issue["reference"]!.GetValue<string>());
        Assert.Contains("Create a product or service in QuickBooks with SKU MUG-1", issue["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(second.Code == 0, second.Output + second.Error);
        Assert.Empty(after["issues"]!.AsArray());
        Assert.Equal(2, after["runs"]!.AsArray().Count);
    }

    [Fact]
    public async Task Sync_dry_run_shows_what_the_sync_would_post_and_hold_back_and_changes_nothing()
    {
        await using var cli = await CliHarness.StartAsync();
        var (products, orders) = await WriteStoreAsync(cli);
        await cli.ConnectAsync(products, orders);
        Assert.Equal(0, (await cli.RunAsync("settings", "set", "syncStartDate=2025-10-01")).Code);

        var preview = await cli.RunJsonAsync("sync", "--dry-run");
        var text = await cli.RunAsync("sync", "--dry-run", "--limit", "5");
        var refused = await cli.RunAsync("sync", "--dry-run", "--limit", "0");
        var status = await cli.RunJsonAsync("status");

        // Manual mode and no item with SKU MUG-1 in QuickBooks: the sale would wait, and nothing would post.
        Assert.Empty(preview["documents"]!.AsArray());
        var held = Assert.Single(preview["held"]!.AsArray())!;
        Assert.Equal("order #2001", held["order"]!.GetValue<string>());
        Assert.Contains("SKU MUG-1", held["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(0, text.Code);
        Assert.Contains("Dry run: nothing was sent to QuickBooks", text.Output, StringComparison.Ordinal);
        Assert.Contains("order #2001 (Waiting)", text.Output, StringComparison.Ordinal);
        Assert.Equal(1, refused.Code);
        Assert.Contains("--limit must be a positive number", refused.Error, StringComparison.Ordinal);
        Assert.Empty(status["issues"]!.AsArray());
        Assert.Empty(status["runs"]!.AsArray());

        // Once the item exists, the dry run shows the sales receipt the sync then posts.
        await CreateItemInQuickBooksAsync(cli, "Camp mug (made by hand)", "MUG-1");
        var ready = await cli.RunJsonAsync("sync", "--dry-run");
        var document = Assert.Single(ready["documents"]!.AsArray())!;
        Assert.Equal("SalesReceipt", document["kind"]!.GetValue<string>());
        Assert.Contains(document["lines"]!.AsArray(), l => l!["what"]!.GetValue<string>() == "Camp mug (made by hand)");
        Assert.Equal(0, (await cli.RunAsync("sync")).Code);
    }

    /// <summary>What a merchant does in QuickBooks' own screens: here through the emulator's API with a token of its own.</summary>
    private static async Task CreateItemInQuickBooksAsync(CliHarness cli, string name, string sku)
    {
        var realm = cli.Emulator.Qbo.Companies.DefaultRealmId;
        var token = cli.Emulator.Qbo.OAuth.IssueTokens(realm).AccessToken;
        using var http = new HttpClient { BaseAddress = cli.Emulator.BaseUrl };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var accounts = await http.GetFromJsonAsync<JsonNode>(
            $"v3/company/{realm}/query?query={Uri.EscapeDataString("select * from Account where Name = 'Sales of Product Income'")}", TestContext.Current.CancellationToken);
        var income = accounts!["QueryResponse"]!["Account"]![0]!["Id"]!.GetValue<string>();
        using var created = await http.PostAsJsonAsync($"v3/company/{realm}/item?minorversion=75",
            new JsonObject { ["Name"] = name, ["Sku"] = sku, ["Type"] = "NonInventory", ["IncomeAccountRef"] = new JsonObject { ["value"] = income } }, TestContext.Current.CancellationToken);
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}
