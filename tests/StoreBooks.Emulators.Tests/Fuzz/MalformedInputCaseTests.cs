using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using StoreBooks.Testing;
using Xunit;

namespace StoreBooks.Emulators.Tests.Fuzz;

/// <summary>The malformed inputs known to have crashed the emulators, each answered with the platform's own error.</summary>
public sealed class MalformedInputCaseTests(FuzzEmulatorFixture emulator) : IClassFixture<FuzzEmulatorFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(HttpStatusCode Status, JsonNode? Body)> SendAsync(HttpClient http, HttpMethod method, string path, string? json, string? header = null, string? value = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(emulator.BaseUrl, path));
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        if (header is not null)
        {
            request.Headers.Add(header, value);
        }

        using var response = await http.SendAsync(request, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    [Fact]
    public async Task Qbo_lone_surrogate_in_a_name_is_the_invalid_string_fault()
    {
        using var http = emulator.CreateQboHttpClient();
        var (status, body) = await SendAsync(http, HttpMethod.Post, $"v3/company/{emulator.RealmId}/customer", """{"DisplayName":"\ud800"}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var error = body!["Fault"]!["Error"]![0]!;
        Assert.Equal("ValidationFault", body["Fault"]!["type"]!.GetValue<string>());
        Assert.Equal("2040", error["code"]!.GetValue<string>());
        Assert.Equal("Invalid String", error["Message"]!.GetValue<string>());
        Assert.Equal("DisplayName", error["element"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("1e400")]
    [InlineData("99999999999999999999999999999999")]
    public async Task Qbo_amount_beyond_decimal_is_a_validation_fault(string amount)
    {
        using var http = emulator.CreateQboHttpClient();
        var json = $$$"""{"CustomerRef":{"value":"1"},"Line":[{"Amount":{{{amount}}},"DetailType":"SalesItemLineDetail","SalesItemLineDetail":{"ItemRef":{"value":"1"} } } ] }""";
        var (status, body) = await SendAsync(http, HttpMethod.Post, $"v3/company/{emulator.RealmId}/salesreceipt", json);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("ValidationFault", body!["Fault"]!["type"]!.GetValue<string>());
        Assert.Equal("2010", body["Fault"]!["Error"]![0]!["code"]!.GetValue<string>());
        Assert.Contains("java.math.BigDecimal", body["Fault"]!["Error"]![0]!["Detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Shopify_query_nested_64_levels_is_a_graphql_depth_error()
    {
        using var http = new HttpClient();
        var query = new JsonObject { ["query"] = ShopifyFuzzRequests.DeepQuery(22) }.ToJsonString(); // 3 levels each: 64 and more in all
        var (status, body) = await SendAsync(http, HttpMethod.Post, "admin/api/2025-07/graphql.json", query, "X-Shopify-Access-Token", "demo-token");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Null(body!["data"]);
        var error = body["errors"]![0]!;
        Assert.Equal("MAX_DEPTH_EXCEEDED", error["extensions"]!["code"]!.GetValue<string>());
        Assert.StartsWith("Query has depth of 6", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotNull(body["extensions"]!["cost"]);
    }

    [Fact]
    public async Task Shopify_fragments_that_spread_each_other_are_an_error_not_a_hang()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var query = new JsonObject { ["query"] = "fragment A on Product { id ...B } fragment B on Product { ...A } { products(first: 1) { nodes { ...A } } }" }.ToJsonString();
        var (status, body) = await SendAsync(http, HttpMethod.Post, "admin/api/2025-07/graphql.json", query, "X-Shopify-Access-Token", "demo-token");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Fragment A contains an infinite loop", body!["errors"]![0]!["message"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("emulator/shopify/orders", """{"order":{"id":"not-a-number","line_items":[]}}""")]
    [InlineData("emulator/shopify/orders", """{"order":{"created_at":"yesterday-ish"}}""")]
    [InlineData("emulator/shopify/orders", """{"order":{"line_items":"one"}}""")]
    [InlineData("emulator/shopify/orders", """{"order":{"name":"\udc00"}}""")]
    [InlineData("emulator/shopify/orders", """{"order":{"note":"x"}""")]
    [InlineData("emulator/woocommerce/orders", """{"id":"not-a-number"}""")]
    [InlineData("emulator/woocommerce/orders", """{"line_items":{"a":1}}""")]
    [InlineData("emulator/woocommerce/orders", """{"date_created":"13/13/13"}""")]
    [InlineData("emulator/woocommerce/orders", """[1,2,3]""")]
    [InlineData("emulator/woocommerce/orders", """{"billing":{"email":"\ud800"}}""")]
    public async Task Malformed_seed_order_is_a_400_saying_what_is_wrong(string path, string json)
    {
        using var http = new HttpClient();
        var (status, body) = await SendAsync(http, HttpMethod.Post, path, json);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var message = (body!["errors"] ?? body["error"])!.GetValue<string>();
        Assert.False(string.IsNullOrWhiteSpace(message));
    }
}
