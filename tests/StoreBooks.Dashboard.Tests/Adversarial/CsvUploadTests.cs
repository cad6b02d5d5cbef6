using System.Net;
using System.Net.Http.Headers;
using System.Text;
using StoreBooks.Core.Connections;
using StoreBooks.Dashboard.Tests.Support;
using StoreBooks.Hosting.Sources;
using Xunit;

namespace StoreBooks.Dashboard.Tests.Adversarial;

/// <summary>
/// CSV exports as merchants really upload them: saved again by a spreadsheet (a byte-order mark, Windows line ends, semicolons),
/// empty, not text at all, the wrong export, the same file twice, a file name with a path in it. Each is read and kept, or refused
/// in words with nothing saved; never a server error, and never a file outside the connection's folder.
/// </summary>
public sealed class CsvUploadTests
{
    private const string Products = "Handle,Title,Variant SKU,Variant Price\nwool-socks,Wool Hiking Socks,MLG-SOCK,20.00\n";

    private const string Orders =
        "Name,Email,Financial Status,Paid at,Currency,Subtotal,Shipping,Taxes,Total,Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem sku,Id\n" +
        "#1001,ana@example.com,paid,2025-10-02 17:09:34 -0300,CAD,40.00,0.00,0.00,40.00,2025-10-02 17:09:34 -0300,2,Wool Hiking Socks,20.00,MLG-SOCK,5001\n";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static byte[] WithBom(string text) => [.. Encoding.UTF8.GetPreamble(), .. Utf8(text)];

    [Fact]
    public async Task Exports_saved_again_by_a_spreadsheet_with_a_byte_order_mark_and_Windows_line_ends_are_read()
    {
        await using var host = await DashboardHost.StartAsync(emulators: true);
        using var client = await DashboardClient.SignedUpAsync(host);

        using var response = await UploadAsync(client, "excel-export", ("products_export.csv", WithBom(Products.Replace("\n", "\r\n", StringComparison.Ordinal))),
            ("orders_export.csv", WithBom(Orders.Replace("\n", "\r\n", StringComparison.Ordinal))));

        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"refused: {await AlertAsync(response)}");
        var saved = await host.State.Connections.FindByNameAsync("excel-export", Ct);
        var order = await FirstOrderAsync(host, saved!);
        Assert.Equal("1001", order.Number);
        Assert.Equal(40.00m, order.Totals.Total);

