using System.Text.Json.Nodes;
using StoreBooks.Emulators.Qbo.Api.Json;

namespace StoreBooks.Emulators.Qbo.Api.Company;

/// <summary>
/// The flags of the realm's <c>Preferences</c> entity the rules act on. Preferences are the one source of truth:
/// a client that updates them (e.g. turns AllowShipping on) changes the emulator's behaviour, as in QBO.
/// </summary>
internal sealed class CompanyPreferences(JsonObject preferences)
{
    private JsonObject Group(string name) => preferences.Obj(name) ?? new JsonObject();

    public bool QuantityOnHand => Group("ProductAndServicesPrefs").Bool("QuantityOnHand") ?? false;

    public bool CustomTxnNumbers => Group("SalesFormsPrefs").Bool("CustomTxnNumbers") ?? false;

    public bool AllowDiscount => Group("SalesFormsPrefs").Bool("AllowDiscount") ?? false;

    public bool AllowShipping => Group("SalesFormsPrefs").Bool("AllowShipping") ?? false;

    public bool AllowDeposit => Group("SalesFormsPrefs").Bool("AllowDeposit") ?? false;

    public bool MultiCurrencyEnabled => Group("CurrencyPrefs").Bool("MultiCurrencyEnabled") ?? false;

    public string HomeCurrency => Group("CurrencyPrefs").Obj("HomeCurrency")?.Str("value") ?? "USD";

    public bool UsingSalesTax => Group("TaxPrefs").Bool("UsingSalesTax") ?? false;

    public bool PartnerTaxEnabled => Group("TaxPrefs").Bool("PartnerTaxEnabled") ?? false;

    public string? TaxGroupCodeId => Group("TaxPrefs").Obj("TaxGroupCodeRef")?.Str("value");

    /// <summary>Names of the enabled sales-form custom fields, by DefinitionId ("1", "2", "3").</summary>
    public IReadOnlyList<(string DefinitionId, string Name)> SalesCustomFields
    {
        get
        {
            var used = new Dictionary<string, bool>(StringComparer.Ordinal);
            var names = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var group in Group("SalesFormsPrefs").Arr("CustomField").Objects())
            {
                foreach (var entry in group.Arr("CustomField").Objects())
                {
                    var name = entry.Str("Name") ?? "";
                    if (name.StartsWith("SalesFormsPrefs.UseSalesCustom", StringComparison.Ordinal))
                    {
                        used[name[^1..]] = entry.Bool("BooleanValue") ?? false;
                    }
                    else if (name.StartsWith("SalesFormsPrefs.SalesCustomName", StringComparison.Ordinal))
                    {
                        names[name[^1..]] = entry.Str("StringValue") ?? "";
                    }
                }
            }

            return used.Where(u => u.Value && names.ContainsKey(u.Key))
                .OrderBy(u => u.Key, StringComparer.Ordinal)
                .Select(u => (u.Key, names[u.Key]))
                .ToArray();
        }
    }
}
