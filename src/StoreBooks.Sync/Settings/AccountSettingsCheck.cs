using StoreBooks.Core.Connections;
using StoreBooks.Core.Messages;
using StoreBooks.Core.Products;

namespace StoreBooks.Sync.Settings;

/// <summary>
/// The sales and payout settings that name a QuickBooks account (the discount and duties accounts, each gateway's deposit account,
/// the payouts' bank, fees and adjustments accounts): each must be an active account of the company, by id or by name, so a typo
/// is refused when it is saved rather than reported on every order the next sync reads. The product accounts have their own
/// check (<see cref="ProductSettingsCheck"/>), with the article's types.
/// </summary>
public static class AccountSettingsCheck
{
    public static IReadOnlyList<SettingsProblem> Check(ConnectionSettings settings, IReadOnlyList<LedgerAccount> accounts)
    {
        var named = new List<(string Setting, string? Choice)>
        {
            ("sales.discountAccount", settings.Sales.DiscountAccount),
            ("sales.dutiesAccount", settings.Sales.DutiesAccount),
            ("sales.defaultDepositAccount", settings.Sales.DefaultDepositAccount),
        };
        named.AddRange(settings.Sales.Payments.Select(p => ($"sales.payments.{p.Key}.depositAccount", p.Value.DepositAccount)));
        if (settings.Payouts.Enabled)
        {
            named.Add(("payouts.bankAccount", settings.Payouts.BankAccount));
            named.AddRange(settings.Payouts.BankAccounts.Select(p => ($"payouts.bankAccounts.{p.Key}", (string?)p.Value)));
            named.Add(("payouts.feesAccount", settings.Payouts.FeesAccount));
            named.Add(("payouts.adjustmentsAccount", settings.Payouts.AdjustmentsAccount));
        }

        var problems = new List<SettingsProblem>();
        foreach (var (setting, choice) in named)
        {
            if (string.IsNullOrWhiteSpace(choice))
            {
                continue;
            }

            var account = accounts.FirstOrDefault(a => a.Id == choice.Trim()) ?? accounts.FirstOrDefault(a => MatchKeys.Same(a.Name, choice));
            if (account is null)
            {
                problems.Add(new(setting, SettingsMessages.AccountNotInCompany.With(("choice", choice.Trim()))));
            }
            else if (!account.Active)
            {
                problems.Add(new(setting, SettingsMessages.AccountInactive.With(("account", account.ToString()))));
            }
        }

        return problems;
    }
}
