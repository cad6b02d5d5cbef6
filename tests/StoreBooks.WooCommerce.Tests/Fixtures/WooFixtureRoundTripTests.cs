using System.Text.Json.Nodes;
using StoreBooks.Core.Model;
using StoreBooks.Core.Sources;
using StoreBooks.WooCommerce.Tests.Support;
using Xunit;
using static StoreBooks.WooCommerce.Tests.Support.WooFixtures;

namespace StoreBooks.WooCommerce.Tests.Fixtures;

/// <summary>Fixture orders and products loaded into the WooCommerce emulator and read back over OAuth 1.0a equal the mapping of the files.</summary>
public sealed class WooFixtureRoundTripTests(WooEmulatorFixture emulator) : IClassFixture<WooEmulatorFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    internal static async Task<List<T>> ReadAllAsync<T>(IAsyncEnumerable<SourcePage<T>> pages)
    {
        var all = new List<T>();
        await foreach (var page in pages)
        {
            Assert.Empty(page.Problems);
            all.AddRange(page.Records);
        }

        return all;
    }

    [Theory]
    [MemberData(nameof(OrderFiles), MemberType = typeof(WooFixtures))]
    public async Task Order_loaded_into_the_emulator_reads_back_as_the_file_maps(string file)
    {
        var expected = MapOrders(file).OrderBy(o => long.Parse(o.SourceId, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        await emulator.LoadOnlyAsync(Ct, Text(file));
        var (source, _) = emulator.CreateSource();

        var listed = await ReadAllAsync(source.ReadOrdersAsync(null, Ct));
        var byId = await ReadAllAsync(source.GetOrdersAsync([.. expected.Select(o => o.SourceId), "5", "x"], Ct));

        Assert.Equal(ModelJson.Of(expected), ModelJson.Of(listed));
        Assert.Equal(ModelJson.Of(expected), ModelJson.Of(byId));
    }

    [Theory]
    [InlineData("orders-list.docs-v3.json", "order-refunds-list.docs-v3.json")]
    [InlineData("orders-list-wc7.1-coupon-refund.airbyte-store.json", "order-refunds-list-wc7.1.airbyte-store.json")]
    public async Task Orders_with_their_refunds_read_back_with_the_refunds_the_files_give(string orders, string refunds)
    {
        var expected = MapOrders(orders, refunds).OrderBy(o => long.Parse(o.SourceId, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        await emulator.LoadOnlyAsync(Ct, Text(orders), Text(refunds));
        var (source, counter) = emulator.CreateSource();

        var read = await ReadAllAsync(source.ReadOrdersAsync(null, Ct));

        Assert.Equal(ModelJson.Of(expected), ModelJson.Of(read));
        Assert.NotEmpty(read.SelectMany(o => o.Refunds));
        Assert.Equal(1 + expected.Count(o => o.Refunds.Count > 0), counter.Requests);
    }

    public static TheoryData<string[]> ProductFiles() => new(
        ["products-list.docs-v3.json"],
        ["product-get-simple.docs-v3.json"],
        ["product-create-variable.docs-v3.json"],
        ["products-list.wc-ios.json"],
        ["products-list-simple-and-variable-wc7.1.airbyte-store.json", "product-variation-get-wc7.1.airbyte-store.json"],
        ["product-variations-list.docs-v3.json"],
        ["product-variations-list.wc-ios.json"]);

    [Theory]
    [MemberData(nameof(ProductFiles))]
    public async Task Products_loaded_into_the_emulator_read_back_as_the_files_map(string[] files)
    {
        // Variation lists whose parent is not among the fixtures get a plain variable parent, so that they can be read.
        var parents = files.SelectMany(Objects).Where(o => !o.ContainsKey("type"))
            .Select(v => ((string)v["_links"]!["up"]![0]!["href"]!).Split('/')[^1]).Distinct()
            .Where(id => !files.SelectMany(Objects).Any(o => o.ContainsKey("type") && o["id"]!.ToJsonString() == id))
            .Select(id => new JsonObject { ["id"] = long.Parse(id, System.Globalization.CultureInfo.InvariantCulture), ["name"] = $"Parent {id}", ["type"] = "variable", ["status"] = "publish", ["manage_stock"] = true, ["regular_price"] = "", ["variations"] = new JsonArray() }.ToJsonString())
            .ToList();
        var documents = parents.Concat(files.Select(Text)).ToArray();
        await emulator.LoadOnlyAsync(Ct, documents);
        var (source, _) = emulator.CreateSource();
        var expected = MapDocuments(documents);

        var read = await ReadAllAsync(source.ReadProductsAsync(null, Ct));

        // A variable product whose variations are not among the files sells nothing: both sides are then empty.
        Assert.Equal(files is ["product-create-variable.docs-v3.json"], read.Count == 0);
        Assert.Equal(ModelJson.Of(expected.OrderBy(p => p.ProductId).ThenBy(p => p.SourceId)), ModelJson.Of(read.OrderBy(p => p.ProductId).ThenBy(p => p.SourceId)));
    }
}
