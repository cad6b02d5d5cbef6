using System.Net;
using StoreBooks.Emulators.Qbo.OAuth;
using StoreBooks.QuickBooks.OAuth;
using StoreBooks.QuickBooks.Tests.Support;
using StoreBooks.Testing;
using Xunit;

namespace StoreBooks.QuickBooks.Tests.OAuth;

/// <summary>What <c>storebooks connect quickbooks --url …</c> does, against the emulator's Intuit OAuth over loopback.</summary>
public sealed class ConnectFlowTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Discovery_from_a_base_url_finds_the_emulators_endpoints()
    {
        using var http = new HttpClient();
        var endpoints = await QboDiscovery.DiscoverAsync(http, QboEnvironment.Parse(emulator.BaseUrl.AbsoluteUri.TrimEnd('/')), Ct);

        Assert.Equal(emulator.BaseUrl.Port, endpoints.TokenEndpoint.Port);
        Assert.Equal("/oauth2/v1/tokens/bearer", endpoints.TokenEndpoint.AbsolutePath);
        Assert.Equal("/connect/oauth2", endpoints.AuthorizationEndpoint.AbsolutePath);
        Assert.Equal("/v2/oauth2/tokens/revoke", endpoints.RevocationEndpoint.AbsolutePath);
    }

    [Fact]
    public async Task Discovery_of_a_server_that_is_not_qbo_says_so()
    {
        using var http = new HttpClient();
        var error = await Assert.ThrowsAsync<QboOAuthException>(() => QboDiscovery.DiscoverAsync(http, QboEnvironment.At(new Uri(emulator.BaseUrl, "nothing-here/")), Ct));

        Assert.Contains("HTTP 404", error.Message, StringComparison.Ordinal);
        Assert.Contains("nothing-here/.well-known/openid_configuration", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connects_through_the_browser_redirect_and_saves_working_tokens()
    {
        using var http = new HttpClient();
        using var flow = await QboConnectFlow.StartAsync(http, QboEnvironment.At(emulator.BaseUrl), QboTestConnection.DemoApp, cancellationToken: Ct);
        var query = System.Web.HttpUtility.ParseQueryString(flow.AuthorizeUrl.Query);
        Assert.Equal("com.intuit.quickbooks.accounting", query["scope"]);
        Assert.Equal("code", query["response_type"]);
        Assert.Equal(flow.RedirectUri.AbsoluteUri, query["redirect_uri"]);
        Assert.True(query["state"]!.Length >= 40);

        var store = new InMemoryQboTokenStore();
        var completion = flow.CompleteAsync(store, "shop-1", Ct);
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = true });
        using var page = await browser.GetAsync(flow.AuthorizeUrl, Ct);
        var connection = await completion;

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("QuickBooks connected", await page.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(emulator.RealmId, connection.RealmId);
        var stored = await store.LoadAsync("shop-1", Ct);
        Assert.NotNull(stored);
        Assert.Equal(1, stored!.Version);
        Assert.Equal(connection.Tokens.AccessToken, stored.Tokens.AccessToken);
        Assert.Equal(TokenCheckOutcome.Valid, emulator.Server.Qbo.OAuth.CheckAccessToken(stored.Tokens.AccessToken, emulator.RealmId).Outcome);
    }

    [Fact]
    public async Task A_redirect_with_a_foreign_state_is_refused()
    {
        using var http = new HttpClient();
        using var flow = await QboConnectFlow.StartAsync(http, QboEnvironment.At(emulator.BaseUrl), QboTestConnection.DemoApp, cancellationToken: Ct);
        var completion = flow.CompleteAsync(null, null, Ct);

        using var forged = await http.GetAsync(new Uri($"{flow.RedirectUri}?code=abc&state=not-ours&realmId={emulator.RealmId}"), Ct);
        var error = await Assert.ThrowsAsync<QboOAuthException>(() => completion);

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal("state_mismatch", error.Error);
        Assert.Contains("does not match", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_declined_authorization_is_reported()
    {
        using var http = new HttpClient();
        using var flow = await QboConnectFlow.StartAsync(http, QboEnvironment.At(emulator.BaseUrl), QboTestConnection.DemoApp, cancellationToken: Ct);
        var completion = flow.CompleteAsync(null, null, Ct);

        using var declined = await http.GetAsync(new Uri($"{flow.RedirectUri}?error=access_denied&state=whatever"), Ct);
        var error = await Assert.ThrowsAsync<QboOAuthException>(() => completion);

        Assert.Equal("access_denied", error.Error);
        Assert.Contains("not granted", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refresh_rotates_the_refresh_token_and_the_old_one_stops_working()
    {
        await using var connection = await QboTestConnection.CreateAsync(emulator);
        var first = (await connection.Store.LoadAsync(connection.ConnectionKey, Ct))!.Tokens;

        var second = await connection.OAuth.RefreshAsync(first.RefreshToken, connection.RealmId, Ct);
        var reuse = await Assert.ThrowsAsync<QboOAuthException>(() => connection.OAuth.RefreshAsync(first.RefreshToken, connection.RealmId, Ct));

        Assert.NotEqual(first.RefreshToken, second.RefreshToken);
        Assert.NotEqual(first.AccessToken, second.AccessToken);
        Assert.True(reuse.IsInvalidGrant);
        Assert.Equal(400, reuse.HttpStatus);
        Assert.DoesNotContain(first.RefreshToken, reuse.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_app_credentials_are_reported_as_invalid_client()
    {
        await using var connection = await QboTestConnection.CreateAsync(emulator);
        var stored = (await connection.Store.LoadAsync(connection.ConnectionKey, Ct))!.Tokens;
        var wrong = new QboOAuthClient(connection.Http, connection.OAuth.Endpoints, new QboAppCredentials("demo-client", "not-the-secret"));

        var error = await Assert.ThrowsAsync<QboOAuthException>(() => wrong.RefreshAsync(stored.RefreshToken, connection.RealmId, Ct));

        Assert.Equal("invalid_client", error.Error);
        Assert.Contains("client id or secret", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_revoke_the_keeper_asks_for_a_reconnect()
    {
        await using var connection = await QboTestConnection.CreateAsync(emulator);
        var stored = (await connection.Store.LoadAsync(connection.ConnectionKey, Ct))!.Tokens;

        await connection.OAuth.RevokeAsync(stored.RefreshToken, Ct);
        var error = await Assert.ThrowsAsync<QboReconnectRequiredException>(async () => await new QboTokenKeeper(connection.ConnectionKey, connection.Store, connection.OAuth) { StoreSettleTime = TimeSpan.FromMilliseconds(50) }.GetTokenAfterRejectionAsync(stored.AccessToken, Ct));

        Assert.Equal(TokenCheckOutcome.Revoked, emulator.Server.Qbo.OAuth.CheckAccessToken(stored.AccessToken, connection.RealmId).Outcome);
        Assert.Contains("storebooks connect quickbooks", error.Message, StringComparison.Ordinal);
        Assert.Contains(connection.ConnectionKey, error.Message, StringComparison.Ordinal);
    }
}
