using System.Net;
using System.Text.Json.Nodes;
using StoreBooks.Emulators.Qbo.Api;
using StoreBooks.Emulators.Tests.Qbo.Api.Rules;
using StoreBooks.Emulators.Tests.Qbo.Api.Support;
using Xunit;
using static StoreBooks.Emulators.Tests.Qbo.Api.Arithmetic.TaxArithmeticTests;
using static StoreBooks.Emulators.Tests.Qbo.Api.Rules.TransactionRuleTests;
using static StoreBooks.Emulators.Tests.Qbo.Api.Support.Js;

namespace StoreBooks.Emulators.Tests.Qbo.Api.Arithmetic;

/// <summary>Bundles on sales forms (expanded into their components) and deposits (from Undeposited Funds or from accounts).</summary>
public sealed class BundleAndDepositTests(QboApiFixture emulator) : IClassFixture<QboApiFixture>
{
    [Fact]
    public async Task A_bundle_line_expands_into_its_components_priced_and_counted_in_stock()
    {
        using var api = emulator.Us();
        var pump = await api.Create("Item", await ItemRuleTests.Inventory(api, "Pump", 10, "2026-01-01"));
        var lighting = await Seed.Item(api, "Lighting", 12.5m);
        AddBundle(emulator.Server.Qbo.Companies, api.RealmId, "900", "Fountain kit", (pump, 2), (lighting, 1));

        var receipt = await api.Create("SalesReceipt", J("{`Line`:[{`DetailType`:`GroupLineDetail`,`GroupLineDetail`:{`GroupItemRef`:{`value`:`900`},`Quantity`:2}}]}"));

        var group = receipt["Line"]![0]!.AsObject();
        Assert.Equal("GroupLineDetail", group["DetailType"]!.GetValue<string>());
        var components = group["GroupLineDetail"]!["Line"]!.AsArray();
        Assert.Equal([4m, 2m], components.Select(c => Dec(c!["SalesItemLineDetail"]!["Qty"])));
        Assert.Equal([80m, 25m], components.Select(c => Dec(c!["Amount"])));
        Assert.Equal(105m, Dec(group["Amount"]));
        Assert.Equal(105m, Dec(receipt["TotalAmt"]));
        Assert.Equal(6m, Dec((await api.Read("Item", pump["Id"]!.GetValue<string>()))["QtyOnHand"]));

        (await api.Post("salesreceipt", Receipt(Line(10m, "900")))).AssertFault(HttpStatusCode.BadRequest, "6000", "A business validation error has occurred while processing your request");
        (await api.Post("salesreceipt", J($"{{`Line`:[{{`DetailType`:`GroupLineDetail`,`GroupLineDetail`:{{`GroupItemRef`:{{`value`:`{lighting["Id"]}`}}}}}}]}}")))
            .AssertFault(HttpStatusCode.BadRequest, "6000", "A business validation error has occurred while processing your request");
    }

