using System.Net;
using System.Text.Json.Nodes;
using StoreBooks.Emulators.Tests.Qbo.Api.Rules;
using StoreBooks.Emulators.Tests.Qbo.Api.Support;
using Xunit;
using static StoreBooks.Emulators.Tests.Qbo.Api.Support.Js;

namespace StoreBooks.Emulators.Tests.Qbo.Api.Requests;

/// <summary>The switches for QBO behaviour the reference marks unverified, each set the other way.</summary>
public sealed class StrictOptionTests(StrictQboApiFixture emulator) : IClassFixture<StrictQboApiFixture>
{
    [Fact]
    public async Task Strict_expense_account_requires_it_on_every_service_and_non_inventory_can_skip_income()
    {
        using var api = emulator.Us();
        var service = await ItemRuleTests.Service(api, "Strict service");
        service.Remove("ExpenseAccountRef");
        (await api.Post("item", service)).AssertFault(HttpStatusCode.BadRequest, "2020", "Required param missing, need to supply the required value for the API");

        var nonInventory = await ItemRuleTests.Service(api, "Loose product");
        nonInventory["Type"] = "NonInventory";
        nonInventory.Remove("IncomeAccountRef");
        (await api.Post("item", nonInventory)).AssertOk("Item");
    }

    [Fact]
    public async Task Account_type_faults_can_be_6430()
    {
        using var api = emulator.Us();
        var body = await ItemRuleTests.Inventory(api);
        body["AssetAccountRef"] = ItemRuleTests.JsonRef(await Seed.AccountId(api, "Checking"));
        var error = (await api.Post("item", body)).AssertFault(HttpStatusCode.BadRequest, "6430", "Invalid account type used");
        Assert.Equal("Invalid account type: You need to select a different type of account for this transaction.", error["Detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_reused_requestid_with_another_body_is_600_and_the_same_body_still_replays()
    {
        using var api = emulator.Us();
        var first = await api.Post("customer?requestid=strict-1", J("{`DisplayName`:`Strict one`}"));
        (await api.Post("customer?requestid=strict-1", J("{`DisplayName`:`Strict two`}"))).AssertFault(HttpStatusCode.BadRequest, "600", "Duplicate Request ID");
        var again = await api.Post("customer?requestid=strict-1", J("{`DisplayName`:`Strict one`}"));
        Assert.Equal(first.Body.ToJsonString(), again.Body.ToJsonString());
    }

    [Fact]
    public async Task The_requestid_store_is_bounded_and_forgets_the_oldest()
    {
        using var api = emulator.Us();
        var first = (await api.Post("customer?requestid=old", J("{`DisplayName`:`Oldest`}"))).AssertOk("Customer");
        for (var i = 0; i < 3; i++)
        {
            (await api.Post($"customer?requestid=newer-{i}", new JsonObject { ["DisplayName"] = $"Newer {i}" })).AssertOk("Customer");
        }

        var again = await api.Post("customer?requestid=old", J("{`DisplayName`:`Oldest`}"));
        again.AssertFault(HttpStatusCode.BadRequest, "6240", "Duplicate Name Exists Error");
        Assert.NotNull(first["Id"]);
    }

    [Fact]
    public async Task Cdc_can_refuse_a_changed_since_older_than_30_days()
    {
        using var api = emulator.Us();
        var error = (await api.Get("cdc?entities=Customer&changedSince=2020-01-01T00:00:00Z")).AssertFault(HttpStatusCode.BadRequest, "4001", "Invalid query");
        Assert.Contains("30 days", error["Detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Batch_and_body_limits_are_configurable()
    {
        using var api = emulator.Us();
        var items = new JsonArray([.. Enumerable.Range(0, 6).Select(i => (JsonNode)J($"{{`bId`:`{i}`,`Query`:`select * from Item`}}"))]);
        (await api.Post("batch", new JsonObject { ["BatchItemRequest"] = items })).AssertFault(HttpStatusCode.BadRequest, "1040", "Batch size exceeds allowed limit");
        var answer = await api.PostText("customer", "{\"DisplayName\":\"" + new string('b', 70 * 1024) + "\"}");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, answer.Status);
    }
}
