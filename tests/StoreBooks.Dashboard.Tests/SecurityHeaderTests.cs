using System.Net;
using StoreBooks.Dashboard.Tests.Support;
using Xunit;

namespace StoreBooks.Dashboard.Tests;

/// <summary>The security headers of the dashboard's pages, and the webhook endpoints and /health left outside the dashboard's sign-in.</summary>
public sealed class SecurityHeaderTests(BrowserFixture browser)
{
    [Fact]
    public async Task Pages_carry_a_strict_content_security_policy()
    {
        await using var host = await DashboardHost.StartAsync();
        await using var context = await browser.Browser.NewContextAsync();
        var page = await context.NewPageAsync();

        var response = await page.GotoAsync(host.Url("/sign-up"));
        var headers = await response!.AllHeadersAsync();

        var policy = headers["content-security-policy"];
        Assert.Contains("default-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", headers["x-content-type-options"]);

        // The page keeps to it: no inline script, and its stylesheet comes from this server.
        Assert.Equal(0, await page.Locator("script").CountAsync());
        var css = await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('.card')).borderRadius");
        Assert.Equal("8px", css);
    }

    [Fact]
    public async Task Health_and_webhooks_need_no_session_or_antiforgery_token()
    {
        await using var host = await DashboardHost.StartAsync();
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = host.BaseUrl };

        var ct = TestContext.Current.CancellationToken;
        var health = await http.GetAsync("/health", ct);
        var webhook = await http.PostAsync($"/webhooks/shopify/{Guid.NewGuid()}", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"), ct);
        var quickbooks = await http.PostAsync("/webhooks/quickbooks", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"), ct);

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("ok", await health.Content.ReadAsStringAsync(ct));
        // The webhook endpoints answer for themselves (an unknown connection, an unsigned delivery), never with the sign-in page.
        Assert.Equal(HttpStatusCode.NotFound, webhook.StatusCode);
        Assert.NotEqual(HttpStatusCode.Redirect, quickbooks.StatusCode);
        Assert.NotEqual(HttpStatusCode.BadRequest, quickbooks.StatusCode);
        Assert.Null(webhook.Headers.Location);
        Assert.Null(quickbooks.Headers.Location);
    }
}
