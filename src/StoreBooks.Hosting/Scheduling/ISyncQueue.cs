namespace StoreBooks.Hosting.Scheduling;

/// <summary>
/// Whatever runs sync jobs: the <see cref="LocalWorker"/> on a single machine, a job engine in hosted mode. Each job ends in
/// <see cref="SyncJobs.RunAsync"/>.
/// </summary>
public interface ISyncQueue
{
    /// <summary>Queues a run of the connection; false when one is already queued or running here (it is not queued twice).</summary>
    bool TryEnqueue(Guid connectionId, string reason);

    /// <summary>Syncs queued and not yet started (here, or in the engine's shared queue); null when that cannot be read now.</summary>
    long? QueuedCount();
}
