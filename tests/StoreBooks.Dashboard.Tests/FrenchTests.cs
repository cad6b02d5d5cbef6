using Microsoft.Playwright;
using StoreBooks.Dashboard.Tests.Support;
using Xunit;
using static StoreBooks.Dashboard.Tests.Support.DashboardPages;

namespace StoreBooks.Dashboard.Tests;

/// <summary>The dashboard in French: chosen by the browser's Accept-Language (fr-CA, fr-FR), or by the switcher's cookie.</summary>
public sealed class FrenchTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_French_browser_signs_up_signs_out_and_signs_in_in_French()
    {
        await using var host = await DashboardHost.StartAsync();
        var shop = await host.AddConnectionAsync("boutique-erable");
        await using var context = await browser.Browser.NewContextAsync(new() { Locale = "fr-CA" });
        var page = await context.NewPageAsync();

        await page.GotoAsync(host.Url("/"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Créer le compte du propriétaire" })).ToBeVisibleAsync();
        Assert.Equal("fr", await page.GetAttributeAsync("html", "lang"));
        await AssertAccessibleAsync(page);
        await SignUpInFrenchAsync(page, host);

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Connexions" })).ToBeVisibleAsync();
        var row = page.Locator("table tbody tr").First;
        await Assertions.Expect(row).ToContainTextAsync("Pas encore connectée");
        // The date as French writes it: "2 octobre 2025".
        var french = System.Globalization.CultureInfo.GetCultureInfo("fr-CA");
        await Assertions.Expect(row).ToContainTextAsync(shop.CreatedAt.UtcDateTime.ToString("d MMMM yyyy", french));
        await AssertAccessibleAsync(page);
        await ScreenshotAsync(page, "connections-fr");

        await SignOutAsync(page, "Se déconnecter");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Se connecter" })).ToBeVisibleAsync();
        await SignInAsync(page, OwnerEmail, "mauvais mot de passe", "Courriel", "Mot de passe", "Se connecter");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Le courriel ou le mot de passe est erroné. Vérifiez-les et réessayez.");
        await SignInAsync(page, OwnerEmail, OwnerPassword, "Courriel", "Mot de passe", "Se connecter");
        await DashboardPages.WaitForAddressAsync(page, host.Url("/connections"));
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "boutique-erable" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_browser_from_France_also_reads_French()
    {
        await using var host = await DashboardHost.StartAsync();
        await using var context = await browser.Browser.NewContextAsync(new() { Locale = "fr-FR" });
        var page = await context.NewPageAsync();
        await SignUpInFrenchAsync(page, host, "Maple Leaf Goods");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Connexions" })).ToBeVisibleAsync();
        await SignOutAsync(page, "Se déconnecter");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Se connecter" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_switcher_changes_the_language_and_remembers_it()
    {
        await using var host = await DashboardHost.StartAsync();
        await using var context = await browser.Browser.NewContextAsync(new() { Locale = "en-US" });
        var page = await context.NewPageAsync();
        await SignUpAsync(page, host);
        await SignOutAsync(page);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Français" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Se connecter" })).ToBeVisibleAsync();
        Assert.Equal("/sign-in", new Uri(page.Url).AbsolutePath);
        await page.GotoAsync(host.Url("/sign-in"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Se connecter" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Français" })).ToHaveAttributeAsync("aria-pressed", "true");
        await AssertAccessibleAsync(page);
        await ScreenshotAsync(page, "sign-in-fr");

        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
    }
}
