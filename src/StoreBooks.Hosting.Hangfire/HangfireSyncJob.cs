using Hangfire;
using Microsoft.Extensions.Logging;
using StoreBooks.Core.State;
using StoreBooks.Hosting.Scheduling;

namespace StoreBooks.Hosting.Hangfire;

/// <summary>
/// The job Hangfire stores and runs: one sync of one connection through <see cref="SyncJobs.RunAsync"/>. A run QuickBooks could
/// not complete now is thrown back so Hangfire retries it with back-off; a refused authorization parks the connection (no retry,
/// its next scheduled run <see cref="HangfireEngineOptions.ParkFor"/> away) until the merchant reconnects. A run that did its
/// <see cref="Slice"/> with more to do queues the connection's next slice as a new job, last in the queue, hands it the
/// connection's claim and answers <see cref="Continued"/>. Its name, namespace and parameters stay as they are: Hangfire keeps
/// calls to it in its tables (it finds the method by them; the result is only recorded).
/// </summary>
public sealed partial class HangfireSyncJob
{
    /// <summary>How many more times a run QuickBooks could not complete is tried (after 30 s, 2 min and 10 min).</summary>
    public const int Retries = 3;

    /// <summary>What a job answers when it queued the next slice of its connection (and handed it its claim).</summary>
    public const string Continued = "continued in the next slice's job";

    private readonly SyncJobs _jobs;
    private readonly ISyncSchedule _schedule;
    private readonly TimeProvider _time;
    private readonly TimeSpan _parkFor;
    private readonly ILogger _logger;

    public HangfireSyncJob(SyncJobs jobs, ISyncSchedule schedule, TimeProvider time, TimeSpan parkFor, ILogger<HangfireSyncJob> logger)
    {
        _jobs = jobs;
        _schedule = schedule;
        _time = time;
        _parkFor = parkFor;
        _logger = logger;
    }

    /// <summary>The most one job does before the rest goes to a new job (see <see cref="SyncJobs.RunAsync(Guid, string, StoreBooks.Sync.SyncSlice?, CancellationToken)"/>); null runs to the end.</summary>
    public StoreBooks.Sync.SyncSlice? Slice { get; init; }

    /// <summary>Where the next slice is queued; without it every run goes to its end.</summary>
    public HangfireSyncQueue? NextSlices { get; init; }

    [AutomaticRetry(Attempts = Retries, DelaysInSeconds = [30, 120, 600], OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    public async Task<string?> RunAsync(Guid connectionId, string reason, CancellationToken cancellationToken)
    {
        var result = await _jobs.RunAsync(connectionId, reason, NextSlices is null ? null : Slice, cancellationToken).ConfigureAwait(false);
        if (result.MoreToDo && NextSlices is { } queue)
        {
            queue.EnqueueNextSlice(connectionId, reason);
            LogSliced(connectionId);
            return Continued;
        }

        switch (SyncStops.Of(result.StoppedBy))
        {
            case SyncStop.AuthorizationRevoked:
                var now = _time.GetUtcNow();
                await _schedule.FinishedAsync(connectionId, now, now + _parkFor, CancellationToken.None).ConfigureAwait(false);
                LogParked(connectionId, result.StoppedBy!.Message);
                break;
            case SyncStop.Transient:
                throw new TransientSyncException($"The sync of connection {connectionId} stopped early and is retried: {result.StoppedBy!.Message}", result.StoppedBy);
        }

        return null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Connection {ConnectionId} did its slice; the rest is queued behind the other connections")]
    private partial void LogSliced(Guid connectionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connection {ConnectionId} parked until reconnected: {Reason}")]
    private partial void LogParked(Guid connectionId, string reason);
}
