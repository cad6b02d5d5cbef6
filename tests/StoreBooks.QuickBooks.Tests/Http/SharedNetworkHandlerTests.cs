using StoreBooks.QuickBooks.Tests.Support;
using StoreBooks.Testing;
using Xunit;

namespace StoreBooks.QuickBooks.Tests.Http;

public sealed class SharedNetworkHandlerTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task Clients_sharing_a_network_handler_do_not_dispose_it_for_each_other()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var connection = await QboTestConnection.CreateAsync(emulator);
        using var network = new SocketsHttpHandler();
        QboClient Client() => new(new QboClientOptions
        {
            Environment = QboEnvironment.At(emulator.BaseUrl),
            RealmId = connection.RealmId,
            Tokens = connection.CreateKeeper(),
            Limits = connection.Limits,
            NetworkHandler = network,
        });

        using (var first = Client())
        {
            await first.GetCompanyInfoAsync(ct);
        }

        using var second = Client();
        var company = await second.GetCompanyInfoAsync(ct);

        Assert.False(string.IsNullOrEmpty(company.CompanyName));
    }
}
