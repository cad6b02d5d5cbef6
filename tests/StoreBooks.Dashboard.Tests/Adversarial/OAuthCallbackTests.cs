using System.Net;
using System.Web;
using StoreBooks.Dashboard.Tests.Support;
using StoreBooks.Sync.Connections;
using Xunit;

namespace StoreBooks.Dashboard.Tests.Adversarial;

/// <summary>
/// Intuit's return to the dashboard, forged or gone wrong: no state, a state of another session, the merchant's refusal at
/// Intuit, a return without a session. Each is refused in words and saves nothing.
/// </summary>
public sealed class OAuthCallbackTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_return_without_a_state_or_without_a_code_saves_nothing()
    {
        await using var host = await DashboardHost.StartAsync(emulators: true);
        var shop = await host.AddConnectionAsync("maple-shop");
        using var client = await DashboardClient.SignedUpAsync(host);
        var (_, state, code, realm) = await AuthorizeAsync(client, host, shop.Id);

        foreach (var query in new[]
        {
            $"?code={code}&realmId={realm}",
            $"?code={code}&realmId={realm}&state=",
            $"?state={Uri.EscapeDataString(state)}&realmId={realm}",
            $"?code={code}&state={Uri.EscapeDataString(state)}&realmId=",
            "",
        })
        {
            using var response = await client.GetAsync("/quickbooks/callback" + query);
            Assert.True((int)response.StatusCode is >= 400 and < 500, $"callback{query} answered {(int)response.StatusCode} {response.Headers.Location}");
        }

        await AssertNothingSavedAsync(host, shop.Id);
    }

    [Fact]
    public async Task The_merchant_refusing_at_Intuit_is_told_so_and_nothing_is_saved()
    {
        await using var host = await DashboardHost.StartAsync(emulators: true);
        var shop = await host.AddConnectionAsync("maple-shop");
        using var client = await DashboardClient.SignedUpAsync(host);
        var (_, state, _, _) = await AuthorizeAsync(client, host, shop.Id);

        using var response = await client.GetAsync($"/quickbooks/callback?error=access_denied&state={Uri.EscapeDataString(state)}");

        Assert.True((int)response.StatusCode is >= 200 and < 500, $"answered {(int)response.StatusCode}");
        var html = await response.Content.ReadAsStringAsync(Ct);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            Assert.Contains("role=\"alert\"", html, StringComparison.Ordinal);
        }

        await AssertNothingSavedAsync(host, shop.Id);
    }

    [Fact]
    public async Task A_return_carrying_another_session_s_state_and_code_is_refused()
    {
        await using var host = await DashboardHost.StartAsync(emulators: true);
        var shop = await host.AddConnectionAsync("maple-shop");
        using var owner = await DashboardClient.SignedUpAsync(host);
        var (_, state, code, realm) = await AuthorizeAsync(owner, host, shop.Id);
        var (other, _) = await host.AddWorkspaceAsync("Other Books Ltd", "owner@other.example", "other owner password");
        var own = await host.AddConnectionAsync("other-shop", workspace: other.Id);
        using var intruder = await DashboardClient.SignedInAsync(host, "owner@other.example", "other owner password");
        // The intruder starts an authorization of their own (so their browser holds a state cookie), then uses the owner's return.
        await AuthorizeAsync(intruder, host, own.Id);

        using var response = await intruder.GetAsync($"/quickbooks/callback?code={code}&state={Uri.EscapeDataString(state)}&realmId={realm}");

        Assert.True((int)response.StatusCode is >= 400 and < 500, $"answered {(int)response.StatusCode} {response.Headers.Location}");
        await AssertNothingSavedAsync(host, shop.Id);
        await AssertNothingSavedAsync(host, own.Id);

        // A session-less return (the cookie left behind) is sent to sign in and saves nothing either.
        using var anonymous = new DashboardClient(host);
        using var bare = await anonymous.GetAsync($"/quickbooks/callback?code={code}&state={Uri.EscapeDataString(state)}&realmId={realm}");
        Assert.True(bare.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized, $"answered {(int)bare.StatusCode}");
        await AssertNothingSavedAsync(host, shop.Id);

        // The owner's own return still works afterwards: the refusals above did not spend it... or, if they did, it is refused in words.
        using var mine = await owner.GetAsync($"/quickbooks/callback?code={code}&state={Uri.EscapeDataString(state)}&realmId={realm}");
        Assert.True((int)mine.StatusCode < 500, $"the owner's return answered {(int)mine.StatusCode}");
    }

    [Fact]
    public async Task Starting_QuickBooks_for_a_connection_of_another_workspace_or_an_unknown_one_redirects_nowhere()
    {
        await using var host = await DashboardHost.StartAsync(emulators: true);
        var shop = await host.AddConnectionAsync("maple-shop");
        using (await DashboardClient.SignedUpAsync(host))
        {
        }

        await host.AddWorkspaceAsync("Other Books Ltd", "owner@other.example", "other owner password");
        using var intruder = await DashboardClient.SignedInAsync(host, "owner@other.example", "other owner password");
        foreach (var id in new[] { shop.Id, Guid.NewGuid() })
        {
            using var response = await intruder.GetAsync($"/connections/{id}/quickbooks/connect");
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Null(response.Headers.Location);
        }
    }

    /// <summary>Starts the authorization on the dashboard and approves it at the emulator's Intuit: the return's parts.</summary>
    private static async Task<(string Authorize, string State, string Code, string Realm)> AuthorizeAsync(DashboardClient client, DashboardHost host, Guid connection)
    {
        using var start = await client.GetAsync($"/connections/{connection}/quickbooks/connect");
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        var authorize = start.Headers.Location!.AbsoluteUri;
        using var intuit = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var consent = await intuit.GetAsync(authorize, Ct);
        var back = consent.Headers.Location ?? throw new InvalidOperationException($"The emulator's consent answered {(int)consent.StatusCode} without a redirect.");
        Assert.StartsWith(host.Url("/quickbooks/callback"), back.AbsoluteUri, StringComparison.Ordinal);
        var query = HttpUtility.ParseQueryString(back.Query);
        return (authorize, query["state"]!, query["code"]!, query["realmId"]!);
    }

    private static async Task AssertNothingSavedAsync(DashboardHost host, Guid connection)
    {
        Assert.Null((await host.State.Connections.GetAsync(connection, Ct))!.QboRealmId);
        Assert.Null(await host.State.Credentials.GetAsync(connection, CredentialTokenStore.System, Ct));
    }
}
