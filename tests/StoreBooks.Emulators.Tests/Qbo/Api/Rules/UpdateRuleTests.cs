using System.Net;
using System.Text.Json.Nodes;
using StoreBooks.Emulators.Tests.Qbo.Api.Support;
using Xunit;
using static StoreBooks.Emulators.Tests.Qbo.Api.Conformance.RecordedSandboxTests;
using static StoreBooks.Emulators.Tests.Qbo.Api.Support.Js;

namespace StoreBooks.Emulators.Tests.Qbo.Api.Rules;

/// <summary>Rules 15-19 and 40: SyncTokens, Id and SyncToken on updates, unknown properties, ids in paths, unknown paths, minorversion.</summary>
public sealed class UpdateRuleTests(QboApiFixture emulator) : IClassFixture<QboApiFixture>
{
    private const string Required = "Required param missing, need to supply the required value for the API";

    [Fact]
    public async Task Rule15_an_old_sync_token_is_5010_for_update_delete_and_void()
    {
        using var api = emulator.Us(s => s with { UserName = "Pat Books" });
        var customer = await api.Create("Customer", J("{`DisplayName`:`Stale`}"));
        var current = (await api.Post("customer", Sparse(customer, J("{`CompanyName`:`Stale Inc`}")))).AssertOk("Customer");
        Assert.Equal("1", current["SyncToken"]!.GetValue<string>());

        var error = (await api.Post("customer", Sparse(customer, J("{`CompanyName`:`Other`}")))).AssertFault(HttpStatusCode.BadRequest, "5010", "Stale Object Error");
        Assert.Equal("Stale Object Error : You and Pat Books were working on this at the same time. Pat Books finished before you did, so your work was not saved.",
            error["Detail"]!.GetValue<string>());

        var invoice = await api.Create("Invoice", J($"{{`CustomerRef`:{{`value`:`{customer["Id"]}`}},`Line`:[{{`Amount`:5,`DetailType`:`SalesItemLineDetail`,`SalesItemLineDetail`:{{`ItemRef`:{{`value`:`1`}}}}}}]}}"));
        var edited = (await api.Post("invoice", Sparse(invoice, J("{`PrivateNote`:`x`}")))).AssertOk("Invoice");
        (await api.Post("invoice?operation=delete", J($"{{`Id`:`{invoice["Id"]}`,`SyncToken`:`0`}}"))).AssertFault(HttpStatusCode.BadRequest, "5010", "Stale Object Error");
        (await api.Post("invoice?operation=void", J($"{{`Id`:`{invoice["Id"]}`,`SyncToken`:`0`}}"))).AssertFault(HttpStatusCode.BadRequest, "5010", "Stale Object Error");
        (await api.Post("invoice?operation=void", J($"{{`Id`:`{invoice["Id"]}`,`SyncToken`:`{edited["SyncToken"]}`}}"))).AssertOk("Invoice");
    }

    [Fact]
    public async Task Rule15_a_write_that_changes_nothing_keeps_the_sync_token()
    {
        using var api = emulator.Us();
        var customer = await api.Create("Customer", J("{`DisplayName`:`Same`}"));
        var again = (await api.Post("customer", Sparse(customer, J("{`DisplayName`:`Same`}")))).AssertOk("Customer");
        Assert.Equal("0", again["SyncToken"]!.GetValue<string>());
    }

    [Fact]
    public async Task Rule16_updates_need_id_and_sync_token_and_an_existing_object()
    {
        using var api = emulator.Us();
        var missingId = (await api.Post("customer?operation=update", J("{`DisplayName`:`X`,`SyncToken`:`0`}"))).AssertFault(HttpStatusCode.BadRequest, "2020", Required);
        Assert.Equal("Id", missingId["element"]!.GetValue<string>());
        var missingToken = (await api.Post("customer", J("{`Id`:`1`,`DisplayName`:`X`}"))).AssertFault(HttpStatusCode.BadRequest, "2020", Required);
        Assert.Equal("SyncToken", missingToken["element"]!.GetValue<string>());
        (await api.Post("customer", J("{`Id`:`4242`,`SyncToken`:`0`,`DisplayName`:`X`}"))).AssertFault(HttpStatusCode.BadRequest, "610", "Object Not Found");
        (await api.Post("invoice?operation=delete", J("{`Id`:`4242`,`SyncToken`:`0`}"))).AssertFault(HttpStatusCode.BadRequest, "610", "Object Not Found");
    }

