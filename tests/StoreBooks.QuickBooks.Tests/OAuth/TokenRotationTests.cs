using Microsoft.Extensions.Time.Testing;
using StoreBooks.Emulators.Qbo.OAuth;
using StoreBooks.QuickBooks.OAuth;
using StoreBooks.QuickBooks.Tests.Support;
using StoreBooks.Testing;
using Xunit;

namespace StoreBooks.QuickBooks.Tests.OAuth;

/// <summary>
/// Rotating refresh tokens shared by several "processes" (keepers with their own OAuth clients) through one token store,
/// against the emulator's strict rotation (a used refresh token is refused at once).
/// </summary>
public sealed class TokenRotationTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Refreshes_ahead_of_expiry_and_saves_before_use()
    {
        await using var connection = await QboTestConnection.CreateAsync(emulator);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var keeper = connection.CreateKeeper(clock, TimeSpan.FromMinutes(5));

        var first = await keeper.GetAccessTokenAsync(Ct);
        clock.Advance(TimeSpan.FromMinutes(54));
        var stillFirst = await keeper.GetAccessTokenAsync(Ct);
        clock.Advance(TimeSpan.FromMinutes(2));
        var second = await keeper.GetAccessTokenAsync(Ct);
        var stored = (await connection.Store.LoadAsync(connection.ConnectionKey, Ct))!;

        Assert.Equal(first, stillFirst);
        Assert.NotEqual(first, second);
        Assert.Equal(1, keeper.RefreshCount);
        Assert.Equal(2, stored.Version);
        Assert.Equal(second, stored.Tokens.AccessToken);
        Assert.Equal(TokenCheckOutcome.Valid, emulator.Server.Qbo.OAuth.CheckAccessToken(second, connection.RealmId).Outcome);
    }

    [Fact]
    public async Task A_keeper_holding_the_old_pair_picks_up_the_one_another_process_rotated()
    {
        await using var connection = await QboTestConnection.CreateAsync(emulator);
        var processA = connection.CreateKeeper();
        var processB = new QboTokenKeeper(connection.ConnectionKey, connection.Store, NewOAuthClient(connection));
        var old = await processB.GetAccessTokenAsync(Ct);
        Assert.Equal(old, await processA.GetAccessTokenAsync(Ct));

        var rotatedByA = await processA.GetTokenAfterRejectionAsync(old, Ct);
        var seenByB = await processB.GetTokenAfterRejectionAsync(old, Ct);

        Assert.NotEqual(old, rotatedByA);
        Assert.Equal(rotatedByA, seenByB);
        Assert.Equal(1, processA.RefreshCount);
        Assert.Equal(0, processB.RefreshCount);
        var stored = (await connection.Store.LoadAsync(connection.ConnectionKey, Ct))!;
        Assert.Equal(2, stored.Version);
        var next = await connection.OAuth.RefreshAsync(stored.Tokens.RefreshToken, connection.RealmId, Ct);
        Assert.NotEqual(stored.Tokens.RefreshToken, next.RefreshToken);
    }

    [Fact]
    public async Task The_loser_of_a_refresh_race_rereads_the_store_instead_of_failing()
    {
        await using var connection = await QboTestConnection.CreateAsync(emulator);
        var before = (await connection.Store.LoadAsync(connection.ConnectionKey, Ct))!;

        // Process A has just refreshed at Intuit (the old refresh token is now spent) but not yet saved its pair.
        var pairOfA = await connection.OAuth.RefreshAsync(before.Tokens.RefreshToken, connection.RealmId, Ct);
        var processB = new QboTokenKeeper(connection.ConnectionKey, connection.Store, NewOAuthClient(connection));
        var bRefreshes = processB.GetTokenAfterRejectionAsync(before.Tokens.AccessToken, Ct).AsTask();
        await Task.Delay(100, Ct);
        Assert.False(bRefreshes.IsCompleted);
        Assert.Equal(2, await connection.Store.TrySaveAsync(connection.ConnectionKey, pairOfA, before.Version, Ct));

        var tokenOfB = await bRefreshes;

        Assert.Equal(pairOfA.AccessToken, tokenOfB);
        Assert.Equal(0, processB.RefreshCount);
        Assert.Equal(2, (await connection.Store.LoadAsync(connection.ConnectionKey, Ct))!.Version);
    }

    [Fact]
    public async Task Many_processes_refreshing_at_once_all_end_with_a_working_token_and_the_pair_survives()
    {
        await using var connection = await QboTestConnection.CreateAsync(emulator);
        var old = (await connection.Store.LoadAsync(connection.ConnectionKey, Ct))!.Tokens.AccessToken;
        var keepers = Enumerable.Range(0, 8).Select(_ => new QboTokenKeeper(connection.ConnectionKey, connection.Store, NewOAuthClient(connection))).ToList();

        var tokens = await Task.WhenAll(keepers.Select(k => k.GetTokenAfterRejectionAsync(old, Ct).AsTask()));

        Assert.All(tokens, t => Assert.NotEqual(old, t));
        Assert.All(tokens, t => Assert.Equal(TokenCheckOutcome.Valid, emulator.Server.Qbo.OAuth.CheckAccessToken(t, connection.RealmId).Outcome));
        var stored = (await connection.Store.LoadAsync(connection.ConnectionKey, Ct))!;
        Assert.Equal(1 + keepers.Sum(k => k.RefreshCount), stored.Version);
        var next = await connection.OAuth.RefreshAsync(stored.Tokens.RefreshToken, connection.RealmId, Ct);
        Assert.False(string.IsNullOrEmpty(next.AccessToken));
    }

    [Fact]
    public async Task The_store_refuses_a_save_on_a_stale_version()
    {
        var store = new InMemoryQboTokenStore();
        var pair = new QboTokenSet("access-secret", "refresh-secret", DateTimeOffset.UnixEpoch, null);

        Assert.Equal(1, await store.TrySaveAsync("k", pair, 0, Ct));
        Assert.Null(await store.TrySaveAsync("k", pair with { AccessToken = "b" }, 0, Ct));
        Assert.Equal(2, await store.TrySaveAsync("k", pair with { AccessToken = "c" }, 1, Ct));
        Assert.Equal("c", (await store.LoadAsync("k", Ct))!.Tokens.AccessToken);
        Assert.DoesNotContain("secret", pair.ToString(), StringComparison.Ordinal);
    }

    private static QboOAuthClient NewOAuthClient(QboTestConnection connection) =>
        new(new HttpClient(), connection.OAuth.Endpoints, QboTestConnection.DemoApp);
}
