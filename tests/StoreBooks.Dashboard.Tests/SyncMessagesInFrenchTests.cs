using System.Text.RegularExpressions;
using Microsoft.Playwright;
using StoreBooks.Dashboard.Tests.Support;
using Xunit;
using static StoreBooks.Dashboard.Tests.Support.DashboardPages;

namespace StoreBooks.Dashboard.Tests;

/// <summary>What a sync says about an order (why it waits, what to fix) reads French on French pages and as the sync wrote it on English ones.</summary>
public sealed class SyncMessagesInFrenchTests(BrowserFixture browser)
{
    private static readonly PageGotoOptions Slow = new() { Timeout = 60_000 };

    [Fact]
    public async Task Orders_waiting_for_their_items_read_French_on_the_French_pages_and_English_on_the_English_ones()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await DashboardHost.StartAsync(emulators: true);
        var shop = await host.AddConnectedShopAsync("boutique-erable", settings: ConnectedShop.ManualItems);
        await using var french = await browser.Browser.NewContextAsync(new() { Locale = "fr-CA", ViewportSize = new() { Width = 1280, Height = 800 } });
        var page = await french.NewPageAsync();
        await SignUpInFrenchAsync(page, host);

        // The preview: the orders that would wait for their items, and those not paid yet, say why in French.
        await page.GotoAsync(host.Url($"/connections/{shop.Id}/preview"), Slow);
        var held = page.Locator("table.held");
        await Assertions.Expect(held).ToContainTextAsync(new Regex(@"commande no \S+, ligne \d+[^:]* : Produit « [^»]+ »"));
        await Assertions.Expect(held).ToContainTextAsync("n'a pas d'");
        await Assertions.Expect(held).ToContainTextAsync("pas encore payée (en attente");
        await Assertions.Expect(held).Not.ToContainTextAsync("QuickBooks item");
        await Assertions.Expect(held).Not.ToContainTextAsync("not paid yet");

        // A sync: each order waiting for its items needs attention, its problem in French.
        await page.GotoAsync(host.Url($"/connections/{shop.Id}/sync"));
        await DashboardPages.SyncNowAsync(page, "Synchroniser maintenant");
        await ConnectedShop.WaitForEndedRunsAsync(host, shop, 1);
        await page.ReloadAsync();
        var issues = await host.State.Runs.ListOpenIssuesAsync(shop.Id, ct);
        Assert.NotEmpty(issues);
        var issue = issues[0];
        Assert.NotNull(issue.Detail);
        Assert.StartsWith("order #", issue.Message, StringComparison.Ordinal);
        var number = Regex.Escape(issue.Reference["order #".Length..]);
        // The record is named in French too: its problem carries it.
        var frenchReference = "commande no " + issue.Reference["order #".Length..];
        var row = page.Locator("table.attention tbody tr").Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = frenchReference, Exact = true }) });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByRole(AriaRole.Rowheader, new() { Name = issue.Reference, Exact = true })).ToHaveCountAsync(0);
        await Assertions.Expect(row.Locator("td").First).ToHaveTextAsync(new Regex($@"^commande no {number}, ligne \d+[^:]* : Produit « [^»]+ »( \(UGS [^)]+\))? n'a pas d'"));
        await Assertions.Expect(row).Not.ToContainTextAsync(issue.Message);
        await Assertions.Expect(row).Not.ToContainTextAsync("QuickBooks item");
        await AssertAccessibleAsync(page);
        await ScreenshotAsync(page, "sync-attention-fr");

        // The same records in English read as the sync wrote them.
        await using var english = await browser.Browser.NewContextAsync(new() { Locale = "en-US", ViewportSize = new() { Width = 1280, Height = 800 } });
        var englishPage = await english.NewPageAsync();
        await englishPage.GotoAsync(host.Url("/sign-in"));
        await SignInAsync(englishPage, OwnerEmail, OwnerPassword);
        await DashboardPages.WaitForAddressAsync(englishPage, host.Url("/connections"));
        await englishPage.GotoAsync(host.Url($"/connections/{shop.Id}/sync"));
        var englishRow = englishPage.Locator("table.attention tbody tr").Filter(new() { Has = englishPage.GetByRole(AriaRole.Rowheader, new() { Name = issue.Reference, Exact = true }) });
        await Assertions.Expect(englishRow.Locator("td").First).ToHaveTextAsync(issue.Message);
        await englishPage.GotoAsync(host.Url($"/connections/{shop.Id}/preview"), Slow);
        await Assertions.Expect(englishPage.Locator("table.held")).ToContainTextAsync(issue.Message);
    }
}
