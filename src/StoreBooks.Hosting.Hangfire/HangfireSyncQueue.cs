using Hangfire;
using Hangfire.States;
using StoreBooks.Hosting.Scheduling;

namespace StoreBooks.Hosting.Hangfire;

/// <summary>
/// Queues syncs as Hangfire jobs, one per connection whichever process asks: the connection's claim first, then the job (on the
/// <c>critical</c> queue for a webhook's sync, which workers take first, else <c>default</c>). With the <paramref name="storage"/>
/// it also counts what is queued in both. A sliced run's job hands its claim to the job of the next slice
/// (<see cref="EnqueueNextSlice"/>), queued last in <c>default</c>.
/// </summary>
public sealed class HangfireSyncQueue(IBackgroundJobClient client, QueuedSyncClaims claims, JobStorage? storage = null) : ISyncQueue
{
    /// <summary>
    /// The queue of webhook syncs. Hangfire.PostgreSql takes the waiting jobs of a worker's queues in the order of the queues'
    /// names, not of the list a server is given, so this name must sort before <see cref="DefaultQueue"/>.
    /// </summary>
    public const string WebhookQueue = "critical";

    public const string DefaultQueue = "default";

    /// <summary>The webhook queue's name before it was renamed: still served, so jobs an older version queued still run.</summary>
    public const string FormerWebhookQueue = "webhooks";

    /// <summary>The queues workers serve, webhook syncs first.</summary>
    public static readonly string[] Queues = [WebhookQueue, DefaultQueue, FormerWebhookQueue];

    public long? QueuedCount()
    {
        if (storage is null)
        {
            return null;
        }

        var monitoring = storage.GetMonitoringApi();
        return Queues.Sum(monitoring.EnqueuedCount);
    }

    /// <summary>
    /// Queues the next slice of a connection whose running job holds its claim, at the back of the <c>default</c> queue (whatever
    /// queue the first slice came from: the rest of a backfill waits its turn), renewing the claim for it. The running job must end
    /// answering <see cref="HangfireSyncJob.Continued"/>, so its end does not give the claim back.
    /// </summary>
    public void EnqueueNextSlice(Guid connectionId, string reason)
    {
        claims.Renew(connectionId);
        client.Create<HangfireSyncJob>(job => job.RunAsync(connectionId, reason, CancellationToken.None), new EnqueuedState(DefaultQueue));
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
