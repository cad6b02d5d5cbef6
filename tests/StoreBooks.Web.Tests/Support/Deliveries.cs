using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace StoreBooks.Web.Tests.Support;

/// <summary>Webhook requests as Shopify, WooCommerce and QuickBooks send them, signed (or not) with a given key.</summary>
public static class Deliveries
{
    public static string Sign(byte[] body, string key) => Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), body));

    public static HttpRequestMessage Shopify(string connection, string body, string? signature, string eventId, string topic = "orders/updated")
    {
        var request = Json($"webhooks/shopify/{connection}", body);
        Add(request, "X-Shopify-Hmac-Sha256", signature);
        request.Headers.Add("X-Shopify-Topic", topic);
        request.Headers.Add("X-Shopify-Event-Id", eventId);
        request.Headers.Add("X-Shopify-Webhook-Id", Guid.NewGuid().ToString());
        request.Headers.Add("X-Shopify-Shop-Domain", "emu-shop.myshopify.com");
        return request;
    }

    public static HttpRequestMessage SignedShopify(string connection, string body, string secret, string eventId, string topic = "orders/updated") =>
        Shopify(connection, body, Sign(Encoding.UTF8.GetBytes(body), secret), eventId, topic);

    public static HttpRequestMessage WooCommerce(string connection, string body, string? signature, string deliveryId, string topic = "order.updated")
    {
        var request = Json($"webhooks/woocommerce/{connection}", body);
        Add(request, "X-WC-Webhook-Signature", signature);
        request.Headers.Add("X-WC-Webhook-Topic", topic);
        request.Headers.Add("X-WC-Webhook-Delivery-ID", deliveryId);
        request.Headers.Add("X-WC-Webhook-ID", "7");
        return request;
    }

    public static HttpRequestMessage SignedWooCommerce(string connection, string body, string secret, string deliveryId, string topic = "order.updated") =>
        WooCommerce(connection, body, Sign(Encoding.UTF8.GetBytes(body), secret), deliveryId, topic);

    public static HttpRequestMessage QuickBooks(string body, string? signature)
    {
        var request = Json("webhooks/quickbooks", body);
        Add(request, "intuit-signature", signature);
        return request;
    }

    private static HttpRequestMessage Json(string path, string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return request;
    }

    private static void Add(HttpRequestMessage request, string name, string? value)
    {
        if (value is not null)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
    }
}
