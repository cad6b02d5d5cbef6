using StoreBooks.Core.Products;
using Xunit;

namespace StoreBooks.Core.Tests.Products;

public sealed class ProductSettingsCheckTests
{
    private static readonly LedgerAccount[] Accounts =
    [
        new("79", "Sales of Product Income", LedgerAccount.Income, "SalesOfProductIncome", true),
        new("80", "Cost of Goods Sold", LedgerAccount.CostOfGoodsSold, "SuppliesMaterialsCogs", true),
        new("81", "Inventory Asset", LedgerAccount.OtherCurrentAsset, "Inventory", true),
        new("4", "Undeposited Funds", LedgerAccount.OtherCurrentAsset, "UndepositedFunds", true),
        new("7", "Advertising", LedgerAccount.Expense, "AdvertisingPromotional", true),
    ];

    private static readonly ProductSettings Inventory = new()
    {
        Mode = ItemMode.Automatic,
        CreateAs = CreatedItemType.Inventory,
        IncomeAccount = "Sales of Product Income",
        ExpenseAccount = "80",
        InventoryAssetAccount = "inventory asset",
        InventoryStartDate = new DateOnly(2026, 1, 31),
    };

    [Fact]
    public void The_articles_example_passes_sales_from_1_february_and_stock_from_31_january()
    {
        var problems = ProductSettingsCheck.Check(Inventory, new DateOnly(2026, 2, 1), companyTracksInventory: true, Accounts, out var resolved);

        Assert.Empty(problems);
        Assert.Equal("79", resolved.Income!.Id);
        Assert.Equal("81", resolved.InventoryAsset!.Id);
    }

    [Fact]
    public void An_inventory_start_date_on_or_after_the_sync_start_date_is_refused_with_the_reason()
    {
        var problems = ProductSettingsCheck.Check(Inventory with { InventoryStartDate = new DateOnly(2026, 2, 1) }, new DateOnly(2026, 2, 1), true, Accounts, out _);

        var problem = Assert.Single(problems);
        Assert.Equal("products.inventoryStartDate", problem.Setting);
        Assert.Contains("31 January 2026 or earlier", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Inventory_items_are_refused_when_the_company_does_not_track_quantities()
    {
        var problems = ProductSettingsCheck.Check(Inventory, new DateOnly(2026, 2, 1), companyTracksInventory: false, Accounts, out _);

        Assert.Contains(problems, p => p.Setting == "products.createAs" && p.Message.Contains("Track inventory", StringComparison.Ordinal));
    }

    [Fact]
    public void A_wrong_account_type_names_the_accounts_that_fit()
    {
        var problems = ProductSettingsCheck.Check(Inventory with { InventoryAssetAccount = "Advertising" }, null, true, Accounts, out _);

        var problem = Assert.Single(problems);
        Assert.Contains("of type Expense", problem.Message, StringComparison.Ordinal);
        Assert.Contains("Inventory Asset (id 81)", problem.Message, StringComparison.Ordinal);
        Assert.Contains("Undeposited Funds (id 4)", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_account_is_reported_with_the_choices()
    {
        var problems = ProductSettingsCheck.Check(Inventory with { IncomeAccount = "Sales" }, null, true, Accounts, out _);

        var problem = Assert.Single(problems);
        Assert.Equal("products.incomeAccount", problem.Setting);
        Assert.Contains("\"Sales\" is not in QuickBooks", problem.Message, StringComparison.Ordinal);
        Assert.Contains("Sales of Product Income (id 79)", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Manual_mode_needs_no_accounts()
    {
        Assert.Empty(ProductSettingsCheck.Check(new ProductSettings(), new DateOnly(2026, 2, 1), false, Accounts, out _));
    }
}
