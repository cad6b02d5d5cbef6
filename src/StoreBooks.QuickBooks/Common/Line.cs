namespace StoreBooks.QuickBooks.Common;

/// <summary>
/// One line of a transaction. QBO puts the line's kind in <see cref="DetailType"/> and its details in the property of the
/// same name; the static constructors build the common kinds.
/// </summary>
public sealed record Line : QboObject
{
    public string? Id { get; init; }

    public int? LineNum { get; init; }

    public string? Description { get; init; }

    public decimal? Amount { get; init; }

    /// <summary>One of <see cref="LineDetailTypes"/>.</summary>
    public string? DetailType { get; init; }

    public SalesItemLineDetail? SalesItemLineDetail { get; init; }

    public DiscountLineDetail? DiscountLineDetail { get; init; }

    public SubTotalLineDetail? SubTotalLineDetail { get; init; }

    /// <summary>Details of a <c>DescriptionOnly</c> line.</summary>
    public DescriptionLineDetail? DescriptionLineDetail { get; init; }

    public GroupLineDetail? GroupLineDetail { get; init; }

    public DepositLineDetail? DepositLineDetail { get; init; }

    /// <summary>Payment and Deposit lines: the transactions this line applies to or moves.</summary>
    public IReadOnlyList<LinkedTxn>? LinkedTxn { get; init; }

    /// <summary>Extra name/value data QBO adds to payment lines (txnId, txnOpenBalance, txnReferenceNumber).</summary>
    public LineEx? LineEx { get; init; }

    /// <summary>A line selling <paramref name="qty"/> of an item at <paramref name="unitPrice"/>; Amount is their product.</summary>
    public static Line SalesItem(Ref item, decimal qty, decimal unitPrice, string? description = null, Ref? taxCode = null) => new()
    {
        DetailType = LineDetailTypes.SalesItem,
        Description = description,
        Amount = qty * unitPrice,
        SalesItemLineDetail = new SalesItemLineDetail { ItemRef = item, Qty = qty, UnitPrice = unitPrice, TaxCodeRef = taxCode },
    };

    /// <summary>A discount of a fixed amount.</summary>
    public static Line DiscountAmount(decimal amount, Ref? discountAccount = null) => new()
    {
        DetailType = LineDetailTypes.Discount,
        Amount = amount,
        DiscountLineDetail = new DiscountLineDetail { PercentBased = false, DiscountAccountRef = discountAccount },
    };

    /// <summary>A discount of a percentage of the lines above it.</summary>
    public static Line DiscountPercent(decimal percent, Ref? discountAccount = null) => new()
    {
        DetailType = LineDetailTypes.Discount,
        DiscountLineDetail = new DiscountLineDetail { PercentBased = true, DiscountPercent = percent, DiscountAccountRef = discountAccount },
    };

    /// <summary>A text-only line.</summary>
    public static Line DescriptionOnly(string description) => new()
    {
        DetailType = LineDetailTypes.DescriptionOnly,
        Description = description,
        DescriptionLineDetail = new DescriptionLineDetail(),
    };
}

/// <summary>The <c>DetailType</c> values of transaction lines.</summary>
public static class LineDetailTypes
{
    public const string SalesItem = "SalesItemLineDetail";
    public const string Discount = "DiscountLineDetail";
    public const string SubTotal = "SubTotalLineDetail";
    public const string DescriptionOnly = "DescriptionOnly";
    public const string Group = "GroupLineDetail";
    public const string Deposit = "DepositLineDetail";
    public const string Payment = "PaymentLineDetail";
}

/// <summary>Name/value extras on a line (<c>LineEx.any[]</c> in JSON).</summary>
public sealed record LineEx : QboObject
{
    [System.Text.Json.Serialization.JsonPropertyName("any")]
    public IReadOnlyList<LineExEntry>? Any { get; init; }
}

/// <summary>One entry of <see cref="LineEx"/> as QBO serialises it (a JAXB element with a name/value pair).</summary>
public sealed record LineExEntry : QboObject
{
    [System.Text.Json.Serialization.JsonPropertyName("name")]
    public string? Name { get; init; }

    [System.Text.Json.Serialization.JsonPropertyName("declaredType")]
    public string? DeclaredType { get; init; }

    [System.Text.Json.Serialization.JsonPropertyName("scope")]
    public string? Scope { get; init; }

    [System.Text.Json.Serialization.JsonPropertyName("value")]
    public NameValue? Value { get; init; }

    [System.Text.Json.Serialization.JsonPropertyName("nil")]
    public bool? Nil { get; init; }

    [System.Text.Json.Serialization.JsonPropertyName("globalScope")]
    public bool? GlobalScope { get; init; }

    [System.Text.Json.Serialization.JsonPropertyName("typeSubstituted")]
    public bool? TypeSubstituted { get; init; }
}
