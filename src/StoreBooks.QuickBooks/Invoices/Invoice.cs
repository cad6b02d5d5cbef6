using StoreBooks.QuickBooks.Common;

namespace StoreBooks.QuickBooks.Invoices;

/// <summary>A sale to be paid later (<c>/invoice</c>); payments link to it and lower its Balance.</summary>
public sealed record Invoice : SalesTransaction
{
    public DateOnly? DueDate { get; init; }

    public decimal? Balance { get; init; }

    public decimal? HomeBalance { get; init; }

    public decimal? Deposit { get; init; }

    public Ref? DepositToAccountRef { get; init; }

    public bool? AllowOnlineCreditCardPayment { get; init; }

    public bool? AllowOnlineACHPayment { get; init; }
}
