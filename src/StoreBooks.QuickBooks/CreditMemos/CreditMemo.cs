using StoreBooks.QuickBooks.Common;

namespace StoreBooks.QuickBooks.CreditMemos;

/// <summary>Credit owed to a customer (<c>/creditmemo</c>), applied later through a Payment line.</summary>
public sealed record CreditMemo : SalesTransaction
{
    public decimal? Balance { get; init; }

    public decimal? RemainingCredit { get; init; }
}
