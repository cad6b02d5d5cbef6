using StoreBooks.Core.Messages;

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
            problems.Add(new("products.createAs", SettingsMessages.InventoryUntracked.With()));
        }

        var income = Resolve(accounts, settings.IncomeAccount, "products.incomeAccount", SettingsMessages.IncomeAccount.With(), IncomeTypes, creates, problems);
        var expense = Resolve(accounts, settings.ExpenseAccount, "products.expenseAccount", inventory ? SettingsMessages.CostOfGoodsSoldAccount.With() : SettingsMessages.ExpenseAccount.With(), ExpenseTypes(settings.CreateAs), creates && inventory, problems);
        var asset = Resolve(accounts, settings.InventoryAssetAccount, "products.inventoryAssetAccount", SettingsMessages.InventoryAssetAccount.With(), InventoryAssetTypes, creates && inventory, problems);
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
            problems.Add(new("products.inventoryStartDate", syncStart is { } s
                ? SettingsMessages.InventoryStartMissingBefore.With(("day", SettingsMessages.Day(s.AddDays(-1))))
                : SettingsMessages.InventoryStartMissing.With()));
            return;
        }

        if (syncStart is { } sync && start.Value >= sync)
        {
            problems.Add(new("products.inventoryStartDate", SettingsMessages.InventoryStartTooLate.With(
                ("start", SettingsMessages.Day(start.Value)), ("sync", SettingsMessages.Day(sync)),
                ("syncLong", SettingsMessages.LongDay(sync)), ("dayBeforeLong", SettingsMessages.LongDay(sync.AddDays(-1))))));
        }
    }

    private static LedgerAccount? Resolve(
        IReadOnlyList<LedgerAccount> accounts,
        string? choice,
        string setting,
        SyncMessage label,
        IReadOnlyList<string> types,
        bool required,
        List<SettingsProblem> problems)
    {
        var fitting = accounts.Where(a => a.Active && types.Contains(a.AccountType, StringComparer.OrdinalIgnoreCase)).ToList();
        var fits = fitting.Count == 0
            ? SettingsMessages.NoAccountFits.With(("types", string.Join(" or ", types)))
            : SettingsMessages.AccountsThatFit.With(("accounts", string.Join(", ", fitting)));

        if (string.IsNullOrWhiteSpace(choice))
        {
            if (required)
            {
                problems.Add(new(setting, SettingsMessages.ProductAccountMissing.With(("label", label), ("fits", fits))));
            }

            return null;
        }

        var account = accounts.FirstOrDefault(a => a.Id == choice.Trim())
            ?? accounts.FirstOrDefault(a => MatchKeys.Same(a.Name, choice));
        if (account is null)
        {
            problems.Add(new(setting, SettingsMessages.ProductAccountUnknown.With(("label", label), ("choice", choice), ("fits", fits))));
            return null;
        }

        if (!account.Active)
        {
            problems.Add(new(setting, SettingsMessages.ProductAccountInactive.With(("label", label), ("account", account.ToString()), ("fits", fits))));
            return null;
        }

        if (!types.Contains(account.AccountType, StringComparer.OrdinalIgnoreCase))
        {
            problems.Add(new(setting, SettingsMessages.ProductAccountType.With(
                ("label", label), ("account", account.ToString()), ("type", account.AccountType), ("types", string.Join(" or ", types)), ("fits", fits))));
            return null;
        }

        return account;
    }
}
