namespace StoreBooks.Core.State;

/// <summary>
/// Webhook deliveries already acted on, one per (connection, provider, event id), so a redelivered or duplicated webhook is
/// acknowledged without nudging a second sync. A delivery may also carry a hash of its raw body: the event id of Shopify and
/// WooCommerce travels in a header the signature does not cover, so a captured delivery replayed with a fresh id is known by
/// its signed body instead. Kept a few days, then purged: the scheduled sync covers anything older.
/// </summary>
public interface IWebhookInbox
{
    /// <summary>
    /// Records a delivery and says what it is, in one atomic step (of two racing deliveries with the same event id or the same
    /// body, one is new):
    /// <list type="bullet">
    /// <item><see cref="WebhookAdmission.SeenEvent"/>: the same (connection, provider, event id) is recorded already; nothing is written.</item>
    /// <item><see cref="WebhookAdmission.Replay"/>: it has a <see cref="WebhookDelivery.BodyHash"/> and a new delivery of the same
    /// connection, provider, topic and body hash was received at or after <paramref name="replaysSince"/>; it is recorded with
    /// <see cref="WebhookDelivery.ReplayOf"/> naming that delivery's event id, and a later replay is matched against the first one still.</item>
    /// <item><see cref="WebhookAdmission.New"/>: otherwise; it is recorded.</item>
    /// </list>
    /// The <see cref="WebhookDelivery.ReplayOf"/> given is ignored: the inbox decides it.
    /// </summary>
    Task<WebhookAdmission> AddAsync(WebhookDelivery delivery, DateTimeOffset replaysSince, CancellationToken cancellationToken);

    /// <summary>Forgets a delivery that could not be acted on, so its redelivery counts as new.</summary>
    Task RemoveAsync(Guid connectionId, string provider, string eventId, CancellationToken cancellationToken);

    /// <summary>The connection's latest deliveries (replays included), newest first.</summary>
    Task<IReadOnlyList<WebhookDelivery>> ListRecentAsync(Guid connectionId, int limit, CancellationToken cancellationToken);

    /// <summary>Deletes deliveries received before <paramref name="before"/>; returns how many.</summary>
    Task<int> PurgeAsync(DateTimeOffset before, CancellationToken cancellationToken);
}

/// <summary>What <see cref="IWebhookInbox.AddAsync"/> made of a delivery.</summary>
public enum WebhookAdmission
{
    /// <summary>Not seen before: recorded, and worth acting on.</summary>
    New,

    /// <summary>Its event id is recorded already (a redelivery): not recorded again.</summary>
    SeenEvent,

    /// <summary>A new event id on a body already received within the window: recorded as a replay, not to be acted on.</summary>
    Replay,
}

/// <summary>
/// One webhook delivery: from which provider ("shopify", "woocommerce", "quickbooks"), its event id (the provider's delivery or
/// event id, or a hash of the body when it has none) and topic; <paramref name="BodyHash"/> the hash of its raw body
/// ("sha256:…", on the first event of a delivery), <paramref name="ReplayOf"/> the event id of the earlier delivery it replays.
/// </summary>
public sealed record WebhookDelivery(
    Guid ConnectionId, string Provider, string EventId, string? Topic, DateTimeOffset ReceivedAt, string? BodyHash = null, string? ReplayOf = null);
