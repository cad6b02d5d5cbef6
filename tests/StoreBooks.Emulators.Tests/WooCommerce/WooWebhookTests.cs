using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using StoreBooks.Emulators.Tests.Stores;
using StoreBooks.Testing;
using Xunit;

namespace StoreBooks.Emulators.Tests.WooCommerce;

/// <summary>Webhooks created through the REST API: the creation ping, then deliveries signed with the webhook's secret.</summary>
public sealed class WooWebhookTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task Created_webhook_is_pinged_then_order_updates_arrive_signed()
    {
        var ct = TestContext.Current.CancellationToken;
        using var receiver = new WebhookReceiver();
        using var http = StoreHttp.WooCommerce(emulator.Server);
        var webhook = await http.PostJsonAsync(StoreHttp.WooKeys("webhooks"),
            new JsonObject { ["name"] = "StoreBooks", ["topic"] = "order.updated", ["delivery_url"] = receiver.Url.ToString(), ["secret"] = "s3cret" }, ct);
        var id = webhook["id"]!.GetValue<long>();
        var ping = (await receiver.WaitForAsync(1))[0];
        Assert.Equal($"webhook_id={id}", ping.Text);
        Assert.StartsWith("application/x-www-form-urlencoded", ping.ContentType, StringComparison.Ordinal);

        await StoreHttp.AdminAsync(emulator.Server, "emulator/woocommerce/orders/1000", new JsonObject { ["customer_note"] = "leave at door" }, ct);
        var delivery = (await receiver.WaitForAsync(2))[1];
        var expected = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes("s3cret"), delivery.Body));
        Assert.Equal(expected, delivery.Headers["X-WC-Webhook-Signature"]);
        Assert.Equal("order.updated", delivery.Headers["X-WC-Webhook-Topic"]);
        Assert.Equal(id.ToString(System.Globalization.CultureInfo.InvariantCulture), delivery.Headers["X-WC-Webhook-ID"]);
        Assert.Contains("Hookshot", delivery.Headers["User-Agent"], StringComparison.Ordinal);
        Assert.Equal("leave at door", JsonNode.Parse(delivery.Text)!["customer_note"]!.GetValue<string>());
    }
}
