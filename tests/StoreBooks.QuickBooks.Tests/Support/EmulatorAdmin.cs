using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using StoreBooks.Testing;
using Xunit;

namespace StoreBooks.QuickBooks.Tests.Support;

/// <summary>The emulator's admin endpoints (fault switches, traffic counters), over HTTP like any outside tool.</summary>
public static class EmulatorAdmin
{
    public static async Task SetFaultsAsync(this EmulatorFixture emulator, string realmId, object faults)
    {
        using var http = new HttpClient { BaseAddress = emulator.BaseUrl };
        using var response = await http.PutAsJsonAsync($"emulator/qbo/{realmId}/faults", faults, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
    }

    public static async Task ClearFaultsAsync(this EmulatorFixture emulator, string realmId)
    {
        using var http = new HttpClient { BaseAddress = emulator.BaseUrl };
        using var response = await http.DeleteAsync($"emulator/qbo/{realmId}/faults", TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
    }

    public static async Task<JsonObject> CountersAsync(this EmulatorFixture emulator, string realmId)
    {
        using var http = new HttpClient { BaseAddress = emulator.BaseUrl };
        var text = await http.GetStringAsync($"emulator/qbo/{realmId}/counters", TestContext.Current.CancellationToken);
        return JsonNode.Parse(text)!.AsObject();
    }

    public static long Counter(this JsonObject counters, string name) => counters[name]!.GetValue<long>();

    public static async Task<string> NewRealmAsync(this EmulatorFixture emulator)
    {
        using var http = new HttpClient { BaseAddress = emulator.BaseUrl };
        using var response = await http.PostAsJsonAsync("emulator/qbo/realms", new { companyName = "Test " + Guid.NewGuid().ToString("N")[..6] }, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;
        return body["realmId"]!.GetValue<string>();
    }

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerOptions.Web);
}
