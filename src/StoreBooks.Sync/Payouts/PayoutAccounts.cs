using StoreBooks.Core.Messages;
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

    private PayoutAccounts(Ref bank, (Ref? Account, SyncMessage? Problem) fees, (Ref? Account, SyncMessage? Problem) adjustments)
    {
        Bank = bank;
        Fees = fees;
        Adjustments = adjustments;
    }

    public Ref Bank { get; }

    public (Ref? Account, SyncMessage? Problem) Fees { get; }

    public (Ref? Account, SyncMessage? Problem) Adjustments { get; }

    /// <summary>The accounts of <paramref name="gateway"/>'s payouts, or the problem with the bank account in the merchant's words.</summary>
    public static (PayoutAccounts? Accounts, SyncMessage? Problem) Resolve(PayoutSettings settings, string gateway, QuickBooksCompany company)
    {
        var bankChoice = settings.BankAccountFor(gateway);
        if (string.IsNullOrWhiteSpace(bankChoice))
        {
            return (null, PayoutMessages.BankNotSet.With());
        }

        var setting = settings.BankAccounts.Keys.FirstOrDefault(k => string.Equals(k, gateway, StringComparison.OrdinalIgnoreCase)) is { } key
            ? $"payouts.bankAccounts.{key}" : "payouts.bankAccount";
        var bank = company.FindAccount(bankChoice);
        if (bank?.Id is null)
        {
            return (null, PayoutMessages.BankUnknown.With(("setting", setting), ("choice", bankChoice), ("suggest", Suggest(company, a => a.AccountType == "Bank"))));
        }

        if (bank.AccountType is not ("Bank" or "Other Current Asset") || bank.AccountSubType == "UndepositedFunds" || bank.Active == false)
        {
            var why = bank.Active == false ? PayoutMessages.AccountInactive.With() : bank.AccountSubType == "UndepositedFunds" ? PayoutMessages.BankIsUndeposited.With()
                : PayoutMessages.BankType.With(("type", bank.AccountType ?? ""));
            return (null, PayoutMessages.BankUnusable.With(("setting", setting), ("account", bank.Name ?? ""), ("id", bank.Id), ("why", why),
                ("suggest", Suggest(company, a => a.AccountType == "Bank"))));
        }

        return (new PayoutAccounts(Ref.To(bank.Id, bank.Name), Line(company, "payouts.feesAccount", settings.FeesAccount, PayoutMessages.WhatFees.With(), PayoutMessages.KindExpense.With()),
            Line(company, "payouts.adjustmentsAccount", settings.AdjustmentsAccount, PayoutMessages.WhatAdjustments.With(), PayoutMessages.KindExpenseOrAsset.With())), null);
    }

    private static (Ref? Account, SyncMessage? Problem) Line(QuickBooksCompany company, string setting, string? choice, SyncMessage what, SyncMessage kind)
    {
        if (string.IsNullOrWhiteSpace(choice))
        {
            return (null, PayoutMessages.LineAccountNotSet.With(("setting", setting), ("kind", kind), ("what", what), ("suggest", Suggest(company, a => a.AccountType is "Expense" or "Other Expense"))));
        }

        var account = company.FindAccount(choice);
        if (account?.Id is null)
        {
            return (null, PayoutMessages.LineAccountUnknown.With(("setting", setting), ("choice", choice), ("kind", kind), ("what", what),
                ("suggest", Suggest(company, a => a.AccountType is "Expense" or "Other Expense"))));
        }

        if (!LineTypes.Contains(account.AccountType) || account.AccountSubType == "UndepositedFunds" || account.Active == false)
        {
            var why = account.Active == false ? PayoutMessages.AccountInactive.With() : PayoutMessages.AccountType.With(("type", account.AccountType ?? ""));
            return (null, PayoutMessages.LineAccountUnusable.With(("setting", setting), ("account", account.Name ?? ""), ("id", account.Id), ("why", why),
                ("types", string.Join(", ", LineTypes)), ("kind", kind), ("what", what)));
        }

        return (Ref.To(account.Id, account.Name), null);
    }

    private static SyncMessage Suggest(QuickBooksCompany company, Func<Account, bool> fits)
    {
        var names = company.Accounts.Where(a => a.Active != false && a.Name is not null && a.AccountSubType != "UndepositedFunds" && fits(a))
            .Select(a => a.Name!).Order(StringComparer.OrdinalIgnoreCase).Take(5).ToList();
        return names.Count == 0 ? PayoutMessages.SuggestNone.With() : PayoutMessages.SuggestSome.With(("names", string.Join(", ", names.Select(n => $"\"{n}\""))));
    }
}
