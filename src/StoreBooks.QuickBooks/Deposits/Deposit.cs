using StoreBooks.QuickBooks.Common;

namespace StoreBooks.QuickBooks.Deposits;

/// <summary>A bank deposit (<c>/deposit</c>): moves payments out of Undeposited Funds, or records other money in.</summary>
public sealed record Deposit : QboEntity
{
    public DateOnly? TxnDate { get; init; }

    /// <summary>Required: Bank or Other Current Asset.</summary>
    public Ref? DepositToAccountRef { get; init; }

    public IReadOnlyList<Line>? Line { get; init; }

    public decimal? TotalAmt { get; init; }

    public decimal? HomeTotalAmt { get; init; }

    public Ref? CurrencyRef { get; init; }

    public decimal? ExchangeRate { get; init; }

    public string? PrivateNote { get; init; }

    public Ref? DepartmentRef { get; init; }

    public TxnTaxDetail? TxnTaxDetail { get; init; }

    public string? GlobalTaxCalculation { get; init; }

    public CashBackInfo? CashBack { get; init; }

    public string? TxnSource { get; init; }
}

/// <summary>Cash taken back out of a deposit.</summary>
public sealed record CashBackInfo : QboObject
{
    public Ref? AccountRef { get; init; }

    public decimal? Amount { get; init; }

    public string? Memo { get; init; }
}
