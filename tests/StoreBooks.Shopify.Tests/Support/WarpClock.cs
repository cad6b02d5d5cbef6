namespace StoreBooks.Shopify.Tests.Support;

/// <summary>
/// A clock on which waiting takes no real time: arming a timer moves the clock forward by its due time and fires it at once.
/// Shared by the emulator and the source, the leaky bucket leaks exactly as it would over the waited seconds, so rate-limit
/// behaviour is tested at Shopify's real figures (40 calls, 2 a second) in a fraction of a second.
/// </summary>
public sealed class WarpClock(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    /// <summary>How far the clock has moved from its start.</summary>
    public TimeSpan Elapsed => new(Interlocked.Read(ref _ticks) - start.UtcTicks);

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new WarpTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    private void Advance(TimeSpan by)
    {
        if (by > TimeSpan.Zero)
        {
            Interlocked.Add(ref _ticks, by.Ticks);
        }
    }

    private sealed class WarpTimer(WarpClock clock, TimerCallback callback, object? state) : ITimer
    {
        private bool _disposed;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            if (_disposed || dueTime == Timeout.InfiniteTimeSpan)
            {
                return !_disposed;
            }

            // Fired at once, on the caller's thread: Task.Delay copes with a timer that fires before CreateTimer returns.
            // Periodic timers are not used by the code under test; each arming fires once.
            clock.Advance(dueTime);
            callback(state);
            return true;
        }

        public void Dispose() => _disposed = true;

        public ValueTask DisposeAsync()
        {
            _disposed = true;
            return ValueTask.CompletedTask;
        }
    }
}
