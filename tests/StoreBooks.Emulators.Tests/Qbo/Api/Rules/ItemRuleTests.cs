using System.Net;
using System.Text.Json.Nodes;
using StoreBooks.Emulators.Tests.Qbo.Api.Support;
using Xunit;
using static StoreBooks.Emulators.Tests.Qbo.Api.Support.Js;

namespace StoreBooks.Emulators.Tests.Qbo.Api.Rules;

/// <summary>Rules 1-3 and 6-13 of the reference's §6: Item names, types, required fields, account types, what cannot change.</summary>
public sealed class ItemRuleTests(QboApiFixture emulator) : IClassFixture<QboApiFixture>
{
    private const string Required = "Required param missing, need to supply the required value for the API";
    private const string Business = "A business validation error has occurred while processing your request";

    [Fact]
    public async Task Rule01_item_name_is_required()
    {
        using var api = emulator.Us();
        var error = (await api.Post("item", await Service(api, null))).AssertFault(HttpStatusCode.BadRequest, "2020", Required);
        Assert.Equal("Required parameter Name is missing in the request", error["Detail"]!.GetValue<string>());
        Assert.Equal("Name", error["element"]!.GetValue<string>());
    }

    [Fact]
    public async Task Rule01_item_name_longer_than_100_is_2050()
    {
        using var api = emulator.Us();
        var error = (await api.Post("item", await Service(api, new string('x', 101))))
            .AssertFault(HttpStatusCode.BadRequest, "2050", "String length is either shorter or longer than supported by specification");
        Assert.Equal("String length specified does not match the supported length. Min:1 Max:100 supported. Supplied length:101", error["Detail"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("Hats: wool")]
    [InlineData("Hats\twool")]
    [InlineData("Hats\nwool")]
    public async Task Rule02_item_name_cannot_hold_colon_tab_or_newline(string name)
    {
        using var api = emulator.Us();
        var error = (await api.Post("item", await Service(api, name))).AssertFault(HttpStatusCode.BadRequest, "2040", "Invalid String");
        Assert.Equal("Name", error["element"]!.GetValue<string>());
    }

    [Fact]
    public async Task Rule03_item_names_are_unique_ignoring_case_and_inactive_items_keep_theirs_renamed()
    {
        using var api = emulator.Us();
        var hat = await api.Create("Item", await Service(api, "Wool Hat"));
        var duplicate = await api.Post("item", await Service(api, "wool hat"));
        var error = duplicate.AssertFault(HttpStatusCode.BadRequest, "6240", "Duplicate Name Exists Error");
        Assert.StartsWith("The name supplied already exists. : ", error["Detail"]!.GetValue<string>());

        var inactive = (await api.Post("item", Conformance.RecordedSandboxTests.Sparse(hat, J("{`Active`:false}")))).AssertOk("Item");
        Assert.Equal("Wool Hat (deleted)", inactive["Name"]!.GetValue<string>());
        (await api.Post("item", await Service(api, "Wool Hat (Deleted)"))).AssertFault(HttpStatusCode.BadRequest, "6240", "Duplicate Name Exists Error");
        (await api.Post("item", await Service(api, "Wool Hat"))).AssertOk("Item");
    }

    [Fact]
    public async Task Rule06_type_is_required_and_must_be_a_creatable_type()
    {
        using var api = emulator.Us();
        var body = await Service(api, "No type");
        body.Remove("Type");
        (await api.Post("item", body)).AssertFault(HttpStatusCode.BadRequest, "2020", Required);

        body["Type"] = "Assembly";
        var error = (await api.Post("item", body)).AssertFault(HttpStatusCode.BadRequest, "2170", "Invalid Enumeration");
        Assert.Contains("Inventory, NonInventory, Service, Category", error["Detail"]!.GetValue<string>());

        body["Type"] = "Group";
        (await api.Post("item", body)).AssertFault(HttpStatusCode.BadRequest, "500", "Unsupported Operation");
    }

    [Theory]
    [InlineData("IncomeAccountRef", "Required parameter IncomeAccountRef is missing in the request")]
    [InlineData("ExpenseAccountRef", "Required parameter ExpenseAccountRef is missing in the request")]
    [InlineData("AssetAccountRef", "Required parameter AssetAccountRef is missing in the request")]
    [InlineData("InvStartDate", "As of date for initial quantity on hand is required")]
    [InlineData("QtyOnHand", "Required parameter QtyOnHand is missing in the request")]
    [InlineData("TrackQtyOnHand", "Required parameter TrackQtyOnHand is missing in the request")]
    public async Task Rule07_inventory_items_need_accounts_start_date_quantity_and_tracking(string field, string detail)
    {
        using var api = emulator.Us();
        var body = await Inventory(api);
        body.Remove(field);

        var error = (await api.Post("item", body)).AssertFault(HttpStatusCode.BadRequest, "2020", Required);

        Assert.Equal(detail, error["Detail"]!.GetValue<string>());
        Assert.Equal(field, error["element"]!.GetValue<string>());
    }

    [Fact]
    public async Task Rule08_inventory_needs_the_quantity_on_hand_preference()
    {
        using var api = emulator.Us(s => s with { TrackInventory = false });
        var error = (await api.Post("item", await Inventory(api))).AssertFault(HttpStatusCode.BadRequest, "6000", Business);
        Assert.Equal("Business Validation Error: When you create an item, if Track quantity on hand is turned off, the item cannot be of type Inventory.",
            error["Detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Rule09_service_needs_an_income_account_and_an_expense_account_only_with_purchase_information()
    {
        using var api = emulator.Us();
        var body = await Service(api, "Consulting");
        body.Remove("IncomeAccountRef");
        (await api.Post("item", body)).AssertFault(HttpStatusCode.BadRequest, "2020", Required);

        var noExpense = await Service(api, "Consulting");
        noExpense.Remove("ExpenseAccountRef");
        (await api.Post("item", noExpense)).AssertOk("Item");

        var withCost = await Service(api, "Consulting 2");
        withCost.Remove("ExpenseAccountRef");
        withCost["PurchaseCost"] = 10;
        var error = (await api.Post("item", withCost)).AssertFault(HttpStatusCode.BadRequest, "2020", Required);
        Assert.Equal("ExpenseAccountRef", error["element"]!.GetValue<string>());
    }

    [Fact]
    public async Task Rule09_non_inventory_needs_an_income_account_by_default()
    {
        using var api = emulator.Us();
        var body = await Service(api, "Gift wrap");
        body["Type"] = "NonInventory";
        body.Remove("IncomeAccountRef");
        var error = (await api.Post("item", body)).AssertFault(HttpStatusCode.BadRequest, "2020", Required);
        Assert.Equal("IncomeAccountRef", error["element"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("AssetAccountRef", "Sales of Product Income")]
    [InlineData("ExpenseAccountRef", "Advertising")]
    [InlineData("IncomeAccountRef", "Inventory Asset")]
    public async Task Rule10_inventory_account_references_must_have_the_right_type(string field, string wrongAccount)
    {
        using var api = emulator.Us();
        var body = await Inventory(api);
        body[field] = JsonRef(await Seed.AccountId(api, wrongAccount));

        var error = (await api.Post("item", body)).AssertFault(HttpStatusCode.BadRequest, "6000", Business);

        Assert.Equal("Invalid account type: You need to select a different type of account for this transaction.", error["Detail"]!.GetValue<string>());
        Assert.Equal(field, error["element"]!.GetValue<string>());
    }

    [Fact]
    public async Task Rule11_a_reference_to_a_missing_account_is_2500_naming_the_list()
    {
        using var api = emulator.Us();
        var body = await Service(api, "Lessons");
        body["IncomeAccountRef"] = JsonRef("9999");
        var error = (await api.Post("item", body)).AssertFault(HttpStatusCode.BadRequest, "2500", "Invalid Reference Id");
        Assert.Equal("Invalid Reference Id : Accounts element id 9999 not found", error["Detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Rule12_a_reference_to_an_inactive_object_is_610()
    {
        using var api = emulator.Us();
        var account = await api.Create("Account", J("{`Name`:`Old income`,`AccountType`:`Income`}"));
        (await api.Post("account", Conformance.RecordedSandboxTests.Sparse(account, J("{`Active`:false}")))).AssertOk("Account");
        var body = await Service(api, "Lessons");
        body["IncomeAccountRef"] = JsonRef(account["Id"]!.GetValue<string>());

        var error = (await api.Post("item", body)).AssertFault(HttpStatusCode.BadRequest, "610", "Object Not Found");

        Assert.Equal("Object Not Found : Something you're trying to use has been made inactive. Check the fields with accounts, customers, items, vendors or employees.",
            error["Detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Rule13_tracking_cannot_be_turned_off_and_inventory_cannot_change_type()
    {
        using var api = emulator.Us();
        var item = await api.Create("Item", await Inventory(api));

        (await api.Post("item", Conformance.RecordedSandboxTests.Sparse(item, J("{`TrackQtyOnHand`:false}"))))
            .AssertFault(HttpStatusCode.BadRequest, "6000", Business);
        var error = (await api.Post("item", Conformance.RecordedSandboxTests.Sparse(item, J("{`Type`:`NonInventory`}"))))
            .AssertFault(HttpStatusCode.BadRequest, "6000", Business);
        Assert.Equal("Type", error["element"]!.GetValue<string>());
    }

    [Fact]
    public async Task Categories_nest_three_levels_and_only_categories_have_sub_items()
    {
        using var api = emulator.Us();
        var top = await api.Create("Item", J("{`Name`:`Garden`,`Type`:`Category`}"));
        var parent = top;
        for (var level = 1; level <= 3; level++)
        {
            parent = await api.Create("Item", J($"{{`Name`:`L{level}`,`Type`:`Category`,`SubItem`:true,`ParentRef`:{{`value`:`{parent["Id"]}`}}}}"));
            Assert.Equal(level, parent["Level"]!.GetValue<int>());
        }

        Assert.Equal("Garden:L1:L2:L3", parent["FullyQualifiedName"]!.GetValue<string>());
        (await api.Post("item", J($"{{`Name`:`L4`,`Type`:`Category`,`SubItem`:true,`ParentRef`:{{`value`:`{parent["Id"]}`}}}}")))
            .AssertFault(HttpStatusCode.BadRequest, "6000", Business);

        var leaf = await Service(api, "Rake");
        leaf["SubItem"] = true;
        leaf["ParentRef"] = JsonRef(parent["Id"]!.GetValue<string>());
        var rake = await api.Create("Item", leaf);
        Assert.Equal("Garden:L1:L2:L3:Rake", rake["FullyQualifiedName"]!.GetValue<string>());

        var under = await Service(api, "Tine");
        under["SubItem"] = true;
        under["ParentRef"] = JsonRef(rake["Id"]!.GetValue<string>());
        (await api.Post("item", under)).AssertFault(HttpStatusCode.BadRequest, "6000", Business);
    }

    internal static JsonObject JsonRef(string id) => new() { ["value"] = id };

    internal static async Task<JsonObject> Service(QboApi api, string? name)
    {
        var body = J($"{{`Type`:`Service`,`UnitPrice`:25,`IncomeAccountRef`:{{`value`:`{await Seed.AccountId(api, "Services")}`}},`ExpenseAccountRef`:{{`value`:`{await Seed.AccountId(api, "Cost of Goods Sold")}`}}}}");
        if (name is not null)
        {
            body["Name"] = name;
        }

        return body;
    }

    internal static async Task<JsonObject> Inventory(QboApi api, string name = "Widget", decimal qty = 10, string start = "2026-01-01") =>
        J($"{{`Name`:`{name}`,`Type`:`Inventory`,`UnitPrice`:20,`TrackQtyOnHand`:true,`QtyOnHand`:{qty},`InvStartDate`:`{start}`," +
          $"`IncomeAccountRef`:{{`value`:`{await Seed.AccountId(api, "Sales of Product Income")}`}}," +
          $"`ExpenseAccountRef`:{{`value`:`{await Seed.AccountId(api, "Cost of Goods Sold")}`}}," +
          $"`AssetAccountRef`:{{`value`:`{await Seed.AccountId(api, "Inventory Asset")}`}}}}");
}
