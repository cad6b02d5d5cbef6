using System.Text.Json.Nodes;
using StoreBooks.Emulators.Qbo.Api.Faults;
using StoreBooks.Emulators.Qbo.Api.Json;
using StoreBooks.Emulators.Qbo.Api.Writes;

namespace StoreBooks.Emulators.Qbo.Api.Entities.Settings;

/// <summary>
/// Preferences: updated with Id and SyncToken like any entity; a group sent in a sparse update is merged into the
/// stored group. Multicurrency cannot be turned off once on, and the home currency never changes.
/// </summary>
internal sealed class PreferencesRules : EntityRules
{
    public override JsonObject Prepare(WriteContext ctx, JsonObject draft, JsonObject? existing)
    {
        if (existing is null)
        {
            return draft;
        }

        var merged = new JsonObject();
        foreach (var (group, value) in existing)
        {
            if (group is "domain" or "sparse" or "Id" or "SyncToken" or "MetaData")
            {
                continue;
            }

            merged[group] = value?.DeepClone();
        }

        foreach (var (group, value) in draft)
        {
            if (value is JsonObject sent && merged[group] is JsonObject stored)
            {
                foreach (var (key, v) in sent)
                {
                    stored[key] = v?.DeepClone();
                }
            }
            else
            {
                merged[group] = value?.DeepClone();
            }
        }

        var was = existing.Obj("CurrencyPrefs");
        var now = merged.Obj("CurrencyPrefs");
        if (was?.Bool("MultiCurrencyEnabled") == true && now?.Bool("MultiCurrencyEnabled") == false)
        {
            throw Fault.Business("Multicurrency cannot be turned off once it has been turned on.", "MultiCurrencyEnabled");
        }

        if (was?.Obj("HomeCurrency")?.Str("value") is { } home && now?.Obj("HomeCurrency")?.Str("value") is { } newHome && home != newHome)
        {
            throw Fault.Business($"The home currency ({home}) cannot be changed.", "HomeCurrency");
        }

        _ = ctx;
        return merged;
    }
}
