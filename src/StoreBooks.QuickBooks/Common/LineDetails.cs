namespace StoreBooks.QuickBooks.Common;

/// <summary>An item sold on a line: item, quantity, unit price, tax code.</summary>
public sealed record SalesItemLineDetail : QboObject
{
    public Ref? ItemRef { get; init; }

    public Ref? ClassRef { get; init; }

    public decimal? UnitPrice { get; init; }

    public decimal? Qty { get; init; }

    public Ref? ItemAccountRef { get; init; }

    /// <summary>US: <c>TAX</c> or <c>NON</c>; elsewhere a real TaxCode id.</summary>
    public Ref? TaxCodeRef { get; init; }

    public DateOnly? ServiceDate { get; init; }

    public decimal? TaxInclusiveAmt { get; init; }

    public decimal? DiscountAmt { get; init; }

    public decimal? DiscountRate { get; init; }
}

/// <summary>A discount: an amount, or a percentage when <see cref="PercentBased"/>.</summary>
public sealed record DiscountLineDetail : QboObject
{
    public bool? PercentBased { get; init; }

    public decimal? DiscountPercent { get; init; }

    public Ref? DiscountAccountRef { get; init; }

    public Ref? TaxCodeRef { get; init; }

    public Ref? ClassRef { get; init; }
}

/// <summary>A subtotal of the lines above it (server-added, read-only).</summary>
public sealed record SubTotalLineDetail : QboObject
{
    public Ref? ItemRef { get; init; }
}

/// <summary>Details of a text-only line.</summary>
public sealed record DescriptionLineDetail : QboObject
{
    public DateOnly? ServiceDate { get; init; }

    public Ref? TaxCodeRef { get; init; }
}

/// <summary>A bundle (Group item) sold on a line, with the bundle's own lines.</summary>
public sealed record GroupLineDetail : QboObject
{
    public Ref? GroupItemRef { get; init; }

    public decimal? Quantity { get; init; }

    public IReadOnlyList<Line>? Line { get; init; }
}

/// <summary>A deposit line that is not a linked transaction: money from an account and payer.</summary>
public sealed record DepositLineDetail : QboObject
{
    public Ref? Entity { get; init; }

    public Ref? ClassRef { get; init; }

    public Ref? AccountRef { get; init; }

    public Ref? PaymentMethodRef { get; init; }

    public string? CheckNum { get; init; }

    public string? TxnType { get; init; }

    public Ref? TaxCodeRef { get; init; }

    public string? TaxApplicableOn { get; init; }
}
