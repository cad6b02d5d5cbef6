using StoreBooks.Hosting.Sources;
using StoreBooks.Dashboard.Tests.Support;
using Xunit;

namespace StoreBooks.Dashboard.Tests;

/// <summary>The test host's connected demo shop is a working connection: its store and its QuickBooks company answer.</summary>
public sealed class ConnectedShopTests
{
    [Fact]
    public async Task The_connected_demo_shop_reads_orders_and_its_QuickBooks_company_answers()
    {
        await using var host = await DashboardHost.StartAsync(emulators: true);
        var connection = await host.AddConnectedShopAsync();
        var ct = TestContext.Current.CancellationToken;

        var source = await new SourceFactory().CreateAsync(connection, host.State.Credentials, ct);
        var first = await source.ReadOrdersAsync(null, ct).FirstAsync(ct);
        await using var connections = new StoreBooks.Sync.Connections.QuickBooksConnections(host.State);
        using var qbo = await connections.ClientForAsync(connection, ct);
        var company = await qbo.GetCompanyInfoAsync(ct);

        Assert.NotEmpty(first.Records);
        Assert.False(string.IsNullOrWhiteSpace(company.CompanyName));
    }
}
