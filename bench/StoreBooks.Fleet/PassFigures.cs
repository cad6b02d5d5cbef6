using System.Globalization;

namespace StoreBooks.Fleet;

/// <summary>What one pass measured.</summary>
internal sealed record PassFigures(
    int Processes,
    int WorkersEach,
    int Connections,
    TimeSpan Elapsed,
    TimeSpan SmallElapsed,
    long OrdersPosted,
    int Documents,
    long Runs,
    long FailedRuns,
    TimeSpan LongestSmallWaitToStart,
    TimeSpan LongestSmallWaitToDone,
    IReadOnlyList<TimeSpan> WebhookLatencies,
    long PeakPostgresConnections,
    IReadOnlyDictionary<string, long> PeakConnectionsByApplication,
    IReadOnlyList<long> WorkerPeakBytes,
    CpuSnapshot Cpu,
    StorageFigures Storage)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public double ConnectionsPerMinute => Connections / Elapsed.TotalMinutes;

    public double OrdersPerMinute => OrdersPosted / Elapsed.TotalMinutes;

    public TimeSpan WebhookP50 => Percentile(0.50);

    public TimeSpan WebhookP95 => Percentile(0.95);

    /// <summary>Worker CPU seconds per connection synced (first syncs: every item and customer created).</summary>
    public double WorkerCpuPerConnection => Cpu.Workers.TotalSeconds / Connections;

    public void Print()
    {
        Console.WriteLine(string.Create(Invariant, $"{Processes} worker process(es) × {WorkersEach} syncs at once:"));
        Console.WriteLine(string.Create(Invariant,
            $"  all {Connections:N0} connections synced in {Elapsed.TotalSeconds:F0} s ({ConnectionsPerMinute:F0} connections/min); the small ones in {SmallElapsed.TotalSeconds:F0} s"));
        Console.WriteLine(string.Create(Invariant,
            $"  orders posted {OrdersPosted:N0} ({OrdersPerMinute:F0}/min), sales documents in QuickBooks {Documents:N0}; runs {Runs:N0}, failed {FailedRuns:N0}"));
        Console.WriteLine(string.Create(Invariant,
            $"  longest wait of a small store: {LongestSmallWaitToStart.TotalSeconds:F0} s to start, {LongestSmallWaitToDone.TotalSeconds:F0} s to its first sync done"));
        Console.WriteLine(string.Create(Invariant,
            $"  webhook → QuickBooks document ({WebhookLatencies.Count} deliveries): p50 {WebhookP50.TotalSeconds:F1} s, p95 {WebhookP95.TotalSeconds:F1} s"));
        Console.WriteLine(string.Create(Invariant,
            $"  PostgreSQL connections at most {PeakPostgresConnections} (web + workers: {string.Join(", ", PeakConnectionsByApplication.OrderByDescending(p => p.Value).Select(p => $"{p.Key} {p.Value}"))}); worker memory peak {string.Join(", ", WorkerPeakBytes.Select(b => $"{b / 1048576.0:F0} MB"))}"));
        Console.WriteLine(string.Create(Invariant,
            $"  CPU while syncing: machine {Cpu.BusyShare:P0} busy; workers {Cpu.Workers.TotalSeconds:F0} s, web {Cpu.Web.TotalSeconds:F0} s, emulated shops and companies {Cpu.Emulators.TotalSeconds:F0} s, PostgreSQL {Cpu.Postgres.TotalSeconds:F0} s; " +
            $"worker CPU {WorkerCpuPerConnection * 1000:F0} ms per connection synced, {Cpu.Workers.TotalMilliseconds / Math.Max(1, OrdersPosted):F0} ms per order posted"));
        Console.WriteLine(string.Create(Invariant,
            $"  database {Storage.DatabaseBytes / 1048576.0:F0} MB (Hangfire {Storage.HangfireBytes / 1048576.0:F0} MB); links {Storage.Links:N0} in {Storage.LinksBytes / 1048576.0:F1} MB with indexes " +
            $"({Storage.LinksBytes / (double)Math.Max(1, Storage.Links):F0} bytes each); runs {Storage.Runs:N0} in {Storage.RunsBytes / 1048576.0:F1} MB ({Storage.RunsBytes / (double)Math.Max(1, Storage.Runs):F0} bytes each)"));
    }

    private TimeSpan Percentile(double p)
    {
        if (WebhookLatencies.Count == 0)
        {
            return TimeSpan.Zero;
        }

        var sorted = WebhookLatencies.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
    }
}

/// <summary>The pass's database at its end: all of it, Hangfire's tables, and the two tables that grow with a fleet's life (links and runs).</summary>
internal sealed record StorageFigures(long DatabaseBytes, long HangfireBytes, long LinksBytes, long Links, long RunsBytes, long Runs);
