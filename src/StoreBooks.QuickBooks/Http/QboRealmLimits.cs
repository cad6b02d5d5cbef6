using System.Collections.Concurrent;
using System.Threading.RateLimiting;

namespace StoreBooks.QuickBooks.Http;

/// <summary>
/// The request budget of each QBO company, shared by every client in the process that talks to it: create one and pass
/// it to all clients (it is not a process-wide static). Each realm gets a concurrency limiter (in flight) and a sliding
/// window limiter (per minute) from System.Threading.RateLimiting; waiting requests queue in arrival order.
/// </summary>
public sealed class QboRealmLimits : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, RealmBudget> _realms = new(StringComparer.Ordinal);

    public QboRealmLimits(QboLimitsOptions? options = null)
    {
        Options = options ?? new QboLimitsOptions();
        Options.Validate();
    }

    public QboLimitsOptions Options { get; }

    /// <summary>
    /// Waits until the realm may take one more request; dispose the lease when the response has been read. The slot in
    /// flight is taken first, then the per-window permit, so the permit is counted when the request actually leaves.
    /// </summary>
    public async ValueTask<IDisposable> AcquireAsync(string realmId, CancellationToken cancellationToken)
    {
        var budget = _realms.GetOrAdd(realmId, static (_, options) => new RealmBudget(options), Options);
        var slot = await budget.InFlight.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
        if (!slot.IsAcquired)
        {
            slot.Dispose();
            throw new InvalidOperationException($"The in-flight queue for QBO company {realmId} is full.");
        }

        try
        {
            var permit = await budget.PerWindow.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
            if (!permit.IsAcquired)
            {
                permit.Dispose();
                throw new InvalidOperationException($"The request queue for QBO company {realmId} is full.");
            }

            return new Lease(slot, permit);
        }
        catch
        {
            slot.Dispose();
            throw;
        }
    }

    /// <summary>Requests currently in flight to a realm (for tests and diagnostics).</summary>
    public long InFlight(string realmId) =>
        _realms.TryGetValue(realmId, out var budget) ? Options.MaxInFlight - (budget.InFlight.GetStatistics()?.CurrentAvailablePermits ?? Options.MaxInFlight) : 0;

    public async ValueTask DisposeAsync()
    {
        foreach (var budget in _realms.Values)
        {
            await budget.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// One realm's limiters. The sliding window is replenished by our own timer through <c>TryReplenish</c>, which refuses
    /// to slide before a full segment has passed since the last slide: a timer callback delayed by a busy thread pool
    /// then cannot be followed by an early one that would return permits too soon.
    /// </summary>
    private sealed class RealmBudget : IAsyncDisposable
    {
        private readonly Timer _slider;

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
            var segment = options.EffectiveWindow / options.SegmentsPerWindow;
            var tick = TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerMillisecond, segment.Ticks / 8));
            _slider = new Timer(static state => ((SlidingWindowRateLimiter)state!).TryReplenish(), PerWindow, tick, tick);
        }

        public ConcurrencyLimiter InFlight { get; }

        public SlidingWindowRateLimiter PerWindow { get; }

        public async ValueTask DisposeAsync()
        {
            await _slider.DisposeAsync().ConfigureAwait(false);
            await InFlight.DisposeAsync().ConfigureAwait(false);
            await PerWindow.DisposeAsync().ConfigureAwait(false);
        }
    }

    private sealed class Lease(RateLimitLease slot, RateLimitLease permit) : IDisposable
    {
        public void Dispose()
        {
            permit.Dispose();
            slot.Dispose();
        }
    }
}
