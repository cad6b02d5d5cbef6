using System.Net;
using Microsoft.Playwright;
using StoreBooks.Dashboard.Tests.Support;
using Xunit;
using static StoreBooks.Dashboard.Tests.Support.DashboardPages;

namespace StoreBooks.Dashboard.Tests;

/// <summary>Sign-up of the first owner, sign-out, sign-in, and the ways a session ends or is refused, in a real browser.</summary>
public sealed class SignInTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_first_owner_signs_up_signs_out_and_signs_in_again()
    {
        await using var host = await DashboardHost.StartAsync();
        await host.AddConnectionAsync("maple-shop");
        await using var context = await browser.Browser.NewContextAsync(new() { Locale = "en-CA" });
        var page = await context.NewPageAsync();

        await page.GotoAsync(host.Url("/sign-up"));
        await AssertAccessibleAsync(page);
        await SignUpAsync(page, host);

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Connections" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "maple-shop" })).ToBeVisibleAsync();
        var workspace = Assert.Single(await host.State.Workspaces.ListAsync(CancellationToken.None));
        Assert.Equal("Maple Leaf Goods", workspace.Name);

        await SignOutAsync(page);
        await page.GotoAsync(host.Url("/connections"));
        Assert.Equal("/sign-in", new Uri(page.Url).AbsolutePath);
        await AssertAccessibleAsync(page);
        await ScreenshotAsync(page, "sign-in");

        // Sign-up is closed once the owner exists.
        await page.GotoAsync(host.Url("/sign-up"));
        Assert.Equal("/sign-in", new Uri(page.Url).AbsolutePath);

        await SignInAsync(page, "OWNER@maple-leaf.example", OwnerPassword);
        await DashboardPages.WaitForAddressAsync(page, host.Url("/connections"));
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "maple-shop" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Sign_up_refuses_a_short_password_and_two_different_ones_with_messages()
    {
        await using var host = await DashboardHost.StartAsync();
        await using var context = await browser.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(host.Url("/sign-up"));
        await page.GetByLabel("Business name").FillAsync("Maple Leaf Goods");
        await page.GetByLabel("Email").FillAsync(OwnerEmail);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("0123456789");
        await page.GetByLabel("Password again").FillAsync("0123456788");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create the account" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The two passwords differ");
        Assert.False(await host.State.Users.AnyAsync(CancellationToken.None));
        await AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_a_message()
    {
        await using var host = await DashboardHost.StartAsync();
        await using var context = await browser.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await SignUpAsync(page, host);
        await SignOutAsync(page);

        await SignInAsync(page, OwnerEmail, "not the password");

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("The email or the password is wrong. Check both and try again.");
        Assert.Equal("/sign-in", new Uri(page.Url).AbsolutePath);
        await AssertAccessibleAsync(page);
        Assert.DoesNotContain(await context.CookiesAsync(), c => c.Name == "storebooks.session");

        // An unknown email reads the same.
        await SignInAsync(page, "nobody@example.com", OwnerPassword);
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("The email or the password is wrong. Check both and try again.");
    }

    [Fact]
    public async Task A_page_without_a_session_redirects_to_sign_in_and_back_after_it()
    {
        await using var host = await DashboardHost.StartAsync();
        var connection = await host.AddConnectionAsync("maple-shop");
        await using (var owner = await browser.Browser.NewContextAsync())
        {
            await SignUpAsync(await owner.NewPageAsync(), host);
        }

        await using var context = await browser.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(host.Url($"/connections/{connection.Id}"));

        Assert.Equal("/sign-in", new Uri(page.Url).AbsolutePath);
        Assert.Contains($"ReturnUrl=%2Fconnections%2F{connection.Id}", page.Url, StringComparison.OrdinalIgnoreCase);
        await SignInAsync(page, OwnerEmail, OwnerPassword);
        await DashboardPages.WaitForAddressAsync(page, host.Url($"/connections/{connection.Id}"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "maple-shop" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task An_expired_session_is_sent_to_sign_in()
    {
        await using var host = await DashboardHost.StartAsync(o => o with { SessionLifetime = TimeSpan.FromHours(2) });
        await using var context = await browser.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await SignUpAsync(page, host);

        host.Time.Advance(TimeSpan.FromMinutes(50));
        await page.GotoAsync(host.Url("/connections"));
        Assert.Equal("/connections", new Uri(page.Url).AbsolutePath);

        host.Time.Advance(TimeSpan.FromHours(2) + TimeSpan.FromMinutes(1));
        await page.GotoAsync(host.Url("/connections"));
        Assert.Equal("/sign-in", new Uri(page.Url).AbsolutePath);
    }

    [Fact]
    public async Task A_forged_session_cookie_or_one_from_before_a_password_reset_is_sent_to_sign_in()
    {
        await using var host = await DashboardHost.StartAsync();
        await using var context = await browser.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await SignUpAsync(page, host);
        var session = (await context.CookiesAsync()).Single(c => c.Name == "storebooks.session");
        Assert.True(session.HttpOnly);
        Assert.Equal(SameSiteAttribute.Lax, session.SameSite);

        // Forged: a cookie the server did not sign.
        await context.AddCookiesAsync([new Microsoft.Playwright.Cookie { Name = "storebooks.session", Value = "CfDJ8forged" + new string('x', 200), Url = host.BaseUrl.AbsoluteUri }]);
        await page.GotoAsync(host.Url("/connections"));
        Assert.Equal("/sign-in", new Uri(page.Url).AbsolutePath);

        // Old: a genuine cookie whose user's password was reset since.
        await context.AddCookiesAsync([new Microsoft.Playwright.Cookie { Name = session.Name, Value = session.Value, Url = host.BaseUrl.AbsoluteUri }]);
        await page.GotoAsync(host.Url("/connections"));
        Assert.Equal("/connections", new Uri(page.Url).AbsolutePath);
        var owner = await host.State.Users.FindByEmailAsync(OwnerEmail, CancellationToken.None);
        await host.State.Users.SetPasswordAsync(owner!.Id, new StoreBooks.Web.Dashboard.Account.PasswordHashing().Hash("a brand new password"), CancellationToken.None);
        await page.GotoAsync(host.Url("/connections"));
        Assert.Equal("/sign-in", new Uri(page.Url).AbsolutePath);
    }

    [Fact]
    public async Task A_form_posted_without_its_antiforgery_token_is_refused()
    {
        await using var host = await DashboardHost.StartAsync();
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = host.BaseUrl };
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["BusinessName"] = "Forged Inc.", ["Email"] = "forger@example.com", ["Password"] = "0123456789ab", ["ConfirmPassword"] = "0123456789ab",
        });

        var ct = TestContext.Current.CancellationToken;
        var signUp = await http.PostAsync("/sign-up", form, ct);
        var signIn = await http.PostAsync("/sign-in", new FormUrlEncodedContent(new Dictionary<string, string> { ["Email"] = "forger@example.com", ["Password"] = "0123456789ab" }), ct);
        var language = await http.PostAsync("/language", new FormUrlEncodedContent(new Dictionary<string, string> { ["culture"] = "fr-CA" }), ct);

        Assert.Equal(HttpStatusCode.BadRequest, signUp.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, signIn.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, language.StatusCode);
        Assert.False(await host.State.Users.AnyAsync(CancellationToken.None));

        // The same form with the token the page gave works (so the refusal above is the token's doing).
        await using var context = await browser.Browser.NewContextAsync();
        await SignUpAsync(await context.NewPageAsync(), host);
        Assert.True(await host.State.Users.AnyAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Sign_in_attempts_beyond_the_limit_are_refused_for_a_while()
    {
        await using var host = await DashboardHost.StartAsync(o => o with { SignInPermits = 3 });
        await using var context = await browser.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await SignUpAsync(page, host); // one post
        await SignOutAsync(page);

        await SignInAsync(page, OwnerEmail, "wrong password 1");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
        await SignInAsync(page, OwnerEmail, "wrong password 2");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
        var refused = await page.RunAndWaitForResponseAsync(() => SignInAsync(page, OwnerEmail, OwnerPassword), r => r.Request.Method == "POST");

        Assert.Equal(429, refused.Status);
        Assert.Contains("Too many sign-in attempts", await refused.TextAsync(), StringComparison.Ordinal);

        // Showing the form is not limited.
        var form = await page.GotoAsync(host.Url("/sign-in"));
        Assert.Equal(200, form!.Status);
    }
}
