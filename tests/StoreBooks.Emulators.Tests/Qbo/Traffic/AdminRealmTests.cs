using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using StoreBooks.Emulators.Tests.Qbo.OAuth;
using Xunit;

namespace StoreBooks.Emulators.Tests.Qbo.Traffic;

public sealed class AdminRealmTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_realm_created_with_settings_is_listed_and_gets_tokens_of_its_own()
    {
        await using var emulator = await PlatformEmulator.StartAsync();

        using var created = await emulator.Http.PostAsJsonAsync("emulator/qbo/realms", new { country = "CA", homeCurrency = "CAD", trackInventory = false, companyName = "Maple Goods" }, Ct);
        var settings = JsonNode.Parse(await created.Content.ReadAsStringAsync(Ct))!;
        var realmId = settings["realmId"]!.GetValue<string>();
        var listed = JsonNode.Parse(await emulator.Http.GetStringAsync(new Uri("emulator/qbo/realms", UriKind.Relative), Ct))!;
        using var tokenResponse = await emulator.Http.PostAsync(new Uri($"emulator/qbo/{realmId}/tokens", UriKind.Relative), null, Ct);
        var token = JsonNode.Parse(await tokenResponse.Content.ReadAsStringAsync(Ct))!["access_token"]!.GetValue<string>();
        using var call = await emulator.CallAsync(token, realmId, Ct);
        using var duplicate = await emulator.Http.PostAsJsonAsync("emulator/qbo/realms", new { realmId }, Ct);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.True(emulator.Qbo.Companies.Exists(realmId));
        Assert.Equal(16, realmId.Length);
        Assert.False(settings["trackInventory"]!.GetValue<bool>());
        var listedRealm = listed["realms"]!.AsArray().Single(r => r!["realmId"]!.GetValue<string>() == realmId)!;
        Assert.Equal("CA", listedRealm["country"]!.GetValue<string>());
        Assert.Equal("Maple Goods", listedRealm["companyName"]!.GetValue<string>());
        Assert.NotEqual(HttpStatusCode.Unauthorized, call.StatusCode);
        Assert.Equal(1, emulator.Qbo.Traffic.GetCounters(realmId).Served);
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
    }

    [Fact]
    public async Task Webhook_settings_are_read_and_changed_through_the_admin_endpoint()
    {
        await using var emulator = await PlatformEmulator.StartAsync();

        using var put = await emulator.Http.PutAsJsonAsync("emulator/qbo/webhooks", new { url = "http://127.0.0.1:9/hooks", verifierToken = "vt", format = "cloudEvents" }, Ct);
        using var bad = await emulator.Http.PutAsJsonAsync("emulator/qbo/webhooks", new { url = "ftp://example/hooks" }, Ct);

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(new Uri("http://127.0.0.1:9/hooks"), emulator.Qbo.Webhooks.Settings.Url);
        Assert.Equal(StoreBooks.Emulators.Qbo.Webhooks.QboWebhookFormat.CloudEvents, emulator.Qbo.Webhooks.Settings.Format);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(MediaTypeHeaderValue.Parse("application/json; charset=utf-8"), bad.Content.Headers.ContentType);
    }
}
