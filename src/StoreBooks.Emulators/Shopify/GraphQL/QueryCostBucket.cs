using System.Text.Json.Nodes;

namespace StoreBooks.Emulators.Shopify.GraphQL;

/// <summary>Shopify's calculated-query-cost bucket: points restore at a steady rate up to a maximum; a query takes its requested cost and gets back what it did not use.</summary>
internal sealed class QueryCostBucket(int maximum, int restoreRate, TimeProvider time)
{
    private readonly Lock _gate = new();
    private double _available = maximum;
    private DateTimeOffset _at = time.GetUtcNow();

    private void Restore()
    {
        var now = time.GetUtcNow();
        _available = Math.Min(maximum, _available + ((now - _at).TotalSeconds * restoreRate));
        _at = now;
    }

    /// <summary>Takes <paramref name="requested"/> points if available.</summary>
    public bool TryTake(int requested)
    {
        lock (_gate)
        {
            Restore();
            if (requested > _available)
            {
                return false;
            }

            _available -= requested;
            return true;
        }
    }

    public void Refund(int points)
    {
        lock (_gate)
        {
            _available = Math.Min(maximum, _available + points);
        }
    }

    /// <summary>The <c>extensions.cost</c> block.</summary>
    public JsonObject Cost(int requested, int? actual)
    {
        lock (_gate)
        {
            Restore();
            return new JsonObject
            {
                ["requestedQueryCost"] = requested,
                ["actualQueryCost"] = actual,
                ["throttleStatus"] = new JsonObject
                {
                    ["maximumAvailable"] = (double)maximum,
                    ["currentlyAvailable"] = (int)Math.Floor(_available),
                    ["restoreRate"] = (double)restoreRate,
                },
            };
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _available = maximum;
            _at = time.GetUtcNow();
        }
    }
}
