namespace StoreBooks.QuickBooks.Common;

/// <summary>
/// The fields QBO's sales forms share (SalesReceipt, Invoice, RefundReceipt, CreditMemo): lines, customer, dates,
/// addresses, tax and totals.
/// </summary>
public abstract record SalesTransaction : QboEntity
{
    /// <summary>Up to 21 characters; QBO refuses duplicates (6140) when custom transaction numbers are on.</summary>
    public string? DocNumber { get; init; }

    public DateOnly? TxnDate { get; init; }

    public IReadOnlyList<Line>? Line { get; init; }

    public Ref? CustomerRef { get; init; }

    public MemoRef? CustomerMemo { get; init; }

    public string? PrivateNote { get; init; }

    public PhysicalAddress? BillAddr { get; init; }

    public PhysicalAddress? ShipAddr { get; init; }

    public PhysicalAddress? ShipFromAddr { get; init; }

    public EmailAddress? BillEmail { get; init; }

    public DateOnly? ShipDate { get; init; }

    public Ref? ShipMethodRef { get; init; }

    public string? TrackingNum { get; init; }

    public Ref? ClassRef { get; init; }

    public Ref? DepartmentRef { get; init; }

    public Ref? SalesTermRef { get; init; }

    public TxnTaxDetail? TxnTaxDetail { get; init; }

    public bool? ApplyTaxAfterDiscount { get; init; }

    /// <summary>Non-US companies: TaxExcluded, TaxInclusive or NotApplicable.</summary>
    public string? GlobalTaxCalculation { get; init; }

    public Ref? CurrencyRef { get; init; }

    public decimal? ExchangeRate { get; init; }

    /// <summary>Read-only total including tax.</summary>
    public decimal? TotalAmt { get; init; }

    public decimal? HomeTotalAmt { get; init; }

    public string? PrintStatus { get; init; }

    public string? EmailStatus { get; init; }

    public IReadOnlyList<LinkedTxn>? LinkedTxn { get; init; }

    public IReadOnlyList<CustomField>? CustomField { get; init; }

    public string? TxnSource { get; init; }
}
