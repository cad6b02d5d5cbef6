using System.Text.Json.Nodes;
using StoreBooks.Emulators.Qbo.Api.Faults;
using StoreBooks.Emulators.Qbo.Api.Json;
using StoreBooks.Emulators.Qbo.Api.Writes;

namespace StoreBooks.Emulators.Qbo.Api.Entities.Tax;

/// <summary>TaxCode and TaxRate are read-only through their own endpoints; QBO creates them through the tax service.</summary>
internal sealed class TaxListRules(string entity) : EntityRules
{
    public override IEnumerable<string> UniqueKeys(JsonObject json) =>
        json.Str("Name") is { Length: > 0 } name ? [entity + "|" + name.Trim().ToLowerInvariant()] : [];

    public override JsonObject Prepare(WriteContext ctx, JsonObject draft, JsonObject? existing) =>
        throw Fault.UnsupportedOperation(
            $"Operation Create is not supported for {entity}: create tax codes and rates with POST /v3/company/<realmId>/taxservice/taxcode.");
}

/// <summary>TaxAgency: created with a unique DisplayName; the agencies a company starts with come from its region.</summary>
internal sealed class TaxAgencyRules : EntityRules
{
    public override IEnumerable<string> UniqueKeys(JsonObject json) =>
        json.Str("DisplayName") is { Length: > 0 } name ? ["TaxAgency|" + name.Trim().ToLowerInvariant()] : [];

    public override void CheckUnique(WriteContext ctx, JsonObject candidate, string? id)
    {
        foreach (var key in UniqueKeys(candidate))
        {
            if (ctx.Store.Holder(key, id is null ? null : ("TaxAgency", id)) is not null)
            {
                throw Fault.DuplicateName("Another tax agency is already using this name. Please use a different name.");
            }
        }
    }

    public override JsonObject Prepare(WriteContext ctx, JsonObject draft, JsonObject? existing)
    {
        if (string.IsNullOrWhiteSpace(draft.Str("DisplayName")))
        {
            throw Fault.RequiredParam("DisplayName");
        }

        draft["TaxTrackedOnSales"] ??= true;
        draft["TaxTrackedOnPurchases"] ??= false;
        return draft;
    }
}
