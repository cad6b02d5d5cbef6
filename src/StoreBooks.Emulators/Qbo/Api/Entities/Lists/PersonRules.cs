using System.Text.Json.Nodes;
using StoreBooks.Emulators.Qbo.Api.Company;
using StoreBooks.Emulators.Qbo.Api.Faults;
using StoreBooks.Emulators.Qbo.Api.Json;
using StoreBooks.Emulators.Qbo.Api.Writes;

namespace StoreBooks.Emulators.Qbo.Api.Entities.Lists;

/// <summary>
/// Customer, Vendor and Employee: a DisplayName unique across all three (6240), generated from the name parts when
/// absent (6080 when there are none), no colons in names, field lengths, an email with "@" and ".".
/// </summary>
internal abstract class PersonRules : NameListRules
{
    private static readonly string[] NameParts = ["Title", "GivenName", "MiddleName", "FamilyName", "Suffix"];

    protected override string NameProperty => "DisplayName";

    protected override string UniqueGroup => "Names";

    /// <summary>What a 2020 sandbox answered for a duplicate customer name (older responses named the three lists).</summary>
    protected override string DuplicateDetail => "null";

    public override JsonObject Prepare(WriteContext ctx, JsonObject draft, JsonObject? existing)
    {
        foreach (var (property, max) in new[] { ("Title", 16), ("GivenName", 100), ("MiddleName", 100), ("FamilyName", 100), ("Suffix", 16), ("CompanyName", 100), ("PrintOnCheckName", 110), ("Notes", 2000) })
        {
            CheckLength(draft, property, max);
        }

        var displayName = draft.Str("DisplayName")?.Trim();
        if (string.IsNullOrEmpty(displayName))
        {
            displayName = string.Join(' ', NameParts.Select(p => draft.Str(p)?.Trim()).Where(p => !string.IsNullOrEmpty(p)));
            if (displayName.Length == 0)
            {
                throw Fault.NoNameProvided();
            }
        }

        draft["DisplayName"] = displayName;
        CheckLength(draft, "DisplayName", 500, 1);
        foreach (var property in new[] { "DisplayName", "GivenName", "MiddleName", "FamilyName", "PrintOnCheckName" })
        {
            CheckNoColonTabNewline(draft, property);
        }

        if (draft.Obj("PrimaryEmailAddr")?.Str("Address") is { } email && (!email.Contains('@', StringComparison.Ordinal) || !email.Contains('.', StringComparison.Ordinal)))
        {
            throw Fault.InvalidEmail("PrimaryEmailAddr", email);
        }

        draft["PrintOnCheckName"] ??= existing?.Str("PrintOnCheckName") ?? displayName;
        Complete(ctx, draft, existing);
        ApplyActive(ctx, draft, existing);
        return draft;
    }

    /// <summary>The list's own fields and defaults.</summary>
    protected abstract void Complete(WriteContext ctx, JsonObject draft, JsonObject? existing);

    /// <summary>CurrencyRef defaults to the home currency, must be known, and cannot change after creation [U wording].</summary>
    protected static void ApplyCurrency(WriteContext ctx, JsonObject draft, JsonObject? existing)
    {
        var home = ctx.Prefs.HomeCurrency;
        var currency = draft.RefValue("CurrencyRef") ?? existing?.RefValue("CurrencyRef") ?? home;
        if (existing?.RefValue("CurrencyRef") is { } was && was != currency)
        {
            throw Fault.Business($"The currency of {existing.Str("DisplayName")} is {was} and cannot be changed after it is created.", "CurrencyRef");
        }

        if (currency != home && !ctx.Prefs.MultiCurrencyEnabled)
        {
            throw Fault.Business($"Multicurrency is off in this company, so every name uses the home currency {home}; turn on Preferences.CurrencyPrefs.MultiCurrencyEnabled to use {currency}.", "CurrencyRef");
        }

        draft["CurrencyRef"] = JsonAccess.Ref(currency, Currencies.Name(currency) ?? throw Fault.InvalidReference("Currencies", currency, "CurrencyRef"));
    }
}

