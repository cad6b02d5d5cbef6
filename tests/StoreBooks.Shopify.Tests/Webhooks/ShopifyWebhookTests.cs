using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using StoreBooks.Shopify.Tests.Support;
using StoreBooks.Shopify.Webhooks;
using StoreBooks.Testing;
using Xunit;

namespace StoreBooks.Shopify.Tests.Webhooks;

/// <summary><see cref="ShopifyWebhook.Verify"/>: good and bad signatures, and a delivery the emulator signed.</summary>
public sealed class ShopifyWebhookTests(ShopifyEmulatorFixture emulator) : IClassFixture<ShopifyEmulatorFixture>
{
    private const string Secret = "demo-shopify-secret";

    private static string Sign(byte[] body, string secret) => Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    [Fact]
    public void A_good_signature_verifies_and_anything_else_does_not()
    {
        var body = Encoding.UTF8.GetBytes("""{"id":820982911946154508,"total_price":"10.00"}""");
        var signature = Sign(body, Secret);

        Assert.True(ShopifyWebhook.Verify(body, signature, Secret));
        Assert.False(ShopifyWebhook.Verify(body, signature, "another-secret"));
        Assert.False(ShopifyWebhook.Verify(Encoding.UTF8.GetBytes("""{"id":820982911946154508,"total_price":"10.01"}"""), signature, Secret));
        Assert.False(ShopifyWebhook.Verify(body, signature[..^4] + "AAA=", Secret));
        Assert.False(ShopifyWebhook.Verify(body, "not base64!", Secret));
        Assert.False(ShopifyWebhook.Verify(body, Convert.ToBase64String(new byte[100]), Secret));
        Assert.False(ShopifyWebhook.Verify(body, null, Secret));
        Assert.False(ShopifyWebhook.Verify(body, "", Secret));
    }

    [Fact]
    public async Task The_signature_the_emulator_sends_verifies_on_the_raw_body_and_the_ids_are_there_to_dedupe()
    {
        var ct = TestContext.Current.CancellationToken;
        using var receiver = new WebhookReceiver();
        using var http = new HttpClient { BaseAddress = new Uri(emulator.BaseUrl, "admin/api/2025-07/") };
        http.DefaultRequestHeaders.Add("X-Shopify-Access-Token", "demo-token");
        var subscription = new { webhook = new { topic = "orders/updated", address = receiver.Url.ToString(), format = "json" } };
        (await http.PostAsJsonAsync(new Uri("webhooks.json", UriKind.Relative), subscription, ct)).EnsureSuccessStatusCode();
        var order = (await emulator.RawGetAsync("orders.json?status=any&limit=1", ct))["orders"]![0]!;

        await emulator.AdminAsync($"orders/{order["id"]}", new JsonObject { ["note"] = "gift wrap, please" }.ToJsonString(), ct);
        var (headers, body, _) = (await receiver.WaitForAsync(1))[0];

        Assert.True(ShopifyWebhook.Verify(body, headers[ShopifyWebhook.SignatureHeader], Secret));
        Assert.False(ShopifyWebhook.Verify(body, headers[ShopifyWebhook.SignatureHeader], "wrong-secret"));
        Assert.Equal("orders/updated", headers[ShopifyWebhook.TopicHeader]);
        Assert.False(string.IsNullOrEmpty(headers[ShopifyWebhook.WebhookIdHeader]));
        Assert.False(string.IsNullOrEmpty(headers[ShopifyWebhook.EventIdHeader]));
        Assert.Equal("gift wrap, please", (string?)JsonNode.Parse(body)!["note"]);
    }
}
