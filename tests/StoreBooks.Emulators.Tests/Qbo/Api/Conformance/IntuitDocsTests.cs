using System.Net;
using System.Text.Json.Nodes;
using StoreBooks.Emulators.Tests.Qbo.Api.Support;
using Xunit;
using static StoreBooks.Emulators.Tests.Qbo.Api.Support.Js;

namespace StoreBooks.Emulators.Tests.Qbo.Api.Conformance;

/// <summary>
/// Intuit's API reference examples (<c>fixtures/qbo/intuit-docs</c>). They come from 2014-2016 sample companies and some
/// were abbreviated by the page they were copied from, so each test names the fields it tolerates and why.
/// </summary>
public sealed class IntuitDocsTests(QboApiFixture emulator) : IClassFixture<QboApiFixture>
{
    private const string ProjectRefWhy = "Intuit's sample data links a project; the emulator's company has no projects";
    private const string CurrencyRefWhy = "examples predate CurrencyRef in responses; recorded 2020 responses carry it";

    [Fact]
    public async Task Credit_memo_create_sets_balance_and_remaining_credit()
    {
        var x = Recorded.Load("intuit-docs/creditmemo-create.json");
        using var api = emulator.Sandbox();
        var customer = await api.Create("Customer", J("{`DisplayName`:`Cool Cars`,`BillAddr`:{`Line1`:`65 Ocean Dr.`,`City`:`Half Moon Bay`,`CountrySubDivisionCode`:`CA`,`PostalCode`:`94213`,`Lat`:`37.4300318`,`Long`:`-122.4336537`},`ShipAddr`:{`Line1`:`65 Ocean Dr.`,`City`:`Half Moon Bay`,`CountrySubDivisionCode`:`CA`,`PostalCode`:`94213`,`Lat`:`37.4300318`,`Long`:`-122.4336537`}}"));
        await Seed.Item(api, "Concrete", 0);
        var body = await Seed.Body(api, x.RequestBody!);
        body["CustomerRef"]!["value"] = customer["Id"]!.GetValue<string>();

        var answer = await api.Post(x.Relative, body);

        JsonShape.AssertSame(x.Response, answer.Body, Tolerate(
            ("$.CreditMemo.ProjectRef", ProjectRefWhy),
            ("$.CreditMemo.CurrencyRef", CurrencyRefWhy)));
        var customerNow = await api.Read("Customer", customer["Id"]!.GetValue<string>());
        Assert.Equal(-50m, customerNow["Balance"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task Inventory_item_create_answers_the_documented_item()
    {
        var x = Recorded.Load("intuit-docs/item-create-inventory.json");
        using var api = emulator.Sandbox();
        var body = await Seed.Body(api, x.RequestBody!);

        var answer = await api.Post(x.Relative, body);

        JsonShape.AssertSame(x.Response, answer.Body);
    }

    [Fact]
    public async Task Sub_category_create_nests_under_its_parent()
    {
        var x = Recorded.Load("intuit-docs/item-create-subcategory.json");
        using var api = emulator.Sandbox();
        var trees = await api.Create("Item", J("{`Name`:`Trees`,`Type`:`Category`}"));
        var body = x.RequestBody!.DeepClone().AsObject();
        body["ParentRef"]!["value"] = trees["Id"]!.GetValue<string>();

        var answer = await api.Post(x.Relative, body);

        JsonShape.AssertSame(x.Response, answer.Body);
    }

    [Fact]
    public async Task Bundle_query_returns_group_items_loaded_into_the_realm()
    {
        var x = Recorded.Load("intuit-docs/item-query-bundle-group.json");
        using var api = emulator.Sandbox();
        var bundle = x.Response["QueryResponse"]!["Item"]![0]!.DeepClone().AsObject();
        bundle["Id"] = "900";
        var companies = emulator.Server.Qbo.Companies;
        var state = companies.Export();
        var realm = state["realms"]!.AsArray().First(r => r!["settings"]!["RealmId"]!.GetValue<string>() == api.RealmId)!;
        realm["entities"]!["Item"]!.AsArray().Add(bundle);
        companies.Import(state);

        var answer = await api.Get(x.Relative);

        JsonShape.AssertSame(x.Response, answer.Body);
        var create = await api.Post("item", J("{`Name`:`Another bundle`,`Type`:`Group`}"));
        Assert.Equal("500", create.Code);
    }

    [Fact]
    public async Task Unapplied_payment_keeps_the_whole_amount_unapplied()
    {
        var x = Recorded.Load("intuit-docs/payment-create-unapplied.json");
        using var api = emulator.Sandbox();
        var customer = await Seed.Customer(api, "Red Rock Diner");
        var body = x.RequestBody!.DeepClone().AsObject();
        body["CustomerRef"]!["value"] = customer["Id"]!.GetValue<string>();

        var answer = await api.Post(x.Relative, body);

        JsonShape.AssertSame(x.Response, answer.Body, Tolerate(("$.Payment.ProjectRef", ProjectRefWhy), ("$.Payment.CurrencyRef", CurrencyRefWhy)));
        Assert.Equal(-25m, (await api.Read("Customer", customer["Id"]!.GetValue<string>()))["Balance"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task Payment_linked_to_an_invoice_reports_its_open_balance_and_the_rest_unapplied()
    {
        var x = Recorded.Load("intuit-docs/payment-object-linked-to-invoice.json");
        using var api = emulator.Sandbox(s => s with { CustomTxnNumbers = true });
        var customer = await Seed.Customer(api, "Red Rock Diner");
        var invoice = await api.Create("Invoice", J($"{{`DocNumber`:`1024`,`CustomerRef`:{{`value`:`{customer["Id"]}`}},`Line`:[{{`Amount`:71,`DetailType`:`SalesItemLineDetail`,`SalesItemLineDetail`:{{`ItemRef`:{{`value`:`1`}}}}}}]}}"));

        var answer = await api.Post("payment", J($"{{`TotalAmt`:65,`CustomerRef`:{{`value`:`{customer["Id"]}`}},`Line`:[{{`Amount`:55,`LinkedTxn`:[{{`TxnId`:`{invoice["Id"]}`,`TxnType`:`Invoice`}}]}}]}}"));

        JsonShape.AssertSame(x.Response, answer.Body, new ShapeOptions
        {
            Tolerated = new Dictionary<string, string> { ["$.Payment.ProjectRef"] = ProjectRefWhy, ["$.Payment.CurrencyRef"] = CurrencyRefWhy },
        });
        var lineEx = answer.Entity("Payment")["Line"]![0]!["LineEx"]!["any"]!.AsArray().Select(a => a!["value"]!).ToDictionary(v => v["Name"]!.GetValue<string>(), v => v["Value"]!.GetValue<string>());
        Assert.Equal(invoice["Id"]!.GetValue<string>(), lineEx["txnId"]);
        Assert.Equal("71.00", lineEx["txnOpenBalance"]);
        Assert.Equal("1024", lineEx["txnReferenceNumber"]);
        var invoiceNow = await api.Read("Invoice", invoice["Id"]!.GetValue<string>());
        Assert.Equal(16m, invoiceNow["Balance"]!.GetValue<decimal>());
        Assert.Equal(answer.Entity("Payment")["Id"]!.GetValue<string>(), invoiceNow["LinkedTxn"]![0]!["TxnId"]!.GetValue<string>());
        Assert.Equal("Payment", invoiceNow["LinkedTxn"]![0]!["TxnType"]!.GetValue<string>());
    }

    [Fact]
    public async Task Payment_void_zeroes_it_and_empties_its_lines()
    {
        var x = Recorded.Load("intuit-docs/payment-void.json");
        using var api = emulator.Sandbox();
        var parent = await Seed.Customer(api, "Freeman Sporting Goods");
        var job = await api.Create("Customer", J($"{{`DisplayName`:`55 Twin Lane`,`ParentRef`:{{`value`:`{parent["Id"]}`}}}}"));
        var checking = await Seed.AccountId(api, "Checking");
        var payment = await api.Create("Payment", J($"{{`TotalAmt`:45,`CustomerRef`:{{`value`:`{job["Id"]}`}},`PaymentMethodRef`:{{`value`:`2`}},`DepositToAccountRef`:{{`value`:`{checking}`}}}}"));
        payment = (await api.Post("payment", RecordedSandboxTests.Sparse(payment, J("{`TxnDate`:`2026-02-27`}")))).AssertOk("Payment");

        var body = x.RequestBody!.DeepClone().AsObject();
        body["Id"] = payment["Id"]!.GetValue<string>();
        body["SyncToken"] = payment["SyncToken"]!.GetValue<string>();
        var answer = await api.Post(x.Relative, body);

        JsonShape.AssertSame(x.Response, answer.Body, Tolerate(("$.Payment.ProjectRef", ProjectRefWhy), ("$.Payment.CurrencyRef", CurrencyRefWhy)));
        Assert.Equal("55 Twin Lane", (await api.Read("Customer", job["Id"]!.GetValue<string>()))["DisplayName"]!.GetValue<string>());
    }

    [Fact]
    public async Task Payment_methods_query_lists_the_new_company_methods_by_name()
    {
        var x = Recorded.Load("intuit-docs/paymentmethod-query.json");
        using var api = emulator.Sandbox();

        var answer = await api.Query("select * from PaymentMethod");

        JsonShape.AssertSame(x.Response, answer.Body);
    }

    [Fact]
    public async Task Refund_receipt_prints_to_print_and_returns_stock()
    {
        var x = Recorded.Load("intuit-docs/refundreceipt-create.json");
        using var api = emulator.Sandbox();
        var item = await Seed.InventoryItem(api, "Garden Supplies", 420, 5, "2015-01-01");
        var body = await Seed.Body(api, x.RequestBody!);
        body["Line"]![0]!["SalesItemLineDetail"]!["ItemRef"]!["value"] = item["Id"]!.GetValue<string>();

        var answer = await api.Post(x.Relative, body);

        JsonShape.AssertSame(x.Response, answer.Body, Tolerate(("$.RefundReceipt.CurrencyRef", CurrencyRefWhy)));
        Assert.Equal(6m, (await api.Read("Item", item["Id"]!.GetValue<string>()))["QtyOnHand"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task Sales_receipt_create_deposits_to_undeposited_funds()
    {
        var x = Recorded.Load("intuit-docs/salesreceipt-create.json");
        using var api = emulator.Sandbox();
        await Seed.Item(api, "Pest Control", 35);
        var body = await Seed.Body(api, x.RequestBody!);

        var answer = await api.Post(x.Relative, body);

        JsonShape.AssertSame(x.Response, answer.Body, Tolerate(("$.SalesReceipt.CurrencyRef", CurrencyRefWhy)));
    }

    [Fact]
    public async Task Sales_receipt_void_through_update_zeroes_quantities()
    {
        var x = Recorded.Load("intuit-docs/salesreceipt-void.json");
        using var api = emulator.Sandbox();
        var receipt = await api.Create("SalesReceipt", J("{`Line`:[{`Amount`:100,`DetailType`:`SalesItemLineDetail`,`SalesItemLineDetail`:{`ItemRef`:{`value`:`1`},`Qty`:1,`UnitPrice`:100}}]}"));
        var body = x.RequestBody!.DeepClone().AsObject();
        body["Id"] = receipt["Id"]!.GetValue<string>();

        var answer = await api.Post(x.Relative, body);

        const string abbreviated = "the documentation page abbreviates this response";
        JsonShape.AssertSame(x.Response, answer.Body, Tolerate(
            ("$.SalesReceipt.CurrencyRef", abbreviated), ("$.SalesReceipt.MetaData", abbreviated), ("$.SalesReceipt.EmailStatus", abbreviated),
            ("$.SalesReceipt.CustomField", abbreviated), ("$.SalesReceipt.TxnTaxDetail", abbreviated), ("$.SalesReceipt.DepositToAccountRef", abbreviated)));
    }

    [Fact]
    public async Task Us_tax_codes_list_the_tax_and_non_line_codes_first()
    {
        var x = Recorded.Load("intuit-docs/taxcode-query-us.json");
        using var api = emulator.Sandbox();
        await CaliforniaAndTucson(api);

        var answer = await api.Query("select * from TaxCode where Name in ('TAX', 'NON', 'California', 'Tucson')");

        var options = new ShapeOptions
        {
            // The example says maxResults 5 and totalCount 5 for four codes: it was cut down from a longer answer.
            ValueKeys = new HashSet<string>(ShapeOptions.DefaultValueKeys.Where(k => k != "maxResults")),
            Tolerated = new Dictionary<string, string> { ["$.QueryResponse.totalCount"] = "the example mixes count(*) into a select *" },
        };
        JsonShape.AssertSame(x.Response, answer.Body, options);
        Assert.Equal(4, answer.Body["QueryResponse"]!["maxResults"]!.GetValue<int>());
    }

    [Fact]
    public async Task Us_tax_rates_query_lists_rates_with_their_agencies()
    {
        var x = Recorded.Load("intuit-docs/taxrate-query-us.json");
        using var api = emulator.Sandbox();
        await CaliforniaAndTucson(api);

        var answer = await api.Query("select * from TaxRate where Name in ('AZ State tax', 'California', 'Tucson City')");

        JsonShape.AssertSame(x.Response, answer.Body, Tolerate(("$.QueryResponse.totalCount", "the example mixes count(*) into a select *")));
    }

    private static async Task CaliforniaAndTucson(QboApi api)
    {
        var azAgency = await api.Create("TaxAgency", J("{`DisplayName`:`Arizona Dept. of Revenue`}"));
        var caAgency = await api.Create("TaxAgency", J("{`DisplayName`:`Board of Equalization`}"));
        var ca = await api.Post("taxservice/taxcode", J($"{{`TaxCode`:`California`,`TaxRateDetails`:[{{`TaxRateName`:`California`,`RateValue`:8,`TaxAgencyId`:`{caAgency["Id"]}`,`TaxApplicableOn`:`Sales`}}]}}"));
        Assert.Equal(HttpStatusCode.OK, ca.Status);
        var az = await api.Post("taxservice/taxcode", J($"{{`TaxCode`:`Tucson`,`TaxRateDetails`:[{{`TaxRateName`:`AZ State tax`,`RateValue`:7.1,`TaxAgencyId`:`{azAgency["Id"]}`}},{{`TaxRateName`:`Tucson City`,`RateValue`:2,`TaxAgencyId`:`{azAgency["Id"]}`}}]}}"));
        Assert.Equal(HttpStatusCode.OK, az.Status);
    }

    private static ShapeOptions Tolerate(params (string Path, string Why)[] paths) =>
        new() { Tolerated = paths.ToDictionary(p => p.Path, p => p.Why) };
}
