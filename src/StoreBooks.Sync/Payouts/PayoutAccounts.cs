using StoreBooks.Core.Payouts;
using StoreBooks.QuickBooks.Accounts;
using StoreBooks.QuickBooks.Common;
using StoreBooks.Sync.Company;

namespace StoreBooks.Sync.Payouts;

/// <summary>
/// The accounts of a connection's payout deposits, found in the QuickBooks company from the settings (ids or names): the bank
/// account (Bank or Other Current Asset, never Undeposited Funds), and the fees and adjustments accounts, which are asked for only
/// by a payout that has such a line (<see cref="Fees"/> and <see cref="Adjustments"/> say what is wrong when one is not usable).
/// </summary>
public sealed class PayoutAccounts
{
    /// <summary>Account types QuickBooks takes on a deposit's own lines (reference payouts.md §4.1).</summary>
    public static readonly string[] LineTypes = ["Income", "Other Income", "Expense", "Other Expense", "Other Current Asset", "Equity", "Cost of Goods Sold"];

    private PayoutAccounts(Ref bank, (Ref? Account, string? Problem) fees, (Ref? Account, string? Problem) adjustments)
    {
        Bank = bank;
        Fees = fees;
        Adjustments = adjustments;
    }

    public Ref Bank { get; }

    public (Ref? Account, string? Problem) Fees { get; }

    public (Ref? Account, string? Problem) Adjustments { get; }

    /// <summary>The accounts of <paramref name="gateway"/>'s payouts, or the problem with the bank account in the merchant's words.</summary>
    public static (PayoutAccounts? Accounts, string? Problem) Resolve(PayoutSettings settings, string gateway, QuickBooksCompany company)
    {
        var bankChoice = settings.BankAccountFor(gateway);
        if (string.IsNullOrWhiteSpace(bankChoice))
        {
            return (null, "payouts.bankAccount is not set, so StoreBooks does not know which QuickBooks bank account the payouts reach. " +
                "Set it (storebooks settings set payouts.bankAccount=\"Checking\", the account's name or id), or turn payouts off (payouts.enabled=false); nothing was deposited.");
        }

        var setting = settings.BankAccounts.Keys.FirstOrDefault(k => string.Equals(k, gateway, StringComparison.OrdinalIgnoreCase)) is { } key
            ? $"payouts.bankAccounts.{key}" : "payouts.bankAccount";
        var bank = company.FindAccount(bankChoice);
        if (bank?.Id is null)
        {
            return (null, $"{setting} is \"{bankChoice}\", and the QuickBooks company has no account of that name or id. Give the bank account your payouts reach " +
                $"({Suggest(company, a => a.AccountType == "Bank")}); nothing was deposited.");
        }

        if (bank.AccountType is not ("Bank" or "Other Current Asset") || bank.AccountSubType == "UndepositedFunds" || bank.Active == false)
        {
            var why = bank.Active == false ? "is inactive" : bank.AccountSubType == "UndepositedFunds" ? "is Undeposited Funds, where the sales wait to be deposited"
                : $"is of type {bank.AccountType}, and QuickBooks deposits only into Bank or Other Current Asset accounts";
            return (null, $"{setting}: the account {bank.Name} (id {bank.Id}) {why}. Give the bank account your payouts reach " +
                $"({Suggest(company, a => a.AccountType == "Bank")}); nothing was deposited.");
        }

        return (new PayoutAccounts(Ref.To(bank.Id, bank.Name), Line(company, "payouts.feesAccount", settings.FeesAccount, "the provider's fees", "Expense"),
            Line(company, "payouts.adjustmentsAccount", settings.AdjustmentsAccount, "adjustments, chargebacks, reserves and differences", "Expense or Other Current Asset")), null);
    }

    private static (Ref? Account, string? Problem) Line(QuickBooksCompany company, string setting, string? choice, string what, string kind)
    {
        if (string.IsNullOrWhiteSpace(choice))
        {
            return (null, $"{setting} is not set: give the QuickBooks {kind} account of {what} ({Suggest(company, a => a.AccountType is "Expense" or "Other Expense")}).");
        }

        var account = company.FindAccount(choice);
        if (account?.Id is null)
        {
            return (null, $"{setting} is \"{choice}\", and the QuickBooks company has no account of that name or id: give the {kind} account of {what} " +
                $"({Suggest(company, a => a.AccountType is "Expense" or "Other Expense")}).");
        }

        if (!LineTypes.Contains(account.AccountType) || account.AccountSubType == "UndepositedFunds" || account.Active == false)
        {
            var why = account.Active == false ? "is inactive" : $"is of type {account.AccountType}";
            return (null, $"{setting}: the account {account.Name} (id {account.Id}) {why}, and a deposit's lines take {string.Join(", ", LineTypes)} accounts: " +
                $"give the {kind} account of {what}.");
        }

        return (Ref.To(account.Id, account.Name), null);
    }

    private static string Suggest(QuickBooksCompany company, Func<Account, bool> fits)
    {
        var names = company.Accounts.Where(a => a.Active != false && a.Name is not null && a.AccountSubType != "UndepositedFunds" && fits(a))
            .Select(a => a.Name!).Order(StringComparer.OrdinalIgnoreCase).Take(5).ToList();
        return names.Count == 0 ? "the company has none of that type yet: create one in QuickBooks" : "for example " + string.Join(", ", names.Select(n => $"\"{n}\""));
    }
}
