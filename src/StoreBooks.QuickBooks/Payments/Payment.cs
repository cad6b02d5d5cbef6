using StoreBooks.QuickBooks.Common;

namespace StoreBooks.QuickBooks.Payments;

/// <summary>Money received from a customer (<c>/payment</c>), applied to invoices and credit memos through its lines.</summary>
public sealed record Payment : QboEntity
{
    public DateOnly? TxnDate { get; init; }

    public Ref? CustomerRef { get; init; }

    /// <summary>Required.</summary>
    public decimal? TotalAmt { get; init; }

    /// <summary>Read-only: the part of TotalAmt not applied to any transaction.</summary>
    public decimal? UnappliedAmt { get; init; }

    public bool? ProcessPayment { get; init; }

    public Ref? PaymentMethodRef { get; init; }

    public string? PaymentRefNum { get; init; }

    public Ref? DepositToAccountRef { get; init; }

    public Ref? ARAccountRef { get; init; }

    public Ref? CurrencyRef { get; init; }

    public decimal? ExchangeRate { get; init; }

    public string? PrivateNote { get; init; }

    /// <summary>Each line applies an Amount to the transactions in its LinkedTxn.</summary>
    public IReadOnlyList<Line>? Line { get; init; }

    public IReadOnlyList<LinkedTxn>? LinkedTxn { get; init; }

    public string? TxnSource { get; init; }
}
