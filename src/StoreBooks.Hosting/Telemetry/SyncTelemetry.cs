using System.Diagnostics;
using System.Diagnostics.Metrics;
using StoreBooks.Core.State;

namespace StoreBooks.Hosting.Telemetry;

/// <summary>
/// What the sync jobs report to whoever listens (the web host's OpenTelemetry, <c>dotnet-counters</c>, a test): a span per run
/// and the counts and durations of runs, orders, connection-lock waits and queued syncs. Plain <see cref="System.Diagnostics"/>:
/// nothing here knows of an exporter. Measurements carry no workspace, connection or customer: only bounded sets of values.
/// </summary>
public static class SyncTelemetry
{
    /// <summary>The name of the meter and of the activity source.</summary>
    public const string Name = "StoreBooks.Sync";

    private static readonly Meter Meter = new(Name);
    private static readonly Lock Gate = new();
    private static readonly List<Func<long?>> QueueDepths = [];

    public static readonly ActivitySource Source = new(Name);

    /// <summary>Runs that ended, by <c>outcome</c> (succeeded, needs_attention, failed, abandoned) and <c>trigger</c>.</summary>
    public static readonly Counter<long> Runs = Meter.CreateCounter<long>("storebooks.sync.runs", "{run}", "Sync runs that ended, by outcome and trigger.");

    /// <summary>How long runs took, by <c>outcome</c>.</summary>
    public static readonly Histogram<double> RunDuration = Meter.CreateHistogram<double>("storebooks.sync.run.duration", "s", "How long sync runs took, by outcome.");

    /// <summary>Orders handled by runs, by <c>result</c> (posted, updated, failed, waiting, deferred, skipped…).</summary>
    public static readonly Counter<long> Orders = Meter.CreateCounter<long>("storebooks.sync.orders", "{order}", "Orders handled by sync runs, by result.");

    /// <summary>How long a run waited for its QuickBooks company's lock, by <c>acquired</c> (false: another run held it).</summary>
    public static readonly Histogram<double> LockWait = Meter.CreateHistogram<double>("storebooks.connection_lock.wait.duration", "s", "Time spent taking a QuickBooks company's lock, by whether it was taken.");

    static SyncTelemetry()
    {
        Meter.CreateObservableGauge("storebooks.sync.queued", ObserveQueued, "{sync}", "Syncs queued and not yet started.");
    }

    /// <summary>
    /// Adds a queue to the <c>storebooks.sync.queued</c> gauge (their sum is reported; a queue that cannot say now is left
    /// out); dispose the result to take it away.
    /// </summary>
    public static IDisposable ObserveQueue(Func<long?> depth)
    {
        lock (Gate)
        {
            QueueDepths.Add(depth);
        }

        return new Registration(depth);
    }

    /// <summary>Records a run that ended: its count, duration and orders by result (from its counts, <c>orders.*</c>).</summary>
    public static void RecordRun(SyncRun run, TimeSpan duration)
    {
        var outcome = OutcomeName(run.Outcome);
        Runs.Add(1, new KeyValuePair<string, object?>("outcome", outcome), new KeyValuePair<string, object?>("trigger", TriggerName(run.Trigger)));
        RunDuration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("outcome", outcome));
        foreach (var (key, value) in run.Counts)
        {
            if (value > 0 && key.StartsWith("orders.", StringComparison.Ordinal))
            {
                Orders.Add(value, new KeyValuePair<string, object?>("result", key["orders.".Length..]));
            }
        }
    }

    /// <summary>The outcome as metrics and spans name it: <c>succeeded</c>, <c>needs_attention</c>, <c>failed</c>, <c>abandoned</c>.</summary>
    public static string OutcomeName(RunOutcome outcome) => outcome switch
    {
        RunOutcome.Succeeded => "succeeded",
        RunOutcome.NeedsAttention => "needs_attention",
        RunOutcome.Failed => "failed",
        RunOutcome.Abandoned => "abandoned",
        _ => "running",
    };

    // Triggers are a small known set; anything else is folded so a caller's free text never becomes a series.
    private static string TriggerName(string trigger) => trigger switch
    {
        "schedule" or "webhook" or "manual" or "retry" or "demo" => trigger,
        _ => "other",
    };

    private static IEnumerable<Measurement<long>> ObserveQueued()
    {
        Func<long?>[] depths;
        lock (Gate)
        {
            depths = [.. QueueDepths];
        }

        if (depths.Length == 0)
        {
            yield break;
        }

        long total = 0;
        var known = false;
        foreach (var depth in depths)
        {
            long? value;
            try
            {
                value = depth();
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // A queue whose storage cannot be read now (its database down): /healthz says so; the gauge skips it.
                value = null;
            }

            if (value is { } count)
            {
                total += count;
                known = true;
            }
        }

        if (known)
        {
            yield return new Measurement<long>(total);
        }
    }

    private sealed class Registration(Func<long?> depth) : IDisposable
    {
        public void Dispose()
        {
            lock (Gate)
            {
                QueueDepths.Remove(depth);
            }
        }
    }
}
