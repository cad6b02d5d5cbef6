using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using StoreBooks.Emulators;

namespace StoreBooks.Emulators.Tests.Stores;

/// <summary>Raw HttpClients for the store emulators (tests of the emulators must not use StoreBooks' own store clients).</summary>
public static class StoreHttp
{
    public static HttpClient Shopify(EmulatorServer server, string token = "demo-token")
    {
        var http = new HttpClient { BaseAddress = new Uri(server.BaseUrl, "admin/api/2025-07/") };
        http.DefaultRequestHeaders.Add("X-Shopify-Access-Token", token);
        return http;
    }

    /// <summary>
    /// WooCommerce for query-string keys, which WooCommerce takes over HTTPS only: the client says <c>X-Forwarded-Proto: https</c>
    /// as a TLS proxy on loopback would (the emulator trusts loopback by default). OAuth over plain HTTP is tested separately.
    /// </summary>
    public static HttpClient WooCommerce(EmulatorServer server)
    {
        var http = new HttpClient { BaseAddress = new Uri(server.BaseUrl, "wp-json/wc/v3/") };
        http.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        return http;
    }

    /// <summary>WooCommerce over plain HTTP (no forwarded scheme), where only OAuth 1.0a signs.</summary>
    public static HttpClient WooCommercePlainHttp(EmulatorServer server) => new() { BaseAddress = new Uri(server.BaseUrl, "wp-json/wc/v3/") };

    public static string WooKeys(string path) => path + (path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "consumer_key=ck_demo&consumer_secret=cs_demo";

    public static async Task<JsonNode> PostJsonAsync(this HttpClient http, string path, JsonNode? body, CancellationToken cancellationToken)
    {
        using var content = new StringContent(body?.ToJsonString() ?? "{}", Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri(path, UriKind.RelativeOrAbsolute), content, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return JsonNode.Parse(text.Length == 0 ? "{}" : text)!;
    }

    public static async Task<JsonNode> GetJsonAsync(this HttpClient http, string path, CancellationToken cancellationToken) =>
        JsonNode.Parse(await http.GetStringAsync(new Uri(path, UriKind.RelativeOrAbsolute), cancellationToken))!;

    public static async Task<JsonNode> AdminAsync(EmulatorServer server, string path, JsonNode? body, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = server.BaseUrl };
        return await http.PostJsonAsync(path, body, cancellationToken);
    }

    public static Task<HttpResponseMessage> PostAsJson(HttpClient http, string path, object body, CancellationToken cancellationToken) =>
        http.PostAsJsonAsync(new Uri(path, UriKind.Relative), body, cancellationToken);
}
