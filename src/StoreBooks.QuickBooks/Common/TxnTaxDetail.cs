namespace StoreBooks.QuickBooks.Common;

/// <summary>A transaction's tax: the tax code applied to the whole transaction, total tax and one line per tax rate.</summary>
public sealed record TxnTaxDetail : QboObject
{
    public Ref? TxnTaxCodeRef { get; init; }

    public decimal? TotalTax { get; init; }

    public IReadOnlyList<TaxLine>? TaxLine { get; init; }
}

/// <summary>One tax rate's share of a transaction's tax (<c>DetailType: "TaxLineDetail"</c>).</summary>
public sealed record TaxLine : QboObject
{
    public string? Id { get; init; }

    public decimal? Amount { get; init; }

    public string? DetailType { get; init; } = "TaxLineDetail";

    public TaxLineDetail? TaxLineDetail { get; init; }
}

/// <summary>The rate, whether it is a percentage, and the taxable amount behind a <see cref="TaxLine"/>.</summary>
public sealed record TaxLineDetail : QboObject
{
    public Ref? TaxRateRef { get; init; }

    public bool? PercentBased { get; init; }

    public decimal? TaxPercent { get; init; }

    public decimal? NetAmountTaxable { get; init; }

    public decimal? TaxInclusiveAmount { get; init; }

    public bool? OverrideDeltaAmount { get; init; }
}
