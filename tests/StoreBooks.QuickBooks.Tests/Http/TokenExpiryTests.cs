using Microsoft.Extensions.Time.Testing;
using StoreBooks.Emulators;
using StoreBooks.QuickBooks.Tests.Support;
using StoreBooks.Testing;
using Xunit;

namespace StoreBooks.QuickBooks.Tests.Http;

/// <summary>The emulator on a fake clock, with one-minute access tokens; the tests move the clock forward mid-run.</summary>
public sealed class FakeClockEmulator : EmulatorFixture
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));

    protected override EmulatorOptions CreateOptions() => base.CreateOptions() with
    {
        Time = Clock,
        Qbo = base.CreateOptions().Qbo with { AccessTokenLifetime = TimeSpan.FromMinutes(1) },
    };
}

/// <summary>Access tokens that expire in the middle of a long run never fail a call.</summary>
public sealed class TokenExpiryTests(FakeClockEmulator emulator) : IClassFixture<FakeClockEmulator>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_run_across_several_token_lifetimes_refreshes_ahead_of_expiry()
    {
        var realm = await emulator.NewRealmAsync();
        await using var connection = await QboTestConnection.CreateAsync(emulator, realm, time: emulator.Clock);
        var keeper = connection.CreateKeeper(emulator.Clock, TimeSpan.FromSeconds(10));
        using var client = connection.CreateClient(keeper);

        for (var call = 0; call < 60; call++)
        {
            Assert.False(string.IsNullOrEmpty((await client.GetCompanyInfoAsync(Ct)).CompanyName));
            emulator.Clock.Advance(TimeSpan.FromSeconds(7));
        }

        var counters = await emulator.CountersAsync(realm);
        Assert.True(keeper.RefreshCount >= 6, $"7 minutes of one-minute tokens took {keeper.RefreshCount} refreshes");
        Assert.Equal(0, counters.Counter("unauthorized"));
        Assert.Equal(60, counters.Counter("served"));
    }

    [Fact]
    public async Task A_token_that_expires_unnoticed_is_refreshed_on_the_401_and_the_call_succeeds()
    {
        var realm = await emulator.NewRealmAsync();
        // The keeper's clock stands still, so it believes every token is fresh: only QBO's 401 tells it otherwise.
        var frozen = new FakeTimeProvider(emulator.Clock.GetUtcNow());
        await using var connection = await QboTestConnection.CreateAsync(emulator, realm, time: frozen);
        var keeper = connection.CreateKeeper(frozen, TimeSpan.Zero);
        using var client = connection.CreateClient(keeper);

        for (var call = 0; call < 30; call++)
        {
            Assert.False(string.IsNullOrEmpty((await client.GetCompanyInfoAsync(Ct)).CompanyName));
            emulator.Clock.Advance(TimeSpan.FromSeconds(20));
        }

        var counters = await emulator.CountersAsync(realm);
        Assert.True(keeper.RefreshCount >= 9, $"10 minutes of one-minute tokens took {keeper.RefreshCount} refreshes");
        Assert.Equal(keeper.RefreshCount, counters.Counter("unauthorized"));
        Assert.Equal(30, counters.Counter("served"));
    }
}
