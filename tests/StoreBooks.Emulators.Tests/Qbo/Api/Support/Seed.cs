using System.Text.Json.Nodes;
using Xunit;
using static StoreBooks.Emulators.Tests.Qbo.Api.Support.Js;

namespace StoreBooks.Emulators.Tests.Qbo.Api.Support;

/// <summary>Builds the state a recorded exchange presumes, through the API itself, and maps the recording's ids to the realm's.</summary>
public static class Seed
{
    private static readonly string[] SystemFields = ["Id", "SyncToken", "MetaData", "domain", "sparse"];

    /// <summary>A recorded entity as a create body: system fields dropped, references re-pointed by name to this realm's objects.</summary>
    public static async Task<JsonObject> Body(QboApi api, JsonObject recorded, params string[] drop)
    {
        var body = recorded.DeepClone().AsObject();
        foreach (var field in SystemFields.Concat(drop))
        {
            body.Remove(field);
        }

        await Repoint(api, body);
        return body;
    }

    /// <summary>Re-points every reference that carries a name (<c>{"value":"4","name":"Design"}</c>) to the realm's object of that name.</summary>
    public static async Task Repoint(QboApi api, JsonNode node)
    {
        var names = await Names(api);
        Walk(node, null, names);
    }

    public static async Task<string> AccountId(QboApi api, string name) => (await Names(api))[("Account", name)];

    /// <summary>Creates a Service (or other non-inventory) item with a price.</summary>
    public static async Task<JsonObject> Item(QboApi api, string name, decimal price, string type = "Service")
    {
        var income = await AccountId(api, "Services");
        var expense = await AccountId(api, "Cost of Goods Sold");
        return await api.Create("Item", J($"{{`Name`:`{name}`,`Type`:`{type}`,`UnitPrice`:{price},`IncomeAccountRef`:{{`value`:`{income}`}},`ExpenseAccountRef`:{{`value`:`{expense}`}}}}"));
    }

    /// <summary>Creates a tracked Inventory item.</summary>
    public static async Task<JsonObject> InventoryItem(QboApi api, string name, decimal price, decimal qty, string startDate)
    {
        var income = await AccountId(api, "Sales of Product Income");
        var cogs = await AccountId(api, "Cost of Goods Sold");
        var asset = await AccountId(api, "Inventory Asset");
        return await api.Create("Item", J($"{{`Name`:`{name}`,`Type`:`Inventory`,`UnitPrice`:{price},`TrackQtyOnHand`:true,`QtyOnHand`:{qty},`InvStartDate`:`{startDate}`," +
            $"`IncomeAccountRef`:{{`value`:`{income}`}},`ExpenseAccountRef`:{{`value`:`{cogs}`}},`AssetAccountRef`:{{`value`:`{asset}`}}}}"));
    }

    public static async Task<JsonObject> Customer(QboApi api, string displayName) =>
        await api.Create("Customer", new JsonObject { ["DisplayName"] = displayName });

    /// <summary>Sends sparse updates that change PrivateNote until the SyncToken reaches <paramref name="syncToken"/>.</summary>
    public static async Task<JsonObject> BumpTo(QboApi api, string entity, JsonObject current, int syncToken)
    {
        var now = current;
        for (var i = int.Parse(now["SyncToken"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture); i < syncToken; i++)
        {
            var answer = await api.Post(entity.ToLowerInvariant(), new JsonObject
            {
                ["Id"] = now["Id"]!.GetValue<string>(),
                ["SyncToken"] = now["SyncToken"]!.GetValue<string>(),
                ["sparse"] = true,
                ["PrivateNote"] = "edit " + i,
            });
            now = answer.AssertOk(entity);
        }

        if (current["PrivateNote"] is { } note)
        {
            var restored = await api.Post(entity.ToLowerInvariant(), new JsonObject
            {
                ["Id"] = now["Id"]!.GetValue<string>(),
                ["SyncToken"] = now["SyncToken"]!.GetValue<string>(),
                ["sparse"] = true,
                ["PrivateNote"] = note.DeepClone(),
            });
            now = restored.AssertOk(entity);
        }

        return now;
    }

    private static async Task<Dictionary<(string Entity, string Name), string>> Names(QboApi api)
    {
        var names = new Dictionary<(string, string), string>();
        foreach (var entity in new[] { "Item", "Customer", "Account", "PaymentMethod", "TaxCode", "Vendor", "Employee" })
        {
            var answer = await api.Query($"select * from {entity} where Active IN (true, false) maxresults 1000");
            Assert.Equal(System.Net.HttpStatusCode.OK, answer.Status);
            foreach (var row in answer.Body["QueryResponse"]![entity]?.AsArray().OfType<JsonObject>() ?? [])
            {
                var id = row["Id"]!.GetValue<string>();
                foreach (var key in new[] { "Name", "DisplayName", "FullyQualifiedName" })
                {
                    if (row[key]?.GetValue<string>() is { } name)
                    {
                        names.TryAdd((entity, name), id);
                    }
                }
            }
        }

        return names;
    }

    private static void Walk(JsonNode? node, string? key, Dictionary<(string, string), string> names)
    {
        switch (node)
        {
            case JsonObject obj:
                if (key is not null && key.EndsWith("Ref", StringComparison.Ordinal) && obj["value"] is not null && obj["name"]?.GetValue<string>() is { } name)
                {
                    var entity = key switch
                    {
                        "ItemRef" or "GroupItemRef" => "Item",
                        "CustomerRef" => "Customer",
                        "PaymentMethodRef" => "PaymentMethod",
                        "TxnTaxCodeRef" or "TaxCodeRef" => "TaxCode",
                        _ when key.EndsWith("AccountRef", StringComparison.Ordinal) => "Account",
                        _ => null,
                    };
                    if (entity is not null && names.TryGetValue((entity, name), out var id))
                    {
                        obj["value"] = id;
                    }

                    return;
                }

                foreach (var (k, v) in obj.ToList())
                {
                    Walk(v, k, names);
                }

                break;
            case JsonArray arr:
                foreach (var item in arr)
                {
                    Walk(item, key, names);
                }

                break;
        }
    }
}
