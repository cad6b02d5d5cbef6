using System.Net;
using Microsoft.Playwright;
using StoreBooks.Core.State;
using StoreBooks.Dashboard.Tests.Support;
using StoreBooks.Hosting.Scheduling;
using Xunit;
using static StoreBooks.Dashboard.Tests.Support.DashboardPages;

namespace StoreBooks.Dashboard.Tests;

/// <summary>
/// The Sync page: "Sync now" asks for a run the way a webhook does, its progress arrives on the page as it goes (server-sent
/// events), the run lands in the history, and the records needing attention can be retried or dismissed.
/// </summary>
public sealed class SyncPageTests(BrowserFixture browser)
{
    private static readonly LocatorAssertionsToHaveTextOptions Long = new() { Timeout = 60_000 };

    [Fact]
    public async Task Sync_now_shows_the_progress_as_it_arrives_then_the_run_in_the_history()
    {
        var ct = TestContext.Current.CancellationToken;
        var locks = Path.Combine(Path.GetTempPath(), "storebooks-dashboard-locks-" + Guid.NewGuid().ToString("N"));
        await using var host = await DashboardHost.StartAsync(o => o with { LockDirectory = locks }, emulators: true);
        var shop = await host.AddConnectedShopAsync(settings: ConnectedShop.Posting);
        await using var context = await browser.Browser.NewContextAsync(new() { Locale = "en-US", ViewportSize = new() { Width = 1280, Height = 800 } });
        var page = await context.NewPageAsync();
        await SignUpAsync(page, host);
        await page.GotoAsync(host.Url("/sync"));
        await DashboardPages.WaitForAddressAsync(page, host.Url($"/connections/{shop.Id}/sync"));
        await Assertions.Expect(page.GetByText("No sync has run yet.")).ToBeVisibleAsync();

        // Another run holds the QuickBooks company (as storebooks sync in a terminal would): the sync asked for waits its turn.
        var companyLock = await new FileConnectionLock(locks).TryAcquireAsync(SyncJobs.LockKey(shop), ct);
        Assert.NotNull(companyLock);
        await DashboardPages.SyncNowAsync(page, "Sync now");
        await Assertions.Expect(page.GetByText("A sync was asked for. The figures below follow it.")).ToBeVisibleAsync();
        var panel = page.Locator("[data-sync-events]");
        await Assertions.Expect(panel).ToHaveAttributeAsync("data-live-connected", "true");
        await Assertions.Expect(panel.Locator("[data-live=status]")).ToHaveTextAsync("A sync was asked for; it starts as soon as the QuickBooks company is free.");
        await Assertions.Expect(panel.Locator("[data-live=posted]")).ToHaveTextAsync("0");
        await Assertions.Expect(panel.Locator("[data-live=summary]")).ToBeHiddenAsync();

        // The company is free: the run starts, and the page follows it without reloading.
        await companyLock!.DisposeAsync();
        await host.Server.Dispatcher.DispatchDueAsync(ct);
        await Assertions.Expect(panel.Locator("[data-live=summary]")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^(Succeeded|Needs attention) on .*order\\(s\\) read"), Long);
        await Assertions.Expect(panel.Locator("[data-live=posted]")).Not.ToHaveTextAsync("0");
        await Assertions.Expect(panel.Locator("[data-live=read]")).Not.ToHaveTextAsync("0");
        await Assertions.Expect(panel.Locator("[data-live=status]")).ToHaveTextAsync("No sync is running.");
        var run = Assert.Single(await ConnectedShop.WaitForEndedRunsAsync(host, shop, 1));
        Assert.Equal("manual", run.Trigger);
        var posted = run.Counts.GetValueOrDefault("orders.posted");
        Assert.True(posted > 0);
        await Assertions.Expect(panel.Locator("[data-live=posted]")).ToHaveTextAsync(posted.ToString(System.Globalization.CultureInfo.InvariantCulture));

        await page.ReloadAsync();
        var history = page.Locator("table.runs tbody tr");
        await Assertions.Expect(history).ToHaveCountAsync(1);
        await Assertions.Expect(history.First).ToContainTextAsync("Asked for");
        await Assertions.Expect(history.First.Locator("td").Nth(4)).ToHaveTextAsync(posted.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Sections" }).GetByRole(AriaRole.Link, new() { Name = "Sync", Exact = true }))
            .ToHaveAttributeAsync("aria-current", "page");
        await AssertAccessibleAsync(page);
        await ScreenshotAsync(page, "sync");
        TryDelete(locks);
    }

    [Fact]
    public async Task An_order_needing_attention_can_be_dismissed_or_retried()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await DashboardHost.StartAsync(emulators: true);
        var shop = await host.AddConnectedShopAsync(settings: ConnectedShop.ManualItems);
        await using var context = await browser.Browser.NewContextAsync(new() { Locale = "en-US", ViewportSize = new() { Width = 1280, Height = 800 } });
        var page = await context.NewPageAsync();
        await SignUpAsync(page, host);
        await page.GotoAsync(host.Url($"/connections/{shop.Id}/sync"));
        await DashboardPages.SyncNowAsync(page, "Sync now");
        await ConnectedShop.WaitForEndedRunsAsync(host, shop, 1);
        await page.ReloadAsync();

        // Items are made by hand in QuickBooks: each paid order waits for its items, with its issue, its page in Shopify, and the buttons.
        var rows = page.Locator("table.attention tbody tr");
        var before = await rows.CountAsync();
        Assert.True(before >= 2, "the demo shop's paid orders wait for their items");
        var issues = await host.State.Runs.ListOpenIssuesAsync(shop.Id, ct);
        var dismissed = issues[0];
        var retried = issues[1];
        var dismissedRow = rows.Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = dismissed.Reference, Exact = true }) });
        await Assertions.Expect(dismissedRow).ToContainTextAsync(dismissed.Message);
        await Assertions.Expect(dismissedRow.GetByRole(AriaRole.Link, new() { Name = $"{dismissed.Reference} in the store" }))
            .ToHaveAttributeAsync("href", $"https://demo-shop.myshopify.com/admin/orders/{dismissed.SourceId}");
        await AssertAccessibleAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = $"Dismiss {dismissed.Reference}", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "dismissed" })).ToContainTextAsync($"{Capitalized(dismissed.Reference)} dismissed");
        await Assertions.Expect(rows).ToHaveCountAsync(before - 1);
        await Assertions.Expect(rows.GetByRole(AriaRole.Rowheader, new() { Name = dismissed.Reference, Exact = true })).ToHaveCountAsync(0);
        Assert.Equal(LinkState.Dismissed, (await host.State.Links.FindAsync(shop.Id, LinkKind.Sale, dismissed.SourceId, ct))!.State);

        // The merchant lets StoreBooks create items, then retries an order: a run posts it, and it no longer needs attention.
        await host.State.Connections.UpdateAsync(shop with { Settings = ConnectedShop.Posting.ToJson() }, ct);
        host.Time.Advance(TimeSpan.FromMinutes(5));
        await page.GetByRole(AriaRole.Button, new() { Name = $"Retry {retried.Reference}", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "sent again" })).ToContainTextAsync($"{Capitalized(retried.Reference)} will be sent again");
        var runs = await ConnectedShop.WaitForEndedRunsAsync(host, shop, 2);
        Assert.Equal("retry", runs[0].Trigger);
        await page.ReloadAsync();
        // Gone from what needs attention (it may show among the orders posted with changes, when QuickBooks needed one).
        await Assertions.Expect(rows.GetByRole(AriaRole.Rowheader, new() { Name = retried.Reference, Exact = true })).ToHaveCountAsync(0);
        Assert.Equal(LinkState.Done, (await host.State.Links.FindAsync(shop.Id, LinkKind.Sale, retried.SourceId, ct))!.State);
        Assert.Equal(LinkState.Dismissed, (await host.State.Links.FindAsync(shop.Id, LinkKind.Sale, dismissed.SourceId, ct))!.State);
        await Assertions.Expect(page.Locator("table.runs tbody tr").First).ToContainTextAsync("Retry");
    }

    [Fact]
    public async Task The_sync_page_reads_French()
    {
        await using var host = await DashboardHost.StartAsync(emulators: true);
        var shop = await host.AddConnectedShopAsync("boutique-erable", settings: ConnectedShop.Posting);
        await using var context = await browser.Browser.NewContextAsync(new() { Locale = "fr-CA", ViewportSize = new() { Width = 1280, Height = 800 } });
        var page = await context.NewPageAsync();
        await SignUpInFrenchAsync(page, host);
        await page.GotoAsync(host.Url($"/connections/{shop.Id}/sync"));

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Synchronisation · boutique-erable" })).ToBeVisibleAsync();
        await DashboardPages.SyncNowAsync(page, "Synchroniser maintenant");
        var summary = page.Locator("[data-live=summary]");
        await Assertions.Expect(summary).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^(Réussie|À vérifier) le .*commande\\(s\\) lue\\(s\\)"), Long);
        await ConnectedShop.WaitForEndedRunsAsync(host, shop, 1);
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("table.runs tbody tr").First).ToContainTextAsync("Demandée");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Historique des exécutions" })).ToBeVisibleAsync();
        Assert.Equal("fr", await page.GetAttributeAsync("html", "lang"));
        await AssertAccessibleAsync(page);
        await ScreenshotAsync(page, "sync-fr");
    }

    [Fact]
    public async Task Another_workspace_gets_not_found_for_every_page_the_live_view_and_every_action()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await DashboardHost.StartAsync(emulators: true);
        var shop = await host.AddConnectedShopAsync(settings: ConnectedShop.Posting);
        await using (var owner = await browser.Browser.NewContextAsync())
        {
            await SignUpAsync(await owner.NewPageAsync(), host);
        }

        var (other, _) = await host.AddWorkspaceAsync("Other Books Ltd", "owner@other.example", "other owner password");
        var own = await host.AddConnectionAsync("other-shop", workspace: other.Id);
        await using var context = await browser.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(host.Url("/sign-in"));
        await SignInAsync(page, "owner@other.example", "other owner password");
        await DashboardPages.WaitForAddressAsync(page, host.Url("/connections"));

        foreach (var section in new[] { "preview", "sync", "totals" })
        {
            var response = await page.GotoAsync(host.Url($"/connections/{shop.Id}/{section}"));
            Assert.Equal(404, response!.Status);
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Connection not found" })).ToBeVisibleAsync();
            Assert.DoesNotContain("demo-shop", await page.ContentAsync(), StringComparison.Ordinal);
        }

        await AssertAccessibleAsync(page);
        var events = await context.APIRequest.GetAsync(host.Url($"/connections/{shop.Id}/sync/events"));
        Assert.Equal(404, events.Status);

        // The workspace's own connection gives a valid form token; posted to the other workspace's connection, nothing happens.
        await page.GotoAsync(host.Url($"/connections/{own.Id}/sync"));
        var token = await page.Locator("input[name=__RequestVerificationToken]").First.GetAttributeAsync("value");
        foreach (var handler in new[] { "now", "retry", "dismiss" })
        {
            var posted = await context.APIRequest.PostAsync(host.Url($"/connections/{shop.Id}/sync/{handler}"), new()
            {
                Form = context.APIRequest.CreateFormData().Set("__RequestVerificationToken", token!).Set("order", "#1001"),
                MaxRedirects = 0,
            });
            Assert.Equal((int)HttpStatusCode.NotFound, posted.Status);
        }

        Assert.Null(await host.State.Schedule.GetAsync(shop.Id, ct));
        var ownPost = await context.APIRequest.PostAsync(host.Url($"/connections/{own.Id}/sync/now"), new()
        {
            Form = context.APIRequest.CreateFormData().Set("__RequestVerificationToken", token!),
            MaxRedirects = 0,
        });
        Assert.Equal(302, ownPost.Status);
    }

    private static string Capitalized(string text) => char.ToUpperInvariant(text[0]) + text[1..];

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
