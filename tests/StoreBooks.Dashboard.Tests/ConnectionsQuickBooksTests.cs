using Microsoft.Playwright;
using StoreBooks.Core.State;
using StoreBooks.Dashboard.Tests.Support;
using StoreBooks.Sync.Connections;
using Xunit;
using static StoreBooks.Dashboard.Tests.Support.DashboardPages;

namespace StoreBooks.Dashboard.Tests;

/// <summary>QuickBooks from a connection's page: Intuit's OAuth redirect through the emulator, the state bound to the session, disconnect, reconnect.</summary>
public sealed class ConnectionsQuickBooksTests(BrowserFixture browser)
{
    [Fact]
    public async Task QuickBooks_connects_through_the_redirect_shows_the_company_and_a_replayed_return_is_refused()
    {
        await using var host = await DashboardHost.StartAsync(emulators: true);
        var shop = await host.AddConnectionAsync("maple-shop");
        await using var context = await browser.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await SignUpAsync(page, host);
        string? callback = null;
        page.Request += (_, request) =>
        {
            if (request.Url.Contains("/quickbooks/callback", StringComparison.Ordinal))
            {
                callback = request.Url;
            }
        };

        await page.GotoAsync(host.Url($"/connections/{shop.Id}"));
        await Assertions.Expect(page.Locator("#quickbooks-heading + p")).ToHaveTextAsync("Not connected yet");
        await AssertAccessibleAsync(page);
        // The emulator's consent page approves at once and sends the browser back: nothing to click there.
        await page.GetByRole(AriaRole.Link, new() { Name = "Connect QuickBooks" }).ClickAsync();
        await DashboardPages.WaitForAddressAsync(page, url => new Uri(url).Query == "?quickbooks=connected");

        var connected = await host.State.Connections.GetAsync(shop.Id, CancellationToken.None);
        Assert.Equal(host.Emulator!.Qbo.Companies.DefaultRealmId, connected!.QboRealmId);
        var company = await CompanyNameAsync(host, connected);
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"QuickBooks is connected: {company}.");
        await Assertions.Expect(page.Locator(".company")).ToHaveTextAsync(company);
        Assert.NotNull(await host.State.Credentials.GetAsync(shop.Id, CredentialTokenStore.System, CancellationToken.None));
        Assert.NotNull(callback);
        Assert.Contains("state=", callback, StringComparison.Ordinal);
        await AssertAccessibleAsync(page);

        await page.GotoAsync(host.Url("/connections"));
        await Assertions.Expect(page.Locator("table tbody tr").First).ToContainTextAsync(company);

