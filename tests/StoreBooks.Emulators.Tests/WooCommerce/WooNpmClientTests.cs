using StoreBooks.Emulators.Tests.Stores;
using StoreBooks.Testing;
using Xunit;

namespace StoreBooks.Emulators.Tests.WooCommerce;

/// <summary>WooCommerce's own npm client (@woocommerce/woocommerce-rest-api 1.0.2) over http, signing with OAuth 1.0a.</summary>
public sealed class WooNpmClientTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task Official_client_signs_with_oauth_and_pages_with_wp_headers()
    {
        var result = await NodeScript.RunAsync("woocommerce.mjs", emulator.Server, TestContext.Current.CancellationToken);

        Assert.Equal(30, result["total"]!.GetValue<int>());
        Assert.Equal(30, result["orders"]!.GetValue<int>());
        Assert.Equal(3, result["pages"]!.GetValue<int>());
        Assert.Equal(30, result["modifiedAfterTotal"]!.GetValue<int>());
        Assert.Equal(12, result["products"]!.GetValue<int>());
        Assert.True(result["variations"]!.GetValue<int>() >= 2);
        Assert.Equal(401, result["wrongSecret"]!["status"]!.GetValue<int>());
        Assert.Equal("Invalid signature - provided signature does not match.", result["wrongSecret"]!["message"]!.GetValue<string>());
    }
}
