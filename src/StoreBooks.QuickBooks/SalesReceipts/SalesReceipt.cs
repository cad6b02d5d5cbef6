using StoreBooks.QuickBooks.Common;

namespace StoreBooks.QuickBooks.SalesReceipts;

/// <summary>A sale paid at once (<c>/salesreceipt</c>): the usual record of a store order.</summary>
public sealed record SalesReceipt : SalesTransaction
{
    public Ref? PaymentMethodRef { get; init; }

    public string? PaymentRefNum { get; init; }

    /// <summary>Bank or Other Current Asset; Undeposited Funds when absent.</summary>
    public Ref? DepositToAccountRef { get; init; }

    public decimal? Balance { get; init; }
}
