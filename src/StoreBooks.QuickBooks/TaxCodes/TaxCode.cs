using StoreBooks.QuickBooks.Common;

namespace StoreBooks.QuickBooks.TaxCodes;

/// <summary>
/// A sales-tax code (<c>/taxcode</c>, read-only here). In the US the pseudo codes <c>TAX</c> and <c>NON</c> go on lines and
/// real codes (TaxGroup true) on TxnTaxDetail; elsewhere every line carries a real code.
/// </summary>
public sealed record TaxCode : QboEntity
{
    public string? Name { get; init; }

    public string? Description { get; init; }

    public bool? Active { get; init; }

    public bool? Taxable { get; init; }

    public bool? TaxGroup { get; init; }

    public bool? Hidden { get; init; }

    public TaxRateList? SalesTaxRateList { get; init; }

    public TaxRateList? PurchaseTaxRateList { get; init; }
}

/// <summary>The tax rates a code applies, in order.</summary>
public sealed record TaxRateList : QboObject
{
    public IReadOnlyList<TaxRateDetail>? TaxRateDetail { get; init; }
}

/// <summary>One rate inside a tax code.</summary>
public sealed record TaxRateDetail : QboObject
{
    public Ref? TaxRateRef { get; init; }

    public string? TaxTypeApplicable { get; init; }

    public int? TaxOrder { get; init; }

    public string? TaxOnTaxOrder { get; init; }
}
