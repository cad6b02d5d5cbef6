using StoreBooks.Core.Webhooks;

namespace StoreBooks.WooCommerce.Webhooks;

/// <summary>
/// Checks a WooCommerce webhook delivery: <c>X-WC-Webhook-Signature</c> must be base64(HMAC-SHA256(webhook secret, raw body)),
/// compared in constant time on the raw bytes before any JSON is parsed. The creation ping (form body <c>webhook_id=N</c>) is
/// not signed; answer it 200. The id headers let a receiver drop redeliveries.
/// </summary>
public static class WooCommerceWebhook
{
    public const string SignatureHeader = "X-WC-Webhook-Signature";

    /// <summary>The topic (<c>order.updated</c>…): a refund arrives as <c>order.updated</c>, WooCommerce has no refund topic.</summary>
    public const string TopicHeader = "X-WC-Webhook-Topic";

    public const string ResourceHeader = "X-WC-Webhook-Resource";

    public const string EventHeader = "X-WC-Webhook-Event";

    public const string SourceHeader = "X-WC-Webhook-Source";

    /// <summary>The webhook (subscription) id.</summary>
    public const string WebhookIdHeader = "X-WC-Webhook-ID";

    /// <summary>Unique per delivery: the key to drop duplicates on.</summary>
    public const string DeliveryIdHeader = "X-WC-Webhook-Delivery-ID";

    /// <summary>True when <paramref name="signatureHeader"/> is the signature of <paramref name="rawBody"/> with <paramref name="secret"/>.</summary>
    public static bool Verify(ReadOnlySpan<byte> rawBody, string? signatureHeader, string secret) =>
        HmacSignature.IsValid(rawBody, signatureHeader, secret);
}
