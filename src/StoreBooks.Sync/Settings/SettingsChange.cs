using StoreBooks.Core.Connections;
using StoreBooks.Core.Messages;
using StoreBooks.Core.Products;
using StoreBooks.Sync.Company;

namespace StoreBooks.Sync.Settings;

/// <summary>
/// A change to a connection's settings as <c>storebooks settings set</c> and the dashboard make it: each value read as its
/// setting's type (<see cref="SettingsEdit"/>), the settings checked to work together (<see cref="ConnectionSettingsCheck"/>),
/// and the product settings checked against the QuickBooks company (<see cref="ProductSettingsCheck"/>). Save the settings only
/// when there is no problem.
/// </summary>
public static class SettingsChange
{
    /// <param name="company">The connection's QuickBooks company; null when the connection is not joined to QuickBooks yet, in which
    /// case only what needs no company is checked (the inventory start date against the sync start date).</param>
    public static ConnectionSettings Apply(
        ConnectionSettings current,
        IEnumerable<KeyValuePair<string, string>> changes,
        QuickBooksCompany? company,
        TimeProvider time,
        out IReadOnlyList<SettingsProblem> problems)
    {
        var settings = SettingsEdit.Apply(current, changes, out var unread);
        var found = unread.Concat(ConnectionSettingsCheck.Check(settings, time)).ToList();
        found.AddRange(Check(settings, company));
        if (company is not null)
        {
            found.AddRange(AccountSettingsCheck.Check(settings, company.LedgerAccounts));
        }

        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        if (settings.Products is { Mode: ItemMode.Automatic, CreateAs: CreatedItemType.Inventory, InventoryStartDate: { } start } && start > today
            && !found.Any(p => p.Setting == "products.inventoryStartDate"))
        {
            // Inventory starts on a day that has happened: QuickBooks dates the opening quantity there.
            found.Add(new("products.inventoryStartDate", SettingsMessages.InventoryStartFuture.With(("start", SettingsMessages.Day(start)), ("today", SettingsMessages.Day(today)))));
        }

        problems = found;
        return settings;
    }

    /// <summary>The product settings' problems against the company (or, with none, the inventory start date's alone).</summary>
    public static IReadOnlyList<SettingsProblem> Check(ConnectionSettings settings, QuickBooksCompany? company)
    {
        if (company is not null)
        {
            return ProductSettingsCheck.Check(settings.Products, settings.SyncStartDate, company.TracksInventory, company.LedgerAccounts, out _);
        }

        return settings.Products.Mode == ItemMode.Automatic && settings.Products.CreateAs == CreatedItemType.Inventory
            ? ProductSettingsCheck.Check(settings.Products, settings.SyncStartDate, companyTracksInventory: true, [], out _)
                .Where(p => p.Setting == "products.inventoryStartDate").ToList()
            : [];
    }
}