        // The files are also kept with the connection, byte for byte, for a process on another machine to sync.
        var kept = await host.State.Uploads.GetAsync(saved!.Id, "orders.csv", Ct);
        Assert.Equal(WithBom(Orders.Replace("\n", "\r\n", StringComparison.Ordinal)), kept!.Content);
        Assert.NotNull(await host.State.Uploads.GetAsync(saved.Id, "products.csv", Ct));
    }

    [Fact]
    public async Task A_semicolon_separated_export_as_a_French_spreadsheet_saves_it_is_read_right_or_refused_in_words()
    {
        await using var host = await DashboardHost.StartAsync(emulators: true);
        using var client = await DashboardClient.SignedUpAsync(host);
        static string Semicolons(string csv) => csv.Replace(",", ";", StringComparison.Ordinal).Replace("40.00", "40,00", StringComparison.Ordinal).Replace("20.00", "20,00", StringComparison.Ordinal);

        using var response = await UploadAsync(client, "semicolons", ("products_export.csv", WithBom(Semicolons(Products))), ("orders_export.csv", WithBom(Semicolons(Orders))));

        if (response.StatusCode == HttpStatusCode.Redirect)
        {
            var order = await FirstOrderAsync(host, (await host.State.Connections.FindByNameAsync("semicolons", Ct))!);
            Assert.Equal("1001", order.Number);
            Assert.Equal(40.00m, order.Totals.Total);
        }
        else
        {
            Assert.True(IsRefusal(response), $"answered {(int)response.StatusCode}");
            Assert.False(string.IsNullOrWhiteSpace(await AlertAsync(response)), "refused without saying why");
            await AssertNothingKeptAsync(host);
        }
    }

    public static TheoryData<string, string, byte[], string, byte[]> Refused => new()
    {
        { "both empty", "products_export.csv", [], "orders_export.csv", [] },
        { "empty orders", "products_export.csv", Utf8(Products), "orders_export.csv", [] },
        { "headers only", "products_export.csv", Utf8(Products), "orders_export.csv", Utf8(Orders.Split('\n')[0] + "\n") is var h ? h : [] },
        { "binary", "products_export.csv", [0x50, 0x4B, 0x03, 0x04, 0x00, 0xFF, 0xFE, 0x00, 0x01, 0x02], "orders_export.csv", [0x00, 0x00, 0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10] },
        { "a spreadsheet named .csv", "products_export.csv", [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00], "orders_export.csv", Utf8(Orders) },
        { "the orders export twice", "orders_export.csv", Utf8(Orders), "orders_export.csv", Utf8(Orders) },
        { "the products export twice", "products_export.csv", Utf8(Products), "products_export.csv", Utf8(Products) },
        { "another export's headers", "products_export.csv", Utf8(Products), "customers_export.csv", Utf8("First Name,Last Name,Email,Accepts Marketing\nAna,Silva,ana@example.com,yes\n") },
        { "unclosed quote", "products_export.csv", Utf8(Products), "orders_export.csv", Utf8(Orders + "\"#1002,bob@example.com,paid\n") },
        { "UTF-16", "products_export.csv", Encoding.Unicode.GetBytes(Products), "orders_export.csv", Encoding.Unicode.GetBytes(Orders) },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task A_file_that_is_not_the_export_is_refused_in_words_with_nothing_kept(string why, string productsName, byte[] products, string ordersName, byte[] orders)
    {
        await using var host = await DashboardHost.StartAsync(emulators: true);
        using var client = await DashboardClient.SignedUpAsync(host);

        using var response = await UploadAsync(client, "bad-export", (productsName, products), (ordersName, orders));

        if (response.StatusCode == HttpStatusCode.Redirect && why == "headers only")
        {
            // A shop without orders yet: its export is headers alone, which is still an orders export; nothing to read.
            var source = await new SourceFactory().CreateAsync((await host.State.Connections.FindByNameAsync("bad-export", Ct))!, host.State.Credentials, Ct);
            Assert.Empty(await source.ReadOrdersAsync(null, Ct).SelectMany(p => p.Records.ToAsyncEnumerable()).ToListAsync(Ct));
            return;
        }

        if (response.StatusCode == HttpStatusCode.Redirect && why is "unclosed quote" or "UTF-16")
        {
            // Read leniently: then the orders read back must still be the one order the file holds.
            var order = await FirstOrderAsync(host, (await host.State.Connections.FindByNameAsync("bad-export", Ct))!);
            Assert.Equal("1001", order.Number);
            return;
        }

        Assert.True(IsRefusal(response), $"{why}: answered {(int)response.StatusCode} {response.Headers.Location}");
        var alert = await AlertAsync(response);
        Assert.False(string.IsNullOrWhiteSpace(alert), $"{why}: refused without saying why");
        await AssertNothingKeptAsync(host);
    }

    [Fact]
    public async Task A_missing_file_is_refused_in_words()
    {
        await using var host = await DashboardHost.StartAsync(emulators: true);
        using var client = await DashboardClient.SignedUpAsync(host);
        var token = await client.TokenAsync("/connections/add?store=csv");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent("half-export"), "Name" },
            { File("products_export.csv", Utf8(Products)), "ProductsFile", "products_export.csv" },
        };

        using var response = await client.PostAsync("/connections/add?store=csv&handler=Csv", form);

        Assert.True(IsRefusal(response), $"answered {(int)response.StatusCode}");
        Assert.False(string.IsNullOrWhiteSpace(await AlertAsync(response)));
        await AssertNothingKeptAsync(host);
    }

    [Theory]
    [InlineData("../../x.csv")]
    [InlineData("..\\..\\x.csv")]
    [InlineData("/tmp/x.csv")]
    [InlineData("C:\\Windows\\x.csv")]
    public async Task A_file_name_with_a_path_in_it_never_places_a_file_outside_the_connection_s_folder(string name)
    {
        await using var host = await DashboardHost.StartAsync(emulators: true);
        using var client = await DashboardClient.SignedUpAsync(host);
        var around = Path.GetDirectoryName(host.Home)!;
        var before = Directory.GetFiles(around, "x.csv*").Length;

        using var response = await UploadAsync(client, "path-export", (name, Utf8(Products)), (name, Utf8(Orders)));

        Assert.True((int)response.StatusCode is 200 or 302 or 400, $"answered {(int)response.StatusCode}");
        Assert.Equal(before, Directory.GetFiles(around, "x.csv*").Length);
        Assert.False(System.IO.File.Exists("/tmp/x.csv") && System.IO.File.GetLastWriteTimeUtc("/tmp/x.csv") > DateTime.UtcNow.AddMinutes(-1), "a file was written at /tmp/x.csv");
        var uploads = Path.Combine(host.Home, "uploads");
        var files = Directory.Exists(uploads) ? Directory.GetFiles(host.Home, "*", SearchOption.AllDirectories).Where(f => f.EndsWith(".csv", StringComparison.Ordinal)).ToList() : [];
        Assert.All(files, f => Assert.StartsWith(uploads + Path.DirectorySeparatorChar, Path.GetFullPath(f), StringComparison.Ordinal));
        var saved = await host.State.Connections.FindByNameAsync("path-export", Ct);
        if (saved is not null)
        {
            foreach (var setting in new[] { "productsPath", "ordersPath" })
            {
                var path = Path.GetFullPath(saved.SourceSettings[setting]!.GetValue<string>());
                Assert.StartsWith(Path.Combine(uploads, saved.Id.ToString("N")) + Path.DirectorySeparatorChar, path, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task A_connection_name_already_taken_or_blank_or_very_long_is_refused_in_words_and_the_first_connection_is_untouched()
    {
        await using var host = await DashboardHost.StartAsync(emulators: true);
        using var client = await DashboardClient.SignedUpAsync(host);
        using (var first = await UploadAsync(client, "monthly-export", ("products_export.csv", Utf8(Products)), ("orders_export.csv", Utf8(Orders))))
        {
            Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        }

        var original = (await host.State.Connections.FindByNameAsync("monthly-export", Ct))!;
        var originalOrders = await System.IO.File.ReadAllTextAsync(original.SourceSettings["ordersPath"]!.GetValue<string>(), Ct);
        var other = Orders.Replace("#1001", "#2002", StringComparison.Ordinal);
        foreach (var name in new[] { "monthly-export", "   ", new string('n', 20_000) })
        {
            using var response = await UploadAsync(client, name, ("products_export.csv", Utf8(Products)), ("orders_export.csv", Utf8(other)));
            Assert.True(IsRefusal(response), $"name '{name[..Math.Min(name.Length, 20)]}' answered {(int)response.StatusCode} {response.Headers.Location}");
            var alert = await AlertAsync(response);
            Assert.False(string.IsNullOrWhiteSpace(alert));
            if (name.Length > 100)
            {
                Assert.Equal("The connection name has 20000 characters: keep it to 100 or fewer.", alert);
            }
        }

        // The same limit on the Shopify form, before any call to the shop.
        var token = await client.TokenAsync("/connections/add?store=shopify");
        using (var shopify = await client.PostAsync("/connections/add?store=shopify&handler=Shopify", token, new()
        {
            ["Name"] = new string('s', 101), ["ShopDomain"] = "demo-shop.myshopify.com", ["AccessToken"] = "demo-token", ["ApiAddress"] = host.Emulator!.BaseUrl.AbsoluteUri,
        }))
        {
            Assert.True(IsRefusal(shopify), $"a 101-character Shopify connection name answered {(int)shopify.StatusCode}");
            Assert.Contains("keep it to 100 or fewer", await AlertAsync(shopify), StringComparison.Ordinal);
        }

        Assert.Single(await host.State.Connections.ListAsync(Ct));
        Assert.Equal(originalOrders, await System.IO.File.ReadAllTextAsync(original.SourceSettings["ordersPath"]!.GetValue<string>(), Ct));
    }

    private static async Task<HttpResponseMessage> UploadAsync(DashboardClient client, string name, (string Name, byte[] Bytes) products, (string Name, byte[] Bytes) orders)
    {
        var token = await client.TokenAsync("/connections/add?store=csv");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(name), "Name" },
            { File(products.Name, products.Bytes), "ProductsFile", products.Name },
            { File(orders.Name, orders.Bytes), "OrdersFile", orders.Name },
        };
        return await client.PostAsync("/connections/add?store=csv&handler=Csv", form);
    }

    private static ByteArrayContent File(string name, byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return content;
    }

    /// <summary>The form shown again with its refusal: 422 (or 400/200), never a redirect nor a server error.</summary>
    private static bool IsRefusal(HttpResponseMessage response) => response.StatusCode is HttpStatusCode.UnprocessableEntity or HttpStatusCode.BadRequest or HttpStatusCode.OK;

    private static async Task<string> AlertAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync(Ct);
        var match = System.Text.RegularExpressions.Regex.Match(html, "role=\"alert\"[^>]*>(.*?)</(div|section|p)>", System.Text.RegularExpressions.RegexOptions.Singleline);
        if (!match.Success)
        {
            return "";
        }

        var text = System.Text.RegularExpressions.Regex.Replace(match.Groups[1].Value, "<[^>]+>", " ");
        return System.Text.RegularExpressions.Regex.Replace(WebUtility.HtmlDecode(text), "\\s+", " ").Trim();
    }

    private static async Task AssertNothingKeptAsync(DashboardHost host)
    {
        Assert.Empty(await host.State.Connections.ListAsync(Ct));
        var uploads = Path.Combine(host.Home, "uploads");
        Assert.True(!Directory.Exists(uploads) || Directory.GetFiles(uploads, "*", SearchOption.AllDirectories).Length == 0, "a refused upload left files behind");
    }

    private static async Task<Core.Model.StoreOrder> FirstOrderAsync(DashboardHost host, Connection saved)
    {
        var source = await new SourceFactory().CreateAsync(saved, host.State.Credentials, Ct);
        var page = await source.ReadOrdersAsync(null, Ct).FirstAsync(Ct);
        return Assert.Single(page.Records);
    }
}
