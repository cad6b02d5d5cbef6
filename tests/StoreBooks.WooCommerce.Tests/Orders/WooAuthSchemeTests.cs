using System.Net;
using System.Text;
using StoreBooks.WooCommerce.Http;
using StoreBooks.WooCommerce.Tests.Fixtures;
using StoreBooks.WooCommerce.Tests.Support;
using Xunit;

namespace StoreBooks.WooCommerce.Tests.Orders;

/// <summary>
/// How StoreBooks presents the key: OAuth 1.0a signatures on an http:// site (WooCommerce ignores Basic there, and so does the
/// emulator), HTTP Basic on an https:// site. The https site is the emulator behind <see cref="TlsProxy"/>, which stands in for
/// a TLS-terminating proxy: it forwards to the emulator's plain-HTTP port with <c>X-Forwarded-Proto: https</c>.
/// </summary>
public sealed class WooAuthSchemeTests(WooEmulatorFixture emulator) : IClassFixture<WooEmulatorFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_http_site_is_read_with_oauth_signatures_and_no_basic_header()
    {
        using var proxy = new TlsProxy(emulator.BaseUrl, forwardHttps: false);
        var source = new WooCommerceSource(Options(emulator.BaseUrl), new HttpClient(proxy));

        var orders = await WooFixtureRoundTripTests.ReadAllAsync(source.ReadOrdersAsync(null, Ct));

        Assert.Equal(emulator.Server.WooCommerce.Store.OrderCount, orders.Count);
        Assert.All(proxy.Seen, s => Assert.Null(s.Authorization));
        Assert.All(proxy.Seen, s => Assert.Contains("oauth_signature=", s.Url.Query, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_https_site_is_read_with_basic_auth_and_no_signature()
    {
        var site = new UriBuilder(emulator.BaseUrl) { Scheme = Uri.UriSchemeHttps }.Uri;
        using var proxy = new TlsProxy(emulator.BaseUrl, forwardHttps: true);
        var source = new WooCommerceSource(Options(site), new HttpClient(proxy));

        var orders = await WooFixtureRoundTripTests.ReadAllAsync(source.ReadOrdersAsync(null, Ct));

        Assert.Equal(emulator.Server.WooCommerce.Store.OrderCount, orders.Count);
        var basic = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("ck_demo:cs_demo"));
        Assert.All(proxy.Seen, s => Assert.Equal(basic, s.Authorization));
        Assert.All(proxy.Seen, s => Assert.DoesNotContain("oauth_", s.Url.Query, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Basic_auth_that_reaches_the_site_over_plain_http_is_refused()
    {
        // The https:// site's Basic credentials arriving without the proxy's X-Forwarded-Proto: WooCommerce ignores them.
        var site = new UriBuilder(emulator.BaseUrl) { Scheme = Uri.UriSchemeHttps }.Uri;
        using var proxy = new TlsProxy(emulator.BaseUrl, forwardHttps: false);
        var source = new WooCommerceSource(Options(site), new HttpClient(proxy));

        var error = await Assert.ThrowsAsync<WooCommerceAccessDeniedException>(() => source.CheckAsync(Ct));

        Assert.Equal(HttpStatusCode.Unauthorized, error.Status);
        Assert.Equal("woocommerce_rest_cannot_view", error.Code);
    }

    private static WooCommerceSourceOptions Options(Uri site) =>
        new() { SiteUrl = site, ConsumerKey = "ck_demo", ConsumerSecret = "cs_demo", RetryDelay = TimeSpan.FromMilliseconds(5) };

    /// <summary>Forwards every request to the emulator over plain HTTP, saying <c>X-Forwarded-Proto: https</c> when asked; records what it saw.</summary>
    private sealed class TlsProxy(Uri emulator, bool forwardHttps) : DelegatingHandler(new SocketsHttpHandler())
    {
        public List<(Uri Url, string? Authorization)> Seen { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var original = request.RequestUri!;
            lock (Seen)
            {
                Seen.Add((original, request.Headers.Authorization?.ToString()));
            }

            request.RequestUri = new UriBuilder(original) { Scheme = Uri.UriSchemeHttp, Port = emulator.Port }.Uri;
            if (forwardHttps)
            {
                request.Headers.Add("X-Forwarded-Proto", "https");
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
