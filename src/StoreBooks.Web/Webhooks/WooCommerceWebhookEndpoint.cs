using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using StoreBooks.Core.State;
using StoreBooks.Hosting.Webhooks;
using StoreBooks.WooCommerce;
using StoreBooks.WooCommerce.Webhooks;

namespace StoreBooks.Web.Webhooks;

/// <summary>
/// <c>POST /webhooks/woocommerce/{connection}</c>: answers WooCommerce's creation ping (<c>webhook_id=N</c>, unsigned) with
/// 200 and nothing else; otherwise checks <c>X-WC-Webhook-Signature</c> against the raw body with the webhook's secret
/// (constant time), drops a delivery already seen (by <c>X-WC-Webhook-Delivery-ID</c>, else a hash of the body; and, as that
/// header is not signed, the same body and topic within the replay window), and for order topics (refunds arrive as
/// <c>order.updated</c>) asks the connection to sync soon. A bad signature, or a secret not set or unreadable, gets 401 and
/// changes nothing.
/// </summary>
internal static partial class WooCommerceWebhookEndpoint
{
    public static async Task<IResult> HandleAsync(string connection, HttpContext http, IStateStore state, WebhookIntake intake, WebhookSecretReader secrets, ServeOptions options, ILoggerFactory loggers)
    {
        var cancellationToken = http.RequestAborted;
        var logger = loggers.CreateLogger(WebhooksApi.LogCategory);
        var found = await WebhookRequest.FindConnectionAsync(state, connection, WooCommerceSource.SourceKind, cancellationToken).ConfigureAwait(false);
        if (found is null)
        {
            return WebhookRequest.NotFound($"There is no WooCommerce connection \"{connection}\" here.");
        }

        var body = await WebhookRequest.ReadBodyAsync(http.Request, options.MaxWebhookBytes, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return WebhookRequest.TooLarge(options.MaxWebhookBytes);
        }

        var signature = WebhookRequest.Header(http.Request, WooCommerceWebhook.SignatureHeader);
        if (signature is null && IsPing(http.Request, body))
        {
            LogPing(logger, found.Name);
            return WebhookRequest.Ok("ping received");
        }

        var secret = await secrets.LoadAsync(found, WebhookSecrets.WooCommerce, cancellationToken).ConfigureAwait(false);
        if (secret.Value is null)
        {
            if (secret.State == WebhookSecretState.NotSet)
            {
                LogNoSecret(logger, found.Name);
            }

            return WebhookRequest.NoSecret(found, WebhookSecrets.WooCommerce, secret.State);
        }

        if (!WooCommerceWebhook.Verify(body, signature, secret.Value))
        {
            LogBadSignature(logger, found.Name);
            return WebhookRequest.Unauthorized("The X-WC-Webhook-Signature does not match the body.");
        }

        var topic = WebhookRequest.Header(http.Request, WooCommerceWebhook.TopicHeader);
        var eventId = WebhookRequest.Header(http.Request, WooCommerceWebhook.DeliveryIdHeader) ?? WebhookIntake.BodyHash(body);
        var outcome = await intake.AcceptAsync(found, WebhookSecrets.WooCommerce, [new WebhookEvent(eventId, topic)], body, ChangesOrders(topic), cancellationToken).ConfigureAwait(false);
        return WebhookRequest.Ok(outcome.Describe());
    }

    /// <summary>Order topics (a refund fires <c>order.updated</c>); a delivery without a topic is taken as one, to be safe.</summary>
    internal static bool ChangesOrders(string? topic) => topic is null || topic.StartsWith("order.", StringComparison.Ordinal);

    /// <summary>The ping WooCommerce sends when a webhook is created or activated: the form body <c>webhook_id=N</c>.</summary>
    private static bool IsPing(HttpRequest request, byte[] body) =>
        body.Length < 64
        && (request.ContentType ?? "").StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase)
        && PingBody().IsMatch(Encoding.ASCII.GetString(body));

    [GeneratedRegex(@"^webhook_id=\d+$", RegexOptions.CultureInvariant)]
    private static partial Regex PingBody();

    [LoggerMessage(Level = LogLevel.Information, Message = "WooCommerce webhook ping for {Connection} answered")]
    private static partial void LogPing(ILogger logger, string connection);

    [LoggerMessage(Level = LogLevel.Warning, Message = "WooCommerce webhook for {Connection} refused: no webhook secret is set (storebooks webhooks set)")]
    private static partial void LogNoSecret(ILogger logger, string connection);

    [LoggerMessage(Level = LogLevel.Warning, Message = "WooCommerce webhook for {Connection} refused: its signature does not match")]
    private static partial void LogBadSignature(ILogger logger, string connection);
}
