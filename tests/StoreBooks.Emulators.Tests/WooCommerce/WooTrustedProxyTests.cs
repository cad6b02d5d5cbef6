using System.Net;
using System.Text;
using StoreBooks.Emulators.Tests.Stores;
using StoreBooks.Emulators.WooCommerce;
using StoreBooks.Testing;
using Xunit;

namespace StoreBooks.Emulators.Tests.WooCommerce;

/// <summary>A WooCommerce emulator that trusts no proxy: <c>X-Forwarded-Proto: https</c> from loopback no longer makes a call HTTPS.</summary>
public sealed class UntrustingWooFixture : EmulatorFixture
{
    protected override EmulatorOptions CreateOptions() => new() { Port = 0, WooCommerce = new WooCommerceEmulatorOptions { TrustedProxies = [] } };
}

public sealed class WooTrustedProxyTests(UntrustingWooFixture emulator) : IClassFixture<UntrustingWooFixture>
{
    [Fact]
    public async Task A_forwarded_scheme_from_an_untrusted_peer_is_ignored()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = StoreHttp.WooCommerce(emulator.Server);
        using var request = new HttpRequestMessage(HttpMethod.Get, "orders");
        request.Headers.Authorization = new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("ck_demo:cs_demo")));
        using var basic = await http.SendAsync(request, ct);
        Assert.Equal(HttpStatusCode.Unauthorized, basic.StatusCode);

        using var keys = await http.GetAsync(new Uri(StoreHttp.WooKeys("orders"), UriKind.Relative), ct);
        Assert.Equal(HttpStatusCode.Unauthorized, keys.StatusCode);
        Assert.Contains("woocommerce_rest_cannot_view", await keys.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
    }
}
