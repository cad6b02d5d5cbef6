namespace StoreBooks.Csv.Orders;

/// <summary>
/// Splits an amount over parts in proportion to their weights, to the cent, so the parts add up exactly to the amount:
/// each part is its share rounded to the cent (half away from zero), and the cents left over by rounding go to the part
/// with the largest weight (the first of equals).
/// </summary>
internal static class CentAllocator
{
    /// <summary>The parts; null when the weights add up to zero (nothing to spread the amount over).</summary>
    public static decimal[]? Allocate(decimal amount, IReadOnlyList<decimal> weights)
    {
        var total = 0m;
        var largest = -1;
        for (var i = 0; i < weights.Count; i++)
        {
            var weight = Math.Max(weights[i], 0m);
            total += weight;
            if (largest < 0 || weight > Math.Max(weights[largest], 0m))
            {
                largest = i;
            }
        }

        if (total == 0m)
        {
            return null;
        }

        var shares = new decimal[weights.Count];
        var allocated = 0m;
        for (var i = 0; i < shares.Length; i++)
        {
            shares[i] = Math.Round(amount * Math.Max(weights[i], 0m) / total, 2, MidpointRounding.AwayFromZero);
            allocated += shares[i];
        }

        shares[largest] += amount - allocated;
        return shares;
    }
}
