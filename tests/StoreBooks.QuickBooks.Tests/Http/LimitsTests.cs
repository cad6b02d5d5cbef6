using StoreBooks.QuickBooks.Errors;
using StoreBooks.QuickBooks.Http;
using StoreBooks.QuickBooks.Tests.Support;
using Xunit;

namespace StoreBooks.QuickBooks.Tests.Http;

/// <summary>Per-realm limits kept by the client, and 429s waited out, against the emulator's (scaled) QBO limits.</summary>
public sealed class LimitsTests(LimitedEmulator emulator) : IClassFixture<LimitedEmulator>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_burst_of_2000_calls_to_one_realm_never_draws_a_429()
    {
        var realm = await emulator.NewRealmAsync();
        await using var connection = await QboTestConnection.CreateAsync(emulator, realm, LimitedEmulator.ClientLimits);
        using var client = connection.CreateClient(retry: QboTestConnection.FastRetry with { MaxRetryAttempts = 0 });
        // Warm up (JIT, connections) so that first-call delays on the way to the server do not distort the window.
        for (var i = 0; i < 20; i++)
        {
            await client.GetCompanyInfoAsync(Ct);
        }

        await Task.Delay(LimitedEmulator.ClientLimits.EffectiveWindow, Ct);
        var calls = Enumerable.Range(0, 2000).Select(_ => client.GetCompanyInfoAsync(Ct));
        var answers = await Task.WhenAll(calls);
        var counters = await emulator.CountersAsync(realm);

        Assert.All(answers, a => Assert.False(string.IsNullOrEmpty(a.CompanyName)));
        Assert.Equal(0, counters.Counter("throttled"));
        Assert.Equal(2020, counters.Counter("served"));
    }

    [Fact]
    public async Task Clients_sharing_one_limits_object_share_the_realms_budget()
    {
        var realm = await emulator.NewRealmAsync();
        await emulator.SetFaultsAsync(realm, new { latencyMs = 5 });
        await using var connection = await QboTestConnection.CreateAsync(emulator, realm, LimitedEmulator.ClientLimits);
        using var first = connection.CreateClient(retry: QboTestConnection.FastRetry with { MaxRetryAttempts = 0 });
        using var second = connection.CreateClient(retry: QboTestConnection.FastRetry with { MaxRetryAttempts = 0 });

        await Task.WhenAll(Enumerable.Range(0, 300).Select(i => (i % 2 == 0 ? first : second).GetCompanyInfoAsync(Ct)));

        Assert.Equal(0, (await emulator.CountersAsync(realm)).Counter("throttled"));
    }

    [Fact]
    public async Task Clients_with_separate_limits_objects_overrun_the_realm()
    {
        // The control for the test above: the same traffic through two budgets draws 429s.
        var realm = await emulator.NewRealmAsync();
        await emulator.SetFaultsAsync(realm, new { latencyMs = 5 });
        await using var connection = await QboTestConnection.CreateAsync(emulator, realm, LimitedEmulator.ClientLimits);
        await using var ownLimits = new QboRealmLimits(LimitedEmulator.ClientLimits);
        using var first = connection.CreateClient(retry: QboTestConnection.FastRetry with { MaxRetryAttempts = 0 });
        using var second = connection.CreateClient(limits: ownLimits, retry: QboTestConnection.FastRetry with { MaxRetryAttempts = 0 });
        var throttled = 0;

        await Task.WhenAll(Enumerable.Range(0, 300).Select(async i =>
        {
            try
            {
                await (i % 2 == 0 ? first : second).GetCompanyInfoAsync(Ct);
            }
            catch (QboThrottledException)
            {
                Interlocked.Increment(ref throttled);
            }
        }));

        Assert.True(throttled > 0, "20 requests in flight should have drawn 429s from a realm that allows 10");
        Assert.Equal(throttled, (await emulator.CountersAsync(realm)).Counter("throttled"));
    }

    [Fact]
    public async Task Injected_429s_with_retry_after_are_waited_out()
    {
        var realm = await emulator.NewRealmAsync();
        await using var connection = await QboTestConnection.CreateAsync(emulator, realm, LimitedEmulator.ClientLimits);
        // Only Retry-After (1 s) can make this finish in time: the fallback wait is five minutes.
        using var client = connection.CreateClient(retry: QboTestConnection.FastRetry with { ThrottledDelay = TimeSpan.FromMinutes(5), BaseDelay = TimeSpan.FromMinutes(5) });
        await emulator.SetFaultsAsync(realm, new { throttleNext = 2, throttleRetryAfterSeconds = 1 });
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        deadline.CancelAfter(TimeSpan.FromSeconds(30));

        var company = await client.GetCompanyInfoAsync(deadline.Token);
        var counters = await emulator.CountersAsync(realm);

        Assert.False(string.IsNullOrEmpty(company.CompanyName));
        Assert.Equal(2, counters.Counter("injectedThrottles"));
        Assert.Equal(1, counters.Counter("served"));
    }

    [Fact]
    public async Task A_429_that_outlasts_the_retries_is_a_typed_throttle_error()
    {
        var realm = await emulator.NewRealmAsync();
        await using var connection = await QboTestConnection.CreateAsync(emulator, realm, LimitedEmulator.ClientLimits);
        using var client = connection.CreateClient(retry: QboTestConnection.FastRetry with { MaxRetryAttempts = 1, MaxRetryAfter = TimeSpan.FromMilliseconds(10) });
        await emulator.SetFaultsAsync(realm, new { throttleNext = 5 });

        var error = await Assert.ThrowsAsync<QboThrottledException>(() => client.GetCompanyInfoAsync(Ct));

        Assert.Equal("3001", error.Code);
        Assert.Equal(429, error.HttpStatus);
        Assert.False(string.IsNullOrEmpty(error.IntuitTid));
        Assert.Contains("wait and retry", error.Message, StringComparison.Ordinal);
    }
}

/// <summary>429s without Retry-After (QBO documents none): the client's own back-off applies.</summary>
public sealed class ThrottleWithoutRetryAfterTests(LimitedEmulatorWithoutRetryAfter emulator) : IClassFixture<LimitedEmulatorWithoutRetryAfter>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Injected_429s_without_retry_after_use_the_configured_back_off()
    {
        var realm = await emulator.NewRealmAsync();
        await using var connection = await QboTestConnection.CreateAsync(emulator, realm, LimitedEmulator.ClientLimits);
        using var client = connection.CreateClient(retry: QboTestConnection.FastRetry with { ThrottledDelay = TimeSpan.FromMilliseconds(20) });
        await emulator.SetFaultsAsync(realm, new { throttleNext = 3 });

        var company = await client.GetCompanyInfoAsync(Ct);
        var counters = await emulator.CountersAsync(realm);

        Assert.False(string.IsNullOrEmpty(company.CompanyName));
        Assert.Equal(3, counters.Counter("injectedThrottles"));
    }
}
