using StoreBooks.Core.Model;
using StoreBooks.Shopify.Tests.Support;
using Xunit;
using static StoreBooks.Shopify.Tests.Support.ShopifyFixtures;

namespace StoreBooks.Shopify.Tests.Fixtures;

/// <summary>Each fixture order loaded alone into the Shopify emulator and read back over HTTP equals the mapping of the file itself.</summary>
public sealed class ShopifyFixtureRoundTripTests(ShopifyEmulatorFixture emulator) : IClassFixture<ShopifyEmulatorFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(ShopifyFixtures.OrderFiles), MemberType = typeof(ShopifyFixtures))]
    public async Task Order_loaded_into_the_emulator_reads_back_as_the_file_maps(string file)
    {
        var expected = MapOrders(file);
        await emulator.LoadOnlyAsync(Ct, Text(file));
        var (source, _, _) = emulator.CreateSource(change: o => o with { OrdersApi = ShopifyOrdersApi.Rest });

        var listed = await ReadAllAsync(source.ReadOrdersAsync(null, Ct));
        var byId = await ReadAllAsync(source.GetOrdersAsync([.. expected.Select(o => o.SourceId), "999", "not-an-id"], Ct));

        Assert.Equal(ModelJson.Of(expected), ModelJson.Of(listed));
        Assert.Equal(ModelJson.Of(expected), ModelJson.Of(byId));
    }

    [Fact]
    public async Task Order_with_its_transactions_reads_back_with_the_payments_the_files_give()
    {
        var expected = MapOrders("order-get-partially-refunded.2025-07.json", "transactions-list.2025-07.json");
        await emulator.LoadOnlyAsync(Ct, Text("order-get-partially-refunded.2025-07.json"), Text("transactions-list.2025-07.json"));
        var (source, _, _) = emulator.CreateSource(change: o => o with { OrdersApi = ShopifyOrdersApi.Rest });

        var read = await ReadAllAsync(source.ReadOrdersAsync(null, Ct));

        Assert.Equal(ModelJson.Of(expected), ModelJson.Of(read));
        Assert.Equal(2, Assert.Single(read).Payments.Count);
    }

    internal static async Task<List<StoreOrder>> ReadAllAsync(IAsyncEnumerable<Core.Sources.SourcePage<StoreOrder>> pages)
    {
        var all = new List<StoreOrder>();
        await foreach (var page in pages)
        {
            Assert.Empty(page.Problems);
            all.AddRange(page.Records);
        }

        return all;
    }
}
