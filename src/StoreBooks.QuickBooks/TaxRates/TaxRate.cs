using StoreBooks.QuickBooks.Common;

namespace StoreBooks.QuickBooks.TaxRates;

/// <summary>A tax rate (<c>/taxrate</c>, read-only here): percentage and the agency it is paid to.</summary>
public sealed record TaxRate : QboEntity
{
    public string? Name { get; init; }

    public string? Description { get; init; }

    public bool? Active { get; init; }

    /// <summary>Percent, e.g. 8 for 8 %.</summary>
    public decimal? RateValue { get; init; }

    public Ref? AgencyRef { get; init; }

    public Ref? TaxReturnLineRef { get; init; }

    public string? SpecialTaxType { get; init; }

    public string? DisplayType { get; init; }

    public IReadOnlyList<EffectiveTaxRate>? EffectiveTaxRate { get; init; }
}

/// <summary>A rate value in force over a period.</summary>
public sealed record EffectiveTaxRate : QboObject
{
    public decimal? RateValue { get; init; }

    public DateTimeOffset? EffectiveDate { get; init; }

    public DateTimeOffset? EndDate { get; init; }
}
