namespace StoreBooks.Core.Products;

/// <summary>A QuickBooks account as the product settings need to see it (type names as QuickBooks spells them).</summary>
public sealed record LedgerAccount(string Id, string Name, string AccountType, string? AccountSubType, bool Active)
{
    public const string Income = "Income";
    public const string CostOfGoodsSold = "Cost of Goods Sold";
    public const string Expense = "Expense";
    public const string OtherCurrentAsset = "Other Current Asset";

    /// <summary>The sub-type of Other Current Asset accounts that hold inventory ("Inventory Asset").</summary>
    public const string InventorySubType = "Inventory";

    public override string ToString() => $"{Name} (id {Id})";
}
