using Hangfire;
using Hangfire.States;
using StoreBooks.Hosting.Scheduling;

namespace StoreBooks.Hosting.Hangfire;

/// <summary>
/// Queues syncs as Hangfire jobs, one per connection whichever process asks: the connection's claim first, then the job (on the
/// <c>webhooks</c> queue for a webhook's sync, which workers take first, else <c>default</c>). With the <paramref name="storage"/>
/// it also counts what is queued in both.
/// </summary>
public sealed class HangfireSyncQueue(IBackgroundJobClient client, QueuedSyncClaims claims, JobStorage? storage = null) : ISyncQueue
{
    public const string WebhookQueue = "webhooks";

    public const string DefaultQueue = "default";

    public long? QueuedCount()
    {
        if (storage is null)
        {
            return null;
        }

        var monitoring = storage.GetMonitoringApi();
        return monitoring.EnqueuedCount(WebhookQueue) + monitoring.EnqueuedCount(DefaultQueue);
    }

    public bool TryEnqueue(Guid connectionId, string reason)
    {
        if (!claims.TryClaim(connectionId))
        {
            return false;
        }

        try
        {
            var queue = reason == "webhook" ? WebhookQueue : DefaultQueue;
            client.Create<HangfireSyncJob>(job => job.RunAsync(connectionId, reason, CancellationToken.None), new EnqueuedState(queue));
            return true;
        }
        catch
        {
            claims.Release(connectionId);
            throw;
        }
    }
}
