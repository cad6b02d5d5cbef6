using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using StoreBooks.Emulators.Qbo;
using Xunit;

namespace StoreBooks.Emulators.Tests.Qbo.OAuth;

public sealed class OAuthFlowTests
{
    private const string Redirect = "https://merchant.example/callback";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Code_flow_redirects_with_code_state_and_realm_then_issues_tokens_in_intuits_shape()
    {
        await using var emulator = await PlatformEmulator.StartAsync();
        var redirect = await emulator.AuthorizeAsync(Redirect, "xyz-123", cancellationToken: Ct);

        Assert.Equal("xyz-123", redirect["state"]);
        Assert.Equal(emulator.RealmId, redirect["realmId"]);
        var (status, body) = await emulator.TokenAsync(new() { ["grant_type"] = "authorization_code", ["code"] = redirect["code"], ["redirect_uri"] = Redirect }, cancellationToken: Ct);

        Assert.Equal(200, status);
        Assert.Equal("bearer", body["token_type"]!.GetValue<string>());
        Assert.Equal(3600, body["expires_in"]!.GetValue<long>());
        Assert.Equal(8_726_400, body["x_refresh_token_expires_in"]!.GetValue<long>());
        Assert.False(string.IsNullOrEmpty(body["refresh_token"]!.GetValue<string>()));
        using var call = await emulator.CallAsync(body["access_token"]!.GetValue<string>(), cancellationToken: Ct);
        Assert.NotEqual(HttpStatusCode.Unauthorized, call.StatusCode);
        Assert.Equal(1, emulator.Qbo.Traffic.GetCounters(emulator.RealmId).Served);
    }

