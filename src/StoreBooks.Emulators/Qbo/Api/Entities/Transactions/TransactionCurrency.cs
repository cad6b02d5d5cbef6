using System.Text.Json.Nodes;
using StoreBooks.Emulators.Qbo.Api.Company;
using StoreBooks.Emulators.Qbo.Api.Faults;
using StoreBooks.Emulators.Qbo.Api.Json;
using StoreBooks.Emulators.Qbo.Api.Writes;

namespace StoreBooks.Emulators.Qbo.Api.Entities.Transactions;

/// <summary>
/// A transaction's currency (rule 30). Multicurrency off: the home currency only. On: CurrencyRef is required [U code],
/// must be the customer's currency [U wording], and ExchangeRate (home units per foreign unit) defaults to 1 because the
/// emulator has no rate table.
/// </summary>
internal static class TransactionCurrency
{
    /// <returns>The exchange rate when multicurrency is on (HomeTotalAmt is then written), else null.</returns>
    public static decimal? Apply(WriteContext ctx, JsonObject draft, JsonObject? customer)
    {
        var home = ctx.Prefs.HomeCurrency;
        if (!ctx.Prefs.MultiCurrencyEnabled)
        {
            var code = draft.RefValue("CurrencyRef") ?? home;
            if (code != home)
            {
                throw Fault.Business($"Multicurrency is off in this company, so transactions are in the home currency {home}; CurrencyRef was {code}.", "CurrencyRef");
            }

            draft["CurrencyRef"] = JsonAccess.Ref(home, Currencies.Name(home));
            draft.Remove("ExchangeRate");
            return null;
        }

        var currency = draft.RefValue("CurrencyRef") ?? throw Fault.RequiredParam("CurrencyRef");
        var name = Currencies.Name(currency) ?? throw Fault.InvalidReference("Currencies", currency, "CurrencyRef");
        if (customer?.RefValue("CurrencyRef") is { } customerCurrency && customerCurrency != currency)
        {
            throw Fault.Business(
                $"The transaction is in {currency} but customer {customer.Str("DisplayName")} uses {customerCurrency}; a transaction must be in its customer's currency.", "CurrencyRef");
        }

        var rate = currency == home ? 1m : draft.Dec("ExchangeRate") ?? 1m;
        if (rate <= 0)
        {
            throw Fault.Business("ExchangeRate must be greater than 0.", "ExchangeRate");
        }

        draft["CurrencyRef"] = JsonAccess.Ref(currency, name);
        draft["ExchangeRate"] = Money.Node(rate);
        return rate;
    }
}
