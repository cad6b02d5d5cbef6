using System.Net;
using StoreBooks.Dashboard.Tests.Support;
using StoreBooks.Sync.Connections;
using Xunit;

namespace StoreBooks.Dashboard.Tests.Adversarial;

/// <summary>
/// Forms posted by another site (no token, or a token of another session), return addresses pointing away from the dashboard,
/// and the session cookie once the merchant has signed out.
/// </summary>
public sealed class FormAndSessionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_signed_in_form_refuses_a_post_without_a_token_or_with_another_session_s_token_and_nothing_changes()
    {
        await using var host = await DashboardHost.StartAsync(emulators: true);
        var shop = await host.AddConnectedShopAsync(settings: ConnectedShop.ManualItems);
        using var owner = await DashboardClient.SignedUpAsync(host);
        await host.Server.Jobs.RunAsync(shop.Id, "manual", Ct);
        var issues = await host.State.Runs.ListOpenIssuesAsync(shop.Id, Ct);
        await host.AddWorkspaceAsync("Other Books Ltd", "owner@other.example", "other owner password");
        using var other = await DashboardClient.SignedInAsync(host, "owner@other.example", "other owner password");
        var foreignToken = await other.TokenAsync("/connections");
        var settingsBefore = (await host.State.Connections.GetAsync(shop.Id, Ct))!.Settings.ToJsonString();
        var runsBefore = (await host.State.Runs.ListRunsAsync(shop.Id, 50, Ct)).Count;
        var quickBooksBefore = EmulatorData.QuickBooksCounts(host);

        var posts = new (string Path, Dictionary<string, string> Fields)[]
        {
            ($"/connections/{shop.Id}?handler=Disconnect", new()),
            ($"/connections/{shop.Id}/products", new() { ["products.mode"] = "Automatic", ["products.createAs"] = "NonInventory" }),
            ($"/connections/{shop.Id}/products/plan", new()),
            ($"/connections/{shop.Id}/sales", new() { ["sales.document"] = "Invoice", ["sales.statuses"] = "Paid" }),
            ($"/connections/{shop.Id}/sync/now", new()),
            ($"/connections/{shop.Id}/sync/retry", new() { ["order"] = "id:" + issues[0].SourceId }),
            ($"/connections/{shop.Id}/sync/dismiss", new() { ["order"] = "id:" + issues[0].SourceId }),
            ("/connections/add?store=shopify&handler=Shopify", new() { ["Name"] = "forged", ["ShopDomain"] = "demo-shop.myshopify.com", ["AccessToken"] = "demo-token", ["ApiAddress"] = host.Emulator!.BaseUrl.AbsoluteUri }),
            ("/sign-out", new()),
            ("/language", new() { ["culture"] = "fr-CA", ["returnUrl"] = "/connections" }),
        };
        foreach (var token in new[] { null, foreignToken, "CfDJ8" + new string('A', 150) })
        {
            foreach (var (path, fields) in posts)
            {
                using var response = await owner.PostAsync(path, token, fields);
                Assert.True(response.StatusCode == HttpStatusCode.BadRequest,
                    $"POST {path} with {(token is null ? "no token" : token == foreignToken ? "another session's token" : "a made-up token")} answered {(int)response.StatusCode} {response.Headers.Location}");
            }
        }

        await Task.Delay(300, Ct);
        Assert.Equal(settingsBefore, (await host.State.Connections.GetAsync(shop.Id, Ct))!.Settings.ToJsonString());
        Assert.NotNull(await host.State.Credentials.GetAsync(shop.Id, CredentialTokenStore.System, Ct));
        Assert.False((await host.State.Schedule.GetAsync(shop.Id, Ct))?.Requested ?? false, "a sync was asked for");
        Assert.Equal(runsBefore, (await host.State.Runs.ListRunsAsync(shop.Id, 50, Ct)).Count);
        Assert.Equal(issues.Count, (await host.State.Runs.ListOpenIssuesAsync(shop.Id, Ct)).Count);
        Assert.Single(await host.State.Connections.ListAsync(Ct));
        Assert.Equal(EmulatorData.Describe(quickBooksBefore), EmulatorData.Describe(EmulatorData.QuickBooksCounts(host)));
        // Still signed in: the refused sign-out did not end the session.
        using var still = await owner.GetAsync("/connections");
        Assert.Equal(HttpStatusCode.OK, still.StatusCode);
    }

    public static TheoryData<string> Elsewhere =>
    [
        "https://evil.example/phish",
        "//evil.example/phish",
        "/\\evil.example/phish",
        "\\\\evil.example",
        "///evil.example",
        "https:evil.example",
        "javascript:alert(1)",
        " //evil.example",
        "/%2F%2Fevil.example",
        "%2F%2Fevil.example",
        "http://127.0.0.1:1/",
    ];

    [Theory]
    [MemberData(nameof(Elsewhere))]
    public async Task Sign_in_never_sends_the_browser_to_another_site(string returnUrl)
    {
        await using var host = await DashboardHost.StartAsync();
        using (await DashboardClient.SignedUpAsync(host))
        {
        }

        using var client = new DashboardClient(host);
        var path = "/sign-in?ReturnUrl=" + Uri.EscapeDataString(returnUrl);
        using var response = await client.SignInAsync(DashboardPages.OwnerEmail, DashboardPages.OwnerPassword, path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        AssertLocal(response, host);
    }

    [Theory]
    [MemberData(nameof(Elsewhere))]
    public async Task The_language_switch_never_sends_the_browser_to_another_site(string returnUrl)
    {
        await using var host = await DashboardHost.StartAsync();
        using var client = new DashboardClient(host);
        var token = await client.TokenAsync("/sign-up");

        using var response = await client.PostAsync("/language", token, new() { ["culture"] = "fr-CA", ["returnUrl"] = returnUrl });

        Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.SeeOther or HttpStatusCode.BadRequest, $"answered {(int)response.StatusCode}");
        if (response.StatusCode != HttpStatusCode.BadRequest)
        {
            AssertLocal(response, host);
        }
    }

    [Fact]
    public async Task The_language_switch_accepts_only_its_two_languages_and_never_a_server_error()
    {
        await using var host = await DashboardHost.StartAsync();
        using var client = new DashboardClient(host);
        var token = await client.TokenAsync("/sign-up");
        foreach (var culture in new[] { "de-DE", "x", "", "fr-CA\r\nSet-Cookie: a=b", new string('f', 5000), "en-US-u-nu-arab", "ar-SA" })
        {
            using var response = await client.PostAsync("/language", token, new() { ["culture"] = culture, ["returnUrl"] = "/sign-in" });
            Assert.True((int)response.StatusCode < 500, $"culture {culture[..Math.Min(culture.Length, 20)]} answered {(int)response.StatusCode}");
            var cookies = response.Headers.TryGetValues("Set-Cookie", out var set) ? set : [];
            Assert.DoesNotContain(cookies, c => c.StartsWith("a=b", StringComparison.Ordinal));
        }

        // After all that, the sign-in page is in English or French, with Western digits.
        var html = await client.GetTextAsync("/sign-up");
        Assert.Matches("<html lang=\"(en|fr)", html);
    }

    private static void AssertLocal(HttpResponseMessage response, DashboardHost host)
    {
        var location = response.Headers.Location;
        Assert.NotNull(location);
        var target = location.IsAbsoluteUri ? location : new Uri(host.BaseUrl, location);
        Assert.True(target.Host == host.BaseUrl.Host && target.Port == host.BaseUrl.Port && target.Scheme == host.BaseUrl.Scheme,
            $"redirected to {location.OriginalString}, away from the dashboard");
        var raw = location.OriginalString;
        Assert.False(raw.StartsWith("//", StringComparison.Ordinal) || raw.StartsWith("/\\", StringComparison.Ordinal) || raw.Contains("://", StringComparison.Ordinal) || raw.StartsWith("javascript", StringComparison.OrdinalIgnoreCase),
            $"redirected to {raw}, which a browser reads as another site");
    }

    [Fact]
    public async Task The_session_cookie_kept_from_before_sign_out_no_longer_opens_the_dashboard()
    {
        await using var host = await DashboardHost.StartAsync();
        using var owner = await DashboardClient.SignedUpAsync(host);
        var session = owner.Cookies.GetAllCookies().Single(c => c.Name == "storebooks.session");
        var token = await owner.TokenAsync("/connections");

        using var signedOut = await owner.PostAsync("/sign-out", token, new());
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);

        // Someone who copied the cookie before sign-out (a shared computer, a proxy's log) sends it again.
        using var thief = new DashboardClient(host);
        thief.Cookies.Add(new Cookie(session.Name, session.Value, "/", host.BaseUrl.Host));
        using var response = await thief.GetAsync("/connections");
        Assert.True(response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/sign-in", StringComparison.Ordinal),
            $"the old session cookie still opens /connections ({(int)response.StatusCode})");
    }

    [Fact]
    public async Task Sign_in_posts_beyond_the_limit_are_refused_even_with_the_right_password_and_whatever_the_email()
    {
        await using var host = await DashboardHost.StartAsync(o => o with { SignInPermits = 4 });
        using (await DashboardClient.SignedUpAsync(host))
        {
        }

        using var client = new DashboardClient(host);
        var token = await client.TokenAsync("/sign-in");
        var statuses = new List<int>();
        for (var i = 0; i < 12; i++)
        {
            // Each attempt a different email, as a password sprayer would.
            using var response = await client.PostAsync("/sign-in", token, new() { ["Email"] = $"guess{i}@maple-leaf.example", ["Password"] = "Winter2025!" });
            statuses.Add((int)response.StatusCode);
        }

        Assert.Contains(429, statuses);
        using var right = await client.PostAsync("/sign-in", token, new() { ["Email"] = DashboardPages.OwnerEmail, ["Password"] = DashboardPages.OwnerPassword });
        Assert.Equal(429, (int)right.StatusCode);
        Assert.DoesNotContain(client.Cookies.GetAllCookies(), c => c.Name == "storebooks.session");
    }

    [Fact]
    public async Task Very_long_sign_in_and_sign_up_fields_are_refused_with_a_page_not_a_server_error()
    {
        await using var host = await DashboardHost.StartAsync();
        using var client = new DashboardClient(host);
        var token = await client.TokenAsync("/sign-up");
        var huge = new string('a', 200_000) + "@example.com";
        using var signUp = await client.PostAsync("/sign-up", token, new() { ["BusinessName"] = new string('B', 100_000), ["Email"] = huge, ["Password"] = huge, ["ConfirmPassword"] = huge });
        Assert.True((int)signUp.StatusCode is 200 or 400 or 413, $"sign-up answered {(int)signUp.StatusCode}");
        Assert.False(await host.State.Users.AnyAsync(Ct));

        using (await DashboardClient.SignedUpAsync(host))
        {
        }

        using var signIn = await client.SignInAsync(huge, huge);
        Assert.True((int)signIn.StatusCode is 200 or 400 or 413, $"sign-in answered {(int)signIn.StatusCode}");
        Assert.DoesNotContain(client.Cookies.GetAllCookies(), c => c.Name == "storebooks.session");
    }
}
