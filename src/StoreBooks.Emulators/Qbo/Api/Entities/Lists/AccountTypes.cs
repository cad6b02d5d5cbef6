namespace StoreBooks.Emulators.Qbo.Api.Entities.Lists;

/// <summary>QBO's account types, their classification, and the sub-type a new account of each type gets by default.</summary>
internal static class AccountTypes
{
    public const string Bank = "Bank";
    public const string OtherCurrentAsset = "Other Current Asset";
    public const string Income = "Income";
    public const string OtherIncome = "Other Income";
    public const string CostOfGoodsSold = "Cost of Goods Sold";
    public const string Expense = "Expense";
    public const string OtherExpense = "Other Expense";

    private static readonly Dictionary<string, (string Classification, string DefaultSubType)> Types = new(StringComparer.Ordinal)
    {
        [Bank] = ("Asset", "Checking"),
        [OtherCurrentAsset] = ("Asset", "OtherCurrentAssets"),
        ["Fixed Asset"] = ("Asset", "OtherFixedAssets"),
        ["Other Asset"] = ("Asset", "OtherLongTermAssets"),
        ["Accounts Receivable"] = ("Asset", "AccountsReceivable"),
        ["Equity"] = ("Equity", "OwnersEquity"),
        [Expense] = ("Expense", "OtherMiscellaneousServiceCost"),
        [OtherExpense] = ("Expense", "OtherMiscellaneousExpense"),
        [CostOfGoodsSold] = ("Expense", "SuppliesMaterialsCogs"),
        ["Accounts Payable"] = ("Liability", "AccountsPayable"),
        ["Credit Card"] = ("Liability", "CreditCard"),
        ["Long Term Liability"] = ("Liability", "OtherLongTermLiabilities"),
        ["Other Current Liability"] = ("Liability", "OtherCurrentLiabilities"),
        [Income] = ("Revenue", "SalesOfProductIncome"),
        [OtherIncome] = ("Revenue", "OtherMiscellaneousIncome"),
    };

    /// <summary>Known sub-types and their type, so an account created with only AccountSubType gets its AccountType.</summary>
    private static readonly Dictionary<string, string> SubTypes = new(StringComparer.Ordinal)
    {
        ["CashOnHand"] = Bank, ["Checking"] = Bank, ["MoneyMarket"] = Bank, ["RentsHeldInTrust"] = Bank, ["Savings"] = Bank,
        ["TrustAccounts"] = Bank,
        ["UndepositedFunds"] = OtherCurrentAsset, ["Inventory"] = OtherCurrentAsset, ["PrepaidExpenses"] = OtherCurrentAsset,
        ["OtherCurrentAssets"] = OtherCurrentAsset, ["AllowanceForBadDebts"] = OtherCurrentAsset,
        ["LoansToOfficers"] = OtherCurrentAsset, ["EmployeeCashAdvances"] = OtherCurrentAsset,
        ["OtherFixedAssets"] = "Fixed Asset", ["MachineryAndEquipment"] = "Fixed Asset", ["Vehicles"] = "Fixed Asset",
        ["OrganizationalCosts"] = "Other Asset", ["OtherLongTermAssets"] = "Other Asset",
        ["AccountsReceivable"] = "Accounts Receivable",
        ["OpeningBalanceEquity"] = "Equity", ["RetainedEarnings"] = "Equity", ["OwnersEquity"] = "Equity",
        ["PartnersEquity"] = "Equity",
        ["AdvertisingPromotional"] = Expense, ["BankCharges"] = Expense, ["DuesSubscriptions"] = Expense,
        ["Entertainment"] = Expense, ["EntertainmentMeals"] = Expense, ["Insurance"] = Expense,
        ["LegalProfessionalFees"] = Expense, ["OfficeGeneralAdministrativeExpenses"] = Expense,
        ["OtherMiscellaneousServiceCost"] = Expense, ["RentOrLeaseOfBuildings"] = Expense, ["RepairMaintenance"] = Expense,
        ["ShippingFreightDelivery"] = Expense, ["SuppliesMaterials"] = Expense, ["TaxesPaid"] = Expense, ["Travel"] = Expense,
        ["TravelMeals"] = Expense, ["Utilities"] = Expense,
        ["OtherMiscellaneousExpense"] = OtherExpense, ["PenaltiesSettlements"] = OtherExpense,
        ["SuppliesMaterialsCogs"] = CostOfGoodsSold, ["CostOfLabourCos"] = CostOfGoodsSold, ["ShippingFreightDeliveryCos"] = CostOfGoodsSold,
        ["OtherCostsOfServiceCos"] = CostOfGoodsSold,
        ["AccountsPayable"] = "Accounts Payable",
        ["CreditCard"] = "Credit Card",
        ["OtherLongTermLiabilities"] = "Long Term Liability", ["NotesPayable"] = "Long Term Liability",
        ["OtherCurrentLiabilities"] = "Other Current Liability", ["GlobalTaxPayable"] = "Other Current Liability",
        ["SalesTaxPayable"] = "Other Current Liability", ["PayrollTaxPayable"] = "Other Current Liability",
        ["SalesOfProductIncome"] = Income, ["ServiceFeeIncome"] = Income, ["DiscountsRefundsGiven"] = Income,
        ["NonProfitIncome"] = Income, ["OtherPrimaryIncome"] = Income, ["UnappliedCashPaymentIncome"] = Income,
        ["InterestEarned"] = OtherIncome, ["OtherMiscellaneousIncome"] = OtherIncome, ["DividendIncome"] = OtherIncome,
    };

    public static IEnumerable<string> Names => Types.Keys;

    public static bool IsType(string type) => Types.ContainsKey(type);

    public static string Classification(string type) => Types[type].Classification;

    public static string DefaultSubType(string type) => Types[type].DefaultSubType;

    public static string? TypeOfSubType(string subType) => SubTypes.GetValueOrDefault(subType);
}
