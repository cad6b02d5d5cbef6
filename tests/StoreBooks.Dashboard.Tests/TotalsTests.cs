using Microsoft.Playwright;
using StoreBooks.Dashboard.Tests.Support;
using Xunit;
using static StoreBooks.Dashboard.Tests.Support.DashboardPages;

namespace StoreBooks.Dashboard.Tests;

/// <summary>The Totals page: the store's totals beside QuickBooks' for a period (the last 30 days by default), day by day.</summary>
public sealed class TotalsTests(BrowserFixture browser)
{
    [Fact]
    public async Task After_a_sync_the_store_and_QuickBooks_agree_on_every_day_of_the_last_30_days()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await DashboardHost.StartAsync(emulators: true);
        var shop = await host.AddConnectedShopAsync(settings: ConnectedShop.Posting);
        var result = await host.Server.Jobs.RunAsync(shop.Id, "manual", ct);
        Assert.Null(result.Run!.Error);
        await using var context = await browser.Browser.NewContextAsync(new() { Locale = "en-US", ViewportSize = new() { Width = 1280, Height = 800 } });
        var page = await context.NewPageAsync();
        await SignUpAsync(page, host);
        await page.GotoAsync(host.Url($"/connections/{shop.Id}/sync"));
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Pages of demo-shop" }).GetByRole(AriaRole.Link, new() { Name = "Totals" }).ClickAsync();
        await DashboardPages.WaitForAddressAsync(page, host.Url($"/connections/{shop.Id}/totals"));

        var today = DateOnly.FromDateTime(host.Time.GetUtcNow().UtcDateTime);
        await Assertions.Expect(page.GetByLabel("From")).ToHaveValueAsync(today.AddDays(-29).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(page.GetByLabel("To")).ToHaveValueAsync(today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("the store and QuickBooks agree on every day");
        var days = page.Locator("table.days tbody tr");
        Assert.True(await days.CountAsync() >= 5, "the demo shop's orders of the last 30 days fall on several days");
        foreach (var day in await days.AllAsync())
        {
            await Assertions.Expect(day.Locator("td").Last).ToHaveTextAsync("Agree");
        }

        await Assertions.Expect(page.Locator("table.period-totals tbody tr")).ToHaveCountAsync(5);
        await Assertions.Expect(page.Locator("table.period-totals")).Not.ToContainTextAsync("Differ");
        await AssertAccessibleAsync(page);
        await ScreenshotAsync(page, "totals");

        // A shorter period has fewer days; one that ends before it starts is refused in words.
        var week = today.AddDays(-6).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await page.GetByLabel("From").FillAsync(week);
        await page.GetByRole(AriaRole.Button, new() { Name = "Compare" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("From")).ToHaveValueAsync(week);
        Assert.True(await days.CountAsync() < 5);
        await page.GetByLabel("To").FillAsync(today.AddDays(-10).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Compare" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("The period ends before it starts; choose a first day on or before the last.");
    }
}
