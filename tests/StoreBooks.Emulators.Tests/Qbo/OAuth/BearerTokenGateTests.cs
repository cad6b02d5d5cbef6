using System.Net;
using System.Text.Json.Nodes;
using StoreBooks.Emulators.Qbo;
using StoreBooks.Testing;
using Xunit;

namespace StoreBooks.Emulators.Tests.Qbo.OAuth;

public sealed class BearerTokenGateTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_access_token_expires_after_its_lifetime_with_the_recorded_401_envelope()
    {
        await using var emulator = await PlatformEmulator.StartAsync(new QboEmulatorOptions { AccessTokenLifetime = TimeSpan.FromSeconds(60) });
        var tokens = emulator.Qbo.OAuth.IssueTokens(emulator.RealmId);
        using var fresh = await emulator.CallAsync(tokens.AccessToken, cancellationToken: Ct);
        emulator.Clock!.Advance(TimeSpan.FromSeconds(60));
        using var expired = await emulator.CallAsync(tokens.AccessToken, cancellationToken: Ct);

        Assert.NotEqual(HttpStatusCode.Unauthorized, fresh.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        Assert.Equal("Bearer realm=\"Intuit\", error=\"invalid_token\"", expired.Headers.WwwAuthenticate.ToString());
        var body = JsonNode.Parse(await expired.Content.ReadAsStringAsync(Ct))!.AsObject();
        var error = body["fault"]!["error"]![0]!;
        Assert.Equal("3200", error["code"]!.GetValue<string>());
        Assert.StartsWith("Token expired: ", error["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("AUTHENTICATION", body["fault"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_401_body_has_the_recorded_fault_shape_key_for_key()
    {
        var recorded = JsonNode.Parse(await File.ReadAllTextAsync(SharedFixtures.Path("qbo/faults/fault-3200-401-token-expired.recorded.json"), Ct))!["response"]!;
        await using var emulator = await PlatformEmulator.StartAsync(new QboEmulatorOptions { AccessTokenLifetime = TimeSpan.FromSeconds(5) });
        var tokens = emulator.Qbo.OAuth.IssueTokens(emulator.RealmId);
        emulator.Clock!.Advance(TimeSpan.FromSeconds(6));

        using var response = await emulator.CallAsync(tokens.AccessToken, cancellationToken: Ct);
        var served = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;

        Assert.Equal(recorded["status"]!.GetValue<int>(), (int)response.StatusCode);
        Assert.Equal(Shape(recorded["body"]), Shape(served));
        Assert.Equal(recorded["body"]!["fault"]!["error"]![0]!["message"]!.GetValue<string>(), served["fault"]!["error"]![0]!["message"]!.GetValue<string>());
        Assert.Equal(recorded["headers"]!["Www-Authenticate"]![0]!.GetValue<string>(), response.Headers.WwwAuthenticate.ToString());
        Assert.True(response.Headers.Contains("intuit_tid"));
    }

    [Theory]
    [InlineData(null, "Authorization header missing")]
    [InlineData("not-a-token-we-issued", "Token invalid")]
    public async Task Missing_or_unknown_tokens_get_401(string? token, string detail)
    {
        await using var emulator = await PlatformEmulator.StartAsync();
        using var response = await emulator.Http.SendAsync(PlatformEmulator.V3(HttpMethod.Get, $"v3/company/{emulator.RealmId}/customer/1", token), Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.StartsWith(detail, JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!["fault"]!["error"]![0]!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(1, emulator.Qbo.Traffic.GetCounters(emulator.RealmId).Unauthorized);
        Assert.Equal(0, emulator.Qbo.Traffic.GetCounters(emulator.RealmId).Served);
    }

    [Fact]
    public async Task A_refreshed_access_token_works_after_the_first_one_expired()
    {
        await using var emulator = await PlatformEmulator.StartAsync(new QboEmulatorOptions { AccessTokenLifetime = TimeSpan.FromSeconds(60) });
        var tokens = emulator.Qbo.OAuth.IssueTokens(emulator.RealmId);
        emulator.Clock!.Advance(TimeSpan.FromMinutes(5));

        var (status, body) = await emulator.TokenAsync(new() { ["grant_type"] = "refresh_token", ["refresh_token"] = tokens.RefreshToken }, cancellationToken: Ct);
        using var response = await emulator.CallAsync(body["access_token"]!.GetValue<string>(), cancellationToken: Ct);

        Assert.Equal(200, status);
        Assert.Equal(60, body["expires_in"]!.GetValue<long>());
        Assert.NotEqual(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    /// <summary>Every property path of a JSON value with the kind of value found there.</summary>
    private static string Shape(JsonNode? node, string path = "$")
    {
        return node switch
        {
            JsonObject o => string.Join("\n", o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => Shape(p.Value, $"{path}.{p.Key}"))),
            JsonArray a => a.Count == 0 ? $"{path}[]" : Shape(a[0], $"{path}[0]"),
            JsonValue v => $"{path}:{v.GetValueKind()}",
            _ => $"{path}:null",
        };
    }
}
