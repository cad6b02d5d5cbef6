using StoreBooks.Core.Products;
using StoreBooks.Sync.Company;

namespace StoreBooks.Web.Dashboard.Products;

/// <summary>An account a picker offers: its QuickBooks id (the value saved) and name.</summary>
public sealed record AccountChoice(string Id, string Name);

/// <summary>
/// A picker of QuickBooks accounts: the company's active accounts of the types the setting allows, by name, and which one the
/// setting names now (saved by id or by name). A saved value QuickBooks does not have is kept as a choice of its own, so saving the
/// page never changes it silently.
/// </summary>
public sealed record AccountPicker(string Key, IReadOnlyList<AccountChoice> Choices, string? Selected, string? Unknown)
{
    public static AccountPicker For(string key, QuickBooksCompany? company, string? current, IReadOnlyList<string> types, string? subType = null)
    {
        var choices = (company?.LedgerAccounts ?? [])
            .Where(a => a.Active && types.Contains(a.AccountType, StringComparer.OrdinalIgnoreCase))
            .Where(a => subType is null || string.Equals(a.AccountSubType, subType, StringComparison.OrdinalIgnoreCase))
            .OrderBy(a => a.Name, StringComparer.OrdinalIgnoreCase)
            .Select(a => new AccountChoice(a.Id, a.Name))
            .ToList();
        if (string.IsNullOrWhiteSpace(current))
        {
            return new AccountPicker(key, choices, null, null);
        }

        var found = company?.FindAccount(current);
        if (found?.Id is { } id && choices.Any(c => c.Id == id))
        {
            return new AccountPicker(key, choices, id, null);
        }

        return new AccountPicker(key, choices, current.Trim(), current.Trim());
    }

    /// <summary>Only the accounts of <paramref name="types"/> among the choices (a picker split in groups).</summary>
    public IReadOnlyList<AccountChoice> Of(QuickBooksCompany? company, string type) =>
        Choices.Where(c => company?.LedgerAccounts.Any(a => a.Id == c.Id && string.Equals(a.AccountType, type, StringComparison.OrdinalIgnoreCase)) == true).ToList();
}
