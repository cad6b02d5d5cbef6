namespace StoreBooks.Emulators.Shopify.Rest;

/// <summary>Shopify's REST leaky bucket, one per access token: each call adds one, the bucket leaks at a steady rate.</summary>
internal sealed class RestCallBucket(int size, double leakPerSecond, TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (double Level, DateTimeOffset At)> _buckets = new(StringComparer.Ordinal);

    public int Size => size;

    /// <summary>Takes one call for <paramref name="token"/>; returns whether it fits and the level to report.</summary>
    public (bool Allowed, int Used) Take(string token)
    {
        lock (_gate)
        {
            // Read inside the lock: a time read before it could be older than the last call's, and leak backwards.
            var now = time.GetUtcNow();
            var (level, at) = _buckets.GetValueOrDefault(token, (0d, now));
            level = Math.Max(0, level - ((now - at).TotalSeconds * leakPerSecond));
            if (level + 1 > size)
            {
                _buckets[token] = (level, now);
                return (false, size);
            }

            level += 1;
            _buckets[token] = (level, now);
            return (true, (int)Math.Ceiling(level));
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _buckets.Clear();
        }
    }
}
