using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.RateLimiting;

namespace StoreBooks.QuickBooks.Http;

/// <summary>
/// The request budget of each QBO company, shared by every client in the process that talks to it: create one and pass
/// it to all clients (it is not a process-wide static). Each realm gets a concurrency limiter (in flight) and a sliding
/// window limiter (per minute) from System.Threading.RateLimiting; waiting requests queue in arrival order.
/// <para>
/// In hosted mode several processes call the same companies: then a <see cref="IQboSharedBudget"/> (PostgreSQL's) stands behind
/// the in-process limiters. A request first takes its slot and permit here, so this process alone never exceeds the limits, then
/// a slot and a permit of the shared budget, so all the processes together do not either. Without one (a single machine) nothing
/// more is asked and nothing is spent.
/// </para>
/// </summary>
public sealed class QboRealmLimits : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, RealmBudget> _realms = new(StringComparer.Ordinal);
    private readonly Timer _slider;

    /// <param name="options">The limits; null takes the shared budget's, or QuickBooks Online's own.</param>
    /// <param name="shared">The budget shared with other processes (hosted mode); null keeps the budget within this process.</param>
    public QboRealmLimits(QboLimitsOptions? options = null, IQboSharedBudget? shared = null)
    {
        Options = options ?? shared?.Limits ?? new QboLimitsOptions();
        Options.Validate();
        if (shared is not null && shared.Limits != Options)
        {
            throw new ArgumentException($"The shared QBO budget keeps other limits ({shared.Limits}) than this process ({Options}): make both with the same figures.", nameof(shared));
        }

        Shared = shared;

        // One timer slides every realm's window. The limiter refuses to slide before a full segment has passed since
        // its last slide, so a late callback cannot be followed by an early one; ticking at 1/32 of a segment keeps the
        // slide at most ~3 % late.
        var segment = Options.EffectiveWindow / Options.SegmentsPerWindow;
        var tick = TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerMillisecond, segment.Ticks / 32));
        _slider = new Timer(static state => ((QboRealmLimits)state!).Slide(), this, tick, tick);
    }

    public QboLimitsOptions Options { get; }

    /// <summary>The budget shared with other processes, or null.</summary>
    public IQboSharedBudget? Shared { get; }

    /// <summary>
    /// Waits until the realm may take one more request; dispose the lease when the response has been read. The slot in
    /// flight is taken first, then the per-window permit, so the permit is counted when the request actually leaves; with a
    /// shared budget, its slot and permit come after this process's own.
    /// </summary>
    /// <param name="batch">A batch request: it takes a permit of the batch window too, before the slot in flight.</param>
    public async ValueTask<QboRealmLease> AcquireAsync(string realmId, CancellationToken cancellationToken, bool batch = false)
    {
        var budget = Budget(realmId);
        RateLimitLease? batchPermit = null;
        if (batch)
        {
            batchPermit = await budget.Batches.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
            if (!batchPermit.IsAcquired)
            {
                batchPermit.Dispose();
                throw new InvalidOperationException($"The batch queue for QBO company {realmId} is full.");
            }
        }

        RateLimitLease slot;
        try
        {
            slot = await budget.InFlight.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            batchPermit?.Dispose();
            throw;
        }

        if (!slot.IsAcquired)
        {
            slot.Dispose();
            batchPermit?.Dispose();
            throw new InvalidOperationException($"The in-flight queue for QBO company {realmId} is full.");
        }

        QboRealmLease lease;
        try
        {
            var permit = await budget.PerWindow.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
            if (!permit.IsAcquired)
            {
                permit.Dispose();
                throw new InvalidOperationException($"The request queue for QBO company {realmId} is full.");
            }

            lease = new QboRealmLease(slot, permit, batchPermit);
        }
        catch
        {
            slot.Dispose();
            batchPermit?.Dispose();
            throw;
        }

        if (Shared is not null)
        {
            try
            {
                await TakeSharedAsync(realmId, lease, batch, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                await lease.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }

        return lease;
    }

    private async Task TakeSharedAsync(string realmId, QboRealmLease lease, bool batch, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        if (batch)
        {
            await Shared!.TakeBatchPermitAsync(realmId, cancellationToken).ConfigureAwait(false);
        }

        lease.SharedSlot = await Shared!.TakeSlotAsync(realmId, cancellationToken).ConfigureAwait(false);
        await Shared.TakePermitAsync(realmId, cancellationToken).ConfigureAwait(false);
        QboTelemetry.SharedBudgetWait.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
    }

    /// <summary>
    /// Whether a batch request to the realm would leave now: a batch permit and a request permit are free in their windows
    /// (a writer that finds none sends single requests meanwhile, so both budgets are used).
    /// </summary>
    public bool BatchAvailable(string realmId)
    {
        var budget = Budget(realmId);
        return budget.Batches.GetStatistics()?.CurrentAvailablePermits > 0 && budget.PerWindow.GetStatistics()?.CurrentAvailablePermits > 0;
    }

    /// <summary>Request permits left in the realm's current window (for writers choosing between a batch and single requests).</summary>
    public long RequestsAvailable(string realmId) => Budget(realmId).PerWindow.GetStatistics()?.CurrentAvailablePermits ?? 0;

    private RealmBudget Budget(string realmId) => _realms.GetOrAdd(realmId, static (_, options) => new RealmBudget(options), Options);

    /// <summary>Requests currently in flight to a realm (for tests and diagnostics).</summary>
    public long InFlight(string realmId) =>
        _realms.TryGetValue(realmId, out var budget) ? Options.MaxInFlight - (budget.InFlight.GetStatistics()?.CurrentAvailablePermits ?? Options.MaxInFlight) : 0;

    public async ValueTask DisposeAsync()
    {
        await _slider.DisposeAsync().ConfigureAwait(false);
        foreach (var budget in _realms.Values)
        {
            await budget.DisposeAsync().ConfigureAwait(false);
        }
    }

    private void Slide()
    {
        foreach (var budget in _realms.Values)
        {
            budget.PerWindow.TryReplenish();
            budget.Batches.TryReplenish();
        }
    }

    /// <summary>One realm's limiters; the sliding window is slid by the owner's timer (<c>TryReplenish</c>).</summary>
    private sealed class RealmBudget : IAsyncDisposable
    {
        public RealmBudget(QboLimitsOptions options)
        {
            InFlight = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
            {
                PermitLimit = options.MaxInFlight,
                QueueLimit = int.MaxValue,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            });
            PerWindow = new SlidingWindowRateLimiter(new SlidingWindowRateLimiterOptions
            {
                PermitLimit = options.RequestsPerWindow,
                Window = options.EffectiveWindow,
                SegmentsPerWindow = options.SegmentsPerWindow,
                QueueLimit = int.MaxValue,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                AutoReplenishment = false,
            });
            Batches = new SlidingWindowRateLimiter(new SlidingWindowRateLimiterOptions
            {
                PermitLimit = options.BatchesPerWindow,
                Window = options.EffectiveWindow,
                SegmentsPerWindow = options.SegmentsPerWindow,
                QueueLimit = int.MaxValue,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                AutoReplenishment = false,
            });
        }

        public ConcurrencyLimiter InFlight { get; }

        public SlidingWindowRateLimiter Batches { get; }

        public SlidingWindowRateLimiter PerWindow { get; }

        public async ValueTask DisposeAsync()
        {
            await InFlight.DisposeAsync().ConfigureAwait(false);
            await PerWindow.DisposeAsync().ConfigureAwait(false);
            await Batches.DisposeAsync().ConfigureAwait(false);
        }
    }
}
