using Microsoft.Playwright;
using StoreBooks.Core.Connections;
using StoreBooks.Core.Products;
using StoreBooks.Dashboard.Tests.Support;
using StoreBooks.Emulators.Qbo;
using StoreBooks.Hosting.Sources;
using StoreBooks.QuickBooks.Items;
using StoreBooks.Sync.Company;
using StoreBooks.Sync.Connections;
using StoreBooks.Testing;
using StoreBooks.Web.Dashboard.Products;
using Xunit;
using static StoreBooks.Dashboard.Tests.Support.DashboardPages;

namespace StoreBooks.Dashboard.Tests;

/// <summary>
/// A connection's product settings and item plan, against the QuickBooks emulator's company and the Shopify emulator's demo shop:
/// pickers of fitting accounts, the inventory start date refused before the sync start date, inventory unavailable when the company
/// does not track quantities, the plan, and the push creating the items in QuickBooks.
/// </summary>
public sealed class ProductSettingsTests(BrowserFixture browser)
{
    /// <summary>A sync start date always in the past, so the settings check accepts it.</summary>
    private static readonly DateOnly SyncStart = new(2025, 2, 1);

    [Fact]
    public async Task The_pickers_offer_only_fitting_accounts_and_an_inventory_start_date_not_before_the_sync_start_is_refused_at_its_field()
    {
        await using var host = await DashboardHost.StartAsync(emulators: true);
        var connection = await host.AddConnectedShopAsync(settings: new ConnectionSettings { SyncStartDate = SyncStart });
        var accounts = await AccountsAsync(host, connection);
        await using var context = await browser.Browser.NewContextAsync(new() { Locale = "en-US", ViewportSize = new() { Width = 1100, Height = 900 } });
        var page = await context.NewPageAsync();
        await SignUpAsync(page, host);

        await page.GetByRole(AriaRole.Link, new() { Name = "demo-shop" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Product settings" }).ClickAsync();
        await DashboardPages.WaitForAddressAsync(page, host.Url($"/connections/{connection.Id}/products"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Product settings", Level = 1 })).ToBeVisibleAsync();

        Assert.Equal(Names(accounts, a => a.AccountType == "Income"), await OfferedAsync(page, "Income account"));
        Assert.Equal(Names(accounts, a => a.AccountType is "Cost of Goods Sold" or "Expense"), await OfferedAsync(page, "Expense account (cost of goods sold)"));
        Assert.Equal(Names(accounts, a => a.AccountType == "Other Current Asset" && a.AccountSubType == "Inventory"), await OfferedAsync(page, "Inventory asset account"));
        Assert.DoesNotContain("Checking", await OfferedAsync(page, "Income account"));
        await Assertions.Expect(page.GetByText("ask your accountant")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("This connection syncs sales from February 1, 2025: the inventory start date must be January 31, 2025 or earlier.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("StoreBooks never changes the accounts of an item that already exists")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("it does not sync the products' cost prices")).ToBeVisibleAsync();

        await page.GetByLabel("Automatic: StoreBooks creates the missing items").CheckAsync();
        await page.GetByLabel("Inventory items", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Income account").SelectOptionAsync(new SelectOptionValue { Label = "Sales of Product Income" });
        await page.GetByLabel("Expense account (cost of goods sold)").SelectOptionAsync(new SelectOptionValue { Label = "Cost of Goods Sold" });
        await page.GetByLabel("Inventory asset account").SelectOptionAsync(new SelectOptionValue { Label = "Inventory Asset" });
        var startDate = page.GetByLabel("Inventory start date", new() { Exact = true });
        await startDate.FillAsync("2025-02-01");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the product settings" }).ClickAsync();

        const string refusal = "The inventory start date must be before the sync start date: to sync sales from February 1, 2025, choose January 31, 2025 or earlier.";
        await Assertions.Expect(page.Locator(".field-error")).ToHaveTextAsync(refusal);
        await Assertions.Expect(startDate).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Nothing was saved.");
        Assert.Equal(ItemMode.Manual, (await SettingsAsync(host, connection)).Products.Mode);
        await AssertAccessibleAsync(page);

        await startDate.FillAsync("2025-01-31");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the product settings" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Product settings saved.");
        await Assertions.Expect(page.GetByLabel("Income account")).ToHaveValueAsync(accounts.Single(a => a.Name == "Sales of Product Income").Id);
        await Assertions.Expect(startDate).ToHaveValueAsync("2025-01-31");
        var saved = (await SettingsAsync(host, connection)).Products;
        Assert.Equal(ItemMode.Automatic, saved.Mode);
        Assert.Equal(CreatedItemType.Inventory, saved.CreateAs);
        Assert.Equal(new DateOnly(2025, 1, 31), saved.InventoryStartDate);
        Assert.Equal(accounts.Single(a => a.Name == "Cost of Goods Sold").Id, saved.ExpenseAccount);
        Assert.Equal(accounts.Single(a => a.Name == "Inventory Asset").Id, saved.InventoryAssetAccount);
        await AssertAccessibleAsync(page);
        await ScreenshotAsync(page, "products");
    }

    [Fact]
    public async Task Inventory_items_are_disabled_with_the_reason_when_the_company_does_not_track_quantities()
    {
        await using var host = await DashboardHost.StartAsync(emulators: true);
        host.Emulator!.Qbo.Companies.Create(QboCompanySettings.DefaultUs with { RealmId = host.Emulator.Qbo.Companies.DefaultRealmId, TrackInventory = false });
        var connection = await host.AddConnectedShopAsync();
        await using var context = await browser.Browser.NewContextAsync(new() { Locale = "en-US" });
        var page = await context.NewPageAsync();
        await SignUpAsync(page, host);

        await page.GotoAsync(host.Url($"/connections/{connection.Id}/products"));

        var inventory = page.GetByLabel("Inventory items", new() { Exact = true });
        await Assertions.Expect(inventory).ToBeDisabledAsync();
        await Assertions.Expect(page.GetByLabel("Non-inventory items")).ToBeEnabledAsync();
        await Assertions.Expect(inventory).ToHaveAccessibleDescriptionAsync(new System.Text.RegularExpressions.Regex("does not track quantity on hand"));
        await Assertions.Expect(page.GetByText("Not available: this QuickBooks company does not track quantity on hand.")).ToBeVisibleAsync();
        await AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task The_item_plan_shows_each_product_and_pushing_creates_the_missing_items_in_QuickBooks()
    {
        await using var host = await DashboardHost.StartAsync(emulators: true);
        var connection = await host.AddConnectedShopAsync(settings: new ConnectionSettings
        {
            Products = new ProductSettings { Mode = ItemMode.Automatic, IncomeAccount = "Sales of Product Income", ExpenseAccount = "Cost of Goods Sold" },
        });
        var ct = TestContext.Current.CancellationToken;
        var source = await new SourceFactory().CreateAsync(connection, host.State.Credentials, ct);
        var (products, _) = await SourceFactory.ReadAllProductsAsync(source, ct);
        await using var context = await browser.Browser.NewContextAsync(new() { Locale = "en-US", ViewportSize = new() { Width = 1100, Height = 900 } });
        var page = await context.NewPageAsync();
        await SignUpAsync(page, host);

        await page.GotoAsync(host.Url($"/connections/{connection.Id}/products"));
        await page.GetByRole(AriaRole.Link, new() { Name = "Item plan" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Item plan", Level = 1 })).ToBeVisibleAsync();

        var rows = page.Locator("table.plan tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(products.Count);
        var first = products[0];
        var firstRow = rows.Filter(new() { Has = page.GetByRole(AriaRole.Cell, new() { Name = first.Sku!, Exact = true }) });
        await Assertions.Expect(firstRow).ToContainTextAsync("to be created");
        await Assertions.Expect(firstRow).ToContainTextAsync("non-inventory item");
        await Assertions.Expect(firstRow).ToContainTextAsync("Income account: Sales of Product Income");
        var toCreate = await rows.Filter(new() { HasText = "to be created" }).CountAsync();
        Assert.True(toCreate > 0, "The demo shop's products should be planned for creation in the new company.");
        await AssertAccessibleAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Push items" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Items pushed.");
        await Assertions.Expect(rows.Filter(new() { HasText = "created" })).ToHaveCountAsync(toCreate);
        await Assertions.Expect(rows.Filter(new() { HasText = "to be created" })).ToHaveCountAsync(0);
        await using var connections = new QuickBooksConnections(host.State);
        using var qbo = await connections.ClientForAsync(connection, ct);
        var items = await qbo.Items.QueryAsync(qbo.Items.Where(), ct).ToListAsync(ct);
        var created = items.Single(i => i.Sku == first.Sku);
        Assert.Equal(ItemTypes.NonInventory, created.Type);
        Assert.Equal(await Income(host, connection, "Sales of Product Income"), created.IncomeAccountRef?.Value);
        Assert.Equal(products.Count(p => p.Sku is not null), items.Count(i => products.Any(p => p.Sku is not null && p.Sku == i.Sku)));
        await AssertAccessibleAsync(page);

        // The plan afterwards: every product is linked.
        await page.GotoAsync(host.Url($"/connections/{connection.Id}/products/plan"));
        await Assertions.Expect(rows.Filter(new() { HasText = "already linked" })).ToHaveCountAsync(products.Count);
    }

    [Fact]
    public async Task Another_workspace_gets_404_for_the_product_pages_by_GET_and_POST()
    {
        await using var host = await DashboardHost.StartAsync(emulators: true);
        var connection = await host.AddConnectedShopAsync();
        await using (var owner = await browser.Browser.NewContextAsync())
        {
            await SignUpAsync(await owner.NewPageAsync(), host);
        }

        await host.AddWorkspaceAsync("Other Books Ltd", "owner@other.example", "other owner password");
        await using var context = await browser.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(host.Url("/sign-in"));
        await SignInAsync(page, "owner@other.example", "other owner password");
        await DashboardPages.WaitForAddressAsync(page, host.Url("/connections"));

        foreach (var path in new[] { "products", "products/plan", "sales" })
        {
            var url = host.Url($"/connections/{connection.Id}/{path}");
            var get = await page.GotoAsync(url);
            Assert.Equal(404, get!.Status);
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Connection not found" })).ToBeVisibleAsync();
            Assert.DoesNotContain("demo-shop", await page.ContentAsync(), StringComparison.Ordinal);

            // A POST with this user's own valid antiforgery token (the sign-out form's) is a 404 as well, and changes nothing.
            var token = await page.Locator("form.sign-out input[name=__RequestVerificationToken]").GetAttributeAsync("value");
            var post = await page.APIRequest.PostAsync(url, new()
            {
                Form = page.APIRequest.CreateFormData().Set("__RequestVerificationToken", token!).Set("products.mode", "Automatic").Set("sales.document", "Invoice"),
            });
            Assert.Equal(404, post.Status);
        }

        var settings = await SettingsAsync(host, connection);
        Assert.Equal(ItemMode.Manual, settings.Products.Mode);
        Assert.Equal(Core.Sales.SaleDocumentKind.SalesReceipt, settings.Sales.Document);
        Assert.Empty(await host.State.Runs.ListRunsAsync(connection.Id, 10, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task The_product_settings_read_in_French_with_the_example_computed_from_the_sync_start_date()
    {
        await using var host = await DashboardHost.StartAsync(emulators: true);
        var connection = await host.AddConnectedShopAsync(name: "boutique-erable", settings: new ConnectionSettings { SyncStartDate = SyncStart });
        await using var context = await browser.Browser.NewContextAsync(new() { Locale = "fr-CA", ViewportSize = new() { Width = 1100, Height = 900 } });
        var page = await context.NewPageAsync();
        await SignUpInFrenchAsync(page, host);

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Sections" }).GetByRole(AriaRole.Link, new() { Name = "Produits" }).ClickAsync();
        // The workspace's only connection opens at once.

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Paramètres de produits", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Cette connexion synchronise les ventes à partir du 1er février 2025 : la date de début de l'inventaire doit être le 31 janvier 2025 ou avant.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("Articles en stock")).ToBeEnabledAsync();
        await Assertions.Expect(page.GetByText("demandez à votre comptable")).ToBeVisibleAsync();

        await page.GetByLabel("Automatique : StoreBooks crée les articles manquants").CheckAsync();
        await page.GetByLabel("Articles en stock").CheckAsync();
        await page.GetByLabel("Compte de revenus").SelectOptionAsync(new SelectOptionValue { Label = "Sales of Product Income" });
        await page.GetByLabel("Compte de dépenses (coût des produits vendus)").SelectOptionAsync(new SelectOptionValue { Label = "Cost of Goods Sold" });
        await page.GetByLabel("Compte d'actif de stock").SelectOptionAsync(new SelectOptionValue { Label = "Inventory Asset" });
        await page.GetByLabel("Date de début de l'inventaire", new() { Exact = true }).FillAsync("2025-03-15");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer les paramètres de produits" }).ClickAsync();

        await Assertions.Expect(page.Locator(".field-error")).ToHaveTextAsync(
            "La date de début de l'inventaire doit précéder la date de début de la synchronisation : pour synchroniser les ventes à partir du 1er février 2025, choisissez le 31 janvier 2025 ou avant.");
        Assert.Equal("fr", await page.GetAttributeAsync("html", "lang"));
        await AssertAccessibleAsync(page);
        await ScreenshotAsync(page, "products-fr");
    }

    [Fact]
    public void The_product_settings_page_shows_every_product_setting()
    {
        var productKeys = SettingKeys.All.Select(k => k.Name).Where(n => n.StartsWith("products.", StringComparison.Ordinal)).Order(StringComparer.Ordinal);
        Assert.Equal(productKeys, ProductSettingsModel.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_key_the_pages_compute_is_in_the_resources()
    {
        var english = System.Xml.Linq.XDocument.Load(RepositoryFiles.Path(Path.Combine("src", "StoreBooks.Web", "Dashboard", "Resources", "DashboardText.resx")))
            .Root!.Elements("data").Select(d => (string)d.Attribute("name")!).ToHashSet(StringComparer.Ordinal);
        var items = new[] { "shippingItem", "feesItem", "tipsItem", "dutiesItem", "giftCardItem", "roundingItem", "notRestockedItem", "salesTaxItem" };
        var computed = Enum.GetValues<StoreBooks.Sync.Products.ItemAction>().Select(ProductText.ActionKey)
            .Concat(Enum.GetValues<Core.Model.FinancialStatus>().Select(ProductText.StatusKey))
            .Concat(new[] { "Inventory", "NonInventory", "Service", "Group", "Category", "Bundle", null }.Select(ProductText.ItemTypeKey))
            .Concat(new[] { LedgerAccount.CostOfGoodsSold, LedgerAccount.Expense }.Select(ProductText.AccountTypeKey))
            .Concat(items.SelectMany(i => new[] { "Sales_" + i, "Sales_" + i + "Hint" }));

        Assert.All(computed, key => Assert.True(english.Contains(key), $"{key} is computed by a page but not in DashboardText.resx."));
    }

    internal static async Task<IReadOnlyList<LedgerAccount>> AccountsAsync(DashboardHost host, Connection connection)
    {
        await using var connections = new QuickBooksConnections(host.State);
        using var qbo = await connections.ClientForAsync(connection, TestContext.Current.CancellationToken);
        return (await QuickBooksCompany.LoadAsync(qbo, TestContext.Current.CancellationToken)).LedgerAccounts;
    }

    internal static async Task<ConnectionSettings> SettingsAsync(DashboardHost host, Connection connection) =>
        ConnectionSettings.From((await host.State.Connections.GetAsync(connection.Id, TestContext.Current.CancellationToken))!.Settings);

    /// <summary>The accounts' names a picker offers (its empty choice left out).</summary>
    internal static async Task<List<string>> OfferedAsync(IPage page, string label) =>
        (await page.GetByLabel(label, new() { Exact = true }).Locator("option:not([value=''])").AllTextContentsAsync()).Select(t => t.Trim()).Order(StringComparer.OrdinalIgnoreCase).ToList();

    internal static List<string> Names(IEnumerable<LedgerAccount> accounts, Func<LedgerAccount, bool> fits) =>
        accounts.Where(a => a.Active && fits(a)).Select(a => a.Name).Order(StringComparer.OrdinalIgnoreCase).ToList();

    private static async Task<string> Income(DashboardHost host, Connection connection, string name) =>
        (await AccountsAsync(host, connection)).Single(a => a.Name == name).Id;
}
