using System.Text;
using Microsoft.Playwright;
using StoreBooks.Dashboard.Tests.Support;
using Xunit;
using static StoreBooks.Dashboard.Tests.Support.DashboardPages;

namespace StoreBooks.Dashboard.Tests;

/// <summary>Adding a store from the dashboard: each proven by one call to the emulator's store before it is saved, as storebooks connect does.</summary>
public sealed class ConnectionsAddTests(BrowserFixture browser)
{
    private const string Products = "Handle,Title,Variant SKU,Variant Price\nwool-socks,Wool Hiking Socks,MLG-SOCK,20.00\n";

    private const string Orders =
        "Name,Email,Financial Status,Paid at,Currency,Subtotal,Shipping,Taxes,Total,Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem sku,Id\n" +
        "#1001,ana@example.com,paid,2025-10-02 17:09:34 -0300,CAD,40.00,0.00,0.00,40.00,2025-10-02 17:09:34 -0300,2,Wool Hiking Socks,20.00,MLG-SOCK,5001\n";

    [Fact]
    public async Task A_Shopify_store_is_checked_against_the_shop_then_saved_with_its_token_encrypted()
    {
        await using var host = await DashboardHost.StartAsync(emulators: true);
        await using var context = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1100, Height = 800 } });
        var page = await context.NewPageAsync();
        await SignUpAsync(page, host);

        await page.GetByRole(AriaRole.Link, new() { Name = "Add a store" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Add a store" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Shopify", Exact = true })).ToHaveAttributeAsync("aria-current", "page");
        await page.GetByLabel("Connection name").FillAsync("maple-shop");
        await page.GetByLabel("Shop domain").FillAsync("demo-shop.myshopify.com");
        await page.GetByLabel("Admin API access token").FillAsync("demo-token");
        await page.GetByText("Advanced").ClickAsync();
        await page.GetByLabel("Admin API address").FillAsync(host.Emulator!.BaseUrl.AbsoluteUri);
        await AssertAccessibleAsync(page);
        await ScreenshotAsync(page, "add-store");
        await page.GetByRole(AriaRole.Button, new() { Name = "Check and save" }).ClickAsync();

        await DashboardPages.WaitForAddressAsync(page, url => new Uri(url).Query == "?done=added");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "maple-shop" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("The store is connected. Next, connect its QuickBooks company.");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Connect QuickBooks" })).ToBeVisibleAsync();
        Assert.DoesNotContain("demo-token", await page.ContentAsync(), StringComparison.Ordinal);
        await AssertAccessibleAsync(page);

        var owner = await host.State.Users.FindByEmailAsync(OwnerEmail, CancellationToken.None);
        var saved = await host.State.Workspaces.ConnectionsOf(owner!.WorkspaceId).FindByNameAsync("maple-shop", CancellationToken.None);
        Assert.NotNull(saved);
        Assert.Equal("shopify", saved.SourceKind);
        Assert.Equal("demo-shop.myshopify.com", saved.SourceSettings["shop"]?.GetValue<string>());
        Assert.Equal("demo-token", (await host.State.Credentials.GetAsync(saved.Id, "shopify", CancellationToken.None))?.Value);
    }

    [Fact]
    public async Task A_wrong_token_is_refused_with_Shopify_s_reason_and_the_form_kept_without_the_token()
    {
        await using var host = await DashboardHost.StartAsync(emulators: true);
        await using var context = await browser.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await SignUpAsync(page, host);
        await page.GotoAsync(host.Url("/connections/add?store=shopify"));

        await page.GetByLabel("Connection name").FillAsync("maple-shop");
        await page.GetByLabel("Shop domain").FillAsync("demo-shop.myshopify.com");
        await page.GetByLabel("Admin API access token").FillAsync("shpat_wrong_token_123");
        await page.GetByText("Advanced").ClickAsync();
        await page.GetByLabel("Admin API address").FillAsync(host.Emulator!.BaseUrl.AbsoluteUri);
        await page.GetByRole(AriaRole.Button, new() { Name = "Check and save" }).ClickAsync();

        var alert = page.GetByRole(AriaRole.Alert);
        await Assertions.Expect(alert).ToContainTextAsync("Shopify did not accept what was given, so nothing was saved.");
        await Assertions.Expect(alert).ToContainTextAsync("Shopify refused the access token");
        await Assertions.Expect(page.GetByLabel("Connection name")).ToHaveValueAsync("maple-shop");
        await Assertions.Expect(page.GetByLabel("Shop domain")).ToHaveValueAsync("demo-shop.myshopify.com");
        await Assertions.Expect(page.GetByLabel("Admin API access token")).ToHaveValueAsync("");
        Assert.DoesNotContain("shpat_wrong_token_123", await page.ContentAsync(), StringComparison.Ordinal);
        await AssertAccessibleAsync(page);
        Assert.Empty(await host.State.Connections.ListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_WooCommerce_store_is_checked_with_its_key_and_saved()
    {
        await using var host = await DashboardHost.StartAsync(emulators: true);
        await using var context = await browser.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await SignUpAsync(page, host);
        await page.GotoAsync(host.Url("/connections/add"));
        await page.GetByRole(AriaRole.Link, new() { Name = "WooCommerce" }).ClickAsync();

        await page.GetByLabel("Connection name").FillAsync("wool-store");
        await page.GetByLabel("Site address").FillAsync(host.Emulator!.BaseUrl.AbsoluteUri);
        await page.GetByLabel("Consumer key").FillAsync("ck_demo");
        await page.GetByLabel("Consumer secret").FillAsync("cs_wrong");
        await page.GetByRole(AriaRole.Button, new() { Name = "Check and save" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("WooCommerce did not accept what was given");
        await Assertions.Expect(page.GetByLabel("Consumer key")).ToHaveValueAsync("ck_demo");
        Assert.DoesNotContain("cs_wrong", await page.ContentAsync(), StringComparison.Ordinal);
        await AssertAccessibleAsync(page);

        await page.GetByLabel("Consumer secret").FillAsync("cs_demo");
        await page.GetByRole(AriaRole.Button, new() { Name = "Check and save" }).ClickAsync();
        await DashboardPages.WaitForAddressAsync(page, url => new Uri(url).Query == "?done=added");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "wool-store" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".facts")).ToContainTextAsync("WooCommerce");

        var saved = await host.State.Connections.FindByNameAsync("wool-store", CancellationToken.None);
        var secret = await host.State.Credentials.GetAsync(saved!.Id, "woocommerce", CancellationToken.None);
        Assert.Contains("cs_demo", secret!.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_CSV_export_is_uploaded_checked_and_kept_in_the_connection_s_folder_and_a_non_CSV_file_is_refused()
    {
        await using var host = await DashboardHost.StartAsync(emulators: true);
        await using var context = await browser.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await SignUpAsync(page, host);
        await page.GotoAsync(host.Url("/connections/add?store=csv"));

        await page.GetByLabel("Connection name").FillAsync("monthly-export");
        await page.GetByLabel("Products file").SetInputFilesAsync(new FilePayload { Name = "products.png", MimeType = "image/png", Buffer = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A] });
        await page.GetByLabel("Orders file").SetInputFilesAsync(new FilePayload { Name = "orders_export.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(Orders) });
        await page.GetByRole(AriaRole.Button, new() { Name = "Check and save" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("products.png is not a CSV file: choose Shopify's product export, whose name ends in .csv.");
        await Assertions.Expect(page.GetByLabel("Connection name")).ToHaveValueAsync("monthly-export");
        await AssertAccessibleAsync(page);

        // The files the other way round: each is read, and refused as not the export it should be.
        await page.GetByLabel("Products file").SetInputFilesAsync(new FilePayload { Name = "orders_export.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(Orders) });
        await page.GetByLabel("Orders file").SetInputFilesAsync(new FilePayload { Name = "products_export.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(Products) });
        await page.GetByRole(AriaRole.Button, new() { Name = "Check and save" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("so it is not a Shopify product export");
        Assert.Empty(await host.State.Connections.ListAsync(CancellationToken.None));
        var uploads = Path.Combine(host.Home, "uploads");
        Assert.True(!Directory.Exists(uploads) || Directory.GetFileSystemEntries(uploads).Length == 0, "A refused upload left files behind.");

        await page.GetByLabel("Products file").SetInputFilesAsync(new FilePayload { Name = "products_export.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(Products) });
        await page.GetByLabel("Orders file").SetInputFilesAsync(new FilePayload { Name = "orders_export.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(Orders) });
        await page.GetByRole(AriaRole.Button, new() { Name = "Check and save" }).ClickAsync();
        await DashboardPages.WaitForAddressAsync(page, url => new Uri(url).Query == "?done=added");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "monthly-export" })).ToBeVisibleAsync();

        var saved = await host.State.Connections.FindByNameAsync("monthly-export", CancellationToken.None);
        var productsPath = saved!.SourceSettings["productsPath"]!.GetValue<string>();
        var ordersPath = saved.SourceSettings["ordersPath"]!.GetValue<string>();
        Assert.Equal(Path.Combine(uploads, saved.Id.ToString("N"), "products.csv"), productsPath);
        Assert.Equal(Products, await File.ReadAllTextAsync(productsPath, TestContext.Current.CancellationToken));
        Assert.Equal(Orders, await File.ReadAllTextAsync(ordersPath, TestContext.Current.CancellationToken));
        var source = await new StoreBooks.Hosting.Sources.SourceFactory().CreateAsync(saved, host.State.Credentials, CancellationToken.None);
        var first = await source.ReadOrdersAsync(null, CancellationToken.None).FirstAsync(TestContext.Current.CancellationToken);
        Assert.Equal("1001", Assert.Single(first.Records).Number);
    }

    [Fact]
    public async Task A_file_over_the_size_limit_is_refused_before_it_is_kept()
    {
        await using var host = await DashboardHost.StartAsync(options => options with { MaxCsvUploadBytes = 1024 * 1024 }, emulators: true);
        await using var context = await browser.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await SignUpAsync(page, host);
        await page.GotoAsync(host.Url("/connections/add?store=csv"));

        await page.GetByLabel("Connection name").FillAsync("monthly-export");
        await page.GetByLabel("Products file").SetInputFilesAsync(new FilePayload { Name = "products_export.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(Products) });
        var large = Encoding.UTF8.GetBytes(Orders + new string('\n', 1024 * 1024));
        await page.GetByLabel("Orders file").SetInputFilesAsync(new FilePayload { Name = "orders_export.csv", MimeType = "text/csv", Buffer = large });
        await page.GetByRole(AriaRole.Button, new() { Name = "Check and save" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The orders file orders_export.csv is larger than 1 MB.");
        Assert.Empty(await host.State.Connections.ListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task The_add_store_page_reads_French_and_gives_the_store_s_refusal_in_French_words()
    {
        await using var host = await DashboardHost.StartAsync(emulators: true);
        await using var context = await browser.Browser.NewContextAsync(new() { Locale = "fr-CA", ViewportSize = new() { Width = 1100, Height = 800 } });
        var page = await context.NewPageAsync();
        await SignUpInFrenchAsync(page, host, "Maple Leaf Goods");

        await page.GetByRole(AriaRole.Link, new() { Name = "Ajouter une boutique" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Ajouter une boutique" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Exportation CSV" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Fichier des produits")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Shopify" }).ClickAsync();
        await page.GetByLabel("Nom de la connexion").FillAsync("boutique-erable");
        await page.GetByLabel("Domaine de la boutique").FillAsync("demo-shop.myshopify.com");
        await page.GetByLabel("Jeton d'accès de l'API Admin").FillAsync("mauvais-jeton");
        await page.GetByText("Options avancées").ClickAsync();
        await page.GetByLabel("Adresse de l'API Admin").FillAsync(host.Emulator!.BaseUrl.AbsoluteUri);
        await AssertAccessibleAsync(page);
        await ScreenshotAsync(page, "add-store-fr");
        await page.GetByRole(AriaRole.Button, new() { Name = "Vérifier et enregistrer" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Shopify n'a pas accepté ce qui a été donné; rien n'a été enregistré.");
        await Assertions.Expect(page.GetByLabel("Nom de la connexion")).ToHaveValueAsync("boutique-erable");
        await AssertAccessibleAsync(page);
    }
}
