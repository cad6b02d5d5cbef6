using StoreBooks.Emulators.Qbo.Api.Arithmetic;
using Xunit;

namespace StoreBooks.Emulators.Tests.Qbo.Api.Arithmetic;

/// <summary>The tax calculator on its own: per-rate rounding, tax-inclusive splitting, discounts before tax.</summary>
public sealed class TaxCalculatorTests
{
    private static readonly TaxRateShare Gst = new("1", "GST", 5m);
    private static readonly TaxRateShare Qst = new("2", "QST", 9.975m);
    private static readonly TaxRateShare Hst = new("3", "HST ON", 13m);

    [Fact]
    public void Rounds_each_rate_once_on_the_summed_amount()
    {
        var lines = TaxCalculator.Compute([new TaxBase(new TaxCodeRates("g", [Gst])) { Net = 0.30m }], 1m);
        Assert.Equal(0.02m, Assert.Single(lines).Tax);
    }

    [Fact]
    public void Merges_a_rate_shared_by_two_codes()
    {
        var lines = TaxCalculator.Compute(
        [
            new TaxBase(new TaxCodeRates("g", [Gst])) { Net = 59.97m },
            new TaxBase(new TaxCodeRates("qc", [Gst, Qst])) { Net = 100m },
        ], 1m);

        Assert.Equal([(159.97m, 8.00m), (100m, 9.98m)], lines.Select(l => (l.NetAmountTaxable, l.Tax)));
    }

    [Fact]
    public void Splits_inclusive_tax_exactly_across_rates()
    {
        var gross = 114.98m;
        var net = TaxCalculator.NetOfGross(gross, 14.975m);
        var lines = TaxCalculator.Compute([new TaxBase(new TaxCodeRates("qc", [Gst, Qst])) { Gross = gross, NetOfGross = net }], 1m);

        Assert.Equal(100m, net);
        Assert.Equal(gross - net, lines.Sum(l => l.Tax));
        Assert.Equal(5.00m, lines[0].Tax);
    }

    [Fact]
    public void A_discount_before_tax_scales_items_but_not_shipping()
    {
        var lines = TaxCalculator.Compute([new TaxBase(new TaxCodeRates("h", [Hst])) { Net = 100m, ShippingNet = 10m }], 0.5m);
        Assert.Equal((60m, 7.80m), (lines[0].NetAmountTaxable, lines[0].Tax));
    }
}
