using System.Net;
using System.Text.Json.Nodes;
using StoreBooks.Emulators.Qbo;
using StoreBooks.Emulators.Qbo.Api;
using StoreBooks.Emulators.Tests.Qbo.Api.Support;
using Xunit;
using static StoreBooks.Emulators.Tests.Qbo.Api.Conformance.RecordedSandboxTests;
using static StoreBooks.Emulators.Tests.Qbo.Api.Rules.TransactionRuleTests;
using static StoreBooks.Emulators.Tests.Qbo.Api.Support.Js;

namespace StoreBooks.Emulators.Tests.Qbo.Api.Company;

/// <summary>Realms set up like new QBO companies from their settings; preferences that steer the rules; state export and import; change events.</summary>
public sealed class CompanySetupTests(QboApiFixture emulator) : IClassFixture<QboApiFixture>
{
    [Fact]
    public async Task A_us_company_starts_with_a_chart_of_accounts_tax_codes_items_payment_methods_and_matching_preferences()
    {
        using var api = emulator.Us(s => s with { SalesTaxRatePercent = 7.25m, AllowShipping = false, CustomTxnNumbers = false, MultiCurrency = true });

        var undeposited = Single(await api.Query("select * from Account where AccountSubType = 'UndepositedFunds'"), "Account");
        Assert.Equal("Other Current Asset", undeposited["AccountType"]!.GetValue<string>());
        Assert.Equal(1, await Count(api, "select count(*) from Account where AccountType = 'Other Current Asset' and AccountSubType = 'Inventory'"));
        Assert.Equal(1, await Count(api, "select count(*) from Account where AccountType = 'Cost of Goods Sold'"));
        Assert.Equal(1, await Count(api, "select count(*) from Account where AccountSubType = 'DiscountsRefundsGiven' and Name = 'Discounts given'"));
        Assert.Equal(7, await Count(api, "select count(*) from PaymentMethod"));
        Assert.Equal(2, await Count(api, "select count(*) from Item where Type = 'Service'"));
        Assert.Equal(["TAX", "NON", "Sales Tax"], (await api.Query("select * from TaxCode")).Body["QueryResponse"]!["TaxCode"]!.AsArray().Select(c => c!["Name"]!.GetValue<string>()));
        Assert.Equal(7.25m, Single(await api.Query("select * from TaxRate"), "TaxRate")["RateValue"]!.GetValue<decimal>());

        var prefs = (await api.Get("preferences")).Entity("Preferences");
        Assert.True(prefs["TaxPrefs"]!["PartnerTaxEnabled"]!.GetValue<bool>());
        Assert.False(prefs["SalesFormsPrefs"]!["AllowShipping"]!.GetValue<bool>());
        Assert.False(prefs["SalesFormsPrefs"]!["CustomTxnNumbers"]!.GetValue<bool>());
        Assert.True(prefs["CurrencyPrefs"]!["MultiCurrencyEnabled"]!.GetValue<bool>());
        Assert.True(prefs["ProductAndServicesPrefs"]!["QuantityOnHand"]!.GetValue<bool>());

        var info = (await api.Get("companyinfo/" + api.RealmId)).Entity("CompanyInfo");
        Assert.Equal("US", info["Country"]!.GetValue<string>());
        Assert.Contains(info["NameValue"]!.AsArray(), nv => nv!["Name"]!.GetValue<string>() == "ItemCategoriesFeature" && nv["Value"]!.GetValue<string>() == "true");
    }

    [Fact]
    public async Task A_canadian_company_has_gst_hst_and_qst_and_no_automated_tax()
    {
        using var api = emulator.Canada();
        var rates = (await api.Query("select * from TaxRate")).Body["QueryResponse"]!["TaxRate"]!.AsArray().ToDictionary(r => r!["Name"]!.GetValue<string>(), r => r!["RateValue"]!.GetValue<decimal>());
        Assert.Equal(5m, rates["GST"]);
        Assert.Equal(13m, rates["HST ON"]);
        Assert.Equal(9.975m, rates["QST"]);
        var quebec = Single(await api.Query("select * from TaxCode where Name = 'GST/QST QC - 9.975'"), "TaxCode");
        Assert.Equal(2, quebec["SalesTaxRateList"]!["TaxRateDetail"]!.AsArray().Count);
        Assert.Equal(0, await Count(api, "select count(*) from TaxCode where Name = 'TAX'"));
        var prefs = (await api.Get("preferences")).Entity("Preferences");
        Assert.Null(prefs["TaxPrefs"]!["PartnerTaxEnabled"]);
        Assert.Equal("CAD", prefs["CurrencyPrefs"]!["HomeCurrency"]!["value"]!.GetValue<string>());
        Assert.Equal(1, await Count(api, "select count(*) from Account where Name = 'Canada Revenue Agency Payable'"));
    }