    [Fact]
    public async Task Rule17_unknown_properties_are_2010_also_inside_lines()
    {
        using var api = emulator.Us();
        var error = (await api.Post("salesreceipt", J("{`Line`:[{`Amount`:5,`DetailType`:`SalesItemLineDetail`,`Colour`:`red`}]}")))
            .AssertFault(HttpStatusCode.BadRequest, "2010", "Request has invalid or unsupported property");
        Assert.StartsWith("Property Name:Unrecognized field \"Colour\" (class com.intuit.schema.finance.v3.Line)", error["Detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Rule18_ids_must_be_numbers_in_paths_and_bodies()
    {
        using var api = emulator.Us();
        var path = (await api.Get("customer/abc")).AssertFault(HttpStatusCode.BadRequest, "2030", "Invalid ID");
        Assert.Equal("Id should be a valid number. Supplied value:abc", path["Detail"]!.GetValue<string>());
        (await api.Post("customer", J("{`Id`:`12x`,`SyncToken`:`0`,`DisplayName`:`X`}"))).AssertFault(HttpStatusCode.BadRequest, "2030", "Invalid ID");
    }

    [Theory]
    [InlineData("GET", "Customer/1")]
    [InlineData("GET", "widget/1")]
    [InlineData("GET", "customer")]
    [InlineData("POST", "customer/1")]
    [InlineData("DELETE", "customer/1")]
    [InlineData("GET", "invoice/1/pdf")]
    public async Task Rule19_unknown_paths_and_methods_are_400_code_500(string method, string path)
    {
        using var api = emulator.Us();
        var answer = await api.Send(new HttpMethod(method), path, method == "POST" ? "{}" : null, "application/json");
        answer.AssertFault(HttpStatusCode.BadRequest, "500", "Unsupported Operation");
    }

    [Fact]
    public async Task Rule40_any_minorversion_behaves_as_75()
    {
        using var api = emulator.Us();
        var noType = J("{`Name`:`Old client`,`IncomeAccountRef`:{`value`:`1`}}");
        foreach (var version in new[] { "", "?minorversion=1", "?minorversion=4", "?minorversion=74", "?minorversion=75" })
        {
            (await api.Post("item" + version, noType)).AssertFault(HttpStatusCode.BadRequest, "2020", Required);
        }

        var read = await api.Get("customer/1?minorversion=3");
        var plain = await api.Get("customer/1");
        Assert.Equal(plain.Status, read.Status);
    }

    [Fact]
    public async Task Full_update_clears_omitted_writable_fields_and_sparse_update_keeps_them()
    {
        using var api = emulator.Us();
        var customer = await api.Create("Customer", J("{`DisplayName`:`Fields`,`CompanyName`:`Fields Ltd`,`Notes`:`keep?`}"));

        var sparse = (await api.Post("customer", Sparse(customer, J("{`Notes`:`changed`}")))).AssertOk("Customer");
        Assert.Equal("Fields Ltd", sparse["CompanyName"]!.GetValue<string>());

        var full = (await api.Post("customer", J($"{{`Id`:`{customer["Id"]}`,`SyncToken`:`{sparse["SyncToken"]}`,`DisplayName`:`Fields`}}"))).AssertOk("Customer");
        Assert.Null(full["CompanyName"]);
        Assert.Null(full["Notes"]);
        Assert.Equal("2", full["SyncToken"]!.GetValue<string>());
    }
}
