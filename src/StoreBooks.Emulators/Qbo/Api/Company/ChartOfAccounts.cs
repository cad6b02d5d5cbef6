namespace StoreBooks.Emulators.Qbo.Api.Company;

/// <summary>
/// The chart of accounts a new company starts with: names with the AccountType / AccountSubType pairs QBO uses
/// (as in a real sandbox company's chart), plus the sales-tax liability accounts of the company's region.
/// </summary>
internal static class ChartOfAccounts
{
    public sealed record Seed(string Name, string Type, string SubType);

    public static readonly IReadOnlyList<Seed> Common =
    [
        new("Checking", "Bank", "Checking"),
        new("Savings", "Bank", "Savings"),
        new("Cash on hand", "Bank", "CashOnHand"),
        new("Accounts Receivable (A/R)", "Accounts Receivable", "AccountsReceivable"),
        new("Undeposited Funds", "Other Current Asset", "UndepositedFunds"),
        new("Inventory Asset", "Other Current Asset", "Inventory"),
        new("Prepaid Expenses", "Other Current Asset", "PrepaidExpenses"),
        new("Uncategorized Asset", "Other Current Asset", "OtherCurrentAssets"),
        new("Accounts Payable (A/P)", "Accounts Payable", "AccountsPayable"),
        new("Visa", "Credit Card", "CreditCard"),
        new("Opening Balance Equity", "Equity", "OpeningBalanceEquity"),
        new("Retained Earnings", "Equity", "RetainedEarnings"),
        new("Sales of Product Income", "Income", "SalesOfProductIncome"),
        new("Services", "Income", "ServiceFeeIncome"),
        new("Discounts given", "Income", "DiscountsRefundsGiven"),
        new("Refunds-Allowances", "Income", "DiscountsRefundsGiven"),
        new("Uncategorized Income", "Income", "ServiceFeeIncome"),
        new("Billable Expense Income", "Income", "ServiceFeeIncome"),
        new("Interest Earned", "Other Income", "InterestEarned"),
        new("Other Portfolio Income", "Other Income", "OtherMiscellaneousIncome"),
        new("Cost of Goods Sold", "Cost of Goods Sold", "SuppliesMaterialsCogs"),
        new("Advertising", "Expense", "AdvertisingPromotional"),
        new("Bank Charges", "Expense", "BankCharges"),
        new("Commissions & fees", "Expense", "OtherMiscellaneousServiceCost"),
        new("Dues & Subscriptions", "Expense", "DuesSubscriptions"),
        new("Insurance", "Expense", "Insurance"),
        new("Legal & Professional Fees", "Expense", "LegalProfessionalFees"),
        new("Meals and Entertainment", "Expense", "EntertainmentMeals"),
        new("Office Expenses", "Expense", "OfficeGeneralAdministrativeExpenses"),
        new("Purchases", "Expense", "SuppliesMaterials"),
        new("Rent or Lease", "Expense", "RentOrLeaseOfBuildings"),
        new("Repair & Maintenance", "Expense", "RepairMaintenance"),
        new("Supplies", "Expense", "SuppliesMaterials"),
        new("Taxes & Licenses", "Expense", "TaxesPaid"),
        new("Travel", "Expense", "Travel"),
        new("Travel Meals", "Expense", "TravelMeals"),
        new("Uncategorized Expense", "Expense", "OtherMiscellaneousServiceCost"),
        new("Utilities", "Expense", "Utilities"),
        new("Miscellaneous", "Other Expense", "OtherMiscellaneousExpense"),
        new("Penalties & Settlements", "Other Expense", "PenaltiesSettlements"),
        new("Reconciliation Discrepancies", "Other Expense", "OtherMiscellaneousExpense"),
    ];

    /// <summary>One liability account per sales-tax agency ("… Payable"), Other Current Liability / GlobalTaxPayable.</summary>
    public static Seed TaxPayable(string agency) => new(agency + " Payable", "Other Current Liability", "GlobalTaxPayable");
}
