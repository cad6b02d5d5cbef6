using StoreBooks.Core.Model;

namespace StoreBooks.Shopify.Orders;

/// <summary>
/// Splits one tax amount over the taxes it was charged as (a refunded line's <c>total_tax</c> over the line's tax lines), in
/// proportion to what each charged, to the cent; the parts always add up to the amount exactly.
/// </summary>
internal static class TaxSplit
{
    /// <summary>Shares of <paramref name="amount"/> in proportion to <paramref name="weights"/>; any fraction of a cent goes to the last share.</summary>
    public static decimal[] Shares(decimal amount, IReadOnlyList<decimal> weights)
    {
        if (weights.Count == 0)
        {
            return [];
        }

        var usable = weights.Sum() == 0 ? [.. weights.Select(_ => 1m)] : weights;
        var whole = Cents.Round(amount);
        var shares = Cents.Allocate(whole, usable);
        shares[^1] += amount - whole;
        return shares;
    }

    /// <summary><paramref name="amount"/> as taxes named like <paramref name="charged"/>; one "Tax" when nothing was charged as tax.</summary>
    public static IReadOnlyList<StoreTax> Like(decimal amount, IReadOnlyList<StoreTax> charged)
    {
        if (amount == 0)
        {
            return [];
        }

        var groups = charged.GroupBy(t => (t.Name, t.Rate)).Select(g => (g.Key.Name, g.Key.Rate, Amount: g.Sum(t => t.Amount))).ToList();
        if (groups.Count == 0)
        {
            return [new StoreTax("Tax", 0m, amount)];
        }

        var shares = Shares(amount, [.. groups.Select(g => Math.Abs(g.Amount))]);
        return [.. groups.Select((g, i) => new StoreTax(g.Name, g.Rate, shares[i])).Where(t => t.Amount != 0)];
    }
}