/// <summary>Customer: the person fields plus jobs (sub-customers, up to 4 levels), balance, currency, tax defaults and addresses.</summary>
internal sealed class CustomerRules : PersonRules
{
    public override JsonObject Prepare(WriteContext ctx, JsonObject draft, JsonObject? existing)
    {
        var customer = base.Prepare(ctx, draft, existing);
        var parent = customer.RefValue("ParentRef") is { } parentId ? ctx.Store.Get("Customer", parentId)?.Json.Str("FullyQualifiedName") : null;
        customer["FullyQualifiedName"] = parent is null ? customer.Str("DisplayName") : parent + ":" + customer.Str("DisplayName");
        return customer;
    }

    protected override void Complete(WriteContext ctx, JsonObject draft, JsonObject? existing)
    {
        draft["Taxable"] ??= true;
        ApplyParent(ctx, draft, existing);
        draft["BillWithParent"] ??= false;
        KeepComputed(draft, existing, "Balance", "BalanceWithJobs");
        draft["Balance"] ??= Money.Node(0);
        draft["BalanceWithJobs"] ??= Money.Node(0);
        ApplyCurrency(ctx, draft, existing);
        draft["PreferredDeliveryMethod"] ??= "Print";
        ctx.Refs.Resolve(draft, "PaymentMethodRef", "PaymentMethod", "PaymentMethods");
        ctx.Refs.Unheld(draft, "SalesTermRef", "Terms");
        if (draft.Obj("DefaultTaxCodeRef") is not null)
        {
            ctx.Refs.TaxCode(draft, "DefaultTaxCodeRef");
        }
        else if (ctx.Company.IsUs && ctx.Prefs.TaxGroupCodeId is { } taxCode)
        {
            draft["DefaultTaxCodeRef"] = JsonAccess.Ref(taxCode);
        }

        Addresses.Assign(ctx.Company, draft, existing, "BillAddr", "ShipAddr");
    }

    protected override void CheckInactivation(WriteContext ctx, JsonObject existing)
    {
        if ((existing.Dec("Balance") ?? 0) != 0)
        {
            throw Fault.DeleteListHasBalance("Customer");
        }
    }

    private static void ApplyParent(WriteContext ctx, JsonObject draft, JsonObject? existing)
    {
        if (draft.Obj("ParentRef") is null)
        {
            draft["Job"] = false;
            draft.Remove("Level");
            return;
        }

        var parent = ctx.Refs.Customer(draft, "ParentRef");
        if (existing?.Str("Id") is { } id && (parent.Str("Id") == id || (parent.Str("FullyQualifiedName") ?? "").Split(':').Contains(existing.Str("DisplayName"))))
        {
            throw Fault.Throw(new QboFault(400, new QboError("Parent cannot be child", "A customer cannot be its own parent or the parent of its parent.", "900", "ParentRef")));
        }

        var level = (int)(parent.Dec("Level") ?? 0) + 1;
        if (level > 4)
        {
            throw Fault.SubLevelLimit();
        }

        draft["Job"] = draft.Bool("Job") ?? true;
        draft["Level"] = level;
    }
}

/// <summary>Vendor: the person fields plus balance, 1099 flag, currency and address.</summary>
internal sealed class VendorRules : PersonRules
{
    protected override void Complete(WriteContext ctx, JsonObject draft, JsonObject? existing)
    {
        KeepComputed(draft, existing, "Balance");
        draft["Balance"] ??= Money.Node(0);
        draft["Vendor1099"] ??= false;
        ApplyCurrency(ctx, draft, existing);
        Addresses.Assign(ctx.Company, draft, existing, "BillAddr");
    }
}

/// <summary>Employee: the person fields plus billable time and address.</summary>
internal sealed class EmployeeRules : PersonRules
{
    protected override void Complete(WriteContext ctx, JsonObject draft, JsonObject? existing)
    {
        draft["BillableTime"] ??= false;
        Addresses.Assign(ctx.Company, draft, existing, "PrimaryAddr");
    }
}