    [Fact]
    public async Task Deposits_total_their_lines_and_only_take_undeposited_receipts_once()
    {
        using var api = emulator.Us();
        var checking = await Seed.AccountId(api, "Checking");
        var receipt = await api.Create("SalesReceipt", Receipt(Line(40m, "1")));
        var direct = await api.Create("SalesReceipt", WithDeposit(Receipt(Line(15m, "1")), checking));

        var deposit = await api.Create("Deposit", J($"{{`DepositToAccountRef`:{{`value`:`{checking}`}},`Line`:[" +
            $"{{`Amount`:40,`LinkedTxn`:[{{`TxnId`:`{receipt["Id"]}`,`TxnType`:`SalesReceipt`}}]}}," +
            $"{{`Amount`:12.5,`DetailType`:`DepositLineDetail`,`DepositLineDetail`:{{`AccountRef`:{{`value`:`{await Seed.AccountId(api, "Interest Earned")}`}}}}}}]}}"));

        Assert.Equal(52.5m, Dec(deposit["TotalAmt"]));
        Assert.Equal("Checking", deposit["DepositToAccountRef"]!["name"]!.GetValue<string>());
        var again = J($"{{`DepositToAccountRef`:{{`value`:`{checking}`}},`Line`:[{{`Amount`:40,`LinkedTxn`:[{{`TxnId`:`{receipt["Id"]}`,`TxnType`:`SalesReceipt`}}]}}]}}");
        (await api.Post("deposit", again)).AssertFault(HttpStatusCode.BadRequest, "6000", "A business validation error has occurred while processing your request");
        var notUndeposited = J($"{{`DepositToAccountRef`:{{`value`:`{checking}`}},`Line`:[{{`Amount`:15,`LinkedTxn`:[{{`TxnId`:`{direct["Id"]}`,`TxnType`:`SalesReceipt`}}]}}]}}");
        (await api.Post("deposit", notUndeposited)).AssertFault(HttpStatusCode.BadRequest, "6000", "A business validation error has occurred while processing your request");
        var intoIncome = J($"{{`DepositToAccountRef`:{{`value`:`{await Seed.AccountId(api, "Services")}`}},`Line`:[{{`Amount`:1,`DetailType`:`DepositLineDetail`,`DepositLineDetail`:{{`AccountRef`:{{`value`:`{checking}`}}}}}}]}}");
        (await api.Post("deposit", intoIncome)).AssertFault(HttpStatusCode.BadRequest, "6000", "A business validation error has occurred while processing your request");
    }

    [Fact]
    public async Task Company_info_can_be_renamed_but_keeps_its_country()
    {
        using var api = emulator.Us();
        var info = (await api.Get("companyinfo/" + api.RealmId)).Entity("CompanyInfo");
        var updated = (await api.Post("companyinfo", J($"{{`Id`:`1`,`SyncToken`:`{info["SyncToken"]}`,`sparse`:true,`CompanyName`:`Renamed Books`,`Country`:`FR`}}"))).AssertOk("CompanyInfo");
        Assert.Equal("Renamed Books", updated["CompanyName"]!.GetValue<string>());
        Assert.Equal("US", updated["Country"]!.GetValue<string>());
        Assert.Equal("1", updated["SyncToken"]!.GetValue<string>());
    }

    private static JsonObject WithDeposit(JsonObject form, string account)
    {
        form["DepositToAccountRef"] = J($"{{`value`:`{account}`}}");
        return form;
    }

    /// <summary>Bundles cannot be created through the API; they are loaded into the realm's state like Intuit's sample company has them.</summary>
    private static void AddBundle(QboCompanies companies, string realmId, string id, string name, params (JsonObject Item, decimal Qty)[] parts)
    {
        var lines = new JsonArray();
        foreach (var (item, qty) in parts)
        {
            lines.Add(new JsonObject { ["Qty"] = qty, ["ItemRef"] = J($"{{`value`:`{item["Id"]}`,`name`:`{item["Name"]}`,`type`:`{item["Type"]}`}}") });
        }

        var state = companies.Export();
        var realm = state["realms"]!.AsArray().First(r => r!["settings"]!["RealmId"]!.GetValue<string>() == realmId)!;
        realm["entities"]!["Item"]!.AsArray().Add(new JsonObject
        {
            ["domain"] = "QBO", ["sparse"] = false, ["Id"] = id, ["SyncToken"] = "0",
            ["MetaData"] = J("{`CreateTime`:`2026-01-01T00:00:00-08:00`,`LastUpdatedTime`:`2026-01-01T00:00:00-08:00`}"),
            ["Name"] = name, ["FullyQualifiedName"] = name, ["Active"] = true, ["Type"] = "Group", ["UnitPrice"] = 0, ["PurchaseCost"] = 0,
            ["Taxable"] = false, ["TrackQtyOnHand"] = false, ["PrintGroupedItems"] = true,
            ["ItemGroupDetail"] = new JsonObject { ["ItemGroupLine"] = lines },
        });
        companies.Import(state);
    }
}
