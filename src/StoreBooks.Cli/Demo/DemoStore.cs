using StoreBooks.Core.Connections;
using StoreBooks.Core.Payouts;
using StoreBooks.Core.Products;
using StoreBooks.Core.Sales;

namespace StoreBooks.Cli.Demo;

/// <summary>The demo store (<c>demo/products.csv</c>, <c>demo/orders.csv</c>) as <c>storebooks demo</c> connects it.</summary>
public static class DemoStore
{
    /// <summary>The demo store's settings: automatic items with the company's usual accounts, sales from 1 October 2025.</summary>
    public static ConnectionSettings Settings => new()
    {
        SyncStartDate = new DateOnly(2025, 10, 1),
        Products = new ProductSettings
        {
            Mode = ItemMode.Automatic,
            MatchKey = ItemMatchKey.Sku,
            CreateAs = CreatedItemType.NonInventory,
            IncomeAccount = "Sales of Product Income",
            ExpenseAccount = "Cost of Goods Sold",
        },
        Sales = new SalesSettings
        {
            DocNumberPrefix = "WEB-",
            TaxCodes = new Dictionary<string, string> { ["HST 15%"] = "HST NB" },
        },
        Payouts = new PayoutSettings { Enabled = true, BankAccount = "Checking", FeesAccount = "Bank Charges", AdjustmentsAccount = "Uncategorized Expense" },
    };
}
