using StoreBooks.Emulators;
using StoreBooks.QuickBooks.OAuth;
using StoreBooks.QuickBooks.Tests.Support;
using StoreBooks.Testing;
using Xunit;

namespace StoreBooks.QuickBooks.Tests.OAuth;

/// <summary>The emulator letting a replaced refresh token be presented again for a minute (and answering with the newest pair).</summary>
public sealed class ReuseGraceEmulator : EmulatorFixture
{
    protected override EmulatorOptions CreateOptions() => base.CreateOptions() with
    {
        Qbo = base.CreateOptions().Qbo with { RefreshTokenReuseGrace = TimeSpan.FromMinutes(1) },
    };
}

/// <summary>
/// A process that refreshed at Intuit and died before saving leaves the store on the replaced pair. Where the server
/// accepts a replaced refresh token for a while, the next refresh from the store recovers; where it refuses at once,
/// the connection must be made again (the keeper says so).
/// </summary>
public sealed class CrashBetweenRefreshAndSaveTests(ReuseGraceEmulator emulator) : IClassFixture<ReuseGraceEmulator>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_next_refresh_from_the_stored_pair_gets_the_newest_pair_and_saves_it()
    {
        await using var connection = await QboTestConnection.CreateAsync(emulator);
        var stored = (await connection.Store.LoadAsync(connection.ConnectionKey, Ct))!;
        var lost = await connection.OAuth.RefreshAsync(stored.Tokens.RefreshToken, connection.RealmId, Ct); // the "crashed" process's pair, never saved

        var keeper = connection.CreateKeeper();
        var token = await keeper.GetTokenAfterRejectionAsync(stored.Tokens.AccessToken, Ct);
        var saved = (await connection.Store.LoadAsync(connection.ConnectionKey, Ct))!;

        Assert.Equal(2, saved.Version);
        Assert.Equal(token, saved.Tokens.AccessToken);
        Assert.Equal(lost.RefreshToken, saved.Tokens.RefreshToken);
        var next = await connection.OAuth.RefreshAsync(saved.Tokens.RefreshToken, connection.RealmId, Ct);
        Assert.NotEqual(saved.Tokens.RefreshToken, next.RefreshToken);
    }
}
