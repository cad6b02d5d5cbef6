namespace StoreBooks.Emulators.Qbo.Api.Entities.Transactions;

/// <summary>How a sales form's balance behaves.</summary>
internal enum BalanceKind
{
    /// <summary>No Balance (Estimate).</summary>
    None,

    /// <summary>Always 0 (paid on the spot: SalesReceipt, RefundReceipt).</summary>
    Zero,

    /// <summary>TotalAmt less what payments applied (Invoice).</summary>
    Open,

    /// <summary>TotalAmt less what payments used, also as RemainingCredit (CreditMemo).</summary>
    Credit,
}

/// <summary>What distinguishes the five sales forms that share one set of line, tax and total rules.</summary>
internal sealed record SalesFormProfile(
    string Name,
    bool CustomerRequired,
    bool DepositAccountRequired,
    bool DepositsToUndepositedFunds,
    int StockDirection,
    BalanceKind Balance,
    bool HasEmailStatus,
    bool HasDueDate)
{
    public static readonly SalesFormProfile Invoice = new("Invoice", true, false, false, -1, BalanceKind.Open, true, true);
    public static readonly SalesFormProfile SalesReceipt = new("SalesReceipt", false, false, true, -1, BalanceKind.Zero, true, false);
    public static readonly SalesFormProfile RefundReceipt = new("RefundReceipt", false, true, false, +1, BalanceKind.Zero, false, false);
    public static readonly SalesFormProfile CreditMemo = new("CreditMemo", true, false, false, +1, BalanceKind.Credit, true, false);
    public static readonly SalesFormProfile Estimate = new("Estimate", true, false, false, 0, BalanceKind.None, true, false);
}
