using StoreBooks.QuickBooks.Common;

namespace StoreBooks.QuickBooks.Accounts;

/// <summary>A chart-of-accounts entry (<c>/account</c>): where income, cost, stock and cash are booked.</summary>
public sealed record Account : QboEntity
{
    public string? Name { get; init; }

    public bool? SubAccount { get; init; }

    public Ref? ParentRef { get; init; }

    public string? FullyQualifiedName { get; init; }

    public bool? Active { get; init; }

    /// <summary>E.g. Income, Bank, Other Current Asset, Cost of Goods Sold, Other Current Liability.</summary>
    public string? AccountType { get; init; }

    /// <summary>E.g. SalesOfProductIncome, UndepositedFunds, Inventory, SuppliesMaterialsCogs.</summary>
    public string? AccountSubType { get; init; }

    /// <summary>Asset, Equity, Expense, Liability or Revenue (read-only).</summary>
    public string? Classification { get; init; }

    public string? AcctNum { get; init; }

    public string? Description { get; init; }

    public decimal? CurrentBalance { get; init; }

    public decimal? CurrentBalanceWithSubAccounts { get; init; }

    public Ref? CurrencyRef { get; init; }

    public Ref? TaxCodeRef { get; init; }
}
