namespace StoreBooks.Shopify.Http;

/// <summary>
/// Shopify's GraphQL cost budget for one shop: points restore at a steady rate up to a maximum, and a query needs its requested
/// cost available. Each answer's <c>extensions.cost.throttleStatus</c> is observed; before a query, <see cref="WaitForAsync"/>
/// waits until the estimated points cover its cost. Shared by every source reading the shop (see <see cref="ShopifyRateLimits"/>).
/// </summary>
public sealed class ShopifyQueryBudget(TimeProvider time)
{
    private readonly Lock _gate = new();
    private double? _available;
    private double _maximum;
    private double _restoreRate;
    private DateTimeOffset _at;

    /// <summary>The most points a query can cost on this shop; null until Shopify has said.</summary>
    public double? MaximumAvailable
    {
        get
        {
            lock (_gate)
            {
                return _available is null ? null : _maximum;
            }
        }
    }

    /// <summary>How many queries waited for points, and how many Shopify throttled.</summary>
    public int Waits { get; private set; }

    public int Throttled { get; private set; }

    /// <summary>Waits until <paramref name="cost"/> points are estimated to be available (no wait before the first answer).</summary>
    public async ValueTask WaitForAsync(int cost, CancellationToken cancellationToken)
    {
        TimeSpan wait;
        lock (_gate)
        {
            if (_available is not { } available || _restoreRate <= 0)
            {
                return;
            }

            var now = time.GetUtcNow();
            available = Math.Min(_maximum, available + ((now - _at).TotalSeconds * _restoreRate));
            if (available >= cost || cost > _maximum)
            {
                return;
            }

            wait = TimeSpan.FromSeconds((cost - available) / _restoreRate);
            Waits++;
        }

        await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Records a <c>throttleStatus</c>; <paramref name="throttled"/> when the query was refused for its cost.</summary>
    public void Observe(double maximumAvailable, double currentlyAvailable, double restoreRate, bool throttled)
    {
        lock (_gate)
        {
            _maximum = maximumAvailable;
            _available = currentlyAvailable;
            _restoreRate = restoreRate;
            _at = time.GetUtcNow();
            if (throttled)
            {
                Throttled++;
            }
        }
    }
}
