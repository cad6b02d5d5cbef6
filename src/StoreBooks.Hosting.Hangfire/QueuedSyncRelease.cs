using Hangfire.States;
using Hangfire.Storage;

namespace StoreBooks.Hosting.Hangfire;

/// <summary>
/// Gives a connection's claim back when its sync job ends for good: succeeded, failed after its last retry, or deleted. A job
/// waiting for a retry keeps it, so a connection never has two jobs. A job that ended a slice and queued the next one
/// (it answered <see cref="HangfireSyncJob.Continued"/>) has handed its claim on: it keeps it too.
/// </summary>
public sealed class QueuedSyncRelease(QueuedSyncClaims claims) : IApplyStateFilter
{
    public void OnStateApplied(ApplyStateContext context, IWriteOnlyTransaction transaction)
    {
        if (context.BackgroundJob.Job?.Type == typeof(HangfireSyncJob)
            && context.NewState is SucceededState { Result: not HangfireSyncJob.Continued } or FailedState or DeletedState
            && context.BackgroundJob.Job.Args is [Guid connectionId, ..])
        {
            claims.Release(connectionId);
        }
    }

    public void OnStateUnapplied(ApplyStateContext context, IWriteOnlyTransaction transaction)
    {
    }
}
