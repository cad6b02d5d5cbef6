using Microsoft.Extensions.Time.Testing;
using StoreBooks.Core.Connections;
using StoreBooks.Emulators;
using StoreBooks.Emulators.Qbo;
using StoreBooks.QuickBooks.OAuth;
using StoreBooks.Storage;
using StoreBooks.Sync.Connections;
using Xunit;

namespace StoreBooks.Sync.Tests.Connections;

public sealed class TokenRotationTests
{
    [Fact]
    public async Task Two_processes_refreshing_at_once_through_one_state_file_never_lose_the_pair()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero));
        await using var emulator = await EmulatorServer.StartAsync(new EmulatorOptions { Port = 0, Time = clock, Qbo = new QboEmulatorOptions { AccessTokenLifetime = TimeSpan.FromHours(1) } }, TestContext.Current.CancellationToken);
        var home = StoreBooksHome.Resolve(Path.Combine(Path.GetTempPath(), "storebooks-rotation-" + Guid.NewGuid().ToString("N")));
        var realm = emulator.Qbo.Companies.DefaultRealmId;
        var connection = new Connection { Id = Guid.NewGuid(), Name = "shop", SourceKind = "csv", QboRealmId = realm, QboBaseUrl = emulator.BaseUrl.AbsoluteUri };
        await using (var setup = await StateStore.OpenSqliteAsync(home, clock, TestContext.Current.CancellationToken))
        {
            await setup.Connections.AddAsync(connection, TestContext.Current.CancellationToken);
            await QuickBooksApp.SaveAsync(setup.Credentials, connection.Id, QuickBooksApp.Demo, TestContext.Current.CancellationToken);
            var issued = emulator.Qbo.OAuth.IssueTokens(realm);
            await QboTokenKeeper.SaveNewConnectionAsync(new CredentialTokenStore(setup.Credentials), connection.Id.ToString(),
                new QboTokenSet(issued.AccessToken, issued.RefreshToken, issued.AccessTokenExpiresAt, null, realm), TestContext.Current.CancellationToken);
        }

        // Two "processes": each its own state store on the same file and its own QuickBooks clients.
        await using var stateA = await StateStore.OpenSqliteAsync(home, clock, TestContext.Current.CancellationToken);
        await using var stateB = await StateStore.OpenSqliteAsync(home, clock, TestContext.Current.CancellationToken);
        await using var connectionsA = new QuickBooksConnections(stateA, clock);
        await using var connectionsB = new QuickBooksConnections(stateB, clock);
        using var a = await connectionsA.ClientForAsync(connection, TestContext.Current.CancellationToken);
        using var b = await connectionsB.ClientForAsync(connection, TestContext.Current.CancellationToken);
        await a.GetCompanyInfoAsync(TestContext.Current.CancellationToken);
        await b.GetCompanyInfoAsync(TestContext.Current.CancellationToken);

        for (var round = 0; round < 3; round++)
        {
            clock.Advance(TimeSpan.FromMinutes(61));
            var calls = Enumerable.Range(0, 10).SelectMany(_ => new[] { a.GetCompanyInfoAsync(TestContext.Current.CancellationToken), b.GetCompanyInfoAsync(TestContext.Current.CancellationToken) });
            var answers = await Task.WhenAll(calls);
            Assert.All(answers, info => Assert.NotNull(info.CompanyName));
        }

        // A third process, started afterwards, finds a working pair in the store.
        await using var stateC = await StateStore.OpenSqliteAsync(home, clock, TestContext.Current.CancellationToken);
        await using var connectionsC = new QuickBooksConnections(stateC, clock);
        using var c = await connectionsC.ClientForAsync(connection, TestContext.Current.CancellationToken);
        Assert.NotNull((await c.GetCompanyInfoAsync(TestContext.Current.CancellationToken)).CompanyName);
        Assert.Equal(0, emulator.Qbo.Traffic.GetCounters(realm).Unauthorized);
    }
}
