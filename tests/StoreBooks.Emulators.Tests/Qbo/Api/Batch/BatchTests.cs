using System.Net;
using System.Text.Json.Nodes;
using StoreBooks.Emulators.Tests.Qbo.Api.Support;
using Xunit;
using static StoreBooks.Emulators.Tests.Qbo.Api.Rules.TransactionRuleTests;
using static StoreBooks.Emulators.Tests.Qbo.Api.Support.Js;

namespace StoreBooks.Emulators.Tests.Qbo.Api.Batch;

/// <summary>Rule 34: batch size, bIds, per-item answers and faults inside a 200, and no item seeing another's result.</summary>
public sealed class BatchTests(QboApiFixture emulator) : IClassFixture<QboApiFixture>
{
    [Fact]
    public async Task Thirty_one_items_is_1040()
    {
        using var api = emulator.Us();
        var items = new JsonArray([.. Enumerable.Range(0, 31).Select(i => (JsonNode)J($"{{`bId`:`b{i}`,`Query`:`select * from Customer`}}"))]);
        var answer = await api.Post("batch", new JsonObject { ["BatchItemRequest"] = items.DeepClone() });
        answer.AssertFault(HttpStatusCode.BadRequest, "1040", "Batch size exceeds allowed limit");

        items.RemoveAt(0);
        Assert.Equal(30, (await api.Post("batch", new JsonObject { ["BatchItemRequest"] = items })).Body["BatchItemResponse"]!.AsArray().Count);
    }

    [Fact]
    public async Task Batch_ids_must_be_present_and_unique()
    {
        using var api = emulator.Us();
        (await api.Post("batch", J("{`BatchItemRequest`:[{`Query`:`select * from Item`}]}"))).AssertFault(HttpStatusCode.BadRequest, "2020", "Required param missing, need to supply the required value for the API");
        (await api.Post("batch", J("{`BatchItemRequest`:[{`bId`:`1`,`Query`:`select * from Item`},{`bId`:`1`,`Query`:`select * from Item`}]}")))
            .AssertFault(HttpStatusCode.BadRequest, "6000", "A business validation error has occurred while processing your request");
    }

    [Fact]
    public async Task Items_run_create_update_delete_void_and_query_with_their_own_faults()
    {
        using var api = emulator.Us();
        var customer = await Seed.Customer(api, "Batch Buyer");
        var invoice = await api.Create("Invoice", WithCustomer(customer, Receipt(Line(10m, "1"))));
        var receipt = await api.Create("SalesReceipt", Receipt(Line(20m, "1")));
        var doomed = await api.Create("SalesReceipt", Receipt(Line(30m, "1")));

        var answer = await api.Post("batch", J($$$$"""
            {`BatchItemRequest`:[
              {`bId`:`create`,`operation`:`create`,`Customer`:{`DisplayName`:`Made In Batch`}},
              {`bId`:`update`,`operation`:`update`,`Customer`:{`Id`:`{{{{customer["Id"]}}}}`,`SyncToken`:`0`,`sparse`:true,`CompanyName`:`Batch Co`}},
              {`bId`:`void`,`operation`:`update`,`optionsData`:`void`,`SalesReceipt`:{`Id`:`{{{{receipt["Id"]}}}}`,`SyncToken`:`0`,`sparse`:true}},
              {`bId`:`delete`,`operation`:`delete`,`SalesReceipt`:{`Id`:`{{{{doomed["Id"]}}}}`,`SyncToken`:`0`}},
              {`bId`:`stale`,`operation`:`delete`,`Invoice`:{`Id`:`{{{{invoice["Id"]}}}}`,`SyncToken`:`7`}},
              {`bId`:`bad`,`operation`:`create`,`Customer`:{`Title`:``}},
              {`bId`:`query`,`Query`:`select count(*) from Customer`}
            ]}
            """));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var items = answer.Body["BatchItemResponse"]!.AsArray().ToDictionary(i => i!["bId"]!.GetValue<string>(), i => i!.AsObject());
        Assert.Equal("Made In Batch", items["create"]["Customer"]!["DisplayName"]!.GetValue<string>());
        Assert.Equal("Batch Co", items["update"]["Customer"]!["CompanyName"]!.GetValue<string>());
        Assert.Equal(0m, items["void"]["SalesReceipt"]!["TotalAmt"]!.GetValue<decimal>());
        Assert.Equal("Deleted", items["delete"]["SalesReceipt"]!["status"]!.GetValue<string>());
        Assert.Equal("5010", items["stale"]["Fault"]!["Error"]![0]!["code"]!.GetValue<string>());
        Assert.Equal("ValidationFault", items["stale"]["Fault"]!["type"]!.GetValue<string>());
        Assert.Equal("6080", items["bad"]["Fault"]!["Error"]![0]!["code"]!.GetValue<string>());
        Assert.Equal(1, items["query"]["QueryResponse"]!["totalCount"]!.GetValue<int>());
        Assert.Equal(2, await CountCustomers(api));
    }

