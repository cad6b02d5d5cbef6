using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using StoreBooks.WooCommerce.Tests.Support;
using StoreBooks.WooCommerce.Webhooks;
using StoreBooks.Testing;
using Xunit;

namespace StoreBooks.WooCommerce.Tests.Webhooks;

/// <summary><see cref="WooCommerceWebhook.Verify"/>: good and bad signatures, and a delivery the emulator signed.</summary>
public sealed class WooCommerceWebhookTests(WooEmulatorFixture emulator) : IClassFixture<WooEmulatorFixture>
{
    [Fact]
    public void A_good_signature_verifies_and_anything_else_does_not()
    {
        var body = Encoding.UTF8.GetBytes("""{"id":727,"total":"29.35"}""");
        var signature = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes("s3cret"), body));

        Assert.True(WooCommerceWebhook.Verify(body, signature, "s3cret"));
        Assert.False(WooCommerceWebhook.Verify(body, signature, "S3cret"));
        Assert.False(WooCommerceWebhook.Verify(Encoding.UTF8.GetBytes("""{"id":727,"total":"29.36"}"""), signature, "s3cret"));
        Assert.False(WooCommerceWebhook.Verify(body, "%%%", "s3cret"));
        Assert.False(WooCommerceWebhook.Verify(body, null, "s3cret"));
    }

    [Fact]
    public async Task The_signature_the_emulator_sends_verifies_and_the_delivery_id_is_there_to_dedupe()
    {
        var ct = TestContext.Current.CancellationToken;
        using var receiver = new WebhookReceiver();
        using var http = new HttpClient { BaseAddress = new Uri(emulator.BaseUrl, "wp-json/wc/v3/") };
        http.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https"); // query keys count over HTTPS only, as behind a TLS proxy
        var created = await http.PostAsJsonAsync(new Uri("webhooks?consumer_key=ck_demo&consumer_secret=cs_demo", UriKind.Relative),
            new { name = "StoreBooks", topic = "order.updated", delivery_url = receiver.Url.ToString(), secret = "s3cret" }, ct);
        created.EnsureSuccessStatusCode();
        var (_, ping, _) = (await receiver.WaitForAsync(1))[0];
        Assert.StartsWith("webhook_id=", Encoding.UTF8.GetString(ping), StringComparison.Ordinal);

        await emulator.AdminAsync("orders/1000", new JsonObject { ["customer_note"] = "ring twice" }.ToJsonString(), ct);
        var (headers, body, _) = (await receiver.WaitForAsync(2))[1];

        Assert.True(WooCommerceWebhook.Verify(body, headers[WooCommerceWebhook.SignatureHeader], "s3cret"));
        Assert.False(WooCommerceWebhook.Verify(body, headers[WooCommerceWebhook.SignatureHeader], "another"));
        Assert.Equal("order.updated", headers[WooCommerceWebhook.TopicHeader]);
        Assert.False(string.IsNullOrEmpty(headers[WooCommerceWebhook.DeliveryIdHeader]));
        Assert.Equal("ring twice", (string?)JsonNode.Parse(body)!["customer_note"]);
    }
}
