using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using StoreBooks.Emulators.Tests.Stores;
using StoreBooks.Testing;
using Xunit;

namespace StoreBooks.Emulators.Tests.WooCommerce;

/// <summary>
/// OAuth 1.0a over plain HTTP (good, bad, replayed nonce, stale timestamp); Basic and query keys only over HTTPS (a trusted
/// proxy's <c>X-Forwarded-Proto</c>) and ignored over plain HTTP; key permissions; paging limits.
/// </summary>
public sealed class WooAuthTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    /// <summary>Signs as WooCommerce checks (written here from the algorithm, independently of the emulator's code).</summary>
    private string Signed(string path, long timestamp, string nonce, string secret = "cs_demo")
    {
        var url = new Uri(emulator.BaseUrl, "wp-json/wc/v3/" + path);
        var parameters = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["oauth_consumer_key"] = "ck_demo",
            ["oauth_nonce"] = nonce,
            ["oauth_signature_method"] = "HMAC-SHA1",
            ["oauth_timestamp"] = timestamp.ToString(CultureInfo.InvariantCulture),
            ["per_page"] = "5",
        };
        static string E(string s) => Uri.EscapeDataString(s);
        var joined = string.Join("%26", parameters.Select(p => E($"{E(p.Key)}={E(p.Value)}")));
        var baseString = $"GET&{E(url.GetLeftPart(UriPartial.Path))}&{joined}";
        var signature = Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(secret + "&"), Encoding.UTF8.GetBytes(baseString)));
        return $"{path}?{string.Join("&", parameters.Select(p => $"{p.Key}={E(p.Value)}"))}&oauth_signature={E(signature)}";
    }

    private static async Task<(HttpStatusCode, JsonNode?)> Get(HttpClient http, string path, CancellationToken ct)
    {
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative), ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        return (response.StatusCode, JsonNode.Parse(text));
    }

    [Fact]
    public async Task Oauth_signature_is_checked_with_nonce_and_timestamp()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = StoreHttp.WooCommercePlainHttp(emulator.Server);
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        var good = Signed("orders", now, "nonce-a");
        var (status, body) = await Get(http, good, ct);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(5, body!.AsArray().Count);

        (status, body) = await Get(http, good, ct);
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("Invalid nonce - nonce has already been used.", body!["message"]!.GetValue<string>());

        (status, body) = await Get(http, Signed("orders", now, "nonce-b", secret: "wrong"), ct);
        Assert.Equal("Invalid signature - provided signature does not match.", body!["message"]!.GetValue<string>());

        (status, body) = await Get(http, Signed("orders", now - 1200, "nonce-c"), ct);
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("Invalid timestamp.", body!["message"]!.GetValue<string>());

        (status, body) = await Get(http, "orders?oauth_consumer_key=ck_demo&oauth_nonce=x", ct);
        Assert.Equal("woocommerce_rest_authentication_missing_parameter", body!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Basic_auth_errors_and_key_permissions()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = StoreHttp.WooCommerce(emulator.Server);
        using var request = new HttpRequestMessage(HttpMethod.Get, "orders");
        request.Headers.Authorization = new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("ck_demo:nope")));
        using var basic = await http.SendAsync(request, ct);
        Assert.Equal(HttpStatusCode.Unauthorized, basic.StatusCode);
        Assert.Contains("Consumer secret is invalid.", await basic.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        Assert.StartsWith("Basic realm=\"WooCommerce API.", basic.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);

        var (status, body) = await Get(http, "orders", ct);
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("woocommerce_rest_cannot_view", body!["code"]!.GetValue<string>());

        (status, body) = await Get(http, StoreHttp.WooKeys("orders?per_page=101"), ct);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("rest_invalid_param", body!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Basic_and_query_keys_over_plain_http_are_ignored_as_woocommerce_ignores_them()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = StoreHttp.WooCommercePlainHttp(emulator.Server);
        using var request = new HttpRequestMessage(HttpMethod.Get, "orders");
        request.Headers.Authorization = new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("ck_demo:cs_demo")));
        using var basic = await http.SendAsync(request, ct);
        Assert.Equal(HttpStatusCode.Unauthorized, basic.StatusCode);
        Assert.Equal("woocommerce_rest_cannot_view", JsonNode.Parse(await basic.Content.ReadAsStringAsync(ct))!["code"]!.GetValue<string>());
        Assert.Empty(basic.Headers.WwwAuthenticate);

        var (status, body) = await Get(http, StoreHttp.WooKeys("orders"), ct);
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("woocommerce_rest_cannot_view", body!["code"]!.GetValue<string>());

        // The nearest proxy's word counts: "https, http" means the hop into the emulator was plain HTTP.
        using var chained = new HttpRequestMessage(HttpMethod.Get, StoreHttp.WooKeys("orders"));
        chained.Headers.Add("X-Forwarded-Proto", "https, http");
        using var chainedAnswer = await http.SendAsync(chained, ct);
        Assert.Equal(HttpStatusCode.Unauthorized, chainedAnswer.StatusCode);
    }

    [Fact]
    public async Task Basic_and_query_keys_behind_a_trusted_tls_proxy_are_accepted()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = StoreHttp.WooCommercePlainHttp(emulator.Server);
        using var request = new HttpRequestMessage(HttpMethod.Get, "orders?per_page=2");
        request.Headers.Authorization = new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("ck_demo:cs_demo")));
        request.Headers.Add("X-Forwarded-Proto", "https");
        using var basic = await http.SendAsync(request, ct);
        Assert.Equal(HttpStatusCode.OK, basic.StatusCode);
        Assert.Equal(2, JsonNode.Parse(await basic.Content.ReadAsStringAsync(ct))!.AsArray().Count);

        using var keys = StoreHttp.WooCommerce(emulator.Server);
        var (status, _) = await Get(keys, StoreHttp.WooKeys("orders?per_page=1"), ct);
        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact]
    public async Task Demo_orders_add_up_and_refunds_are_negative_children()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = StoreHttp.WooCommerce(emulator.Server);
        var orders = (await http.GetJsonAsync(StoreHttp.WooKeys("orders?per_page=100"), ct)).AsArray();
        Assert.Equal(30, orders.Count);
        static decimal D(JsonNode? n) => decimal.Parse(n!.GetValue<string>(), CultureInfo.InvariantCulture);
        foreach (var order in orders)
        {
            var sum = order!["line_items"]!.AsArray().Sum(l => D(l!["total"])) + D(order["shipping_total"])
                + order["fee_lines"]!.AsArray().Sum(f => D(f!["total"])) + D(order["total_tax"]);
            Assert.Equal(D(order["total"]), sum);
            Assert.DoesNotContain("+", order["date_created"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.NotNull(order["date_created_gmt"]);
        }

        var refunded = orders.First(o => o!["refunds"]!.AsArray().Count > 0 && o["status"]!.GetValue<string>() != "refunded")!;
        var refunds = (await http.GetJsonAsync(StoreHttp.WooKeys($"orders/{refunded["id"]}/refunds"), ct)).AsArray();
        Assert.True(D(refunds[0]!["amount"]) > 0);
        Assert.All(refunds[0]!["line_items"]!.AsArray(), l => Assert.True(l!["quantity"]!.GetValue<long>() < 0));
        Assert.Equal(-D(refunds[0]!["amount"]), D(refunded["refunds"]![0]!["total"]));

        var variations = (await http.GetJsonAsync(StoreHttp.WooKeys("products/100/variations"), ct)).AsArray();
        Assert.All(variations, v => Assert.Equal("parent", v!["manage_stock"]!.GetValue<string>()));
        Assert.Equal("", (await http.GetJsonAsync(StoreHttp.WooKeys("products/130"), ct))["price"]!.GetValue<string>());
    }
}
