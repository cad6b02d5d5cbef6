using System.Globalization;

namespace StoreBooks.Shopify.Http;

/// <summary>
/// Shopify's REST leaky bucket for one shop as StoreBooks tracks it: each call fills it by one, it leaks at the plan's rate
/// (2 a second on standard plans, 4 on Advanced, 20 on Plus), and Shopify answers 429 when a call would overflow it.
/// Before each call, <see cref="TakeAsync"/> waits until there is room (keeping one call spare); after each answer,
/// <see cref="Observe"/> corrects the level from <c>X-Shopify-Shop-Api-Call-Limit</c>. Every source reading the same shop
/// must share one bucket (see <see cref="ShopifyRateLimits"/>): the limit is per shop and app, not per object.
/// </summary>
public sealed class ShopifyCallBucket
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly double _leakPerSecond;
    private double _level;
    private int _size;
    private DateTimeOffset _at;

    public ShopifyCallBucket(TimeProvider time, double leakPerSecond = 2, int size = 40)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(leakPerSecond);
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 2);
        _time = time;
        _leakPerSecond = leakPerSecond;
        _size = size;
        _at = time.GetUtcNow();
    }

    /// <summary>The bucket's size, as Shopify last reported it.</summary>
    public int Size
    {
        get
        {
            lock (_gate)
            {
                return _size;
            }
        }
    }

    /// <summary>Calls counted in the bucket now (an estimate between answers).</summary>
    public double Level
    {
        get
        {
            lock (_gate)
            {
                Leak();
                return _level;
            }
        }
    }

    /// <summary>How many calls had to wait for room, and for how long in all.</summary>
    public int Waits { get; private set; }

    public TimeSpan Waited { get; private set; }

    /// <summary>Waits until one more call fits (with one spare), then counts it.</summary>
    public async ValueTask TakeAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan wait;
            lock (_gate)
            {
                Leak();
                var room = _size - 1 - _level;
                if (room >= 1)
                {
                    _level += 1;
                    return;
                }

                wait = TimeSpan.FromSeconds((1 - room) / _leakPerSecond);
                Waits++;
                Waited += wait;
            }

            await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Takes Shopify's own count from <c>X-Shopify-Shop-Api-Call-Limit: 32/40</c>; the higher of it and the estimate wins.</summary>
    public void Observe(string? callLimitHeader)
    {
        if (callLimitHeader is null)
        {
            return;
        }

        var parts = callLimitHeader.Split('/');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var used)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var size)
            || size < 2)
        {
            return;
        }

        lock (_gate)
        {
            Leak();
            _size = size;
            _level = Math.Max(_level, used);
        }
    }

    /// <summary>Shopify said 429: the bucket is full whatever the estimate was.</summary>
    public void Overflowed()
    {
        lock (_gate)
        {
            Leak();
            _level = _size;
        }
    }

    private void Leak()
    {
        var now = _time.GetUtcNow();
        _level = Math.Max(0, _level - ((now - _at).TotalSeconds * _leakPerSecond));
        _at = now;
    }
}
