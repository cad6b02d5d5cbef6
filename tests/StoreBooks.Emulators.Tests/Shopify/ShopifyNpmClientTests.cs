using StoreBooks.Emulators.Tests.Stores;
using StoreBooks.Testing;
using Xunit;

namespace StoreBooks.Emulators.Tests.Shopify;

/// <summary>Shopify's own npm clients (@shopify/admin-api-client 2.0.0, shopify-api-node 3.15.0) read the emulator end to end.</summary>
public sealed class ShopifyNpmClientTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task Official_and_community_clients_page_orders_and_products()
    {
        var result = await NodeScript.RunAsync("shopify.mjs", emulator.Server, TestContext.Current.CancellationToken);

        Assert.Equal(30, result["restOrders"]!.GetValue<int>());
        Assert.Equal(3, result["restPages"]!.GetValue<int>());
        Assert.Matches("^\\d+/40$", result["callLimit"]!.GetValue<string>());
        Assert.Equal(12, result["graphqlProducts"]!.GetValue<int>());
        Assert.Equal(20, result["graphqlSkus"]!.GetValue<int>());
        Assert.Equal(2000, result["throttleStatus"]!["maximumAvailable"]!.GetValue<double>());
        Assert.Contains("notAField", result["unknownFieldError"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(30, result["nodeOrders"]!.GetValue<int>());
        Assert.Equal(40, result["nodeCallLimits"]!["max"]!.GetValue<int>());
        Assert.Equal(30, result["nodeCount"]!.GetValue<int>());
        Assert.Equal("HB-250", result["nodeGraphqlSku"]!.GetValue<string>());
    }
}
