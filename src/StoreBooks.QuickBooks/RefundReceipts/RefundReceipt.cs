using StoreBooks.QuickBooks.Common;

namespace StoreBooks.QuickBooks.RefundReceipts;

/// <summary>Money paid back to a customer (<c>/refundreceipt</c>); DepositToAccountRef (the account refunded from) is required.</summary>
public sealed record RefundReceipt : SalesTransaction
{
    public Ref? DepositToAccountRef { get; init; }

    public Ref? PaymentMethodRef { get; init; }

    public string? PaymentRefNum { get; init; }

    public decimal? Balance { get; init; }
}
