using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using StoreBooks.Emulators.Qbo;
using Xunit;

namespace StoreBooks.Emulators.Tests.Qbo.OAuth;

public sealed class DataFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("storebooks-data-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string DataFile => Path.Combine(_folder, "qbo.json");

    [Fact]
    public async Task Tokens_and_created_realms_survive_a_restart()
    {
        string accessToken, refreshToken, retiredRefreshToken, createdRealm;
        await using (var first = await PlatformEmulator.StartAsync(new QboEmulatorOptions { DataFile = DataFile }))
        {
            var issued = first.Qbo.OAuth.IssueTokens(first.RealmId);
            var (_, refreshed) = await first.TokenAsync(new() { ["grant_type"] = "refresh_token", ["refresh_token"] = issued.RefreshToken }, cancellationToken: Ct);
            retiredRefreshToken = issued.RefreshToken;
            accessToken = refreshed["access_token"]!.GetValue<string>();
            refreshToken = refreshed["refresh_token"]!.GetValue<string>();
            using var created = await first.Http.PostAsJsonAsync("emulator/qbo/realms", new { country = "CA", homeCurrency = "CAD" }, Ct);
            createdRealm = JsonNode.Parse(await created.Content.ReadAsStringAsync(Ct))!["realmId"]!.GetValue<string>();
        }

        await using var second = await PlatformEmulator.StartAsync(new QboEmulatorOptions { DataFile = DataFile });
        using var call = await second.CallAsync(accessToken, cancellationToken: Ct);
        var retired = await second.TokenAsync(new() { ["grant_type"] = "refresh_token", ["refresh_token"] = retiredRefreshToken }, cancellationToken: Ct);
        var latest = await second.TokenAsync(new() { ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken }, cancellationToken: Ct);

        Assert.NotEqual(HttpStatusCode.Unauthorized, call.StatusCode);
        Assert.Equal(1, second.Qbo.Traffic.GetCounters(second.RealmId).Served);
        Assert.Equal("invalid_grant", retired.Body["error"]!.GetValue<string>());
        Assert.Equal(200, latest.Status);
        Assert.True(second.Qbo.Companies.Exists(createdRealm));
        Assert.Equal("CA", second.Qbo.RealmSettings.Single(r => r.RealmId == createdRealm).Country);
    }

    [Fact]
    public async Task Entities_survive_a_restart()
    {
        string customerId;
        await using (var first = await PlatformEmulator.StartAsync(new QboEmulatorOptions { DataFile = DataFile }, fakeClock: false))
        {
            var token = first.Qbo.OAuth.IssueTokens(first.RealmId).AccessToken;
            using var create = PlatformEmulator.V3(HttpMethod.Post, $"v3/company/{first.RealmId}/customer?minorversion=75", token, "{\"DisplayName\":\"Kept Across Restarts\"}");
            using var created = await first.Http.SendAsync(create, Ct);
            customerId = JsonNode.Parse(await created.Content.ReadAsStringAsync(Ct))!["Customer"]!["Id"]!.GetValue<string>();
        }

        await using var second = await PlatformEmulator.StartAsync(new QboEmulatorOptions { DataFile = DataFile }, fakeClock: false);
        var secondToken = second.Qbo.OAuth.IssueTokens(second.RealmId).AccessToken;
        using var read = await second.Http.SendAsync(PlatformEmulator.V3(HttpMethod.Get, $"v3/company/{second.RealmId}/customer/{customerId}?minorversion=75", secondToken), Ct);

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("Kept Across Restarts", JsonNode.Parse(await read.Content.ReadAsStringAsync(Ct))!["Customer"]!["DisplayName"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_change_is_saved_after_the_save_delay_atomically()
    {
        await using var emulator = await PlatformEmulator.StartAsync(new QboEmulatorOptions { DataFile = DataFile, DataSaveDelay = TimeSpan.FromSeconds(2) });
        var tokens = emulator.Qbo.OAuth.IssueTokens(emulator.RealmId);
        var beforeDelay = File.Exists(DataFile);
        emulator.Clock!.Advance(TimeSpan.FromSeconds(2));

        Assert.False(beforeDelay);
        var saved = await File.ReadAllTextAsync(DataFile, Ct);
        Assert.Contains(tokens.RefreshToken, saved, StringComparison.Ordinal);
        Assert.Equal("storebooks-qbo-emulator", JsonNode.Parse(saved)!["format"]!.GetValue<string>());
        Assert.Equal(["qbo.json"], Directory.GetFiles(_folder).Select(Path.GetFileName));
    }

    [Fact]
    public async Task An_unreadable_data_file_stops_the_start_with_a_message_naming_it()
    {
        await File.WriteAllTextAsync(DataFile, "{ not json", Ct);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => PlatformEmulator.StartAsync(new QboEmulatorOptions { DataFile = DataFile }));

        Assert.Contains(DataFile, error.Message, StringComparison.Ordinal);
        Assert.Contains("--data", error.Message, StringComparison.Ordinal);
        Assert.Equal("{ not json", await File.ReadAllTextAsync(DataFile, Ct));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
