namespace StoreBooks.Core.State;

/// <summary>
/// Webhook deliveries already acted on, one per (connection, provider, event id), so a redelivered or duplicated webhook is
/// acknowledged without nudging a second sync. Kept a few days, then purged: the scheduled sync covers anything older.
/// </summary>
public interface IWebhookInbox
{
    /// <summary>Records a delivery; false when the same (connection, provider, event id) is already recorded.</summary>
    Task<bool> TryAddAsync(WebhookDelivery delivery, CancellationToken cancellationToken);

    /// <summary>Forgets a delivery that could not be acted on, so its redelivery counts as new.</summary>
    Task RemoveAsync(Guid connectionId, string provider, string eventId, CancellationToken cancellationToken);

    /// <summary>The connection's latest deliveries, newest first.</summary>
    Task<IReadOnlyList<WebhookDelivery>> ListRecentAsync(Guid connectionId, int limit, CancellationToken cancellationToken);

    /// <summary>Deletes deliveries received before <paramref name="before"/>; returns how many.</summary>
    Task<int> PurgeAsync(DateTimeOffset before, CancellationToken cancellationToken);
}

/// <summary>
/// One webhook delivery: from which provider ("shopify", "woocommerce", "quickbooks"), its event id (the provider's delivery or
/// event id, or a hash of the body when it has none) and topic.
/// </summary>
public sealed record WebhookDelivery(Guid ConnectionId, string Provider, string EventId, string? Topic, DateTimeOffset ReceivedAt);