        var tokens = (await host.State.Credentials.GetAsync(shop.Id, CredentialTokenStore.System, CancellationToken.None))!.Version;
        var replay = await page.GotoAsync(callback!);
        Assert.Equal(400, replay!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("does not match an authorization started in this session");
        Assert.Equal(tokens, (await host.State.Credentials.GetAsync(shop.Id, CredentialTokenStore.System, CancellationToken.None))!.Version);
        await AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task A_tampered_state_is_refused_and_nothing_is_saved()
    {
        await using var host = await DashboardHost.StartAsync(emulators: true);
        var shop = await host.AddConnectionAsync("maple-shop");
        await using var context = await browser.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await SignUpAsync(page, host);

        // Start the authorization (the state cookie is set in this browser), but send Intuit another state.
        var start = await context.APIRequest.GetAsync(host.Url($"/connections/{shop.Id}/quickbooks/connect"), new() { MaxRedirects = 0 });
        Assert.Equal(302, start.Status);
        var authorize = start.Headers["location"];
        Assert.StartsWith(host.Emulator!.BaseUrl.AbsoluteUri, authorize, StringComparison.Ordinal);
        var state = System.Web.HttpUtility.ParseQueryString(new Uri(authorize).Query)["state"]!;
        var forged = authorize.Replace("state=" + Uri.EscapeDataString(state), "state=" + Uri.EscapeDataString((state[0] == 'x' ? "y" : "x") + state[1..]), StringComparison.Ordinal);
        Assert.NotEqual(authorize, forged);

        var response = await page.GotoAsync(forged);
        Assert.Equal(400, response!.Status);
        Assert.StartsWith(host.Url("/quickbooks/callback"), page.Url, StringComparison.Ordinal);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "QuickBooks was not connected" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Nothing was saved");
        Assert.Null((await host.State.Connections.GetAsync(shop.Id, CancellationToken.None))!.QboRealmId);
        Assert.Null(await host.State.Credentials.GetAsync(shop.Id, CredentialTokenStore.System, CancellationToken.None));
        await AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task Disconnect_revokes_the_tokens_at_Intuit_and_forgets_them()
    {
        await using var host = await DashboardHost.StartAsync(emulators: true);
        var shop = await host.AddConnectedShopAsync();
        var refresh = (await new CredentialTokenStore(host.State.Credentials).LoadAsync(shop.Id.ToString(), CancellationToken.None))!.Tokens.RefreshToken;
        var company = await CompanyNameAsync(host, shop);
        await using var context = await browser.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await SignUpAsync(page, host);
        await page.GotoAsync(host.Url($"/connections/{shop.Id}"));
        await Assertions.Expect(page.Locator(".company")).ToHaveTextAsync(company);
        await AssertAccessibleAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Disconnect QuickBooks" }).ClickAsync();

        await DashboardPages.WaitForAddressAsync(page, url => new Uri(url).Query == "?quickbooks=disconnected");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("QuickBooks is disconnected: StoreBooks revoked its access and forgot the tokens.");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Connect QuickBooks" })).ToBeVisibleAsync();
        Assert.Null(await host.State.Credentials.GetAsync(shop.Id, CredentialTokenStore.System, CancellationToken.None));
        Assert.Null(await host.State.Credentials.GetAsync(shop.Id, QuickBooksApp.System, CancellationToken.None));
        Assert.Null((await host.State.Connections.GetAsync(shop.Id, CancellationToken.None))!.QboRealmId);
        Assert.Equal(400, host.Emulator!.Qbo.OAuth.Refresh(QuickBooksApp.Demo.ClientId, refresh).Status);
        await AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task A_revoked_authorization_shows_reconnect_instead_of_a_failed_run_and_reconnect_brings_it_back()
    {
        await using var host = await DashboardHost.StartAsync(emulators: true);
        var shop = await host.AddConnectedShopAsync("maple-shop");
        var healthy = await host.AddConnectedShopAsync("lakeside-shop");
        await host.AddConnectionAsync("wool-store", "woocommerce");
        await host.Server.Jobs.RunAsync(healthy.Id, "manual", CancellationToken.None);
        await host.State.Schedule.FinishedAsync(healthy.Id, host.Time.GetUtcNow(), host.Time.GetUtcNow().AddHours(1), CancellationToken.None);
        var refresh = (await new CredentialTokenStore(host.State.Credentials).LoadAsync(shop.Id.ToString(), CancellationToken.None))!.Tokens.RefreshToken;
        Assert.True(host.Emulator!.Qbo.OAuth.Revoke(QuickBooksApp.Demo.ClientId, refresh));
        await host.Server.Jobs.RunAsync(shop.Id, "manual", CancellationToken.None);
        var failed = (await host.State.Runs.ListRunsAsync(shop.Id, 1, CancellationToken.None))[0];
        Assert.Equal(RunOutcome.Failed, failed.Outcome);

        await using var context = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 700 } });
        var page = await context.NewPageAsync();
        await SignUpAsync(page, host);
        var row = page.Locator("table tbody tr").Filter(new() { HasText = "maple-shop" });
        await Assertions.Expect(row).ToContainTextAsync("QuickBooks needs you to reconnect");
        Assert.DoesNotContain("stopped", await row.InnerTextAsync(), StringComparison.Ordinal);
        await Assertions.Expect(row.GetByRole(AriaRole.Link, new() { Name = "Reconnect QuickBooks for maple-shop" })).ToBeVisibleAsync();
        var other = page.Locator("table tbody tr").Filter(new() { HasText = "lakeside-shop" });
        await Assertions.Expect(other).ToContainTextAsync(await CompanyNameAsync(host, healthy));
        await Assertions.Expect(other).ToContainTextAsync("needs attention");
        await Assertions.Expect(page.Locator("table tbody tr").Filter(new() { HasText = "wool-store" })).ToContainTextAsync("Not run yet");
        await AssertAccessibleAsync(page);
        await ScreenshotAsync(page, "connections");

        await page.GetByRole(AriaRole.Link, new() { Name = "maple-shop", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("QuickBooks needs you to reconnect");
        Assert.DoesNotContain("Why the last run stopped", await page.ContentAsync(), StringComparison.Ordinal);
        await AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Reconnect", Exact = true }).ClickAsync();
        await DashboardPages.WaitForAddressAsync(page, url => new Uri(url).Query == "?quickbooks=connected");
        await Assertions.Expect(page.Locator(".company")).ToHaveTextAsync(await CompanyNameAsync(host, shop));
    }

    [Fact]
    public async Task Another_workspace_cannot_reach_nor_post_to_the_QuickBooks_pages_of_a_connection()
    {
        await using var host = await DashboardHost.StartAsync(emulators: true);
        var shop = await host.AddConnectedShopAsync();
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

        var connect = await page.GotoAsync(host.Url($"/connections/{shop.Id}/quickbooks/connect"));
        Assert.Equal(404, connect!.Status);
        Assert.StartsWith(host.Url($"/connections/{shop.Id}"), page.Url, StringComparison.Ordinal);
        await AssertAccessibleAsync(page);

        // A valid antiforgery token of this user's own session, posted to the other workspace's connection.
        await page.GotoAsync(host.Url("/connections/add"));
        var token = await page.Locator("input[name=__RequestVerificationToken]").First.GetAttributeAsync("value");
        var disconnect = await context.APIRequest.PostAsync(host.Url($"/connections/{shop.Id}?handler=Disconnect"), new()
        {
            Form = context.APIRequest.CreateFormData().Set("__RequestVerificationToken", token!),
            MaxRedirects = 0,
        });
        Assert.Equal(404, disconnect.Status);
        Assert.NotNull(await host.State.Credentials.GetAsync(shop.Id, CredentialTokenStore.System, CancellationToken.None));
        Assert.NotNull((await host.State.Connections.GetAsync(shop.Id, CancellationToken.None))!.QboRealmId);

        var details = await page.GotoAsync(host.Url($"/connections/{shop.Id}"));
        Assert.Equal(404, details!.Status);
        Assert.DoesNotContain("demo-shop", await page.ContentAsync(), StringComparison.Ordinal);
    }

    private static async Task<string> CompanyNameAsync(DashboardHost host, StoreBooks.Core.Connections.Connection connection)
    {
        await using var connections = new QuickBooksConnections(host.State);
        using var qbo = await connections.ClientForAsync(connection, CancellationToken.None);
        return (await qbo.GetCompanyInfoAsync(CancellationToken.None)).CompanyName!;
    }
}
