using System.Text.Json.Nodes;
using StoreBooks.Emulators.Qbo.Api.Company;
using StoreBooks.Emulators.Qbo.Api.Faults;
using StoreBooks.Emulators.Qbo.Api.Json;

namespace StoreBooks.Emulators.Qbo.Api.Writes;

/// <summary>
/// Resolves references (<c>CustomerRef</c>, <c>ItemRef</c>, <c>…AccountRef</c>): an id that does not exist is 2500
/// "Invalid Reference Id : Accounts element id 7 not found", an inactive object is 610 "Object Not Found", and a
/// resolved reference gets the object's name as QBO returns it.
/// </summary>
internal sealed class References(QboCompany company)
{
    public JsonObject Account(JsonObject owner, string property) => Resolve(owner, property, "Account", "Accounts")!;

    public JsonObject Item(JsonObject owner, string property) => Resolve(owner, property, "Item", "Items")!;

    public JsonObject Customer(JsonObject owner, string property) => Resolve(owner, property, "Customer", "Names")!;

    public JsonObject PaymentMethod(JsonObject owner, string property) => Resolve(owner, property, "PaymentMethod", "PaymentMethods")!;

    public JsonObject TaxCode(JsonObject owner, string property, bool fillName = false) =>
        Resolve(owner, property, "TaxCode", "TaxCodes", fillName)!;

    public JsonObject TaxRate(JsonObject owner, string property, bool fillName = false) =>
        Resolve(owner, property, "TaxRate", "TaxRates", fillName)!;

    /// <summary>
    /// References to lists the emulator does not hold (classes, departments, terms): a new QBO company has none,
    /// so any id is 2500 with QBO's list name.
    /// </summary>
    public void Unheld(JsonObject owner, string property, string listName)
    {
        var id = owner.RefValue(property);
        if (id is not null)
        {
            throw Fault.InvalidReference(listName, id);
        }
    }

    /// <summary>Resolves <paramref name="owner"/>[<paramref name="property"/>] when present; null when absent.</summary>
    public JsonObject? Resolve(JsonObject owner, string property, string entity, string listName, bool fillName = true, bool mustBeActive = true)
    {
        if (owner.Obj(property) is not { } reference)
        {
            return null;
        }

        var id = reference.Str("value");
        if (string.IsNullOrWhiteSpace(id))
        {
            throw Fault.RequiredParam(property + ".value", $"Required parameter {property}.value is missing in the request");
        }

        var record = company.Store.Get(entity, id) ?? throw Fault.InvalidReference(listName, id);
        if (mustBeActive && record.Json.Bool("Active") == false)
        {
            throw Fault.ObjectNotFound();
        }

        if (fillName)
        {
            var name = record.Json.Str("FullyQualifiedName") ?? record.Json.Str("Name") ?? record.Json.Str("DisplayName");
            if (name is not null)
            {
                reference["name"] = name;
            }
        }

        return record.Json;
    }
}
