using System.Net;
using StoreBooks.Emulators.Tests.Qbo.Api.Support;
using Xunit;
using static StoreBooks.Emulators.Tests.Qbo.Api.Conformance.RecordedSandboxTests;
using static StoreBooks.Emulators.Tests.Qbo.Api.Support.Js;

namespace StoreBooks.Emulators.Tests.Qbo.Api.Rules;

/// <summary>Rules 4, 5 and 32: display names across customers, vendors and employees; no hard delete; inactivation.</summary>
public sealed class NameListRuleTests(QboApiFixture emulator) : IClassFixture<QboApiFixture>
{
    [Fact]
    public async Task Rule04_display_names_are_unique_across_customers_vendors_and_employees()
    {
        using var api = emulator.Us();
        await api.Create("Vendor", J("{`DisplayName`:`Acme Supply`}"));

        var customer = await api.Post("customer", J("{`DisplayName`:`ACME SUPPLY`}"));
        var employee = await api.Post("employee", J("{`DisplayName`:`Acme Supply`}"));

        Assert.Equal("The name supplied already exists. : null", customer.AssertFault(HttpStatusCode.BadRequest, "6240", "Duplicate Name Exists Error")["Detail"]!.GetValue<string>());
        employee.AssertFault(HttpStatusCode.BadRequest, "6240", "Duplicate Name Exists Error");
    }

    [Fact]
    public async Task Rule05_a_customer_needs_a_display_name_or_a_name_part()
    {
        using var api = emulator.Us();
        var error = (await api.Post("customer", J("{`CompanyName`:`Nameless Ltd`}"))).AssertFault(HttpStatusCode.BadRequest, "6080", "No Name Provided");
        Assert.Contains("Title, GivenName, MiddleName, FamilyName, DisplayName, Suffix", error["Detail"]!.GetValue<string>());

        var generated = await api.Create("Customer", J("{`Title`:`Dr`,`GivenName`:`Ada`,`FamilyName`:`Lovelace`}"));
        Assert.Equal("Dr Ada Lovelace", generated["DisplayName"]!.GetValue<string>());
    }

    [Fact]
    public async Task Rule32_name_lists_are_not_deleted_but_inactivated_and_renamed()
    {
        using var api = emulator.Us();
        var customer = await api.Create("Customer", J("{`DisplayName`:`Gone Girl`}"));

        var delete = await api.Post("customer?operation=delete", J($"{{`Id`:`{customer["Id"]}`,`SyncToken`:`0`}}"));
        delete.AssertFault(HttpStatusCode.BadRequest, "500", "Unsupported Operation");

        var inactive = (await api.Post("customer", Sparse(customer, J("{`Active`:false}")))).AssertOk("Customer");
        Assert.Equal("Gone Girl (deleted)", inactive["DisplayName"]!.GetValue<string>());
        Assert.Equal("Gone Girl (deleted)", inactive["FullyQualifiedName"]!.GetValue<string>());
        Assert.Equal("Gone Girl", inactive["PrintOnCheckName"]!.GetValue<string>());
        Assert.False(inactive["Active"]!.GetValue<bool>());
        (await api.Post("customer", J("{`DisplayName`:`Gone Girl`}"))).AssertOk("Customer");
        Assert.Equal("Gone Girl (deleted)", (await api.Read("Customer", customer["Id"]!.GetValue<string>()))["DisplayName"]!.GetValue<string>());
    }

    [Fact]
    public async Task Rule32_a_customer_with_an_open_balance_cannot_be_inactivated()
    {
        using var api = emulator.Us();
        var customer = await api.Create("Customer", J("{`DisplayName`:`Owes Money`}"));
        await api.Create("Invoice", J($"{{`CustomerRef`:{{`value`:`{customer["Id"]}`}},`Line`:[{{`Amount`:40,`DetailType`:`SalesItemLineDetail`,`SalesItemLineDetail`:{{`ItemRef`:{{`value`:`1`}},`TaxCodeRef`:{{`value`:`NON`}}}}}}]}}"));
        customer = await api.Read("Customer", customer["Id"]!.GetValue<string>());

        var error = (await api.Post("customer", Sparse(customer, J("{`Active`:false}")))).AssertFault(HttpStatusCode.BadRequest, "6220", "Delete List Has Balance Error");

        Assert.Contains("non-zero balance", error["Detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Sub_customers_nest_four_levels_below_a_customer()
    {
        using var api = emulator.Us();
        var parent = await api.Create("Customer", J("{`DisplayName`:`Top`}"));
        for (var level = 1; level <= 4; level++)
        {
            parent = await api.Create("Customer", J($"{{`DisplayName`:`Job {level}`,`ParentRef`:{{`value`:`{parent["Id"]}`}}}}"));
            Assert.True(parent["Job"]!.GetValue<bool>());
        }

        Assert.Equal("Top:Job 1:Job 2:Job 3:Job 4", parent["FullyQualifiedName"]!.GetValue<string>());
        (await api.Post("customer", J($"{{`DisplayName`:`Job 5`,`ParentRef`:{{`value`:`{parent["Id"]}`}}}}")))
            .AssertFault(HttpStatusCode.BadRequest, "6180", "Sub Level Limit");
    }

    [Fact]
    public async Task Names_cannot_hold_colons_and_emails_need_an_at_and_a_dot()
    {
        using var api = emulator.Us();
        (await api.Post("customer", J("{`DisplayName`:`A:B`}"))).AssertFault(HttpStatusCode.BadRequest, "2040", "Invalid String");
        (await api.Post("customer", J("{`DisplayName`:`Mail`,`PrimaryEmailAddr`:{`Address`:`nobody`}}"))).AssertFault(HttpStatusCode.BadRequest, "2210", "Invalid Email Address Format");
    }
}
