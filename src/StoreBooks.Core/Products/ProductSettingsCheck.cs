namespace StoreBooks.Core.Products;

/// <summary>Product settings with their accounts resolved to QuickBooks ids.</summary>
public sealed record ResolvedAccounts(LedgerAccount? Income, LedgerAccount? Expense, LedgerAccount? InventoryAsset);

/// <summary>
/// Checks a connection's product settings against the QuickBooks company when they are saved: account types, inventory
/// tracking, and the inventory start date against the sync start date. Every message says what to change, and lists the
/// accounts that would fit ("ask your accountant" when unsure which).
/// </summary>
public static class ProductSettingsCheck
{
    /// <summary>Account types the income account of created items may have.</summary>
    public static IReadOnlyList<string> IncomeTypes { get; } = [LedgerAccount.Income];

    /// <summary>Account types the inventory asset account of created inventory items may have.</summary>
    public static IReadOnlyList<string> InventoryAssetTypes { get; } = [LedgerAccount.OtherCurrentAsset];

    /// <summary>Account types the expense account may have: cost of goods sold for inventory items, also expense for non-inventory ones.</summary>
    public static IReadOnlyList<string> ExpenseTypes(CreatedItemType createAs) =>
        createAs == CreatedItemType.Inventory ? [LedgerAccount.CostOfGoodsSold] : [LedgerAccount.CostOfGoodsSold, LedgerAccount.Expense];

    public static IReadOnlyList<SettingsProblem> Check(
        ProductSettings settings,
        DateOnly? syncStartDate,
        bool companyTracksInventory,
        IReadOnlyList<LedgerAccount> accounts,
        out ResolvedAccounts resolved)
    {
        var problems = new List<SettingsProblem>();
        var creates = settings.Mode == ItemMode.Automatic;
        var inventory = settings.CreateAs == CreatedItemType.Inventory;

        if (creates && inventory && !companyTracksInventory)
        {
            problems.Add(new("products.createAs",
                "Items can be created as inventory items only when the QuickBooks company tracks quantity on hand. Turn on \"Track inventory " +
                "quantity on hand\" in QuickBooks (Settings > Account and settings > Sales > Products and services), or create items as non-inventory items."));
        }

        var income = Resolve(accounts, settings.IncomeAccount, "products.incomeAccount", "income account", IncomeTypes, creates, problems);
        var expense = Resolve(accounts, settings.ExpenseAccount, "products.expenseAccount", inventory ? "cost of goods sold account" : "expense account", ExpenseTypes(settings.CreateAs), creates && inventory, problems);
        var asset = Resolve(accounts, settings.InventoryAssetAccount, "products.inventoryAssetAccount", "inventory asset account", InventoryAssetTypes, creates && inventory, problems);
        resolved = new ResolvedAccounts(income, expense, asset);

        if (creates && inventory)
        {
            CheckInventoryStartDate(settings.InventoryStartDate, syncStartDate, problems);
        }

        return problems;
    }

    private static void CheckInventoryStartDate(DateOnly? start, DateOnly? syncStart, List<SettingsProblem> problems)
    {
        if (start is null)
        {
            var hint = syncStart is { } s ? $" on or before {s.AddDays(-1):yyyy-MM-dd}, the day before the sync start date" : " in the past";
            problems.Add(new("products.inventoryStartDate",
                $"Inventory items need an inventory start date: choose one{hint}. QuickBooks refuses a sale dated before an item's inventory start date."));
            return;
        }

        if (syncStart is { } sync && start.Value >= sync)
        {
            problems.Add(new("products.inventoryStartDate",
                $"The inventory start date ({start.Value:yyyy-MM-dd}) must be before the sync start date ({sync:yyyy-MM-dd}): QuickBooks refuses a sale " +
                $"dated before an item's inventory start date, so to sync sales from {sync:d MMMM yyyy} it must be {sync.AddDays(-1):d MMMM yyyy} or earlier."));
        }
    }

    private static LedgerAccount? Resolve(
        IReadOnlyList<LedgerAccount> accounts,
        string? choice,
        string setting,
        string label,
        IReadOnlyList<string> types,
        bool required,
        List<SettingsProblem> problems)
    {
        var fitting = accounts.Where(a => a.Active && types.Contains(a.AccountType, StringComparer.OrdinalIgnoreCase)).ToList();
        var fits = fitting.Count == 0
            ? $" The QuickBooks company has no active account of type {string.Join(" or ", types)}: create one in QuickBooks first."
            : $" Accounts that fit: {string.Join(", ", fitting)}. Ask your accountant if unsure which.";

        if (string.IsNullOrWhiteSpace(choice))
        {
            if (required)
            {
                problems.Add(new(setting, $"Choose the {label} of the items StoreBooks creates (QuickBooks requires one on creation).{fits}"));
            }

            return null;
        }

        var account = accounts.FirstOrDefault(a => a.Id == choice.Trim())
            ?? accounts.FirstOrDefault(a => MatchKeys.Same(a.Name, choice));
        if (account is null)
        {
            problems.Add(new(setting, $"The {label} \"{choice}\" is not in QuickBooks (neither an account id nor a name).{fits}"));
            return null;
        }

        if (!account.Active)
        {
            problems.Add(new(setting, $"The {label} {account} is inactive in QuickBooks.{fits}"));
            return null;
        }

        if (!types.Contains(account.AccountType, StringComparer.OrdinalIgnoreCase))
        {
            problems.Add(new(setting,
                $"The {label} {account} is of type {account.AccountType}; it must be of type {string.Join(" or ", types)}.{fits}"));
            return null;
        }

        return account;
    }
}
