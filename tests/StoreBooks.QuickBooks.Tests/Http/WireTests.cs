using System.Web;
using StoreBooks.QuickBooks.Customers;
using StoreBooks.QuickBooks.Tests.Support;
using StoreBooks.Testing;
using Xunit;

namespace StoreBooks.QuickBooks.Tests.Http;

/// <summary>What actually goes on the wire: minorversion on every call, requestid on writes only, the same one on a retry.</summary>
public sealed class WireTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task Every_call_carries_minorversion_75_and_a_retried_write_reuses_its_requestid()
    {
        var ct = TestContext.Current.CancellationToken;
        var realm = await emulator.NewRealmAsync();
        await using var connection = await QboTestConnection.CreateAsync(emulator, realm);
        using var wire = new RecordingHandler();
        using var client = new QboClient(new QboClientOptions
        {
            Environment = QboEnvironment.At(emulator.BaseUrl),
            RealmId = realm,
            Tokens = connection.CreateKeeper(),
            Limits = connection.Limits,
            Retry = QboTestConnection.FastRetry,
            NetworkHandler = wire,
        });

        await client.GetCompanyInfoAsync(ct);
        await emulator.SetFaultsAsync(realm, new { dropNext = 1 });
        var created = await client.Customers.CreateAsync(new Customer { DisplayName = "Wire Customer" }, QboRequestOptions.WithRequestId("wire-create-1"), ct);
        var found = await client.Customers.FindByDisplayNameAsync("Wire Customer", ct);

        var sent = wire.Sent.ToList();
        Assert.All(sent, s => Assert.Equal("75", HttpUtility.ParseQueryString(s.Url.Query)["minorversion"]));
        var writes = sent.Where(s => s.Url.AbsolutePath.EndsWith("/customer", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, writes.Count);
        Assert.All(writes, w => Assert.Equal("wire-create-1", HttpUtility.ParseQueryString(w.Url.Query)["requestid"]));
        Assert.All(sent.Except(writes), r => Assert.Null(HttpUtility.ParseQueryString(r.Url.Query)["requestid"]));
        Assert.Contains(sent, s => s.Method == HttpMethod.Post && s.Url.AbsolutePath.EndsWith("/query", StringComparison.Ordinal));
        Assert.Equal(created.Id, found!.Id);
    }
}
