using System.Text.RegularExpressions;
using Microsoft.Playwright;
using StoreBooks.Core.Connections;
using StoreBooks.Core.Products;
using StoreBooks.Dashboard.Tests.Support;
using StoreBooks.Emulators;
using StoreBooks.Emulators.Qbo;
using StoreBooks.Sync.Connections;
using StoreBooks.Testing;
using Xunit;
using static StoreBooks.Dashboard.Tests.Support.DashboardPages;

namespace StoreBooks.Dashboard.Tests;

/// <summary>
/// A merchant's first hour, from an empty home, in one browser session and nothing but clicks: create the owner's account, add
/// the demo store by uploading its two CSV exports, connect QuickBooks through Intuit's OAuth redirect (the emulator's), set the
/// sync start date and a tax code, choose the item accounts from the pickers, meet the inventory start date's refusal with the
/// article's example, see the item plan, push the items, preview, sync now while the progress is pushed to the page, and see the
/// run and the totals agree. Once in English, once in French (every word the test reads comes from the pages in that language).
/// </summary>
public sealed class FirstRunFlowTests(BrowserFixture browser)
{
    private const float Long = 90_000;

    public static TheoryData<string> Languages => new() { "en-US", "fr-CA" };

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task From_an_empty_home_to_a_sync_whose_totals_agree_with_QuickBooks(string locale)
    {
        var ct = TestContext.Current.CancellationToken;
        var words = FlowWords.For(locale);
        await using var host = await DashboardHost.StartAsync(emulatorOptions: new EmulatorOptions { Port = 0, Qbo = new QboEmulatorOptions { Realms = [QboCompanySettings.DefaultCanada] } });
        await using var context = await browser.Browser.NewContextAsync(new() { Locale = locale, ViewportSize = new() { Width = 1200, Height = 900 } });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        var realm = host.Emulator!.Qbo.Companies.DefaultRealmId;

        // 1. The owner's account, on a first start.
        await SignUpAsync(page, host, words.Business, businessLabel: words.BusinessLabel, emailLabel: words.EmailLabel, passwordLabel: words.PasswordLabel,
            confirmLabel: words.ConfirmLabel, button: words.CreateAccount);

        // 2. The demo store, by uploading its product and orders exports.
        await page.GetByRole(AriaRole.Link, new() { Name = words.AddStore }).First.ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = words.CsvExport }).ClickAsync();
        await page.GetByLabel(words.ConnectionName).FillAsync("demo");
        await page.GetByLabel(words.ProductsFile).SetInputFilesAsync(RepositoryFiles.Path(Path.Combine("demo", "products.csv")));
        await page.GetByLabel(words.OrdersFile).SetInputFilesAsync(RepositoryFiles.Path(Path.Combine("demo", "orders.csv")));
        await page.GetByRole(AriaRole.Button, new() { Name = words.CheckAndSave }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync(words.StoreAdded);
        var connection = (await host.State.Connections.ListAsync(ct)).Single();
        Assert.Equal("csv", connection.SourceKind);

        // 3. QuickBooks, through the OAuth redirect (the emulator's consent approves at once and sends the browser back).
        await page.GetByRole(AriaRole.Link, new() { Name = words.ConnectQuickBooks }).ClickAsync();
        await DashboardPages.WaitForAddressAsync(page, url => new Uri(url).Query == "?quickbooks=connected");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync(words.QuickBooksConnected);
        Assert.Equal(realm, (await host.State.Connections.GetAsync(connection.Id, ct))!.QboRealmId);

        // 4. Sales settings: which orders, and the store's tax mapped to the company's tax code.
        await Section(page, words.Sales);
        await page.GetByLabel(words.SyncStartDate, new() { Exact = true }).FillAsync("2025-10-01");
        await page.GetByLabel("HST 15%").SelectOptionAsync(new SelectOptionValue { Label = "HST NB" });
        await page.GetByRole(AriaRole.Button, new() { Name = words.SaveSales }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync(words.SalesSaved);
        await AssertAccessibleAsync(page);

        // 5. Product settings: automatic inventory items, the accounts from the pickers, and the start date refused with the example.
        await Section(page, words.Products);
        await Assertions.Expect(page.GetByText(words.InventoryExample)).ToBeVisibleAsync();
        await page.GetByLabel(words.Automatic).CheckAsync();
        await page.GetByLabel(words.InventoryItems, new() { Exact = true }).CheckAsync();
        await page.GetByLabel(words.IncomeAccount).SelectOptionAsync(new SelectOptionValue { Label = "Sales of Product Income" });
        await page.GetByLabel(words.ExpenseAccount).SelectOptionAsync(new SelectOptionValue { Label = "Cost of Goods Sold" });
        await page.GetByLabel(words.InventoryAssetAccount).SelectOptionAsync(new SelectOptionValue { Label = "Inventory Asset" });
        var startDate = page.GetByLabel(words.InventoryStartDate, new() { Exact = true });
        await startDate.FillAsync("2025-10-01");
        await page.GetByRole(AriaRole.Button, new() { Name = words.SaveProducts }).ClickAsync();
        await Assertions.Expect(page.Locator(".field-error")).ToHaveTextAsync(words.InventoryRefusal);
        await AssertAccessibleAsync(page);
        Assert.Equal(ItemMode.Manual, Settings(await host.State.Connections.GetAsync(connection.Id, ct)).Products.Mode);
        await startDate.FillAsync("2025-09-30");
        await page.GetByRole(AriaRole.Button, new() { Name = words.SaveProducts }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync(words.ProductsSaved);
        var saved = Settings(await host.State.Connections.GetAsync(connection.Id, ct));
        Assert.Equal((ItemMode.Automatic, CreatedItemType.Inventory, new DateOnly(2025, 9, 30), new DateOnly(2025, 10, 1)),
            (saved.Products.Mode, saved.Products.CreateAs, saved.Products.InventoryStartDate, saved.SyncStartDate));

        // 6. The item plan, then the push: every product of the export becomes an inventory item.
        await page.GetByRole(AriaRole.Link, new() { Name = words.ItemPlan }).ClickAsync();
        var planRows = page.Locator("table.plan tbody tr");
        var products = await planRows.CountAsync();
        Assert.True(products >= 20, $"the demo store has 25 variants; the plan shows {products}");
        await Assertions.Expect(planRows.Filter(new() { HasText = words.ToBeCreated })).ToHaveCountAsync(products);
        await using var quickBooks = new QuickBooksConnections(host.State);
        using var qbo = await quickBooks.ClientForAsync((await host.State.Connections.GetAsync(connection.Id, ct))!, ct);
        var itemsBefore = (await qbo.Items.QueryAsync(qbo.Items.Where(), ct).ToListAsync(ct)).Count;
        await page.GetByRole(AriaRole.Button, new() { Name = words.PushItems }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync(words.ItemsPushed);
        await Assertions.Expect(planRows.Filter(new() { HasText = words.ToBeCreated })).ToHaveCountAsync(0);
        await AssertAccessibleAsync(page);
        Assert.Equal(itemsBefore + products, (await qbo.Items.QueryAsync(qbo.Items.Where(), ct).ToListAsync(ct)).Count);

        // 7. The preview: the documents the sync would post, and nothing posted.
        await Section(page, words.Preview);
        var documents = page.Locator("table.documents tbody tr");
        await Assertions.Expect(documents.First).ToBeVisibleAsync(new() { Timeout = Long });
        var previewed = await documents.CountAsync();
        await AssertAccessibleAsync(page);
        Assert.Empty(await qbo.SalesReceipts.QueryAsync(qbo.SalesReceipts.Where(), ct).ToListAsync(ct));

        // 8. Sync now, with the progress pushed to the page, then the run at the top of the history (under the items' push).
        host.Time.Advance(TimeSpan.FromMinutes(1));
        await Section(page, words.Sync);
        await page.GetByRole(AriaRole.Button, new() { Name = words.SyncNow }).ClickAsync();
        var panel = page.Locator("[data-sync-events]");
        await Assertions.Expect(panel).ToHaveAttributeAsync("data-live-connected", "true");
        await Assertions.Expect(panel.Locator("[data-live=summary]")).ToHaveTextAsync(new Regex(words.PostedSummary), new() { Timeout = Long });
        var receipts = (await qbo.SalesReceipts.QueryAsync(qbo.SalesReceipts.Where(), ct).ToListAsync(ct)).Count;
        var refunds = (await qbo.RefundReceipts.QueryAsync(qbo.RefundReceipts.Where(), ct).ToListAsync(ct)).Count;
        Assert.Equal(previewed, receipts + refunds);
        await Assertions.Expect(panel.Locator("[data-live=posted]")).ToHaveTextAsync(receipts.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.ReloadAsync();
        var runs = page.Locator("table.runs tbody tr");
        await Assertions.Expect(runs).ToHaveCountAsync(2);
        await Assertions.Expect(runs.First).ToContainTextAsync(words.AskedFor);
        await Assertions.Expect(runs.First).ToContainTextAsync(words.Succeeded);
        await AssertAccessibleAsync(page);

        // 9. The totals of the demo's two months: the store and QuickBooks agree on every day.
        await Section(page, words.Totals);
        await page.GetByLabel(words.From, new() { Exact = true }).FillAsync("2025-10-01");
        await page.GetByLabel(words.To, new() { Exact = true }).FillAsync("2025-11-30");
        await page.GetByRole(AriaRole.Button, new() { Name = words.Compare }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync(words.AllAgree, new() { Timeout = Long });
        var days = page.Locator("table.days tbody tr");
        Assert.True(await days.CountAsync() >= 20, "the demo's orders fall on many days of October and November 2025");
        await Assertions.Expect(days.Filter(new() { HasNotText = words.Agree })).ToHaveCountAsync(0);
        await AssertAccessibleAsync(page);
        await Assertions.Expect(page.Locator("table.period-totals td.number").First).ToHaveTextAsync(new Regex(words.AmountPattern));
    }

    private static async Task Section(IPage page, string name)
    {
        var link = page.GetByRole(AriaRole.Navigation, new() { Name = "Sections" }).GetByRole(AriaRole.Link, new() { Name = name, Exact = true });
        // A section's link (/sales) leads to the only connection's page of it (/connections/{id}/sales).
        var section = new Uri(new Uri(page.Url), await link.GetAttributeAsync("href")).AbsolutePath;
        var from = page.Url;
        await link.ClickAsync();
        await WaitForAddressAsync(page, url => url != from && new Uri(url).AbsolutePath.EndsWith(section, StringComparison.Ordinal));
    }

    private static ConnectionSettings Settings(Connection? connection) => ConnectionSettings.From(connection!.Settings);

    /// <summary>The words the flow reads and clicks, as the pages say them in each language.</summary>
    private sealed record FlowWords
    {
        public required string Business { get; init; }
        public required string BusinessLabel { get; init; }
        public required string EmailLabel { get; init; }
        public required string PasswordLabel { get; init; }
        public required string ConfirmLabel { get; init; }
        public required string CreateAccount { get; init; }
        public required string AddStore { get; init; }
        public required string CsvExport { get; init; }
        public required string ConnectionName { get; init; }
        public required string ProductsFile { get; init; }
        public required string OrdersFile { get; init; }
        public required string CheckAndSave { get; init; }
        public required string StoreAdded { get; init; }
        public required string ConnectQuickBooks { get; init; }
        public required string QuickBooksConnected { get; init; }
        public required string Sales { get; init; }
        public required string SyncStartDate { get; init; }
        public required string SaveSales { get; init; }
        public required string SalesSaved { get; init; }
        public required string Products { get; init; }
        public required string InventoryExample { get; init; }
        public required string Automatic { get; init; }
        public required string InventoryItems { get; init; }
        public required string IncomeAccount { get; init; }
        public required string ExpenseAccount { get; init; }
        public required string InventoryAssetAccount { get; init; }
        public required string InventoryStartDate { get; init; }
        public required string SaveProducts { get; init; }
        public required string InventoryRefusal { get; init; }
        public required string ProductsSaved { get; init; }
        public required string ItemPlan { get; init; }
        public required string ToBeCreated { get; init; }
        public required string PushItems { get; init; }
        public required string ItemsPushed { get; init; }
        public required string Preview { get; init; }
        public required string Sync { get; init; }
        public required string SyncNow { get; init; }
        public required string Succeeded { get; init; }
        public required string AskedFor { get; init; }
        public required string PostedSummary { get; init; }
        public required string Totals { get; init; }
        public required string From { get; init; }
        public required string To { get; init; }
        public required string Compare { get; init; }
        public required string AllAgree { get; init; }
        public required string Agree { get; init; }
        public required string AmountPattern { get; init; }

        public static FlowWords For(string locale) => locale.StartsWith("fr", StringComparison.Ordinal) ? French : English;

        private static FlowWords English => new()
        {
            Business = "Maple Leaf Goods",
            BusinessLabel = "Business name",
            EmailLabel = "Email",
            PasswordLabel = "Password",
            ConfirmLabel = "Password again",
            CreateAccount = "Create the account",
            AddStore = "Add a store",
            CsvExport = "CSV export",
            ConnectionName = "Connection name",
            ProductsFile = "Products file",
            OrdersFile = "Orders file",
            CheckAndSave = "Check and save",
            StoreAdded = "The store is connected. Next, connect its QuickBooks company.",
            ConnectQuickBooks = "Connect QuickBooks",
            QuickBooksConnected = "QuickBooks is connected:",
            Sales = "Sales",
            SyncStartDate = "Sync start date",
            SaveSales = "Save the sales settings",
            SalesSaved = "Sales settings saved.",
            Products = "Products",
            InventoryExample = "This connection syncs sales from October 1, 2025: the inventory start date must be September 30, 2025 or earlier.",
            Automatic = "Automatic: StoreBooks creates the missing items",
            InventoryItems = "Inventory items",
            IncomeAccount = "Income account",
            ExpenseAccount = "Expense account (cost of goods sold)",
            InventoryAssetAccount = "Inventory asset account",
            InventoryStartDate = "Inventory start date",
            SaveProducts = "Save the product settings",
            InventoryRefusal = "The inventory start date must be before the sync start date: to sync sales from October 1, 2025, choose September 30, 2025 or earlier.",
            ProductsSaved = "Product settings saved.",
            ItemPlan = "Item plan",
            ToBeCreated = "to be created",
            PushItems = "Push items",
            ItemsPushed = "Items pushed.",
            Preview = "Preview",
            Sync = "Sync",
            SyncNow = "Sync now",
            Succeeded = "Succeeded",
            AskedFor = "Asked for",
            PostedSummary = @"^Succeeded on .+: \d+ order\(s\) read, [1-9]\d* posted, \d+ waiting, 0 refused\.$",
            Totals = "Totals",
            From = "From",
            To = "To",
            Compare = "Compare",
            AllAgree = "the store and QuickBooks agree on every day",
            Agree = "Agree",
            AmountPattern = @"^\d{1,3}(,\d{3})*\.\d{2}[\s\u00a0\u202f]CAD$",
        };

        private static FlowWords French => new()
        {
            Business = "Produits Érable inc.",
            BusinessLabel = "Nom de l'entreprise",
            EmailLabel = "Courriel",
            PasswordLabel = "Mot de passe",
            ConfirmLabel = "Confirmer le mot de passe",
            CreateAccount = "Créer le compte",
            AddStore = "Ajouter une boutique",
            CsvExport = "Exportation CSV",
            ConnectionName = "Nom de la connexion",
            ProductsFile = "Fichier des produits",
            OrdersFile = "Fichier des commandes",
            CheckAndSave = "Vérifier et enregistrer",
            StoreAdded = "La boutique est connectée. Connectez maintenant son entreprise QuickBooks.",
            ConnectQuickBooks = "Connecter QuickBooks",
            QuickBooksConnected = "QuickBooks est connecté :",
            Sales = "Ventes",
            SyncStartDate = "Date de début de la synchronisation",
            SaveSales = "Enregistrer les paramètres de ventes",
            SalesSaved = "Paramètres de ventes enregistrés.",
            Products = "Produits et services",
            InventoryExample = "Cette connexion synchronise les ventes à partir du 1er octobre 2025 : la date de début de l'inventaire doit être le 30 septembre 2025 ou avant.",
            Automatic = "Automatique : StoreBooks crée les articles manquants",
            InventoryItems = "Articles en stock",
            IncomeAccount = "Compte de revenus",
            ExpenseAccount = "Compte de dépenses (coût des produits vendus)",
            InventoryAssetAccount = "Compte d'actif de stock",
            InventoryStartDate = "Date de début de l'inventaire",
            SaveProducts = "Enregistrer les paramètres de produits",
            InventoryRefusal = "La date de début de l'inventaire doit précéder la date de début de la synchronisation : pour synchroniser les ventes à partir du 1er octobre 2025, choisissez le 30 septembre 2025 ou avant.",
            ProductsSaved = "Paramètres de produits enregistrés.",
            ItemPlan = "Plan des articles",
            ToBeCreated = "à créer",
            PushItems = "Pousser les articles",
            ItemsPushed = "Articles poussés.",
            Preview = "Aperçu",
            Sync = "Synchronisation",
            SyncNow = "Synchroniser maintenant",
            Succeeded = "Réussie",
            AskedFor = "Demandée",
            PostedSummary = @"^Réussie le .+ : \d+ commande\(s\) lue\(s\), [1-9]\d* inscrite\(s\), \d+ en attente, 0 refusée\(s\)\.$",
            Totals = "Totaux",
            From = "Du",
            To = "Au",
            Compare = "Comparer",
            AllAgree = "la boutique et QuickBooks concordent chaque jour",
            Agree = "Concordent",
            AmountPattern = @"^\d{1,3}([\s\u00a0\u202f]\d{3})*,\d{2}[\s\u00a0\u202f]\$$",
        };
    }
}
