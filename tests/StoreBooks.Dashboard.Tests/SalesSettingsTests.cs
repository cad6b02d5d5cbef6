using Microsoft.Playwright;
using StoreBooks.Core.Connections;
using StoreBooks.Core.Model;
using StoreBooks.Core.Sales;
using StoreBooks.Dashboard.Tests.Support;
using StoreBooks.Emulators.Qbo;
using StoreBooks.Web.Dashboard.Sales;
using Xunit;
using static StoreBooks.Dashboard.Tests.ProductSettingsTests;
using static StoreBooks.Dashboard.Tests.Support.DashboardPages;

namespace StoreBooks.Dashboard.Tests;

/// <summary>A connection's sales settings: pickers from the QuickBooks emulator's company and the demo shop's orders, saved and read back as the command line saves them.</summary>
public sealed class SalesSettingsTests(BrowserFixture browser)
{
    [Fact]
    public async Task Sales_settings_are_picked_from_QuickBooks_saved_and_read_back_and_refused_at_their_fields_when_they_cannot_work()
    {
        await using var host = await DashboardHost.StartAsync(emulators: true);
        var connection = await host.AddConnectedShopAsync();
        var accounts = await AccountsAsync(host, connection);
        await using var context = await browser.Browser.NewContextAsync(new() { Locale = "en-US", ViewportSize = new() { Width = 1100, Height = 900 } });
        var page = await context.NewPageAsync();
        await SignUpAsync(page, host);

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Sections" }).GetByRole(AriaRole.Link, new() { Name = "Sales" }).ClickAsync();
        // The workspace's only connection opens at once.
        await DashboardPages.WaitForAddressAsync(page, host.Url($"/connections/{connection.Id}/sales"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sales settings", Level = 1 })).ToBeVisibleAsync();

        Assert.Equal(Names(accounts, a => a.AccountType is "Bank" or "Other Current Asset"), await OfferedAsync(page, "Deposit account for shopify_payments"));
        Assert.Equal(Names(accounts, a => a.AccountType == "Income"), await OfferedAsync(page, "Discount account"));
        Assert.Contains("Visa", await OfferedAsync(page, "Payment method for shopify_payments"));
        await Assertions.Expect(page.GetByText("This QuickBooks company is in the United States")).ToBeVisibleAsync();

        await page.GetByLabel("An invoice, with a payment").CheckAsync();
        await page.GetByLabel("Partially paid").CheckAsync();
        await page.GetByLabel("Every sale under one customer").CheckAsync();
        await page.GetByLabel("Name of the one customer").FillAsync("Web Shop Sales");
        await page.GetByLabel("Prefix of sales' numbers").FillAsync("WEB-");
        await page.GetByLabel("Discount account").SelectOptionAsync(new SelectOptionValue { Label = "Discounts given" });
        await page.GetByLabel("Payment method for shopify_payments").SelectOptionAsync(new SelectOptionValue { Label = "Visa" });
        await page.GetByLabel("Deposit account for shopify_payments").SelectOptionAsync(new SelectOptionValue { Label = "Checking" });
        await page.GetByLabel("Default deposit account").SelectOptionAsync(new SelectOptionValue { Label = "Savings" });
        await page.GetByLabel("Sync refunds").UncheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the sales settings" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Sales settings saved.");
        var saved = (await SettingsAsync(host, connection)).Sales;
        Assert.Equal(SaleDocumentKind.Invoice, saved.Document);
        Assert.Equal([FinancialStatus.PartiallyPaid, FinancialStatus.Paid, FinancialStatus.PartiallyRefunded, FinancialStatus.Refunded], saved.Statuses);
        Assert.Equal(CustomerMode.Generic, saved.Customers);
        Assert.Equal("Web Shop Sales", saved.GenericCustomerName);
        Assert.Equal("WEB-", saved.DocNumberPrefix);
        Assert.Equal(accounts.Single(a => a.Name == "Discounts given").Id, saved.DiscountAccount);
        Assert.Equal("Visa", saved.Payments["shopify_payments"].Method);
        Assert.Equal(accounts.Single(a => a.Name == "Checking").Id, saved.Payments["shopify_payments"].DepositAccount);
        Assert.Equal(accounts.Single(a => a.Name == "Savings").Id, saved.DefaultDepositAccount);
        Assert.False(saved.SyncRefunds);
        Assert.Equal("Shipping", saved.ShippingItem);

        // Read back: the page shows what was saved.
        await page.GotoAsync(host.Url($"/connections/{connection.Id}/sales"));
        await Assertions.Expect(page.GetByLabel("An invoice, with a payment")).ToBeCheckedAsync();
        await Assertions.Expect(page.GetByLabel("Partially paid")).ToBeCheckedAsync();
        await Assertions.Expect(page.GetByLabel("Pending")).Not.ToBeCheckedAsync();
        await Assertions.Expect(page.GetByLabel("Name of the one customer")).ToHaveValueAsync("Web Shop Sales");
        await Assertions.Expect(page.GetByLabel("Deposit account for shopify_payments")).ToHaveValueAsync(accounts.Single(a => a.Name == "Checking").Id);
        await Assertions.Expect(page.GetByLabel("Payment method for shopify_payments")).ToHaveValueAsync("Visa");
        await Assertions.Expect(page.GetByLabel("Sync refunds")).Not.ToBeCheckedAsync();
        await AssertAccessibleAsync(page);
        await ScreenshotAsync(page, "sales");

        // Settings that cannot work are refused at their fields, as storebooks settings set refuses them, and nothing is saved.
        await page.GetByLabel("Prefix of sales' numbers").FillAsync("A-VERY-LONG-PREFIX-");
        foreach (var status in new[] { "Partially paid", "Paid", "Partially refunded", "Refunded" })
        {
            await page.GetByLabel(status, new() { Exact = true }).UncheckAsync();
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Save the sales settings" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Nothing was saved.");
        await Assertions.Expect(page.Locator("#field-sales-docNumberPrefix-message")).ToContainTextAsync("QuickBooks allows 21 in a document number");
        await Assertions.Expect(page.GetByLabel("Prefix of sales' numbers")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(page.Locator("#field-sales-statuses .field-error")).ToContainTextAsync("lists no status");
        Assert.Equal("WEB-", (await SettingsAsync(host, connection)).Sales.DocNumberPrefix);
        await AssertAccessibleAsync(page);
    }

    [Theory]
    [InlineData("en-US", "Sync start date", "Save the sales settings", "Sales settings saved.", "is in the future: nothing would sync until then. Choose today")]
    [InlineData("fr-CA", "Date de début de la synchronisation", "Enregistrer les paramètres de ventes", "Paramètres de ventes enregistrés.", "est dans le futur : rien ne serait synchronisé d'ici là. Choisissez aujourd'hui")]
    public async Task The_sync_start_date_is_set_here_and_a_day_in_the_future_is_refused_in_the_readers_language(string locale, string label, string save, string saved, string refusal)
    {
        await using var host = await DashboardHost.StartAsync(emulators: true);
        var connection = await host.AddConnectedShopAsync();
        await using var context = await browser.Browser.NewContextAsync(new() { Locale = locale });
        var page = await context.NewPageAsync();
        if (locale == "en-US")
        {
            await SignUpAsync(page, host);
        }
        else
        {
            await SignUpInFrenchAsync(page, host);
        }

        await page.GotoAsync(host.Url($"/connections/{connection.Id}/sales"));
        var field = page.GetByLabel(label, new() { Exact = true });
        var today = DateOnly.FromDateTime(host.Time.GetUtcNow().UtcDateTime);

        await field.FillAsync(today.AddDays(3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = save }).ClickAsync();

        await Assertions.Expect(page.Locator("#" + "field-syncStartDate-message")).ToContainTextAsync(refusal);
        await Assertions.Expect(field).ToHaveAttributeAsync("aria-invalid", "true");
        Assert.Null(ConnectionSettings.From((await host.State.Connections.GetAsync(connection.Id, CancellationToken.None))!.Settings).SyncStartDate);
        await AssertAccessibleAsync(page);

        await field.FillAsync("2025-03-01");
        await page.GetByRole(AriaRole.Button, new() { Name = save }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync(saved);
        await Assertions.Expect(field).ToHaveValueAsync("2025-03-01");
        Assert.Equal(new DateOnly(2025, 3, 1), ConnectionSettings.From((await host.State.Connections.GetAsync(connection.Id, CancellationToken.None))!.Settings).SyncStartDate);
    }

    [Fact]
    public async Task A_French_page_refuses_a_prefix_too_long_in_French_at_its_field_and_the_command_line_keeps_its_English()
    {
        await using var host = await DashboardHost.StartAsync(emulators: true);
        var connection = await host.AddConnectedShopAsync();
        await using var context = await browser.Browser.NewContextAsync(new() { Locale = "fr-CA" });
        var page = await context.NewPageAsync();
        await SignUpInFrenchAsync(page, host);

        await page.GotoAsync(host.Url($"/connections/{connection.Id}/sales"));
        await page.GetByLabel("Préfixe des numéros de ventes").FillAsync("A-VERY-LONG-PREFIX-");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer les paramètres de ventes" }).ClickAsync();

        var message = page.Locator("#field-sales-docNumberPrefix-message");
        await Assertions.Expect(message).ToContainTextAsync(
            "« A-VERY-LONG-PREFIX- » compte 19 caractères, et QuickBooks permet 21 caractères dans un numéro de document, ce qui laisse 2 caractères au numéro de commande : " +
            "les commandes à partir de 100 ne pourraient pas être inscrites.");
        await Assertions.Expect(message).ToContainTextAsync("Utilisez un préfixe d'au plus 13 caractères");
        await Assertions.Expect(message).Not.ToContainTextAsync("QuickBooks allows");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("le numéro de la commande serait A-VERY-LONG-PREFIX-99999999, soit 27 caractères");
        await Assertions.Expect(page.GetByLabel("Préfixe des numéros de ventes")).ToHaveAttributeAsync("aria-invalid", "true");
        Assert.Equal(ConnectionSettings.From(connection.Settings).Sales.DocNumberPrefix,
            ConnectionSettings.From((await host.State.Connections.GetAsync(connection.Id, CancellationToken.None))!.Settings).Sales.DocNumberPrefix);

        // The same refusal as the command line writes it: the catalogue's English, unchanged.
        var settings = ConnectionSettings.From(connection.Settings);
        settings = settings with { Sales = settings.Sales with { DocNumberPrefix = "A-VERY-LONG-PREFIX-" } };
        var problem = Assert.Single(ConnectionSettingsCheck.Check(settings, host.Time), p => p.Setting == "sales.docNumberPrefix");
        Assert.Equal("settings.prefix.too-long", problem.Detail?.Code);
        Assert.StartsWith("\"A-VERY-LONG-PREFIX-\" has 19 characters, and QuickBooks allows 21 in a document number, which leaves 2 for the order number, so orders from 100 on could not post.", problem.Message);
        await AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task A_company_outside_the_United_States_maps_each_store_tax_to_a_QuickBooks_tax_code()
    {
        await using var host = await DashboardHost.StartAsync(emulators: true);
        var companies = host.Emulator!.Qbo.Companies;
        companies.Create(QboCompanySettings.DefaultCanada with { RealmId = companies.DefaultRealmId });
        var connection = await host.AddConnectedShopAsync();
        await using var context = await browser.Browser.NewContextAsync(new() { Locale = "en-US" });
        var page = await context.NewPageAsync();
        await SignUpAsync(page, host);
        await page.GotoAsync(host.Url($"/connections/{connection.Id}/sales"));

        var taxes = page.Locator("select[name^='sales.taxCodes.']");
        Assert.True(await taxes.CountAsync() > 0, "The demo shop's orders carry taxes, each offered a QuickBooks tax code.");
        var first = taxes.First;
        var tax = (await first.GetAttributeAsync("name"))!["sales.taxCodes.".Length..];
        var code = (await first.Locator("option:not([value=''])").First.GetAttributeAsync("value"))!;
        await first.SelectOptionAsync(code);
        var untaxed = page.GetByLabel("Tax code of untaxed lines");
        await untaxed.SelectOptionAsync((await untaxed.Locator("option:not([value=''])").Last.GetAttributeAsync("value"))!);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the sales settings" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Sales settings saved.");
        var saved = (await SettingsAsync(host, connection)).Sales;
        Assert.Equal(code, saved.TaxCodes[tax]);
        Assert.Single(saved.TaxCodes);
        Assert.NotNull(saved.UntaxedTaxCode);
        await Assertions.Expect(page.Locator($"select[name='sales.taxCodes.{tax}']")).ToHaveValueAsync(code);
        await AssertAccessibleAsync(page);
    }

    [Fact]
    public void The_sales_settings_page_shows_every_sales_setting_and_the_sync_start_date()
    {
        var salesKeys = SettingKeys.All.Select(k => k.Name).Where(n => n.StartsWith("sales.", StringComparison.Ordinal) || n == "syncStartDate").Order(StringComparer.Ordinal);
        Assert.Equal(salesKeys, SalesSettingsModel.Keys.Concat(SalesSettingsModel.Maps).Order(StringComparer.Ordinal));
    }
}
