using Hangfire;
using Microsoft.Extensions.Logging;
using StoreBooks.Core.State;
using StoreBooks.Hosting.Scheduling;

namespace StoreBooks.Hosting.Hangfire;

/// <summary>
/// The job Hangfire stores and runs: one sync of one connection through <see cref="SyncJobs.RunAsync"/>. A run QuickBooks could
/// not complete now is thrown back so Hangfire retries it with back-off; a refused authorization parks the connection (no retry,
/// its next scheduled run <see cref="HangfireEngineOptions.ParkFor"/> away) until the merchant reconnects. Its name, namespace
/// and signature stay as they are: Hangfire keeps calls to it in its tables.
/// </summary>
public sealed partial class HangfireSyncJob
{
    /// <summary>How many more times a run QuickBooks could not complete is tried (after 30 s, 2 min and 10 min).</summary>
    public const int Retries = 3;

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

    [AutomaticRetry(Attempts = Retries, DelaysInSeconds = [30, 120, 600], OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    public async Task RunAsync(Guid connectionId, string reason, CancellationToken cancellationToken)
    {
        var result = await _jobs.RunAsync(connectionId, reason, cancellationToken).ConfigureAwait(false);
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
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connection {ConnectionId} parked until reconnected: {Reason}")]
    private partial void LogParked(Guid connectionId, string reason);
}
