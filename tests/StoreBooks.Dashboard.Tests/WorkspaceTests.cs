using Microsoft.Playwright;
using StoreBooks.Dashboard.Tests.Support;
using Xunit;
using static StoreBooks.Dashboard.Tests.Support.DashboardPages;

namespace StoreBooks.Dashboard.Tests;

/// <summary>The connections page shows the signed-in user's workspace's connections, and never another workspace's.</summary>
public sealed class WorkspaceTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_connections_page_lists_the_workspace_connections_with_their_details()
    {
        await using var host = await DashboardHost.StartAsync();
        var shop = await host.AddConnectionAsync("maple-shop", "shopify", realmId: "9341453050071066");
        await host.AddConnectionAsync("wool-store", "woocommerce");
        await host.AddConnectionAsync("monthly-export", "csv");
        await using var context = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1100, Height = 700 } });
        var page = await context.NewPageAsync();
        await SignUpAsync(page, host);

        var rows = page.Locator("table tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(3);
        await Assertions.Expect(rows.Nth(0)).ToContainTextAsync("maple-shop");
        await Assertions.Expect(rows.Nth(0)).ToContainTextAsync("Shopify");
        await Assertions.Expect(rows.Nth(0)).ToContainTextAsync("9341453050071066");
        await Assertions.Expect(rows.Nth(1)).ToContainTextAsync("monthly-export");
        await Assertions.Expect(rows.Nth(1)).ToContainTextAsync("CSV export");
        await Assertions.Expect(rows.Nth(2)).ToContainTextAsync("Not connected yet");
        await Assertions.Expect(rows.Nth(0)).ToContainTextAsync(shop.CreatedAt.UtcDateTime.ToString("MMMM", System.Globalization.CultureInfo.GetCultureInfo("en-CA")));
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Connections" })).ToHaveAttributeAsync("aria-current", "page");
        await AssertAccessibleAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "maple-shop" }).ClickAsync();
        await DashboardPages.WaitForAddressAsync(page, host.Url($"/connections/{shop.Id}"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "maple-shop" })).ToBeVisibleAsync();
        await AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task A_second_workspace_user_cannot_see_the_first_workspace_connection_in_the_list_or_by_its_id()
    {
        await using var host = await DashboardHost.StartAsync();
        var first = await host.AddConnectionAsync("maple-shop");
        await using (var owner = await browser.Browser.NewContextAsync())
        {
            await SignUpAsync(await owner.NewPageAsync(), host);
        }

        var (other, _) = await host.AddWorkspaceAsync("Other Books Ltd", "owner@other.example", "other owner password");
        await host.AddConnectionAsync("other-shop", workspace: other.Id);

        await using var context = await browser.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(host.Url("/sign-in"));
        await SignInAsync(page, "owner@other.example", "other owner password");
        await DashboardPages.WaitForAddressAsync(page, host.Url("/connections"));

        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "other-shop" })).ToBeVisibleAsync();
        Assert.DoesNotContain("maple-shop", await page.ContentAsync(), StringComparison.Ordinal);

        var byId = await page.GotoAsync(host.Url($"/connections/{first.Id}"));
        Assert.Equal(404, byId!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Connection not found" })).ToBeVisibleAsync();
        Assert.DoesNotContain("maple-shop", await page.ContentAsync(), StringComparison.Ordinal);
        await AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task Every_section_is_in_the_navigation_and_each_asks_for_a_connection_when_there_is_none()
    {
        await using var host = await DashboardHost.StartAsync();
        await using var context = await browser.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await SignUpAsync(page, host);

        await Assertions.Expect(page.GetByText("There is no connection yet.")).ToBeVisibleAsync();
        var navigation = page.GetByRole(AriaRole.Navigation, new() { Name = "Sections" });
        foreach (var name in new[] { "Products", "Sales" })
        {
            await navigation.GetByRole(AriaRole.Link, new() { Name = name, Exact = true }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = name, Exact = true })).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByText("There is no connection yet.")).ToBeVisibleAsync();
            await Assertions.Expect(navigation.GetByRole(AriaRole.Link, new() { Name = name, Exact = true })).ToHaveAttributeAsync("aria-current", "page");
        }

        // The pages of a connection: with none yet, each says so.
        foreach (var name in new[] { "Preview", "Sync", "Totals", "Reconcile" })
        {
            await navigation.GetByRole(AriaRole.Link, new() { Name = name, Exact = true }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = name, Exact = true })).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByText("There is no connection yet.")).ToBeVisibleAsync();
            await Assertions.Expect(navigation.GetByRole(AriaRole.Link, new() { Name = name, Exact = true })).ToHaveAttributeAsync("aria-current", "page");
        }

        await AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task The_layout_fits_a_phone_screen()
    {
        await using var host = await DashboardHost.StartAsync();
        await host.AddConnectionAsync("a-shop-with-a-rather-long-name");
        await using var context = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 375, Height = 740 }, IsMobile = true, HasTouch = true });
        var page = await context.NewPageAsync();
        await SignUpAsync(page, host);

        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"The connections page is {overflow}px wider than a phone's screen.");
        await AssertAccessibleAsync(page);
        await ScreenshotAsync(page, "connections-phone");
    }
}
