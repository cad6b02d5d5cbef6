using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StoreBooks.Core.State;
using StoreBooks.Hosting.Webhooks;

namespace StoreBooks.Hosting.Scheduling;

/// <summary>How often the dispatcher looks for due connections, and how long webhook deliveries are remembered.</summary>
public sealed record DispatcherOptions
{
    /// <summary>Longest time between two looks; a webhook or a finished run wakes it sooner.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Webhook deliveries older than this are forgotten (a redelivery after that nudges one more sync, harmlessly); never sooner
    /// than <see cref="WebhookIntake.ReplayWindow"/>, so a replayed body is known for the whole window.
    /// </summary>
    public TimeSpan InboxRetention { get; init; } = TimeSpan.FromDays(7);

    /// <summary>
    /// Runs that started longer ago than this are forgotten, with the issues resolved as long ago (each connection's last run and
    /// every open issue are kept); null keeps the whole log.
    /// </summary>
    public TimeSpan? RunRetention { get; init; } = TimeSpan.FromDays(90);

    /// <summary>How often old deliveries, runs and resolved issues are purged.</summary>
    public TimeSpan PurgeEvery { get; init; } = TimeSpan.FromHours(1);
}

/// <summary>
/// Picks the connections that are due (never run here, their next scheduled time reached, or a sync asked for since their last
/// start) and queues them; one pass is <see cref="DispatchDueAsync"/>, which a job engine's recurring job can call instead of
/// this loop. The loop runs a pass every <see cref="DispatcherOptions.Interval"/> or as soon as <see cref="DispatchSignal"/>
/// wakes it.
/// </summary>
public sealed partial class Dispatcher : BackgroundService
{
    private readonly IStateStore _state;
    private readonly ISyncQueue _queue;
    private readonly DispatchSignal _signal;
    private readonly TimeProvider _time;
    private readonly DispatcherOptions _options;
    private readonly ILogger _logger;
    private DateTimeOffset? _lastPurge;
    private long _passes;

    public Dispatcher(IStateStore state, ISyncQueue queue, DispatchSignal signal, TimeProvider time, DispatcherOptions options, ILogger<Dispatcher> logger)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.Interval, TimeSpan.Zero);
        _state = state;
        _queue = queue;
        _signal = signal;
        _time = time;
        _options = options;
        _logger = logger;
    }

    /// <summary>Passes made since start.</summary>
    public long Passes => Interlocked.Read(ref _passes);

    /// <summary>Queues every due connection not already queued or running; returns how many were queued.</summary>
    public async Task<int> DispatchDueAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var queued = 0;
        foreach (var due in await _state.Schedule.ListDueAsync(now, cancellationToken).ConfigureAwait(false))
        {
            if (_queue.TryEnqueue(due.ConnectionId, due.Reason))
            {
                queued++;
            }
        }

        if (_lastPurge is not { } last || now - last >= _options.PurgeEvery)
        {
            _lastPurge = now;
            var purged = await _state.Webhooks.PurgeAsync(now - Retention, cancellationToken).ConfigureAwait(false);
            if (purged > 0)
            {
                LogPurged(purged);
            }

            if (_options.RunRetention is { } keepRuns)
            {
                var pruned = await _state.Runs.PruneAsync(now - keepRuns, cancellationToken).ConfigureAwait(false);
                if (pruned.Runs + pruned.Issues > 0)
                {
                    LogPruned(pruned.Runs, pruned.Issues);
                }
            }
        }

        Interlocked.Increment(ref _passes);
        return queued;
    }

    /// <summary>How long deliveries are kept: the configured retention, at least the replay window.</summary>
    private TimeSpan Retention => _options.InboxRetention > WebhookIntake.ReplayWindow ? _options.InboxRetention : WebhookIntake.ReplayWindow;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await DispatchDueAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The state store was busy or unreachable: try again at the next tick rather than stop serving.
                LogPassFailed(e);
            }

            try
            {
                await _signal.WaitAsync(_options.Interval, _time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Forgot {Count} webhook deliveries older than the retention")]
    private partial void LogPurged(int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Forgot {Runs} runs and {Issues} resolved issues older than the run retention")]
    private partial void LogPruned(int runs, int issues);

    [LoggerMessage(Level = LogLevel.Error, Message = "Looking for due connections failed; trying again at the next tick")]
    private partial void LogPassFailed(Exception exception);
}
