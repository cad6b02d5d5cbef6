using System.Text.Json.Nodes;
using StoreBooks.Emulators.Qbo.Api.Company;
using StoreBooks.Emulators.Qbo.Api.Json;

namespace StoreBooks.Emulators.Qbo.Api.Entities.Lists;

/// <summary>
/// QBO keeps addresses as records with their own ids: an unchanged address keeps its id, identical bill and ship
/// addresses share one (a real customer had BillAddr and ShipAddr both "Id":"2"), and QBO adds its geocode,
/// "INVALID" when it cannot place the address (the emulator never geocodes, so always "INVALID").
/// </summary>
internal static class Addresses
{
    public static void Assign(QboCompany company, JsonObject draft, JsonObject? existing, params string[] properties)
    {
        var assigned = new List<JsonObject>();
        foreach (var property in properties)
        {
            if (draft.Obj(property) is not { } address)
            {
                continue;
            }

            address.Remove("Id");
            address["Lat"] ??= "INVALID";
            address["Long"] ??= "INVALID";
            var id = SameAs(existing?.Obj(property), address)
                ?? assigned.Select(a => SameAs(a, address)).FirstOrDefault(i => i is not null)
                ?? company.NewId("Address");
            var ordered = new JsonObject { ["Id"] = id };
            foreach (var (key, value) in address.ToArray())
            {
                address.Remove(key);
                ordered[key] = value;
            }

            draft[property] = ordered;
            assigned.Add(ordered);
        }
    }

    /// <summary>Copies a customer's address onto a transaction, keeping its id.</summary>
    public static JsonObject? Copy(JsonObject? address) => address?.CloneObject();

    private static string? SameAs(JsonObject? known, JsonObject address)
    {
        if (known?.Str("Id") is not { } id)
        {
            return null;
        }

        var a = known.CloneObject();
        a.Remove("Id");
        var b = address.CloneObject();
        b.Remove("Id");
        return JsonSemantics.Equal(a, b) ? id : null;
    }
}
