using System.Text.Json.Nodes;
using StoreBooks.Emulators.Qbo.Api.Company;
using StoreBooks.Emulators.Qbo.Api.Faults;
using StoreBooks.Emulators.Qbo.Api.Json;
using StoreBooks.Emulators.Qbo.Api.Writes;

namespace StoreBooks.Emulators.Qbo.Api.Entities.Lists;

/// <summary>Account: Name (≤100, no <c>"</c> or <c>:</c>, unique by full name), AccountType or AccountSubType (6010), sub-accounts, opening balance.</summary>
internal sealed class AccountRules : NameListRules
{
    protected override string NameProperty => "Name";

    protected override string UniqueGroup => "Account";

    protected override string DuplicateDetail => "Another account is already using this name. Please use a different name.";

    public override IEnumerable<string> UniqueKeys(JsonObject json) =>
        (json.Str("FullyQualifiedName") ?? json.Str("Name")) is { Length: > 0 } name ? [Key(UniqueGroup, name)] : [];

    public override JsonObject Prepare(WriteContext ctx, JsonObject draft, JsonObject? existing)
    {
        var name = draft.Str("Name")?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            throw Fault.RequiredParam("Name");
        }

        draft["Name"] = name;
        CheckLength(draft, "Name", 100, 1);
        if (name.IndexOfAny(['"', ':']) >= 0)
        {
            throw Fault.Throw(new QboFault(400, new QboError("Invalid String",
                $"Element contains invalid characters: an account Name cannot contain a double quote (\") or a colon (:). Supplied value:{name}", "2040", "Name")));
        }

        CheckLength(draft, "Description", 100);
        CheckLength(draft, "AcctNum", ctx.Company.Settings.Country.ToUpperInvariant() is "US" or "GB" or "UK" or "IN" ? 7 : 20);

        var type = draft.Str("AccountType");
        var subType = draft.Str("AccountSubType");
        if (type is null && subType is null)
        {
            throw Fault.AccountTypeMissing();
        }

        if (type is null)
        {
            type = AccountTypes.TypeOfSubType(subType!) ?? throw Fault.InvalidEnumeration("AccountSubType", subType!, ["a sub-type of one of: " + string.Join(", ", AccountTypes.Names)]);
        }
        else if (!AccountTypes.IsType(type))
        {
            throw Fault.InvalidEnumeration("AccountType", type, AccountTypes.Names);
        }

        draft["AccountType"] = type;
        draft["AccountSubType"] = subType ?? AccountTypes.DefaultSubType(type);
        draft["Classification"] = AccountTypes.Classification(type);

        if (draft.Dec("OpeningBalance") is not null && draft.Str("OpeningBalanceDate") is null)
        {
            throw Fault.OpenBalanceDateMissing();
        }

        ApplyParent(ctx, draft, name, type);
        ApplyActive(ctx, draft, existing);
        draft["FullyQualifiedName"] = Prefix(ctx, draft) + draft.Str("Name");

        var home = ctx.Prefs.HomeCurrency;
        var currency = draft.RefValue("CurrencyRef") ?? existing?.RefValue("CurrencyRef") ?? home;
        if (currency != home && !ctx.Prefs.MultiCurrencyEnabled)
        {
            throw Fault.Business($"Multicurrency is off in this company, so an account can only be in {home}.", "CurrencyRef");
        }

        draft["CurrencyRef"] = JsonAccess.Ref(currency, Currencies.Name(currency) ?? throw Fault.InvalidReference("Currencies", currency));
        KeepComputed(draft, existing, "CurrentBalance", "CurrentBalanceWithSubAccounts");
        draft["CurrentBalance"] ??= Money.Node(0);
        draft["CurrentBalanceWithSubAccounts"] ??= Money.Node(0);
        return draft;
    }

    private static void ApplyParent(WriteContext ctx, JsonObject draft, string name, string type)
    {
        if (draft.Bool("SubAccount") != true)
        {
            draft["SubAccount"] = false;
            draft.Remove("ParentRef");
            return;
        }

        if (draft.Obj("ParentRef") is null)
        {
            throw Fault.ParentRefRequired("SubAccount");
        }

        var parent = ctx.Refs.Account(draft, "ParentRef");
        if (parent.Str("AccountType") != type)
        {
            throw Fault.Business($"A sub-account must have the same AccountType as its parent ({parent.Str("AccountType")}); {name} is {type}.", "ParentRef");
        }

        var depth = (parent.Str("FullyQualifiedName") ?? "").Split(':').Length;
        if (depth >= 5)
        {
            throw Fault.SubLevelLimit();
        }
    }

    private static string Prefix(WriteContext ctx, JsonObject draft) =>
        draft.Bool("SubAccount") == true && draft.RefValue("ParentRef") is { } parentId && ctx.Store.Get("Account", parentId) is { } parent
            ? parent.Json.Str("FullyQualifiedName") + ":"
            : "";
}
