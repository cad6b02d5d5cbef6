namespace StoreBooks.QuickBooks.Common;

/// <summary>A link to another transaction: an invoice a payment applies to, the deposit a sales receipt went into.</summary>
public sealed record LinkedTxn : QboObject
{
    public string? TxnId { get; init; }

    /// <summary>Invoice, CreditMemo, Payment, SalesReceipt, Deposit, RefundReceipt, ...</summary>
    public string? TxnType { get; init; }

    public string? TxnLineId { get; init; }

    public static LinkedTxn To(string txnType, string txnId) => new() { TxnType = txnType, TxnId = txnId };
}
