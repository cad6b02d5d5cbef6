namespace StoreBooks.Emulators.Qbo.Api.Arithmetic;

/// <summary>One sales tax rate as a tax code applies it.</summary>
internal sealed record TaxRateShare(string RateId, string Name, decimal Percent);

/// <summary>A tax code and the rates it charges (GST/QST QC: GST 5% and QST 9.975%).</summary>
internal sealed record TaxCodeRates(string CodeId, IReadOnlyList<TaxRateShare> Rates)
{
    public decimal CombinedPercent => Rates.Sum(r => r.Percent);
}

/// <summary>The taxable amount of lines under one tax code: net amounts, and the tax-inclusive amounts a client sent.</summary>
internal sealed class TaxBase(TaxCodeRates code)
{
    public TaxCodeRates Code { get; } = code;

    /// <summary>Net amounts of item lines whose net the client gave (a discount before tax scales them).</summary>
    public decimal Net { get; set; }

    /// <summary>Net amounts of shipping lines (never discounted).</summary>
    public decimal ShippingNet { get; set; }

    /// <summary>Tax-inclusive amounts of lines whose gross the client gave (TaxInclusive companies).</summary>
    public decimal Gross { get; set; }

    /// <summary>The nets QBO derived from <see cref="Gross"/>.</summary>
    public decimal NetOfGross { get; set; }
}

/// <summary>One <c>TxnTaxDetail.TaxLine</c>: a rate, the amount it was charged on, and the tax.</summary>
internal sealed record TaxLineResult(TaxRateShare Rate, decimal NetAmountTaxable, decimal Tax);
