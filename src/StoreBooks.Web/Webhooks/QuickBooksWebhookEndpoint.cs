using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using StoreBooks.Core.Connections;
using StoreBooks.Core.State;
using StoreBooks.Hosting.Webhooks;
using StoreBooks.QuickBooks.Webhooks;

namespace StoreBooks.Web.Webhooks;

/// <summary>
/// <c>POST /webhooks/quickbooks</c>: one address for every company, as Intuit sends to one URL per app. The
/// <c>intuit-signature</c> is checked against the raw body with the verifier token of each connection that has one (constant
/// time); a connection whose token cannot be read is skipped (and reported once), the others verify as ever. The connections
/// whose token verifies it and whose company the body names record each entity change once (and a replayed body as a
/// duplicate). Such a change can only matter to StoreBooks when orders wait on something the merchant does in QuickBooks (an
/// item to create), so only connections with waiting orders are asked to sync. A bad signature gets 401 and changes nothing.
/// </summary>
internal static partial class QuickBooksWebhookEndpoint
{
    public const string SignatureHeader = "intuit-signature";

    public static async Task<IResult> HandleAsync(HttpContext http, IStateStore state, WebhookIntake intake, WebhookSecretReader secrets, ServeOptions options, ILoggerFactory loggers)
    {
        var cancellationToken = http.RequestAborted;
        var logger = loggers.CreateLogger(WebhooksApi.LogCategory);
        var body = await WebhookRequest.ReadBodyAsync(http.Request, options.MaxWebhookBytes, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return WebhookRequest.TooLarge(options.MaxWebhookBytes);
        }

        var signature = WebhookRequest.Header(http.Request, SignatureHeader);
        var verified = new List<Connection>();
        var tokens = 0;
        var unreadable = 0;
        foreach (var connection in await state.Connections.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            if (connection.QboRealmId is null)
            {
                continue;
            }

            // Each connection's token on its own: one that cannot be read is reported (once) and skipped, never the others.
            var token = await secrets.LoadAsync(connection, WebhookSecrets.QuickBooks, cancellationToken).ConfigureAwait(false);
            if (token.Value is null)
            {
                unreadable += token.State == WebhookSecretState.Unreadable ? 1 : 0;
                continue;
            }

            tokens++;
            if (QboWebhookReader.HasValidSignature(body, signature, token.Value))
            {
                verified.Add(connection);
            }
        }

        if (verified.Count == 0)
        {
            LogRefused(logger, tokens, unreadable);
            var cannotRead = unreadable == 0 ? "" : $" {unreadable} connection(s) have a verifier token that cannot be read: storebooks webhooks show names them.";
            return WebhookRequest.Unauthorized((tokens == 0
                ? "No QuickBooks webhook verifier token is set here: run storebooks webhooks set --connection NAME --quickbooks-verifier -"
                : "The intuit-signature does not match the body.") + cannotRead);
        }

        var changes = QuickBooksNotification.Read(body);
        if (changes is null)
        {
            return WebhookRequest.BadRequest("The body is not a QuickBooks change notification.");
        }

        var nudged = 0;
        foreach (var connection in verified)
        {
            var mine = changes.Where(c => c.RealmId == connection.QboRealmId).Select(c => new WebhookEvent(c.EventId, c.Topic)).ToList();
            if (mine.Count == 0)
            {
                continue;
            }

            var waiting = await state.Links.ListAsync(connection.Id, LinkKind.Sale, LinkState.Waiting, cancellationToken).ConfigureAwait(false);
            var outcome = await intake.AcceptAsync(connection, WebhookSecrets.QuickBooks, mine, body, waiting.Count > 0, cancellationToken).ConfigureAwait(false);
            nudged += outcome.Nudged ? 1 : 0;
        }

        return WebhookRequest.Ok(nudged == 0 ? "received" : $"sync requested for {nudged} connection(s)");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "QuickBooks webhook refused: its signature matches none of the {Tokens} verifier token(s) set ({Unreadable} cannot be read)")]
    private static partial void LogRefused(ILogger logger, int tokens, int unreadable);
}
