using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace StoreBooks.Web.Webhooks;

/// <summary>
/// The webhook routes, all rate-limited per address: <c>POST /webhooks/shopify/{connection}</c>,
/// <c>POST /webhooks/woocommerce/{connection}</c> ({connection} is the connection's id or name) and
/// <c>POST /webhooks/quickbooks</c> (QuickBooks names the companies in the body).
/// </summary>
internal static class WebhooksApi
{
    public const string RateLimitPolicy = "webhooks";

    /// <summary>The logger category of every webhook endpoint.</summary>
    public const string LogCategory = "StoreBooks.Web.Webhooks";

    public static void MapWebhooks(this IEndpointRouteBuilder app)
    {
        var webhooks = app.MapGroup("/webhooks").RequireRateLimiting(RateLimitPolicy);
        webhooks.MapPost("/shopify/{connection}", ShopifyWebhookEndpoint.HandleAsync);
        webhooks.MapPost("/woocommerce/{connection}", WooCommerceWebhookEndpoint.HandleAsync);
        webhooks.MapPost("/quickbooks", QuickBooksWebhookEndpoint.HandleAsync);
    }
}
