using StoreBooks.Core.Webhooks;

namespace StoreBooks.Shopify.Webhooks;

/// <summary>
/// Checks a Shopify webhook delivery: <c>X-Shopify-Hmac-Sha256</c> must be base64(HMAC-SHA256(app client secret, raw body)),
/// compared in constant time on the raw bytes before any JSON is parsed. The id headers let a receiver drop redeliveries.
/// </summary>
public static class ShopifyWebhook
{
    /// <summary>The signature header.</summary>
    public const string SignatureHeader = "X-Shopify-Hmac-Sha256";

    /// <summary>The topic (<c>orders/updated</c>, <c>refunds/create</c>…).</summary>
    public const string TopicHeader = "X-Shopify-Topic";

    public const string ShopDomainHeader = "X-Shopify-Shop-Domain";

    /// <summary>Unique per delivery and kept on redeliveries: the key to drop duplicates on.</summary>
    public const string WebhookIdHeader = "X-Shopify-Webhook-Id";

    /// <summary>Unique per event; several subscriptions to one event share it.</summary>
    public const string EventIdHeader = "X-Shopify-Event-Id";

    public const string TriggeredAtHeader = "X-Shopify-Triggered-At";

    public const string ApiVersionHeader = "X-Shopify-API-Version";

    /// <summary>True when <paramref name="signatureHeader"/> is the signature of <paramref name="rawBody"/> with <paramref name="secret"/>.</summary>
    public static bool Verify(ReadOnlySpan<byte> rawBody, string? signatureHeader, string secret) =>
        HmacSignature.IsValid(rawBody, signatureHeader, secret);
}
