using StoreBooks.Core.Products;
using StoreBooks.QuickBooks;
using StoreBooks.QuickBooks.Accounts;
using StoreBooks.QuickBooks.Company;

namespace StoreBooks.Sync.Company;

/// <summary>
/// What the sync needs to know about the QuickBooks company, read once per run: its settings (inventory tracking, shipping and
/// discount lines, custom numbers, multi-currency, country) and its chart of accounts.
/// </summary>
public sealed record QuickBooksCompany
{
    public required Preferences Preferences { get; init; }

    public required CompanyInfo Info { get; init; }

    public required IReadOnlyList<Account> Accounts { get; init; }

    public bool TracksInventory => Preferences.ProductAndServicesPrefs?.QuantityOnHand == true;

    public bool CustomTxnNumbers => Preferences.SalesFormsPrefs?.CustomTxnNumbers == true;

    public bool AllowsShipping => Preferences.SalesFormsPrefs?.AllowShipping == true;

    public bool AllowsDiscount => Preferences.SalesFormsPrefs?.AllowDiscount == true;

    public bool MultiCurrency => Preferences.CurrencyPrefs?.MultiCurrencyEnabled == true;

    public string HomeCurrency => Preferences.CurrencyPrefs?.HomeCurrency?.Value ?? "USD";

    /// <summary>US companies tax with TAX/NON line codes (automated sales tax); others with tax codes that carry rates.</summary>
    public bool IsUs => string.Equals(Info.Country ?? "US", "US", StringComparison.OrdinalIgnoreCase);

    /// <summary>The accounts as the product settings check sees them.</summary>
    public IReadOnlyList<LedgerAccount> LedgerAccounts =>
        Accounts.Where(a => a.Id is not null && a.Name is not null)
            .Select(a => new LedgerAccount(a.Id!, a.Name!, a.AccountType ?? "", a.AccountSubType, a.Active != false))
            .ToList();

    /// <summary>Reads preferences, company info and every account (active or not): three or four calls.</summary>
    public static async Task<QuickBooksCompany> LoadAsync(QboClient client, CancellationToken cancellationToken)
    {
        var preferences = await client.GetPreferencesAsync(cancellationToken).ConfigureAwait(false);
        var info = await client.GetCompanyInfoAsync(cancellationToken).ConfigureAwait(false);
        var accounts = await client.Accounts.QueryAsync(client.Accounts.Where().IncludeInactive(), cancellationToken).ToListAsync(cancellationToken).ConfigureAwait(false);
        return new QuickBooksCompany { Preferences = preferences, Info = info, Accounts = accounts };
    }

    /// <summary>An account by QuickBooks id or name (without case), or null.</summary>
    public Account? FindAccount(string? idOrName)
    {
        if (string.IsNullOrWhiteSpace(idOrName))
        {
            return null;
        }

        return Accounts.FirstOrDefault(a => a.Id == idOrName.Trim())
            ?? Accounts.FirstOrDefault(a => MatchKeys.Same(a.Name, idOrName) || MatchKeys.Same(a.FullyQualifiedName, idOrName));
    }
}
