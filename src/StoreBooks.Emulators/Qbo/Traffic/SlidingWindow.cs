namespace StoreBooks.Emulators.Qbo.Traffic;

/// <summary>Times of admitted requests within the last window; not thread-safe (its owner locks).</summary>
internal sealed class SlidingWindow
{
    private readonly Queue<DateTimeOffset> _times = new();

    public int Count(DateTimeOffset now, TimeSpan window)
    {
        while (_times.Count > 0 && now - _times.Peek() >= window)
        {
            _times.Dequeue();
        }

        return _times.Count;
    }

    /// <summary>How long until one more request fits, once <see cref="Count"/> reached the limit.</summary>
    public TimeSpan UntilFree(DateTimeOffset now, TimeSpan window, int limit)
    {
        // The window frees a slot when the oldest request that keeps the count at the limit leaves it.
        var over = _times.Count - limit;
        var oldest = _times.ElementAt(Math.Max(0, over));
        var wait = oldest + window - now;
        return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
    }

    public void Add(DateTimeOffset now) => _times.Enqueue(now);
}
