using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using StoreBooks.QuickBooks.Errors;
using StoreBooks.QuickBooks.Http;
using StoreBooks.QuickBooks.Tests.Http;
using StoreBooks.QuickBooks.Tests.Support;
using Xunit;

namespace StoreBooks.QuickBooks.Tests.Logging;

/// <summary>Each call is logged with method, entity, status, QBO code, duration and intuit_tid, and no token ever is.</summary>
public sealed class CallLoggingTests(FakeClockEmulator emulator) : IClassFixture<FakeClockEmulator>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Logs_every_call_and_never_a_token()
    {
        var realm = await emulator.NewRealmAsync();
        var logs = new CapturingLoggerFactory();
        var frozen = new FakeTimeProvider(emulator.Clock.GetUtcNow());
        await using var connection = await QboTestConnection.CreateAsync(emulator, realm, time: frozen, logs: logs);
        var keeper = connection.CreateKeeper(frozen, TimeSpan.Zero, logs);
        using var client = connection.CreateClient(keeper, logs: logs);
        var tokensSeen = new List<string>();
        async Task RememberTokensAsync()
        {
            var stored = (await connection.Store.LoadAsync(connection.ConnectionKey, Ct))!.Tokens;
            tokensSeen.Add(stored.AccessToken);
            tokensSeen.Add(stored.RefreshToken);
        }

        await RememberTokensAsync();
        await client.GetCompanyInfoAsync(Ct);
        emulator.Clock.Advance(TimeSpan.FromMinutes(2));
        await client.GetCompanyInfoAsync(Ct);
        await RememberTokensAsync();
        await emulator.SetFaultsAsync(realm, new { failNext = 1 });
        await client.GetCompanyInfoAsync(Ct);
        await Assert.ThrowsAsync<QboNotFoundException>(() => client.Items.GetAsync("999999", Ct));

        var calls = logs.Entries.Where(e => e.Values.ContainsKey("IntuitTid")).ToList();
        Assert.Equal(6, calls.Count); // ok, 401 then ok, 500 then ok, 404-ish not found
        Assert.All(calls, c =>
        {
            Assert.False(string.IsNullOrEmpty(c.Values["Method"]));
            Assert.False(string.IsNullOrEmpty(c.Values["Entity"]));
            Assert.Matches(@"^\d{3}$", c.Values["Status"]!);
            Assert.True(double.Parse(c.Values["ElapsedMs"]!, System.Globalization.CultureInfo.InvariantCulture) >= 0);
            Assert.StartsWith("1-", c.Values["IntuitTid"]!, StringComparison.Ordinal);
        });
        Assert.Contains(calls, c => c.Values["Status"] == "401" && c.Values["QboCode"] == "3200");
        Assert.Contains(calls, c => c.Values["Status"] == "500" && c.Values["QboCode"] == "10000");
        Assert.Contains(calls, c => c.Values["Entity"] == "Item" && c.Values["QboCode"] is "610" or "2500" or "500");
        Assert.Contains(logs.Entries, e => e.Message.Contains("refreshed and saved", StringComparison.Ordinal));

        var everything = logs.AllText();
        Assert.Equal(4, tokensSeen.Distinct().Count());
        Assert.All(tokensSeen, token => Assert.DoesNotContain(token, everything, StringComparison.Ordinal));
        Assert.DoesNotContain("demo-secret", everything, StringComparison.Ordinal);
        Assert.DoesNotContain("Bearer", everything, StringComparison.Ordinal);
    }
}