    [Fact]
    public async Task Authorize_connects_the_realm_named_by_the_emulator_only_realmId_parameter()
    {
        await using var emulator = await PlatformEmulator.StartAsync(new QboEmulatorOptions { Realms = [QboCompanySettings.DefaultUs, QboCompanySettings.DefaultCanada] });
        var canada = QboCompanySettings.DefaultCanada.RealmId;
        var redirect = await emulator.AuthorizeAsync(Redirect, "s", canada, Ct);
        var (_, body) = await emulator.TokenAsync(new() { ["grant_type"] = "authorization_code", ["code"] = redirect["code"], ["redirect_uri"] = Redirect }, cancellationToken: Ct);
        var token = body["access_token"]!.GetValue<string>();

        Assert.Equal(canada, redirect["realmId"]);
        using var own = await emulator.CallAsync(token, canada, Ct);
        using var other = await emulator.CallAsync(token, QboCompanySettings.DefaultUs.RealmId, Ct);
        Assert.NotEqual(HttpStatusCode.Unauthorized, own.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.Equal("3100", JsonNode.Parse(await other.Content.ReadAsStringAsync(Ct))!["Fault"]!["Error"]![0]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_code_is_good_once()
    {
        await using var emulator = await PlatformEmulator.StartAsync();
        var code = (await emulator.AuthorizeAsync(Redirect, "s", cancellationToken: Ct))["code"];
        var form = new Dictionary<string, string> { ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = Redirect };

        var first = await emulator.TokenAsync(form, cancellationToken: Ct);
        var second = await emulator.TokenAsync(form, cancellationToken: Ct);

        Assert.Equal(200, first.Status);
        Assert.Equal(400, second.Status);
        Assert.Equal("invalid_grant", second.Body["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_code_needs_the_redirect_uri_it_was_issued_for_and_expires()
    {
        await using var emulator = await PlatformEmulator.StartAsync();
        var code = (await emulator.AuthorizeAsync(Redirect, "s", cancellationToken: Ct))["code"];
        var wrongRedirect = await emulator.TokenAsync(new() { ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = "https://evil.example/cb" }, cancellationToken: Ct);
        var late = (await emulator.AuthorizeAsync(Redirect, "s", cancellationToken: Ct))["code"];
        emulator.Clock!.Advance(TimeSpan.FromMinutes(6));
        var expired = await emulator.TokenAsync(new() { ["grant_type"] = "authorization_code", ["code"] = late, ["redirect_uri"] = Redirect }, cancellationToken: Ct);

        Assert.Equal("invalid_grant", wrongRedirect.Body["error"]!.GetValue<string>());
        Assert.Contains("redirect_uri", wrongRedirect.Body["error_description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("invalid_grant", expired.Body["error"]!.GetValue<string>());
        Assert.Contains("expired", expired.Body["error_description"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_client_credentials_get_invalid_client_with_either_auth_method()
    {
        await using var emulator = await PlatformEmulator.StartAsync();
        var code = (await emulator.AuthorizeAsync(Redirect, "s", cancellationToken: Ct))["code"];
        var form = new Dictionary<string, string> { ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = Redirect };

        var wrongSecret = await emulator.TokenAsync(form, "demo-client", "not-the-secret", Ct);
        var none = await emulator.TokenAsync(form, clientId: null, cancellationToken: Ct);
        var wrongPost = await emulator.TokenAsync(new(form) { ["client_id"] = "demo-client", ["client_secret"] = "nope" }, clientId: null, cancellationToken: Ct);
        var rightPost = await emulator.TokenAsync(new(form) { ["client_id"] = "demo-client", ["client_secret"] = "demo-secret" }, clientId: null, cancellationToken: Ct);

        Assert.Equal((401, "invalid_client"), (wrongSecret.Status, wrongSecret.Body["error"]!.GetValue<string>()));
        Assert.Equal((401, "invalid_client"), (none.Status, none.Body["error"]!.GetValue<string>()));
        Assert.Equal((401, "invalid_client"), (wrongPost.Status, wrongPost.Body["error"]!.GetValue<string>()));
        Assert.Equal(200, rightPost.Status);
    }

    [Fact]
    public async Task Refresh_rotates_and_the_old_refresh_token_gets_invalid_grant()
    {
        await using var emulator = await PlatformEmulator.StartAsync();
        var first = emulator.Qbo.OAuth.IssueTokens(emulator.RealmId);

        var refreshed = await emulator.TokenAsync(new() { ["grant_type"] = "refresh_token", ["refresh_token"] = first.RefreshToken }, cancellationToken: Ct);
        var reused = await emulator.TokenAsync(new() { ["grant_type"] = "refresh_token", ["refresh_token"] = first.RefreshToken }, cancellationToken: Ct);
        var newest = refreshed.Body["refresh_token"]!.GetValue<string>();
        var again = await emulator.TokenAsync(new() { ["grant_type"] = "refresh_token", ["refresh_token"] = newest }, cancellationToken: Ct);

        Assert.Equal(200, refreshed.Status);
        Assert.NotEqual(first.RefreshToken, newest);
        Assert.NotEqual(first.AccessToken, refreshed.Body["access_token"]!.GetValue<string>());
        Assert.Equal(400, reused.Status);
        Assert.Equal("invalid_grant", reused.Body["error"]!.GetValue<string>());
        Assert.Contains("latest refresh_token", reused.Body["error_description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(200, again.Status);
    }

    [Fact]
    public async Task The_hard_expiry_is_reported_only_when_asked_and_counts_from_the_connection()
    {
        await using var emulator = await PlatformEmulator.StartAsync();
        var first = emulator.Qbo.OAuth.IssueTokens(emulator.RealmId);
        emulator.Clock!.Advance(TimeSpan.FromDays(10));

        var asked = await emulator.TokenAsync(new() { ["grant_type"] = "refresh_token", ["refresh_token"] = first.RefreshToken }, cancellationToken: Ct, askHardExpiry: true);
        var plain = await emulator.TokenAsync(new() { ["grant_type"] = "refresh_token", ["refresh_token"] = asked.Body["refresh_token"]!.GetValue<string>() }, cancellationToken: Ct);

        Assert.Equal((long)TimeSpan.FromDays(5 * 365 - 10).TotalSeconds, asked.Body["x_refresh_token_hard_expires_in"]!.GetValue<long>());
        Assert.Equal(8_726_400, asked.Body["x_refresh_token_expires_in"]!.GetValue<long>());
        Assert.False(plain.Body.ContainsKey("x_refresh_token_hard_expires_in"));
    }

    [Fact]
    public async Task Inside_a_configured_grace_a_replaced_refresh_token_gets_the_newest_pair_back()
    {
        await using var emulator = await PlatformEmulator.StartAsync(new QboEmulatorOptions { RefreshTokenReuseGrace = TimeSpan.FromSeconds(30) });
        var first = emulator.Qbo.OAuth.IssueTokens(emulator.RealmId);

        var refreshed = await emulator.TokenAsync(new() { ["grant_type"] = "refresh_token", ["refresh_token"] = first.RefreshToken }, cancellationToken: Ct);
        var retried = await emulator.TokenAsync(new() { ["grant_type"] = "refresh_token", ["refresh_token"] = first.RefreshToken }, cancellationToken: Ct);
        emulator.Clock!.Advance(TimeSpan.FromSeconds(31));
        var late = await emulator.TokenAsync(new() { ["grant_type"] = "refresh_token", ["refresh_token"] = first.RefreshToken }, cancellationToken: Ct);

        Assert.Equal(200, retried.Status);
        Assert.Equal(refreshed.Body["refresh_token"]!.GetValue<string>(), retried.Body["refresh_token"]!.GetValue<string>());
        Assert.Equal(refreshed.Body["access_token"]!.GetValue<string>(), retried.Body["access_token"]!.GetValue<string>());
        Assert.Equal("invalid_grant", late.Body["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Revoke_ends_the_pair_access_token_and_refresh_token()
    {
        await using var emulator = await PlatformEmulator.StartAsync();
        var tokens = emulator.Qbo.OAuth.IssueTokens(emulator.RealmId);
        using var before = await emulator.CallAsync(tokens.AccessToken, cancellationToken: Ct);

        using var revoke = new HttpRequestMessage(HttpMethod.Post, "v2/oauth2/tokens/revoke") { Content = JsonContent.Create(new { token = tokens.RefreshToken }) };
        revoke.Headers.Authorization = new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("demo-client:demo-secret")));
        using var revoked = await emulator.Http.SendAsync(revoke, Ct);
        using var after = await emulator.CallAsync(tokens.AccessToken, cancellationToken: Ct);
        var refresh = await emulator.TokenAsync(new() { ["grant_type"] = "refresh_token", ["refresh_token"] = tokens.RefreshToken }, cancellationToken: Ct);

        Assert.NotEqual(HttpStatusCode.Unauthorized, before.StatusCode);
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.StartsWith("Token revoked", JsonNode.Parse(await after.Content.ReadAsStringAsync(Ct))!["fault"]!["error"]![0]!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("invalid_grant", refresh.Body["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Revoke_with_bad_client_credentials_is_refused_and_revokes_nothing()
    {
        await using var emulator = await PlatformEmulator.StartAsync();
        var tokens = emulator.Qbo.OAuth.IssueTokens(emulator.RealmId);

        using var revoke = new HttpRequestMessage(HttpMethod.Post, "v2/oauth2/tokens/revoke") { Content = JsonContent.Create(new { token = tokens.AccessToken }) };
        revoke.Headers.Authorization = new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("demo-client:wrong")));
        using var refused = await emulator.Http.SendAsync(revoke, Ct);
        using var call = await emulator.CallAsync(tokens.AccessToken, cancellationToken: Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.NotEqual(HttpStatusCode.Unauthorized, call.StatusCode);
    }

    [Fact]
    public async Task Userinfo_answers_for_a_valid_token_only()
    {
        await using var emulator = await PlatformEmulator.StartAsync();
        var tokens = emulator.Qbo.OAuth.IssueTokens(emulator.RealmId);

        using var ok = await emulator.Http.SendAsync(PlatformEmulator.V3(HttpMethod.Get, "v1/openid_connect/userinfo", tokens.AccessToken), Ct);
        using var bad = await emulator.Http.SendAsync(PlatformEmulator.V3(HttpMethod.Get, "v1/openid_connect/userinfo", "nope"), Ct);

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.False(string.IsNullOrEmpty(JsonNode.Parse(await ok.Content.ReadAsStringAsync(Ct))!["sub"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.Unauthorized, bad.StatusCode);
    }

    [Fact]
    public async Task Authorize_refuses_an_unknown_client_and_reports_a_missing_scope_to_the_redirect()
    {
        await using var emulator = await PlatformEmulator.StartAsync();
        using var unknown = await emulator.Http.GetAsync(new Uri($"connect/oauth2?client_id=other&response_type=code&scope=com.intuit.quickbooks.accounting&redirect_uri={Uri.EscapeDataString(Redirect)}&state=s", UriKind.Relative), Ct);
        using var noScope = await emulator.Http.GetAsync(new Uri($"connect/oauth2?client_id=demo-client&response_type=code&redirect_uri={Uri.EscapeDataString(Redirect)}&state=s", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("demo-client", await unknown.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Found, noScope.StatusCode);
        Assert.Contains("error=invalid_scope", noScope.Headers.Location!.Query, StringComparison.Ordinal);
        Assert.Contains("state=s", noScope.Headers.Location!.Query, StringComparison.Ordinal);
    }
}