    [Fact]
    public async Task No_item_sees_another_and_two_items_on_one_entity_commit_first_come_first_served()
    {
        using var api = emulator.Us();
        var customer = await Seed.Customer(api, "Shared");

        var answer = await api.Post("batch", J($$$$"""
            {`BatchItemRequest`:[
              {`bId`:`a`,`operation`:`create`,`Vendor`:{`DisplayName`:`Twin`}},
              {`bId`:`b`,`operation`:`create`,`Customer`:{`DisplayName`:`twin`}},
              {`bId`:`see`,`Query`:`select count(*) from Vendor`},
              {`bId`:`u1`,`operation`:`update`,`Customer`:{`Id`:`{{{{customer["Id"]}}}}`,`SyncToken`:`0`,`sparse`:true,`Notes`:`first`}},
              {`bId`:`u2`,`operation`:`update`,`Customer`:{`Id`:`{{{{customer["Id"]}}}}`,`SyncToken`:`0`,`sparse`:true,`Notes`:`second`}},
              {`bId`:`use`,`operation`:`create`,`Invoice`:{`CustomerRef`:{`value`:`999`},`Line`:[{`Amount`:1,`DetailType`:`SalesItemLineDetail`,`SalesItemLineDetail`:{`ItemRef`:{`value`:`1`}}}]}}
            ]}
            """));

        var items = answer.Body["BatchItemResponse"]!.AsArray().ToDictionary(i => i!["bId"]!.GetValue<string>(), i => i!.AsObject());
        Assert.NotNull(items["a"]["Vendor"]);
        Assert.Equal("6240", items["b"]["Fault"]!["Error"]![0]!["code"]!.GetValue<string>());
        Assert.Equal(0, items["see"]["QueryResponse"]!["totalCount"]!.GetValue<int>());
        Assert.Equal("first", items["u1"]["Customer"]!["Notes"]!.GetValue<string>());
        Assert.Equal("5010", items["u2"]["Fault"]!["Error"]![0]!["code"]!.GetValue<string>());
        Assert.Equal("2500", items["use"]["Fault"]!["Error"]![0]!["code"]!.GetValue<string>());
        Assert.Equal("first", (await api.Read("Customer", customer["Id"]!.GetValue<string>()))["Notes"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_batch_cannot_pay_an_invoice_it_creates()
    {
        using var api = emulator.Us();
        var customer = await Seed.Customer(api, "Same batch");
        var nextId = int.Parse((await api.Create("SalesReceipt", Receipt(Line(1m, "1"))))["Id"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture) + 1;

        var answer = await api.Post("batch", J($$$$"""
            {`BatchItemRequest`:[
              {`bId`:`inv`,`operation`:`create`,`Invoice`:{`CustomerRef`:{`value`:`{{{{customer["Id"]}}}}`},`Line`:[{`Amount`:10,`DetailType`:`SalesItemLineDetail`,`SalesItemLineDetail`:{`ItemRef`:{`value`:`1`}}}]}},
              {`bId`:`pay`,`operation`:`create`,`Payment`:{`TotalAmt`:10,`CustomerRef`:{`value`:`{{{{customer["Id"]}}}}`},`Line`:[{`Amount`:10,`LinkedTxn`:[{`TxnId`:`{{{{nextId}}}}`,`TxnType`:`Invoice`}]}]}}
            ]}
            """));

        var items = answer.Body["BatchItemResponse"]!.AsArray();
        Assert.Equal(nextId.ToString(System.Globalization.CultureInfo.InvariantCulture), items[0]!["Invoice"]!["Id"]!.GetValue<string>());
        Assert.Equal("6000", items[1]!["Fault"]!["Error"]![0]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_batch_with_requestid_replays_as_a_whole()
    {
        using var api = emulator.Us();
        var body = J("{`BatchItemRequest`:[{`bId`:`1`,`operation`:`create`,`Customer`:{`DisplayName`:`Once`}}]}");
        var first = await api.Post("batch?requestid=batch-1", body);
        var second = await api.Post("batch?requestid=batch-1", body);

        Assert.Equal(first.Body.ToJsonString(), second.Body.ToJsonString());
        Assert.Equal(1, await CountCustomers(api));
        (await api.Post("batch?requestid=" + new string('r', 37), body)).AssertFault(HttpStatusCode.BadRequest, "2130", "Invalid Request Id Format");
    }

    private static JsonObject WithCustomer(JsonObject customer, JsonObject form)
    {
        form["CustomerRef"] = J($"{{`value`:`{customer["Id"]}`}}");
        return form;
    }

    private static async Task<int> CountCustomers(QboApi api) =>
        (await api.Query("select count(*) from Customer")).Body["QueryResponse"]!["totalCount"]!.GetValue<int>();
}
