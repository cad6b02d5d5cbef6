using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using StoreBooks.Core.State;
using StoreBooks.Hosting.Webhooks;
using StoreBooks.Shopify;
using StoreBooks.Shopify.Webhooks;

namespace StoreBooks.Web.Webhooks;

/// <summary>
/// <c>POST /webhooks/shopify/{connection}</c>: checks <c>X-Shopify-Hmac-Sha256</c> against the raw body with the Shopify app's
/// client secret (constant time), drops a delivery already seen (by <c>X-Shopify-Event-Id</c>, else <c>X-Shopify-Webhook-Id</c>,
/// else a hash of the body; and, as those headers are not signed, the same body and topic within the replay window), and for
/// order and refund topics asks the connection to sync soon. A bad signature, or a secret not set or unreadable, gets 401 and
/// changes nothing.
/// </summary>
internal static partial class ShopifyWebhookEndpoint
{
    public static async Task<IResult> HandleAsync(string connection, HttpContext http, IStateStore state, WebhookIntake intake, WebhookSecretReader secrets, ServeOptions options, ILoggerFactory loggers)
    {
        var cancellationToken = http.RequestAborted;
        var logger = loggers.CreateLogger(WebhooksApi.LogCategory);
        var found = await WebhookRequest.FindConnectionAsync(state, connection, ShopifySource.SourceKind, cancellationToken).ConfigureAwait(false);
        if (found is null)
        {
            return WebhookRequest.NotFound($"There is no Shopify connection \"{connection}\" here.");
        }

        var body = await WebhookRequest.ReadBodyAsync(http.Request, options.MaxWebhookBytes, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return WebhookRequest.TooLarge(options.MaxWebhookBytes);
        }

        var secret = await secrets.LoadAsync(found, WebhookSecrets.Shopify, cancellationToken).ConfigureAwait(false);
        if (secret.Value is null)
        {
            if (secret.State == WebhookSecretState.NotSet)
            {
                LogNoSecret(logger, found.Name);
            }

            return WebhookRequest.NoSecret(found, WebhookSecrets.Shopify, secret.State);
        }

        if (!ShopifyWebhook.Verify(body, WebhookRequest.Header(http.Request, ShopifyWebhook.SignatureHeader), secret.Value))
        {
            LogBadSignature(logger, found.Name);
            return WebhookRequest.Unauthorized("The X-Shopify-Hmac-Sha256 signature does not match the body.");
        }

        var topic = WebhookRequest.Header(http.Request, ShopifyWebhook.TopicHeader);
        var eventId = WebhookRequest.Header(http.Request, ShopifyWebhook.EventIdHeader)
            ?? WebhookRequest.Header(http.Request, ShopifyWebhook.WebhookIdHeader)
            ?? WebhookIntake.BodyHash(body);
        var outcome = await intake.AcceptAsync(found, WebhookSecrets.Shopify, [new WebhookEvent(eventId, topic)], body, ChangesOrders(topic), cancellationToken).ConfigureAwait(false);
        return WebhookRequest.Ok(outcome.Describe());
    }

    /// <summary>Topics that can change what StoreBooks posts: orders and refunds (and a delivery without a topic, to be safe).</summary>
    internal static bool ChangesOrders(string? topic) =>
        topic is null || topic.StartsWith("orders/", StringComparison.Ordinal) || topic.StartsWith("refunds/", StringComparison.Ordinal);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shopify webhook for {Connection} refused: no webhook secret is set (storebooks webhooks set)")]
    private static partial void LogNoSecret(ILogger logger, string connection);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shopify webhook for {Connection} refused: its signature does not match")]
    private static partial void LogBadSignature(ILogger logger, string connection);
}
