namespace StoreBooks.Core.Model;

/// <summary>Money arithmetic to the cent.</summary>
public static class Cents
{
    /// <summary>Rounds to the cent, halves away from zero (as stores and QuickBooks round).</summary>
    public static decimal Round(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);

    /// <summary>True when <paramref name="amount"/> has no fraction of a cent.</summary>
    public static bool IsWhole(decimal amount) => amount == Round(amount);

    /// <summary>
    /// Splits <paramref name="amount"/> (whole cents) across <paramref name="weights"/> in proportion, to the cent, so the parts add
    /// up exactly: each part is rounded down, then the cents left over go one by one to the largest remainders (ties to the earlier).
    /// All parts are zero when the weights sum to zero.
    /// </summary>
    public static decimal[] Allocate(decimal amount, IReadOnlyList<decimal> weights)
    {
        var parts = new decimal[weights.Count];
        var totalWeight = weights.Sum();
        if (weights.Count == 0 || totalWeight == 0)
        {
            return parts;
        }

        var sign = amount < 0 ? -1 : 1;
        var cents = (long)(Math.Abs(Round(amount)) * 100);
        var remainders = new decimal[weights.Count];
        long given = 0;
        for (var i = 0; i < weights.Count; i++)
        {
            var exact = cents * weights[i] / totalWeight;
            var floor = Math.Floor(exact);
            parts[i] = floor;
            remainders[i] = exact - floor;
            given += (long)floor;
        }

        var order = Enumerable.Range(0, weights.Count).OrderByDescending(i => remainders[i]).ThenBy(i => i).ToArray();
        for (long left = cents - given, k = 0; left > 0; left--, k++)
        {
            parts[order[k % order.Length]] += 1;
        }

        for (var i = 0; i < parts.Length; i++)
        {
            parts[i] = sign * parts[i] / 100m;
        }

        return parts;
    }
}
