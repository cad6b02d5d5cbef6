using System.Net;
using System.Text.Json.Nodes;
using StoreBooks.Emulators.Qbo.Traffic;
using StoreBooks.Emulators.Tests.Qbo.OAuth;
using Xunit;

namespace StoreBooks.Emulators.Tests.Qbo.Traffic;

public sealed class DropAfterCommitTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_create_whose_reply_is_dropped_still_exists()
    {
        await using var emulator = await PlatformEmulator.StartAsync(fakeClock: false);
        var token = emulator.Qbo.OAuth.IssueTokens(emulator.RealmId).AccessToken;
        emulator.Qbo.Traffic.SetFaults(emulator.RealmId, new QboFaultSettings { DropNext = 1 });

        using var create = PlatformEmulator.V3(HttpMethod.Post, $"v3/company/{emulator.RealmId}/customer?minorversion=75", token, "{\"DisplayName\":\"Dropped Reply Ltd\"}");
        await Assert.ThrowsAsync<HttpRequestException>(() => emulator.Http.SendAsync(create, Ct));
        var query = Uri.EscapeDataString("select * from Customer where DisplayName = 'Dropped Reply Ltd'");
        using var found = await emulator.Http.SendAsync(PlatformEmulator.V3(HttpMethod.Get, $"v3/company/{emulator.RealmId}/query?query={query}&minorversion=75", token), Ct);

        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        var customers = JsonNode.Parse(await found.Content.ReadAsStringAsync(Ct))!["QueryResponse"]!["Customer"]!.AsArray();
        Assert.Equal("Dropped Reply Ltd", Assert.Single(customers)!["DisplayName"]!.GetValue<string>());
        Assert.Equal(1, emulator.Qbo.Traffic.GetCounters(emulator.RealmId).DroppedResponses);
    }
}