    [Fact]
    public async Task Updating_preferences_changes_what_the_api_accepts()
    {
        using var api = emulator.Us(s => s with { AllowShipping = false, MultiCurrency = true });
        var shipping = Receipt(Line(10m, "1"), Line(5m, "SHIPPING_ITEM_ID"));
        shipping["CurrencyRef"] = J("{`value`:`USD`}");
        (await api.Post("salesreceipt", shipping)).AssertFault(HttpStatusCode.BadRequest, "6000", "A business validation error has occurred while processing your request");

        var prefs = (await api.Get("preferences")).Entity("Preferences");
        var updated = (await api.Post("preferences", J($"{{`Id`:`1`,`SyncToken`:`{prefs["SyncToken"]}`,`sparse`:true,`SalesFormsPrefs`:{{`AllowShipping`:true}}}}"))).AssertOk("Preferences");
        Assert.True(updated["SalesFormsPrefs"]!["AllowShipping"]!.GetValue<bool>());
        Assert.False(updated["SalesFormsPrefs"]!["AllowDeposit"]!.GetValue<bool>());
        (await api.Post("salesreceipt", shipping)).AssertOk("SalesReceipt");

        var off = J($"{{`Id`:`1`,`SyncToken`:`{updated["SyncToken"]}`,`sparse`:true,`CurrencyPrefs`:{{`MultiCurrencyEnabled`:false}}}}");
        (await api.Post("preferences", off)).AssertFault(HttpStatusCode.BadRequest, "6000", "A business validation error has occurred while processing your request");
    }

    [Fact]
    public async Task Export_and_import_hold_the_whole_company_state()
    {
        using var api = emulator.Us();
        var customer = await Seed.Customer(api, "Exported");
        var replayed = await api.Post("customer?requestid=before-export", J("{`DisplayName`:`Replayed`}"));
        var companies = emulator.Server.Qbo.Companies;
        var state = companies.Export();
        Assert.Equal(QboCompanies.StateFormat, state["format"]!.GetValue<string>());
        var roundTrip = JsonNode.Parse(state.ToJsonString())!.AsObject();

        var later = await Seed.Customer(api, "After export");
        (await api.Post("customer", Sparse(customer, J("{`Notes`:`changed after export`}")))).AssertOk("Customer");
        companies.Import(roundTrip);

        Assert.Equal(0, await Count(api, "select count(*) from Customer where DisplayName = 'After export'"));
        Assert.Null((await api.Read("Customer", customer["Id"]!.GetValue<string>()))["Notes"]);
        var next = await Seed.Customer(api, "Next");
        Assert.True(int.Parse(next["Id"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture) > int.Parse(customer["Id"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
        var again = await api.Post("customer?requestid=before-export", J("{`DisplayName`:`Replayed`}"));
        Assert.Equal(replayed.Body.ToJsonString(), again.Body.ToJsonString());
        Assert.NotNull(later["Id"]);
        Assert.Throws<InvalidDataException>(() => companies.Import(J("{`format`:`something else`}")));
    }

    [Fact]
    public async Task Every_committed_write_raises_changed_with_qbos_operation_names()
    {
        using var api = emulator.Us();
        var seen = new List<QboEntityChange>();
        void Record(QboEntityChange change)
        {
            if (change.RealmId == api.RealmId)
            {
                lock (seen)
                {
                    seen.Add(change);
                }
            }
        }

        emulator.Server.Qbo.Companies.Changed += Record;
        try
        {
            var customer = await Seed.Customer(api, "Watched");
            (await api.Post("customer", Sparse(customer, J("{`Notes`:`n`}")))).AssertOk("Customer");
            (await api.Post("customer", J($"{{`Id`:`{customer["Id"]}`,`SyncToken`:`1`,`sparse`:true,`Notes`:`n`}}"))).AssertOk("Customer");
            var receipt = await api.Create("SalesReceipt", Receipt(Line(5m, "1")));
            (await api.Post("salesreceipt?operation=update&include=void", J($"{{`Id`:`{receipt["Id"]}`,`SyncToken`:`0`,`sparse`:true}}"))).AssertOk("SalesReceipt");
            (await api.Post("salesreceipt?operation=delete", J($"{{`Id`:`{receipt["Id"]}`,`SyncToken`:`1`}}"))).AssertOk("SalesReceipt");
            (await api.Post("customer", J("{`DisplayName`:`Watched`}"))).AssertFault(HttpStatusCode.BadRequest, "6240", "Duplicate Name Exists Error");
        }
        finally
        {
            emulator.Server.Qbo.Companies.Changed -= Record;
        }

        Assert.Equal(
            [("Customer", "Create"), ("Customer", "Update"), ("SalesReceipt", "Create"), ("SalesReceipt", "Void"), ("SalesReceipt", "Delete")],
            seen.Select(c => (c.EntityName, c.Operation)));
        Assert.All(seen, c => Assert.Equal(emulator.Clock.GetUtcNow(), c.LastUpdated));
    }

    [Fact]
    public void Realms_can_be_created_at_run_time()
    {
        var settings = QboCompanySettings.DefaultCanada with { RealmId = QboApiFixture.NewRealmId(), CompanyName = "Runtime" };
        emulator.Server.Qbo.Companies.Create(settings);
        Assert.True(emulator.Server.Qbo.Companies.Exists(settings.RealmId));
        Assert.Equal("CA", emulator.Server.Qbo.Companies.Settings(settings.RealmId).Country);
    }

    private static JsonObject Single(QboAnswer answer, string entity) => answer.Body["QueryResponse"]![entity]!.AsArray().Single()!.AsObject();

    private static async Task<int> Count(QboApi api, string query) =>
        (await api.Query(query)).Body["QueryResponse"]!["totalCount"]!.GetValue<int>();
}
