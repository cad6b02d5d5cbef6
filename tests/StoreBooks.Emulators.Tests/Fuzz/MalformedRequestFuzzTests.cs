using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using StoreBooks.Emulators.Qbo;
using StoreBooks.Emulators.Qbo.Traffic;
using StoreBooks.Emulators.Shopify;
using StoreBooks.Testing;
using Xunit;

namespace StoreBooks.Emulators.Tests.Fuzz;

/// <summary>An emulator with every rate limit out of the way, so malformed requests reach the code that reads them.</summary>
public sealed class FuzzEmulatorFixture : EmulatorFixture
{
    protected override EmulatorOptions CreateOptions() => new()
    {
        Port = 0,
        Qbo = new QboEmulatorOptions { Limits = new QboLimits { RequestsPerWindow = 0, MaxInFlight = 0, BatchesPerWindow = 0, BatchesPerWindowPerApp = 0 } },
        Shopify = new ShopifyEmulatorOptions { RestBucketSize = 1_000_000, RestLeakPerSecond = 1000, GraphQLMaximumAvailable = 100_000_000, GraphQLRestoreRate = 100_000 },
    };
}

/// <summary>
/// Thousands of malformed requests to each emulated API (random and truncated JSON, wrong types, numbers beyond decimal,
/// lone surrogates, deep nesting, odd query strings and headers): every answer is the platform's own error, never a 5xx,
/// and the store still lists its orders afterwards. No fault is injected, so no 5xx is expected at all.
/// </summary>
public sealed class MalformedRequestFuzzTests(FuzzEmulatorFixture emulator) : IClassFixture<FuzzEmulatorFixture>
{
    private const int RequestsPerApi = 1500;

    [Fact]
    public async Task Qbo_answers_faults_to_malformed_requests()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = emulator.CreateQboHttpClient();
        http.Timeout = TimeSpan.FromSeconds(10);
        var root = $"v3/company/{emulator.RealmId}/";
        var income = await SingleIdAsync(http, root, "select * from Account where AccountType = 'Income'", "Account", ct);
        var customer = await CreateAsync(http, root + "customer", """{"DisplayName":"Fuzz Base Customer"}""", "Customer", ct);
        var item = await CreateAsync(http, root + "item", $$$"""{"Name":"Fuzz Base Item","Type":"Service","IncomeAccountRef":{"value":"{{{income}}}"}}""", "Item", ct);
        var requests = new QboFuzzRequests(emulator.RealmId, customer, item);

        var failures = await FuzzRunner.RunAsync(http, emulator.BaseUrl, RequestsPerApi, requests.Next, ct);

        Assert.True(failures.Count == 0, FuzzRunner.Report("QuickBooks Online", RequestsPerApi, failures));
        using var after = await http.GetAsync(new Uri(root + "query?query=" + Uri.EscapeDataString("select * from Customer maxresults 1000"), UriKind.Relative), ct);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task Shopify_answers_its_errors_to_malformed_requests()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var shopify = emulator.Server.Shopify;
        using var orders = Shopify(HttpMethod.Get, "orders.json?status=any&limit=1");
        var orderId = (await SendJsonAsync(http, orders, ct))["orders"]![0]!["id"]!.GetValue<long>();
        using var products = Shopify(HttpMethod.Get, "products.json?limit=1");
        var productId = (await SendJsonAsync(http, products, ct))["products"]![0]!["id"]!.GetValue<long>();
        var requests = new ShopifyFuzzRequests(orderId, productId);

        var failures = await FuzzRunner.RunAsync(http, emulator.BaseUrl, RequestsPerApi, requests.Next, ct);

        Assert.True(failures.Count == 0, FuzzRunner.Report("Shopify", RequestsPerApi, failures));
        Assert.True(shopify.Faults.Current.FailNext is null or 0);
        using var list = Shopify(HttpMethod.Get, "orders.json?status=any&limit=250");
        Assert.NotEmpty((await SendJsonAsync(http, list, ct))["orders"]!.AsArray());
        using var graph = Shopify(HttpMethod.Post, "graphql.json");
        graph.Content = new StringContent("""{"query":"{ products(first: 50) { nodes { id title variants(first: 5) { nodes { id sku price } } } } }"}""", Encoding.UTF8, "application/json");
        var answer = await SendJsonAsync(http, graph, ct);
        Assert.True(answer["data"]?["products"]?["nodes"]?.AsArray().Count > 0, answer.ToJsonString());
    }

    [Fact]
    public async Task WooCommerce_answers_its_errors_to_malformed_requests()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        using var first = Woo("orders?per_page=1");
        var orderId = (await SendJsonAsync(http, first, ct))[0]!["id"]!.GetValue<long>();
        var requests = new WooFuzzRequests(orderId);

        var failures = await FuzzRunner.RunAsync(http, emulator.BaseUrl, RequestsPerApi, requests.Next, ct);

        Assert.True(failures.Count == 0, FuzzRunner.Report("WooCommerce", RequestsPerApi, failures));
        var pages = (emulator.Server.WooCommerce.Store.OrderCount + 99) / 100;
        for (var page = 1; page <= pages; page++)
        {
            using var list = Woo($"orders?per_page=100&page={page.ToString(CultureInfo.InvariantCulture)}");
            Assert.NotEmpty((await SendJsonAsync(http, list, ct)).AsArray());
        }

        using var products = Woo("products?per_page=100");
        await SendJsonAsync(http, products, ct);
    }

    private HttpRequestMessage Shopify(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, new Uri(emulator.BaseUrl, "admin/api/2025-07/" + path));
        request.Headers.Add("X-Shopify-Access-Token", "demo-token");
        return request;
    }

    private HttpRequestMessage Woo(string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(emulator.BaseUrl, "wp-json/wc/v3/" + path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("ck_demo:cs_demo")));
        request.Headers.Add("X-Forwarded-Proto", "https");
        return request;
    }

    private static async Task<JsonNode> SendJsonAsync(HttpClient http, HttpRequestMessage request, CancellationToken ct)
    {
        using var response = await http.SendAsync(request, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        Assert.True(response.IsSuccessStatusCode, $"{request.RequestUri}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    private static async Task<string> SingleIdAsync(HttpClient http, string root, string query, string entity, CancellationToken ct)
    {
        var answer = JsonNode.Parse(await http.GetStringAsync(new Uri(root + "query?query=" + Uri.EscapeDataString(query), UriKind.Relative), ct))!;
        return answer["QueryResponse"]![entity]![0]!["Id"]!.GetValue<string>();
    }

    private static async Task<string> CreateAsync(HttpClient http, string path, string json, string entity, CancellationToken ct)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri(path, UriKind.Relative), content, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonNode.Parse(text)![entity]!["Id"]!.GetValue<string>();
    }
}
