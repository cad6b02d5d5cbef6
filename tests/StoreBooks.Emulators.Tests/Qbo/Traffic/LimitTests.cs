using System.Net;
using System.Text.Json.Nodes;
using StoreBooks.Emulators.Qbo;
using StoreBooks.Emulators.Qbo.OAuth;
using StoreBooks.Emulators.Qbo.Traffic;
using StoreBooks.Emulators.Tests.Qbo.OAuth;
using Xunit;

namespace StoreBooks.Emulators.Tests.Qbo.Traffic;

public sealed class LimitTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_501st_request_in_a_minute_gets_qbos_throttle_fault_until_the_window_slides()
    {
        await using var emulator = await PlatformEmulator.StartAsync();
        var token = emulator.Qbo.OAuth.IssueTokens(emulator.RealmId).AccessToken;
        for (var i = 0; i < 500; i++)
        {
            using var ok = await emulator.CallAsync(token, cancellationToken: Ct);
            Assert.NotEqual(HttpStatusCode.TooManyRequests, ok.StatusCode);
        }

        using var refused = await emulator.CallAsync(token, cancellationToken: Ct);
        emulator.Clock!.Advance(TimeSpan.FromMinutes(1));
        using var later = await emulator.CallAsync(token, cancellationToken: Ct);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        AssertThrottleBody(JsonNode.Parse(await refused.Content.ReadAsStringAsync(Ct))!);
        Assert.Equal("60", refused.Headers.RetryAfter!.ToString());
        Assert.NotEqual(HttpStatusCode.TooManyRequests, later.StatusCode);
        var counters = emulator.Qbo.Traffic.GetCounters(emulator.RealmId);
        Assert.Equal((501L, 1L), (counters.Served, counters.Throttled));
        // The refused call found the window full: it would have been the 501st.
        Assert.Equal(501L, counters.PeakInWindow);
    }

    [Fact]
    public async Task The_window_slides_and_retry_after_says_when_a_slot_frees()
    {
        await using var emulator = await PlatformEmulator.StartAsync(new QboEmulatorOptions { Limits = new QboLimits { RequestsPerWindow = 3 } });
        var token = emulator.Qbo.OAuth.IssueTokens(emulator.RealmId).AccessToken;
        (await emulator.CallAsync(token, cancellationToken: Ct)).Dispose();
        (await emulator.CallAsync(token, cancellationToken: Ct)).Dispose();
        emulator.Clock!.Advance(TimeSpan.FromSeconds(40));
        (await emulator.CallAsync(token, cancellationToken: Ct)).Dispose();

        using var refused = await emulator.CallAsync(token, cancellationToken: Ct);
        emulator.Clock.Advance(TimeSpan.FromSeconds(20));
        using var admitted = await emulator.CallAsync(token, cancellationToken: Ct);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("20", refused.Headers.RetryAfter!.ToString());
        Assert.NotEqual(HttpStatusCode.TooManyRequests, admitted.StatusCode);
    }

    [Fact]
    public async Task Retry_after_can_be_turned_off()
    {
        await using var emulator = await PlatformEmulator.StartAsync(new QboEmulatorOptions { Limits = new QboLimits { RequestsPerWindow = 1, SendRetryAfter = false } });
        var token = emulator.Qbo.OAuth.IssueTokens(emulator.RealmId).AccessToken;
        (await emulator.CallAsync(token, cancellationToken: Ct)).Dispose();

        using var refused = await emulator.CallAsync(token, cancellationToken: Ct);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Null(refused.Headers.RetryAfter);
    }

    [Fact]
    public async Task An_eleventh_request_in_flight_gets_429_while_ten_are_served()
    {
        await using var emulator = await PlatformEmulator.StartAsync(new QboEmulatorOptions { Faults = new QboFaultSettings { LatencyMs = 1000 } });
        var token = emulator.Qbo.OAuth.IssueTokens(emulator.RealmId).AccessToken;
        var inFlight = Enumerable.Range(0, 10).Select(_ => emulator.CallAsync(token, cancellationToken: Ct)).ToList();
        await WaitUntilAsync(() => emulator.Qbo.Traffic.GetCounters(emulator.RealmId).Delayed == 10);

        using var eleventh = await emulator.CallAsync(token, cancellationToken: Ct);
        emulator.Clock!.Advance(TimeSpan.FromSeconds(1));
        var served = await Task.WhenAll(inFlight);

        Assert.Equal(HttpStatusCode.TooManyRequests, eleventh.StatusCode);
        AssertThrottleBody(JsonNode.Parse(await eleventh.Content.ReadAsStringAsync(Ct))!);
        Assert.Contains("in flight", eleventh.Headers.GetValues("X-Emulator-Throttle").Single(), StringComparison.Ordinal);
        Assert.All(served, r => Assert.NotEqual(HttpStatusCode.TooManyRequests, r.StatusCode));
        foreach (var response in served)
        {
            response.Dispose();
        }

        emulator.Qbo.Traffic.SetFaults(emulator.RealmId, new QboFaultSettings());
        using var afterwards = await emulator.CallAsync(token, cancellationToken: Ct);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, afterwards.StatusCode);
        // The eleventh would have been the eleventh in flight; reset, the peaks start again from the calls that follow.
        Assert.Equal(11L, emulator.Qbo.Traffic.GetCounters(emulator.RealmId).PeakInFlight);
        emulator.Qbo.Traffic.ResetCounters(emulator.RealmId);
        using var alone = await emulator.CallAsync(token, cancellationToken: Ct);
        Assert.Equal(1L, emulator.Qbo.Traffic.GetCounters(emulator.RealmId).PeakInFlight);
    }

    [Fact]
    public async Task Batch_requests_are_limited_per_realm_and_app_and_per_realm()
    {
        var options = new QboEmulatorOptions
        {
            Limits = new QboLimits { BatchesPerWindowPerApp = 2, BatchesPerWindow = 3 },
            OtherApps = [new QboOAuthApp("second-app", "second-secret")],
        };
        await using var emulator = await PlatformEmulator.StartAsync(options);
        var first = emulator.Qbo.OAuth.IssueTokens(emulator.RealmId).AccessToken;
        var second = emulator.Qbo.OAuth.IssueTokens(emulator.RealmId, "second-app").AccessToken;

        var firstApp = new[] { await BatchAsync(emulator, first), await BatchAsync(emulator, first), await BatchAsync(emulator, first) };
        var secondApp = new[] { await BatchAsync(emulator, second), await BatchAsync(emulator, second) };
        using var plainCall = await emulator.CallAsync(second, cancellationToken: Ct);

        Assert.Equal([false, false, true], firstApp.Select(r => r.Throttled));
        Assert.Contains("realm and app", firstApp[2].Reason, StringComparison.Ordinal);
        Assert.Equal([false, true], secondApp.Select(r => r.Throttled));
        Assert.Contains("for this realm", secondApp[1].Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("app", secondApp[1].Reason, StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, plainCall.StatusCode);
        var counters = emulator.Qbo.Traffic.GetCounters(emulator.RealmId);
        Assert.Equal((3L, 2L), (counters.BatchRequests, counters.Throttled));
    }

    internal static void AssertThrottleBody(JsonNode body)
    {
        var error = body["Fault"]!["Error"]![0]!;
        Assert.Equal("SERVICE", body["Fault"]!["type"]!.GetValue<string>());
        Assert.Equal("3001", error["code"]!.GetValue<string>());
        Assert.Equal("message=ThrottleExceeded; errorCode=003001; statusCode=429", error["Message"]!.GetValue<string>());
        Assert.Equal("The request limit was reached.  Try again later", error["Detail"]!.GetValue<string>());
    }

    internal static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(20));
        while (!condition())
        {
            await Task.Delay(5, timeout.Token);
        }
    }

    private static async Task<(bool Throttled, string Reason)> BatchAsync(PlatformEmulator emulator, string token)
    {
        using var request = PlatformEmulator.V3(HttpMethod.Post, $"v3/company/{emulator.RealmId}/batch?minorversion=75", token, "{\"BatchItemRequest\":[{\"bId\":\"1\",\"Query\":\"select * from Customer\"}]}");
        using var response = await emulator.Http.SendAsync(request, Ct);
        var reason = response.Headers.TryGetValues("X-Emulator-Throttle", out var values) ? values.Single() : "";
        return (response.StatusCode == HttpStatusCode.TooManyRequests, reason);
    }
}
