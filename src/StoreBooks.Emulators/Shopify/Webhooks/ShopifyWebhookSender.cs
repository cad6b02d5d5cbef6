using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using StoreBooks.Emulators.Stores;

namespace StoreBooks.Emulators.Shopify.Webhooks;

/// <summary>
/// Delivers Shopify webhooks to the subscriptions registered through <c>webhooks.json</c>: the bare resource as the body,
/// <c>X-Shopify-Hmac-Sha256</c> = base64(HMAC-SHA256(client secret, raw body)), and Shopify's topic, shop, version, webhook id,
/// event id and triggered-at headers. Duplicates and redeliveries keep the same webhook and event ids.
/// </summary>
public sealed class ShopifyWebhookSender : IAsyncDisposable
{
    /// <summary>Topics the emulator accepts in a subscription.</summary>
    public static readonly IReadOnlySet<string> Topics = new HashSet<string>(StringComparer.Ordinal)
    {
        "orders/create", "orders/updated", "orders/paid", "orders/cancelled", "orders/fulfilled", "orders/delete",
        "refunds/create", "products/create", "products/update", "products/delete", "inventory_levels/update",
        "inventory_items/update", "customers/create", "customers/update", "customers/delete", "app/uninstalled",
    };

    private readonly ShopifyEmulator _shopify;

    internal ShopifyWebhookSender(ShopifyEmulator shopify)
    {
        _shopify = shopify;
        var options = shopify.Options;
        Dispatcher = new WebhookDispatcher(
            new WebhookBehaviour { MaxAttempts = options.WebhookMaxAttempts, RetryDelay = options.WebhookRetryDelay, Seed = options.WebhookSeed },
            shopify.Time)
        {
            DuplicateProbability = options.WebhookDuplicateProbability,
            ReorderProbability = options.WebhookReorderProbability,
        };
    }

    /// <summary>The background deliverer: attempts so far, duplicate and reorder chances.</summary>
    public WebhookDispatcher Dispatcher { get; }

    /// <summary>Signs a body the way Shopify does (exposed so tests can check deliveries).</summary>
    public static string Sign(byte[] body, string secret) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    /// <summary>Queues <paramref name="payload"/> for every subscription to <paramref name="topic"/>; returns how many.</summary>
    public int Publish(string topic, JsonObject payload)
    {
        List<JsonObject> subscriptions;
        lock (_shopify.Shop.Gate)
        {
            subscriptions = [.. _shopify.Shop.Webhooks.Values.Where(w => StoreJson.String(w["topic"]) == topic)];
        }

        var body = StoreJson.Utf8(payload);
        var signature = Sign(body, _shopify.Options.ClientSecret);
        var eventId = Guid.NewGuid().ToString();
        var triggeredAt = _shopify.Time.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var sent = 0;
        foreach (var subscription in subscriptions)
        {
            if (!Uri.TryCreate(StoreJson.String(subscription["address"]), UriKind.Absolute, out var address))
            {
                continue;
            }

            var webhookId = Guid.NewGuid().ToString();
            var version = StoreJson.String(subscription["api_version"]) is { Length: > 0 } v ? v : "2025-07";
            var headers = new List<KeyValuePair<string, string>>
            {
                new("X-Shopify-Topic", topic),
                new("X-Shopify-Hmac-Sha256", signature),
                new("X-Shopify-Shop-Domain", _shopify.Options.ShopDomain),
                new("X-Shopify-API-Version", version),
                new("X-Shopify-Webhook-Id", webhookId),
                new("X-Shopify-Event-Id", eventId),
                new("X-Shopify-Triggered-At", triggeredAt),
                new("X-Shopify-Test", (StoreJson.Bool(payload["test"]) ?? false) ? "true" : "false"),
            };
            if (topic.StartsWith("orders/", StringComparison.Ordinal) && StoreJson.Long(payload["id"]) is { } orderId)
            {
                headers.Add(new("X-Shopify-Order-Id", orderId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }

            Dispatcher.Enqueue(new WebhookMessage(address, topic, webhookId, body, "application/json", headers));
            sent++;
        }

        return sent;
    }

    public ValueTask DisposeAsync() => Dispatcher.DisposeAsync();
}
