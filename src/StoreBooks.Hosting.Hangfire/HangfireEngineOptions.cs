namespace StoreBooks.Hosting.Hangfire;

/// <summary>How hosted mode's Hangfire engine stores, polls and runs sync jobs.</summary>
public sealed record HangfireEngineOptions
{
    /// <summary>The PostgreSQL database (an Npgsql connection string); Hangfire's tables go in <see cref="Schema"/> there.</summary>
    public required string ConnectionString { get; init; }

    /// <summary>The schema of Hangfire's tables and of the queued-syncs claims.</summary>
    public string Schema { get; init; } = "hangfire";

    /// <summary>Sync jobs one process runs at once (each for a different QuickBooks company: one company's runs take turns).</summary>
    public int Workers { get; init; } = 10;

    /// <summary>How often an idle worker looks for a queued job.</summary>
    public TimeSpan QueuePollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How often retries waiting their back-off are looked at.</summary>
    public TimeSpan SchedulePollInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// A job that a dead process was running goes back to the queue after this long (while its process lives, its heartbeat keeps it).
    /// </summary>
    public TimeSpan InvisibilityTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// A claim older than this is taken over: the job it stood for is taken as lost (its Hangfire record deleted by hand, say).
    /// Longer than the longest run.
    /// </summary>
    public TimeSpan ClaimLifetime { get; init; } = TimeSpan.FromHours(6);

    /// <summary>
    /// A connection whose QuickBooks authorization was refused is parked: no retry, and its next scheduled run this far off (a
    /// webhook or "Sync now" still runs it at once, and a reconnected connection resumes by itself at the latest then).
    /// </summary>
    public TimeSpan ParkFor { get; init; } = TimeSpan.FromDays(1);

    /// <summary>
    /// A job server (of any process) counts as alive for <c>/healthz</c> when its last heartbeat is this recent (Hangfire's
    /// servers report every 30 s).
    /// </summary>
    public TimeSpan ServerAliveWithin { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// The most one job does (orders sent to QuickBooks, time) before it queues the rest of the connection's sync as a new job
    /// behind the others (a large store's backfill does not hold a worker while small stores wait); null runs each sync to its end.
    /// Only stores whose orders come oldest change first (Shopify) are sliced.
    /// </summary>
    public StoreBooks.Sync.SyncSlice? Slice { get; init; } = StoreBooks.Sync.SyncSlice.Default;

    /// <summary>This process's name in Hangfire's server list; the machine's name and a number when null.</summary>
    public string? ServerName { get; init; }
}
