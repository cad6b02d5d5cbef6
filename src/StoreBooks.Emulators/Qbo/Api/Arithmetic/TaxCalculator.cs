using StoreBooks.Emulators.Qbo.Api.Json;

namespace StoreBooks.Emulators.Qbo.Api.Arithmetic;

/// <summary>
/// Sales tax the way the emulator rounds it: per rate, not per line. Each rate's tax is its percentage of the summed
/// taxable amount of every line that carries it, rounded half away from zero to the cent
/// (one TxnTaxDetail.TaxLine per rate, as QBO returns). When discounts apply before tax (ApplyTaxAfterDiscount), each
/// tax code's base is reduced by its share of the discount first.
/// For tax-inclusive amounts (TaxInclusive companies sending TaxInclusiveAmt), the net of each code is the gross divided
/// by one plus the combined rate, rounded to the cent, and the tax is the exact remainder, split across the code's rates
/// (the last rate takes the rounding), so TotalAmt equals what the customer paid to the cent.
/// </summary>
internal static class TaxCalculator
{
    /// <param name="taxBases">Taxable amounts per tax code.</param>
    /// <param name="discountFactor">1 minus the discount's share of the subtotal when the discount applies before tax; else 1.</param>
    public static IReadOnlyList<TaxLineResult> Compute(IEnumerable<TaxBase> taxBases, decimal discountFactor)
    {
        var bases = taxBases.ToList();
        var exact = discountFactor == 1m;
        var netByRate = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var plainNetByRate = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var exactTaxByRate = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var rates = new Dictionary<string, TaxRateShare>(StringComparer.Ordinal);

        foreach (var b in bases)
        {
            var combined = b.Code.CombinedPercent;
            var grossTax = b.Gross - b.NetOfGross;
            var remaining = grossTax;
            for (var i = 0; i < b.Code.Rates.Count; i++)
            {
                var rate = b.Code.Rates[i];
                rates[rate.RateId] = rate;
                var plain = (b.Net * discountFactor) + b.ShippingNet;
                var net = plain + (b.NetOfGross * discountFactor);
                netByRate[rate.RateId] = netByRate.GetValueOrDefault(rate.RateId) + net;
                if (exact && b.Gross != 0)
                {
                    var share = i == b.Code.Rates.Count - 1 || combined == 0 ? remaining : Money.Round(grossTax * rate.Percent / combined);
                    remaining -= share;
                    exactTaxByRate[rate.RateId] = exactTaxByRate.GetValueOrDefault(rate.RateId) + share;
                    plainNetByRate[rate.RateId] = plainNetByRate.GetValueOrDefault(rate.RateId) + plain;
                }
                else
                {
                    plainNetByRate[rate.RateId] = plainNetByRate.GetValueOrDefault(rate.RateId) + net;
                }
            }
        }

        var result = new List<TaxLineResult>();
        foreach (var (rateId, net) in netByRate.OrderBy(p => p.Key, Company.IdComparer.Instance))
        {
            var rate = rates[rateId];
            var tax = exactTaxByRate.GetValueOrDefault(rateId) + Money.Round(plainNetByRate[rateId] * rate.Percent / 100m);
            result.Add(new TaxLineResult(rate, Money.Round(net), tax));
        }

        return result;
    }

    /// <summary>The net of a tax-inclusive amount under a combined rate, rounded to the cent.</summary>
    public static decimal NetOfGross(decimal gross, decimal combinedPercent) =>
        Money.Round(gross / (1m + combinedPercent / 100m));
}
