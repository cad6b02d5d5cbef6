using System.Globalization;
using System.Text.Json.Nodes;
using Xunit;

namespace StoreBooks.Cli.Tests;

/// <summary><c>storebooks settings set</c> refuses settings that cannot work, saying why, and saves nothing then.</summary>
public sealed class SettingsCommandTests
{
    private const string Products = """
        Handle,Title,Option1 Name,Option1 Value,Variant SKU,Variant Price,Status
        camp-mug,Enamel Camp Mug,Title,Default Title,MUG-1,18.00,active
        """;

    private const string Orders = """
        Name,Email,Financial Status,Paid at,Currency,Subtotal,Shipping,Taxes,Total,Discount Amount,Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem sku,Lineitem taxable,Billing Name,Payment Method,Id
        #2001,ann@example.com,paid,2025-11-03 10:00:05 -0700,CAD,18.00,0.00,0.00,18.00,0.00,2025-11-03 10:00:00 -0700,1,Enamel Camp Mug,18.00,MUG-1,false,Ann Lee,Shopify Payments,92001
        """;

    /// <summary>A CSV connection (QuickBooks not connected: only the checks that need no QuickBooks company run) with settings of its own.</summary>
    private static async Task<CliHarness> StartAsync()
    {
        var cli = await CliHarness.StartAsync();
        Directory.CreateDirectory(cli.Home);
        var products = Path.Combine(cli.Home, "products.csv");
        var orders = Path.Combine(cli.Home, "orders.csv");
        await File.WriteAllTextAsync(products, Products + "\n", TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(orders, Orders + "\n", TestContext.Current.CancellationToken);
        var csv = await cli.RunAsync("connect", "csv", "--products", products, "--orders", orders, "--name", "shop");
        Assert.True(csv.Code == 0, csv.Error + csv.Output);
        var set = await cli.RunAsync("settings", "set", "syncStartDate=2025-10-01", "syncInterval=00:30:00", "sales.docNumberPrefix=WEB-",
            "products.variantNameTemplate={variant} {product}", "sales.statuses=[\"Paid\"]");
        Assert.True(set.Code == 0, set.Error + set.Output);
        return cli;
    }

    public static TheoryData<string, string> Refusals => new()
    {
        { "sales.docNumberPrefix=" + new string('W', 21), $"sales.docNumberPrefix: \"{new string('W', 21)}\" has 21 characters, and QuickBooks allows 21 in a document number, which leaves no room for the order number." },
        { "sales.docNumberPrefix=WEBSHOP-CANADA-", "With an order number of 8 characters (up to 99999999) the order's number would be WEBSHOP-CANADA-99999999, 23 characters. Use a prefix of at most 13 characters" },
        { "sales.refundDocNumberPrefix=REFUND-SHOP-", "sales.refundDocNumberPrefix: \"REFUND-SHOP-\" has 12 characters" },
        { "syncInterval=00:00:00", "syncInterval: \"00:00:00\" is no time at all between two syncs" },
        { "syncInterval=-00:15:00", "syncInterval: \"-00:15:00\" is less than no time" },
        { "syncStartDate={future}", "syncStartDate: \"{future}\" is in the future (today is" },
        { "products.variantNameTemplate={product} - {size}", "products.variantNameTemplate: \"{product} - {size}\" uses {size}, which StoreBooks does not know. The placeholders are {product}" },
        { "products.variantNameTemplate={product} - {variant", "products.variantNameTemplate: \"{product} - {variant\" opens a brace that it does not close" },
        { "syncInterval=abc", "syncInterval: \"abc\" is not a length of time: write hours:minutes:seconds, e.g. 00:15:00" },
        { "sales.useOrderNumbers=maybe", "sales.useOrderNumbers: \"maybe\" is not true or false" },
        { "sales.statuses=Paid", "sales.statuses: \"Paid\" is not a list: write the values in brackets" },
        { "products.mode=Sometimes", "products.mode: \"Sometimes\" is not one of its values: Manual, Automatic." },
        { "syncStartDate=31/01/2026", "syncStartDate: \"31/01/2026\" is not a date written YYYY-MM-DD (for 31 January 2026, write 2026-01-31)." },
        { "sales.shiping=Item", "sales.shiping: no such setting, so \"Item\" cannot be set. The closest setting is sales.shipping" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_setting_that_cannot_work_is_refused_with_its_reason_and_nothing_is_saved(string pair, string expected)
    {
        await using var cli = await StartAsync();
        var future = DateTime.Now.AddDays(30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var before = (await cli.RunAsync("settings", "show")).Output;

        var refused = await cli.RunAsync("settings", "set", "sales.shipping=ShippingLine", pair.Replace("{future}", future, StringComparison.Ordinal));
        var after = await cli.RunAsync("settings", "show");

        Assert.Equal(1, refused.Code);
        Assert.Contains(expected.Replace("{future}", future, StringComparison.Ordinal), refused.Error, StringComparison.Ordinal);
        Assert.EndsWith("Nothing was saved." + Environment.NewLine, refused.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", refused.Error + refused.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", refused.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("JSON value", refused.Error, StringComparison.Ordinal);
        Assert.Equal(before, after.Output);
        var shown = JsonNode.Parse(after.Output)!;
        Assert.Equal("Item", shown["sales"]!["shipping"]!.GetValue<string>());
        Assert.Equal("WEB-", shown["sales"]!["docNumberPrefix"]!.GetValue<string>());
        Assert.Equal("00:30:00", shown["syncInterval"]!.GetValue<string>());
        Assert.Equal("2025-10-01", shown["syncStartDate"]!.GetValue<string>());
    }

    [Fact]
    public async Task Every_refusal_of_one_command_is_listed_once()
    {
        await using var cli = await StartAsync();

        var refused = await cli.RunAsync("settings", "set", "syncInterval=abc", "products.mode=Sometimes", "sales.docNumberPrefix=" + new string('W', 22));

        Assert.Equal(1, refused.Code);
        var lines = refused.Error.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["syncInterval", "products.mode", "sales.docNumberPrefix", "Nothing was saved."], lines.Select(l => l.Split(':')[0]));
    }

    [Fact]
    public async Task Settings_that_work_are_saved_as_typed()
    {
        await using var cli = await StartAsync();

        var saved = await cli.RunAsync("settings", "set", "products.mode=automatic", "sales.useOrderNumbers=false", "syncInterval=", "sales.statuses=[\"Paid\",\"Pending\"]",
            "sales.payments.paypal.depositAccount=PayPal clearing", "sales.refundDocNumberPrefix=");
        var shown = JsonNode.Parse((await cli.RunAsync("settings", "show")).Output)!;

        Assert.True(saved.Code == 0, saved.Error + saved.Output);
        Assert.Equal("Automatic", shown["products"]!["mode"]!.GetValue<string>());
        Assert.False(shown["sales"]!["useOrderNumbers"]!.GetValue<bool>());
        Assert.True(shown.AsObject().ContainsKey("syncInterval"));
        Assert.Null(shown["syncInterval"]);
        Assert.Equal(["Paid", "Pending"], shown["sales"]!["statuses"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.Equal("PayPal clearing", shown["sales"]!["payments"]!["paypal"]!["depositAccount"]!.GetValue<string>());
        Assert.Equal("", shown["sales"]!["refundDocNumberPrefix"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_pair_without_an_equals_sign_is_refused()
    {
        await using var cli = await StartAsync();

        var refused = await cli.RunAsync("settings", "set", "products.mode");

        Assert.Equal(1, refused.Code);
        Assert.StartsWith("\"products.mode\" is not key=value; nothing was saved.", refused.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", refused.Error, StringComparison.Ordinal);
    }
}
