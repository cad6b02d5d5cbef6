using System.Net;
using Microsoft.Playwright;
using StoreBooks.Dashboard.Tests.Support;
using Xunit;
using static StoreBooks.Dashboard.Tests.Support.DashboardPages;

namespace StoreBooks.Dashboard.Tests;

/// <summary>
/// <c>serve --public-url</c> behind a proxy that forwards to the server's inner address (its own Host, plain http): Intuit's
/// redirect URI, the sign-in redirects and the cookies' Secure flag follow the public address.
/// </summary>
public sealed class PublicUrlTests(BrowserFixture browser)
{
    private static readonly Uri Public = new("http://books.example.test/");

    [Fact]
    public async Task Behind_a_proxy_Intuit_returns_to_the_public_address_and_the_callback_connects()
    {
        await using var host = await DashboardHost.StartAsync(options => options with { PublicUrl = Public }, emulators: true);
        var shop = await host.AddConnectionAsync("maple-shop");
        // The browser reaches the public address only through the proxy, which forwards to the server's inner address; the
        // emulator (Intuit) it reaches directly.
        await using var proxy = await ReverseProxy.StartAsync(host.BaseUrl);
        await using var context = await browser.Browser.NewContextAsync(new() { Proxy = new() { Server = proxy.Address.AbsoluteUri, Bypass = "127.0.0.1" } });
        var page = await context.NewPageAsync();
        string? authorize = null;
        page.Request += (_, request) =>
        {
            if (request.Url.StartsWith(host.Emulator!.BaseUrl.AbsoluteUri, StringComparison.Ordinal))
            {
                authorize ??= request.Url;
            }
        };

        // The first visit is redirected to sign in (then sign up) on the public address, not the inner one.
        await SignUpAsync(page, host, at: Public);
        await page.GotoAsync(new Uri(Public, $"connections/{shop.Id}").AbsoluteUri);
        await page.GetByRole(AriaRole.Link, new() { Name = "Connect QuickBooks" }).ClickAsync();
        await DashboardPages.WaitForAddressAsync(page, url => new Uri(url).Query == "?quickbooks=connected");

        Assert.NotNull(authorize);
        var redirectUri = System.Web.HttpUtility.ParseQueryString(new Uri(authorize).Query)["redirect_uri"];
        Assert.Equal(new Uri(Public, "quickbooks/callback").AbsoluteUri, redirectUri);
        Assert.StartsWith(new Uri(Public, $"connections/{shop.Id}").AbsoluteUri, page.Url, StringComparison.Ordinal);
        var connected = await host.State.Connections.GetAsync(shop.Id, CancellationToken.None);
        Assert.Equal(host.Emulator!.Qbo.Companies.DefaultRealmId, connected!.QboRealmId);
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("QuickBooks is connected");
    }

    [Theory]
    [InlineData("https://books.example.test/", true)]
    [InlineData("http://books.example.test/", false)]
    [InlineData(null, false)]
    public async Task Cookies_are_Secure_when_the_public_address_is_https_though_the_proxy_forwards_http(string? publicUrl, bool secure)
    {
        await using var host = await DashboardHost.StartAsync(options => options with { PublicUrl = publicUrl is null ? null : new Uri(publicUrl) });
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false });

        using var signUp = await http.GetAsync(host.Url("/sign-up"), TestContext.Current.CancellationToken);
        using var root = await http.GetAsync(host.Url("/"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, signUp.StatusCode);
        var antiforgery = Assert.Single(signUp.Headers.GetValues("Set-Cookie"), c => c.StartsWith("storebooks.antiforgery=", StringComparison.Ordinal));
        Assert.Equal(secure, antiforgery.Contains("; secure", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(HttpStatusCode.Redirect, root.StatusCode);
        Assert.StartsWith(new Uri(publicUrl is null ? host.BaseUrl : new Uri(publicUrl), "sign-in").AbsoluteUri, root.Headers.Location!.AbsoluteUri, StringComparison.Ordinal);
    }
}
