using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using StoreBooks.Emulators.Tests.Stores;
using StoreBooks.Testing;
using Xunit;

namespace StoreBooks.Emulators.Tests.Shopify;

/// <summary>Webhook subscriptions through the REST API; deliveries signed with the client secret, duplicated and reordered on demand.</summary>
public sealed class ShopifyWebhookTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    private static string Hmac(byte[] body) => Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes("demo-shopify-secret"), body));

    [Fact]
    public async Task Order_changes_are_delivered_signed_duplicated_and_out_of_order()
    {
        var ct = TestContext.Current.CancellationToken;
        using var receiver = new WebhookReceiver();
        using var http = StoreHttp.Shopify(emulator.Server);
        var created = await http.PostJsonAsync("webhooks.json", new JsonObject { ["webhook"] = new JsonObject { ["topic"] = "orders/updated", ["address"] = receiver.Url.ToString() } }, ct);
        Assert.Equal("orders/updated", created["webhook"]!["topic"]!.GetValue<string>());

        await StoreHttp.AdminAsync(emulator.Server, "emulator/shopify/orders/5800000000000", new JsonObject { ["note"] = "first" }, ct);
        var first = (await receiver.WaitForAsync(1))[0];
        Assert.Equal(Hmac(first.Body), first.Headers["X-Shopify-Hmac-Sha256"]);
        Assert.Equal("orders/updated", first.Headers["X-Shopify-Topic"]);
        Assert.Equal("emu-shop.myshopify.com", first.Headers["X-Shopify-Shop-Domain"]);
        Assert.Equal("2025-07", first.Headers["X-Shopify-API-Version"]);
        Assert.False(string.IsNullOrEmpty(first.Headers["X-Shopify-Event-Id"]));
        Assert.Equal("first", JsonNode.Parse(first.Text)!["note"]!.GetValue<string>());
        Assert.Null(JsonNode.Parse(first.Text)!["order"]);

        await StoreHttp.AdminAsync(emulator.Server, "emulator/shopify/webhooks/behaviour", new JsonObject { ["duplicateProbability"] = 1.0 }, ct);
        await StoreHttp.AdminAsync(emulator.Server, "emulator/shopify/orders/5800000000000", new JsonObject { ["note"] = "twice" }, ct);
        var twice = (await receiver.WaitForAsync(3)).Skip(1).ToList();
        Assert.Equal(2, twice.Count);
        Assert.Equal(twice[0].Headers["X-Shopify-Webhook-Id"], twice[1].Headers["X-Shopify-Webhook-Id"]);
        Assert.Equal(twice[0].Text, twice[1].Text);

        await StoreHttp.AdminAsync(emulator.Server, "emulator/shopify/webhooks/behaviour", new JsonObject { ["duplicateProbability"] = 0.0, ["reorderProbability"] = 1.0 }, ct);
        await StoreHttp.AdminAsync(emulator.Server, "emulator/shopify/orders/5800000000000", new JsonObject { ["note"] = "A" }, ct);
        await StoreHttp.AdminAsync(emulator.Server, "emulator/shopify/orders/5800000000000", new JsonObject { ["note"] = "B" }, ct);
        var reordered = (await receiver.WaitForAsync(5)).Skip(3).Select(w => JsonNode.Parse(w.Text)!["note"]!.GetValue<string>()).ToList();
        Assert.Equal(["B", "A"], reordered);
        await StoreHttp.AdminAsync(emulator.Server, "emulator/shopify/webhooks/behaviour", new JsonObject { ["reorderProbability"] = 0.0 }, ct);
    }
}
