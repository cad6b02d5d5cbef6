using System.Globalization;
using StoreBooks.Core.Model;

namespace StoreBooks.WooCommerce.Orders;

/// <summary>
/// The taxes of a line, shipping line or fee, named after the order's tax lines. The line's own <c>total_tax</c> (2 decimals)
/// is what the store charged; its per-rate <c>taxes[].total</c> (which may carry more decimals) say how it divides. When they
/// are whole cents adding up to <c>total_tax</c> they are used as they are; otherwise <c>total_tax</c> is split in their
/// proportion, to the cent, so the taxes always add up to <c>total_tax</c> exactly.
/// </summary>
internal sealed class WooTaxes(IReadOnlyList<WooTaxLine> taxLines)
{
    private readonly Dictionary<long, WooTaxLine> _rates = taxLines.GroupBy(t => t.RateId).ToDictionary(g => g.Key, g => g.First());

    /// <summary>The taxes of one line; <paramref name="sign"/> −1 reads a refund's negative figures as positive amounts.</summary>
    public IReadOnlyList<StoreTax> Of(IReadOnlyList<WooTax> taxes, decimal totalTax, decimal sign = 1)
    {
        var total = sign * totalTax;
        var parts = taxes.Where(t => t.Total is { } v && v != 0).Select(t => (Rate: t.Id, Amount: sign * t.Total!.Value)).ToList();
        if (parts.Count == 0)
        {
            return total == 0 ? [] : [new StoreTax("Tax", 0m, total)];
        }

        decimal[] amounts = parts.All(p => Cents.IsWhole(p.Amount)) && parts.Sum(p => p.Amount) == total
            ? [.. parts.Select(p => p.Amount)]
            : Split(total, [.. parts.Select(p => Math.Abs(p.Amount))]);
        return [.. parts.Select((p, i) => new StoreTax(Name(p.Rate), Rate(p.Rate), amounts[i])).Where(t => t.Amount != 0)];
    }

    /// <summary>The tax line's label ("State Tax", "GST"), else its rate code, else "Tax rate {id}".</summary>
    public string Name(long rateId) =>
        _rates.TryGetValue(rateId, out var line) && FirstText(line.Label, line.RateCode) is { } name
            ? name
            : $"Tax rate {rateId.ToString(CultureInfo.InvariantCulture)}";

    /// <summary><c>rate_percent</c> as a fraction (4.5 → 0.045); 0 when the order does not say (WooCommerce before 3.7).</summary>
    public decimal Rate(long rateId) => _rates.TryGetValue(rateId, out var line) && line.RatePercent is { } percent ? percent / 100m : 0m;

    private static decimal[] Split(decimal amount, decimal[] weights)
    {
        var usable = weights.Sum() == 0 ? [.. weights.Select(_ => 1m)] : weights;
        var whole = Cents.Round(amount);
        var shares = Cents.Allocate(whole, usable);
        shares[^1] += amount - whole;
        return shares;
    }

    public static string? FirstText(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim();

    /// <summary>A name as a person reads it: WooCommerce sends product and line names HTML-encoded (<c>&amp;ndash;</c>, <c>&amp;amp;</c>).</summary>
    public static string? Name(params string?[] values) => FirstText(values) is { } text ? System.Net.WebUtility.HtmlDecode(text).Trim() : null;
}
