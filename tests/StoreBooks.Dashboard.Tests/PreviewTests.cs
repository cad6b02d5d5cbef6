using Microsoft.Playwright;
using StoreBooks.Core.State;
using StoreBooks.Dashboard.Tests.Support;
using Xunit;
using static StoreBooks.Dashboard.Tests.Support.DashboardPages;

namespace StoreBooks.Dashboard.Tests;

/// <summary>The Preview page shows what the next sync would post, create and hold back (sync --dry-run), and changes nothing.</summary>
public sealed class PreviewTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_preview_shows_the_documents_the_next_sync_would_post_and_changes_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await DashboardHost.StartAsync(emulators: true);
        var shop = await host.AddConnectedShopAsync(settings: ConnectedShop.Posting);
        await using var context = await browser.Browser.NewContextAsync(new() { Locale = "en-US", ViewportSize = new() { Width = 1280, Height = 800 } });
        var page = await context.NewPageAsync();
        await SignUpAsync(page, host);

        // The only connection opens at once from the sections' navigation.
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Sections" }).GetByRole(AriaRole.Link, new() { Name = "Preview", Exact = true }).ClickAsync();
        await DashboardPages.WaitForAddressAsync(page, host.Url($"/connections/{shop.Id}/preview"), 60_000);

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Preview · demo-shop" })).ToBeVisibleAsync();
        var documents = page.Locator("table.documents tbody tr");
        Assert.True(await documents.CountAsync() >= 10, "the demo shop's paid orders would post");
        await Assertions.Expect(documents.First).ToContainTextAsync("Sales receipt");
        // Amounts as the reader's culture writes them: US dollars in en-US.
        await Assertions.Expect(documents.First.Locator("td.number").Last).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\$\d{1,3}(,\d{3})*\.\d{2}$"));
        await Assertions.Expect(page.Locator("dl.new-records")).ToContainTextAsync("Customers");
        await Assertions.Expect(page.Locator("dl.new-records")).ToContainTextAsync("Items");
        // The demo shop's pending and authorized orders would wait for their payment.
        await Assertions.Expect(page.Locator("table.held")).ToContainTextAsync("Not paid yet");
        await AssertAccessibleAsync(page);
        await ScreenshotAsync(page, "preview");

        // Nothing changed: no document in QuickBooks, no run, no link.
        using var qbo = await ConnectedShop.QuickBooksAsync(host, shop);
        Assert.Empty(await qbo.SalesReceipts.QueryAsync(qbo.SalesReceipts.Where(), ct).ToListAsync(ct));
        Assert.Empty(await host.State.Runs.ListRunsAsync(shop.Id, 10, ct));
        Assert.Empty(await host.State.Links.ListAsync(shop.Id, LinkKind.Sale, null, ct));
    }
}
