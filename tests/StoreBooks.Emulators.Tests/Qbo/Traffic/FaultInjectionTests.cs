using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using StoreBooks.Emulators.Qbo;
using StoreBooks.Emulators.Qbo.Traffic;
using StoreBooks.Emulators.Tests.Qbo.OAuth;
using Xunit;

namespace StoreBooks.Emulators.Tests.Qbo.Traffic;

public sealed class FaultInjectionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Latency_holds_the_reply_until_the_emulators_clock_has_moved_on()
    {
        await using var emulator = await PlatformEmulator.StartAsync();
        emulator.Qbo.Traffic.SetFaults(emulator.RealmId, new QboFaultSettings { LatencyMs = 2000 });
        var token = emulator.Qbo.OAuth.IssueTokens(emulator.RealmId).AccessToken;

        var call = emulator.CallAsync(token, cancellationToken: Ct);
        await LimitTests.WaitUntilAsync(() => emulator.Qbo.Traffic.GetCounters(emulator.RealmId).Delayed == 1);
        emulator.Clock!.Advance(TimeSpan.FromMilliseconds(1999));
        var heldAfter1999Ms = !call.IsCompleted;
        emulator.Clock.Advance(TimeSpan.FromMilliseconds(1));
        using var response = await call;

        Assert.True(heldAfter1999Ms);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, response.StatusCode);
    }

    [Fact]
    public async Task A_burst_of_503s_by_count_carries_qbos_system_fault_then_stops()
    {
        await using var emulator = await PlatformEmulator.StartAsync();
        emulator.Qbo.Traffic.SetFaults(emulator.RealmId, new QboFaultSettings { FailNext = 2, FailStatus = 503 });
        var token = emulator.Qbo.OAuth.IssueTokens(emulator.RealmId).AccessToken;

        using var first = await emulator.CallAsync(token, cancellationToken: Ct);
        using var second = await emulator.CallAsync(token, cancellationToken: Ct);
        using var third = await emulator.CallAsync(token, cancellationToken: Ct);

        Assert.Equal([HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable], new[] { first.StatusCode, second.StatusCode });
        Assert.NotEqual(HttpStatusCode.ServiceUnavailable, third.StatusCode);
        var fault = JsonNode.Parse(await first.Content.ReadAsStringAsync(Ct))!["Fault"]!;
        Assert.Equal("SystemFault", fault["type"]!.GetValue<string>());
        Assert.Equal("10000", fault["Error"]![0]!["code"]!.GetValue<string>());
        Assert.Equal(2, emulator.Qbo.Traffic.GetCounters(emulator.RealmId).InjectedFailures);
        Assert.Equal(0, emulator.Qbo.Traffic.GetFaults(emulator.RealmId).FailNext);
    }

    [Fact]
    public async Task Injected_429s_by_count_have_qbos_throttle_body()
    {
        await using var emulator = await PlatformEmulator.StartAsync();
        emulator.Qbo.Traffic.SetFaults(emulator.RealmId, new QboFaultSettings { ThrottleNext = 1 });
        var token = emulator.Qbo.OAuth.IssueTokens(emulator.RealmId).AccessToken;

        using var throttled = await emulator.CallAsync(token, cancellationToken: Ct);
        using var next = await emulator.CallAsync(token, cancellationToken: Ct);

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        LimitTests.AssertThrottleBody(JsonNode.Parse(await throttled.Content.ReadAsStringAsync(Ct))!);
        Assert.Equal("1", throttled.Headers.RetryAfter!.ToString());
        Assert.NotEqual(HttpStatusCode.TooManyRequests, next.StatusCode);
        Assert.Equal((1L, 0L), (emulator.Qbo.Traffic.GetCounters(emulator.RealmId).InjectedThrottles, emulator.Qbo.Traffic.GetCounters(emulator.RealmId).Throttled));
    }

    [Fact]
    public async Task Rates_with_a_seed_fault_the_same_calls_every_time()
    {
        await using var emulator = await PlatformEmulator.StartAsync();
        var token = emulator.Qbo.OAuth.IssueTokens(emulator.RealmId).AccessToken;
        var settings = new QboFaultSettings { FailRate = 0.3, ThrottleRate = 0.2, Seed = 7 };

        var runs = new List<string>();
        for (var run = 0; run < 2; run++)
        {
            emulator.Qbo.Traffic.SetFaults(emulator.RealmId, settings);
            var statuses = new List<int>();
            for (var i = 0; i < 40; i++)
            {
                using var response = await emulator.CallAsync(token, cancellationToken: Ct);
                statuses.Add((int)response.StatusCode);
            }

            runs.Add(string.Join(",", statuses));
        }

        Assert.Equal(runs[0], runs[1]);
        Assert.Contains("500", runs[0], StringComparison.Ordinal);
        Assert.Contains("429", runs[0], StringComparison.Ordinal);
        Assert.Contains(runs[0].Split(','), status => status is not ("500" or "429"));
    }

    [Fact]
    public async Task A_dropped_reply_cuts_the_connection_after_the_call_was_served()
    {
        await using var emulator = await PlatformEmulator.StartAsync();
        emulator.Qbo.Traffic.SetFaults(emulator.RealmId, new QboFaultSettings { DropNext = 1 });
        var token = emulator.Qbo.OAuth.IssueTokens(emulator.RealmId).AccessToken;

        await Assert.ThrowsAsync<HttpRequestException>(() => emulator.CallAsync(token, cancellationToken: Ct));
        using var next = await emulator.CallAsync(token, cancellationToken: Ct);

        Assert.NotNull(next);
        var counters = emulator.Qbo.Traffic.GetCounters(emulator.RealmId);
        Assert.Equal((1L, 2L), (counters.DroppedResponses, counters.Served));
    }

    [Fact]
    public async Task Faults_are_switched_per_realm_through_the_admin_endpoint()
    {
        await using var emulator = await PlatformEmulator.StartAsync(new QboEmulatorOptions { Realms = [QboCompanySettings.DefaultUs, QboCompanySettings.DefaultCanada] });
        var us = QboCompanySettings.DefaultUs.RealmId;
        var ca = QboCompanySettings.DefaultCanada.RealmId;

        using var put = await emulator.Http.PutAsJsonAsync($"emulator/qbo/{us}/faults", new { failNext = 1, failStatus = 500 }, Ct);
        using var usCall = await emulator.CallAsync(emulator.Qbo.OAuth.IssueTokens(us).AccessToken, us, Ct);
        using var caCall = await emulator.CallAsync(emulator.Qbo.OAuth.IssueTokens(ca).AccessToken, ca, Ct);
        var faultsAfter = JsonNode.Parse(await emulator.Http.GetStringAsync(new Uri($"emulator/qbo/{us}/faults", UriKind.Relative), Ct))!;
        var counters = JsonNode.Parse(await emulator.Http.GetStringAsync(new Uri($"emulator/qbo/{us}/counters", UriKind.Relative), Ct))!;
        using var invalid = await emulator.Http.PutAsJsonAsync($"emulator/qbo/{us}/faults", new { dropRate = 2.0 }, Ct);
        using var unknown = await emulator.Http.PutAsJsonAsync("emulator/qbo/123/faults", new { failNext = 1 }, Ct);
        using var reset = await emulator.Http.DeleteAsync(new Uri($"emulator/qbo/{us}/counters", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, usCall.StatusCode);
        Assert.NotEqual(HttpStatusCode.InternalServerError, caCall.StatusCode);
        Assert.Equal(0, faultsAfter["failNext"]!.GetValue<int>());
        Assert.Equal(1, counters["injectedFailures"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains("dropRate", await invalid.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(0, emulator.Qbo.Traffic.GetCounters(us).Requests);
    }
}
