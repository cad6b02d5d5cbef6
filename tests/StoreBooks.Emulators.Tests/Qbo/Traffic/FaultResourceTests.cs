using System.Net;
using StoreBooks.Emulators.Qbo.Traffic;
using StoreBooks.Emulators.Tests.Qbo.OAuth;
using Xunit;

namespace StoreBooks.Emulators.Tests.Qbo.Traffic;

public sealed class FaultResourceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Faults_aimed_at_one_resource_spare_the_others_and_count_down_only_on_it()
    {
        await using var emulator = await PlatformEmulator.StartAsync();
        emulator.Qbo.Traffic.SetFaults(emulator.RealmId, new QboFaultSettings { FailNext = 1, Resource = "query" });
        var token = emulator.Qbo.OAuth.IssueTokens(emulator.RealmId).AccessToken;
        var query = $"v3/company/{emulator.RealmId}/query?minorversion=75&query={Uri.EscapeDataString("select * from Customer")}";

        using var other = await emulator.CallAsync(token, cancellationToken: Ct);
        var leftAfterOther = emulator.Qbo.Traffic.GetFaults(emulator.RealmId).FailNext;
        using var aimed = await emulator.Http.SendAsync(PlatformEmulator.V3(HttpMethod.Get, query, token), Ct);
        using var again = await emulator.Http.SendAsync(PlatformEmulator.V3(HttpMethod.Get, query, token), Ct);

        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.Equal(1, leftAfterOther);
        Assert.Equal(HttpStatusCode.InternalServerError, aimed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(1, emulator.Qbo.Traffic.GetCounters(emulator.RealmId).InjectedFailures);
    }
}
