using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace StoreBooks.Hosting.Scheduling;

/// <summary>
/// Runs sync jobs in this process: a channel of connection ids read by <see cref="Workers"/> loops, each job through
/// <see cref="SyncJobs.RunAsync"/>. A connection is queued or running at most once; when a job ends (unless it found the
/// company busy) the dispatcher is woken to look for what is due now, such as the one more run a webhook asked for meanwhile.
/// </summary>
public sealed partial class LocalWorker : BackgroundService, ISyncQueue
{
    private readonly Channel<QueuedSync> _queue = Channel.CreateUnbounded<QueuedSync>();
    private readonly HashSet<Guid> _busy = [];
    private readonly Lock _gate = new();
    private readonly SyncJobs _jobs;
    private readonly DispatchSignal _signal;
    private readonly ILogger _logger;
    private long _jobsFinished;

    public LocalWorker(SyncJobs jobs, DispatchSignal signal, ILogger<LocalWorker> logger, int workers = 4)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(workers);
        _jobs = jobs;
        _signal = signal;
        _logger = logger;
        Workers = workers;
    }

    /// <summary>How many jobs run at once (for different QuickBooks companies; one company's runs take turns).</summary>
    public int Workers { get; }

    /// <summary>
    /// When set, each job stops after this slice (see <see cref="StoreBooks.Sync.SyncRunner.Slice"/>) and a connection with more
    /// to do goes to the back of the queue, behind the connections queued meanwhile; null (the default) runs each job to the end.
    /// </summary>
    public StoreBooks.Sync.SyncSlice? Slice { get; init; }

    /// <summary>Jobs finished since start, whatever their outcome.</summary>
    public long JobsFinished => Interlocked.Read(ref _jobsFinished);

    /// <summary>Connections queued or running now.</summary>
    public IReadOnlyList<Guid> Busy
    {
        get
        {
            lock (_gate)
            {
                return [.. _busy];
            }
        }
    }

    public long? QueuedCount() => _queue.Reader.Count;

    public bool TryEnqueue(Guid connectionId, string reason)
    {
        lock (_gate)
        {
            if (!_busy.Add(connectionId))
            {
                return false;
            }
        }

        if (!_queue.Writer.TryWrite(new QueuedSync(connectionId, reason)))
        {
            lock (_gate)
            {
                _busy.Remove(connectionId);
            }

            return false;
        }

        return true;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Workers).Select(_ => Task.Run(() => LoopAsync(stoppingToken), CancellationToken.None)));

    private async Task LoopAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var queued in _queue.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                var wake = true;
                var more = false;
                try
                {
                    var result = await _jobs.RunAsync(queued.ConnectionId, queued.Reason, Slice, stoppingToken).ConfigureAwait(false);
                    wake = result.Status != SyncJobStatus.Busy;
                    more = result.MoreToDo;
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception e)
                {
                    LogJobFailed(e, queued.ConnectionId);
                }
                finally
                {
                    lock (_gate)
                    {
                        _busy.Remove(queued.ConnectionId);
                    }

                    Interlocked.Increment(ref _jobsFinished);
                }

                // The rest of a sliced run goes behind what was queued while its slice ran.
                if (more)
                {
                    TryEnqueue(queued.ConnectionId, queued.Reason);
                }

                // A job that found the company busy is not woken for: the run holding it wakes the dispatcher when it ends.
                if (wake)
                {
                    _signal.Wake();
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private sealed record QueuedSync(Guid ConnectionId, string Reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Sync job of connection {ConnectionId} failed")]
    private partial void LogJobFailed(Exception exception, Guid connectionId);
}
