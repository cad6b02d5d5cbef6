using System.Net;
using System.Text.Json.Nodes;
using StoreBooks.Emulators.Tests.Qbo.Api.Support;
using Xunit;
using static StoreBooks.Emulators.Tests.Qbo.Api.Conformance.RecordedSandboxTests;
using static StoreBooks.Emulators.Tests.Qbo.Api.Support.Js;

namespace StoreBooks.Emulators.Tests.Qbo.Api.Rules;

/// <summary>Rules 14 and 20-31: required fields, lines, amounts, discounts, shipping, tax codes, DocNumbers, currency, deposits.</summary>
public sealed class TransactionRuleTests(QboApiFixture emulator) : IClassFixture<QboApiFixture>
{
    private const string Required = "Required param missing, need to supply the required value for the API";
    private const string Business = "A business validation error has occurred while processing your request";

    [Fact]
    public async Task Rule14_an_inventory_sale_dated_before_the_items_start_date_is_6270()
    {
        using var api = emulator.Us();
        var item = await api.Create("Item", await ItemRuleTests.Inventory(api, start: "2026-02-01"));

        var answer = await api.Post("salesreceipt", Receipt(Line(20, item["Id"]!.GetValue<string>(), qty: 1), txnDate: "2026-01-31"));

        var error = answer.AssertFault(HttpStatusCode.BadRequest, "6270", "Transaction date is prior to start date for inventory item");
        Assert.Contains("2026-02-01", error["Detail"]!.GetValue<string>());
        (await api.Post("salesreceipt", Receipt(Line(20, item["Id"]!.GetValue<string>(), qty: 1), txnDate: "2026-02-01"))).AssertOk("SalesReceipt");
    }

    [Theory]
    [InlineData("salesreceipt", "{}", "Line")]
    [InlineData("invoice", "{`Line`:[{`Amount`:5,`DetailType`:`SalesItemLineDetail`,`SalesItemLineDetail`:{`ItemRef`:{`value`:`1`}}}]}", "CustomerRef")]
    [InlineData("creditmemo", "{`Line`:[{`Amount`:5,`DetailType`:`SalesItemLineDetail`,`SalesItemLineDetail`:{`ItemRef`:{`value`:`1`}}}]}", "CustomerRef")]
    [InlineData("refundreceipt", "{`Line`:[{`Amount`:5,`DetailType`:`SalesItemLineDetail`,`SalesItemLineDetail`:{`ItemRef`:{`value`:`1`}}}]}", "DepositToAccountRef")]
    [InlineData("payment", "{`CustomerRef`:{`value`:`1`}}", "TotalAmt")]
    [InlineData("payment", "{`TotalAmt`:5}", "CustomerRef")]
    [InlineData("deposit", "{`Line`:[{`Amount`:5}]}", "DepositToAccountRef")]
    public async Task Rule20_transactions_need_their_required_fields(string entity, string body, string element)
    {
        using var api = emulator.Us();
        await api.Create("Customer", J("{`DisplayName`:`Someone`}"));

        var error = (await api.Post(entity, J(body))).AssertFault(HttpStatusCode.BadRequest, "2020", Required);

        Assert.Equal($"Required parameter {element} is missing in the request", error["Detail"]!.GetValue<string>());
        Assert.Equal(element, error["element"]!.GetValue<string>());
    }

    [Fact]
    public async Task Rule21_line_detail_type_is_required_and_must_be_valid_and_subtotal_lines_are_recomputed()
    {
        using var api = emulator.Us();
        (await api.Post("salesreceipt", J("{`Line`:[{`Amount`:5}]}"))).AssertFault(HttpStatusCode.BadRequest, "2020", Required);
        var error = (await api.Post("salesreceipt", J("{`Line`:[{`Amount`:5,`DetailType`:`JournalEntryLineDetail`}]}")))
            .AssertFault(HttpStatusCode.BadRequest, "2170", "Invalid Enumeration");
        Assert.Equal("DetailType", error["element"]!.GetValue<string>());

        var receipt = await api.Create("SalesReceipt", J("{`Line`:[{`Amount`:5,`DetailType`:`SalesItemLineDetail`,`SalesItemLineDetail`:{`ItemRef`:{`value`:`1`},`TaxCodeRef`:{`value`:`NON`}}},{`Amount`:999,`DetailType`:`SubTotalLineDetail`,`SubTotalLineDetail`:{}}]}"));
        var subtotal = receipt["Line"]!.AsArray().Single(l => l!["DetailType"]!.GetValue<string>() == "SubTotalLineDetail")!;
        Assert.Equal(5m, subtotal["Amount"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task Rule22_amount_must_equal_quantity_times_unit_price()
    {
        using var api = emulator.Us();
        var error = (await api.Post("salesreceipt", Receipt(Line(31, "1", qty: 3, price: 10)))).AssertFault(HttpStatusCode.BadRequest, "6070", "Amount calculation incorrect in the request");
        Assert.Equal("Amount is not equal to Qty * UnitPrice. Supplied value:31", error["Detail"]!.GetValue<string>());
        (await api.Post("salesreceipt", Receipt(Line(30, "1", qty: 3, price: 10)))).AssertOk("SalesReceipt");
    }

    [Fact]
    public async Task Rule23_discount_lines_need_an_amount_or_percent_and_the_discount_preference()
    {
        using var api = emulator.Us();
        var receipt = Receipt(Line(100, "1"), J("{`DetailType`:`DiscountLineDetail`,`DiscountLineDetail`:{`PercentBased`:true}}"));
        (await api.Post("salesreceipt", receipt)).AssertFault(HttpStatusCode.BadRequest, "6090", "Discount Line missing required info.");

        using var off = emulator.Us(s => s with { AllowDiscount = false });
        var withPercent = Receipt(Line(100, "1"), J("{`DetailType`:`DiscountLineDetail`,`DiscountLineDetail`:{`PercentBased`:true,`DiscountPercent`:10}}"));
        var error = (await off.Post("salesreceipt", withPercent)).AssertFault(HttpStatusCode.BadRequest, "6000", Business);
        Assert.Contains("AllowDiscount", error["Detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Rule24_shipping_lines_need_the_shipping_preference()
    {
        using var api = emulator.Us(s => s with { AllowShipping = false });
        var answer = await api.Post("salesreceipt", Receipt(Line(100, "1"), Line(7, "SHIPPING_ITEM_ID")));
        var error = answer.AssertFault(HttpStatusCode.BadRequest, "6000", Business);
        Assert.Contains("AllowShipping", error["Detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Rule25_us_line_tax_codes_are_tax_or_non()
    {
        using var api = emulator.Us();
        var line = Line(10, "1");
        line["SalesItemLineDetail"]!["TaxCodeRef"] = J("{`value`:`GST`}");
        var error = (await api.Post("salesreceipt", Receipt(line))).AssertFault(HttpStatusCode.BadRequest, "6100", "Invalid Line TaxCode in the request");
        Assert.Equal("Valid Line TaxCodes for US should be TAX or NON. Supplied value:GST", error["Detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Rule26_non_us_needs_global_tax_calculation_and_no_tax_detail_when_not_applicable()
    {
        using var api = emulator.Canada();
        var gst = await GstCode(api);
        var line = Line(10, "1");
        line["SalesItemLineDetail"]!["TaxCodeRef"] = J($"{{`value`:`{gst}`}}");

        var missing = (await api.Post("salesreceipt", Receipt(line))).AssertFault(HttpStatusCode.BadRequest, "2020", Required);
        Assert.Equal("GlobalTaxCalculation", missing["element"]!.GetValue<string>());

        var notApplicable = Receipt(line);
        notApplicable["GlobalTaxCalculation"] = "NotApplicable";
        notApplicable["TxnTaxDetail"] = J("{`TotalTax`:0.5}");
        (await api.Post("salesreceipt", notApplicable)).AssertFault(HttpStatusCode.BadRequest, "6170", "Invalid TxnTaxDetail Error");

        var noCode = Receipt(Line(10, "1"));
        noCode["GlobalTaxCalculation"] = "TaxExcluded";
        var error = (await api.Post("salesreceipt", noCode)).AssertFault(HttpStatusCode.BadRequest, "6000", Business);
        Assert.Equal("Business Validation Error: Make sure all your transactions have a GST/HST rate before you save.", error["Detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Rule27_a_taxable_transaction_holds_at_most_750_lines()
    {
        using var api = emulator.Us();
        var lines = Enumerable.Range(0, 751).Select(_ => (JsonNode)Line(1, "1")).ToArray();
        var answer = await api.Post("salesreceipt", new JsonObject { ["Line"] = new JsonArray(lines) });
        var error = answer.AssertFault(HttpStatusCode.BadRequest, "6000", Business);
        Assert.Contains("750", error["Detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Rule28_doc_number_is_at_most_21_characters()
    {
        using var api = emulator.Us();
        var receipt = Receipt(Line(1, "1"));
        receipt["DocNumber"] = new string('7', 22);
        var error = (await api.Post("salesreceipt", receipt)).AssertFault(HttpStatusCode.BadRequest, "2050", "String length is either shorter or longer than supported by specification");
        Assert.Equal("String length specified does not match the supported length. Min:0 Max:21 supported. Supplied length:22", error["Detail"]!.GetValue<string>());
        Assert.Equal("DocNumber", error["element"]!.GetValue<string>());
    }

    [Fact]
    public async Task Rule29_duplicate_doc_numbers_are_6140_unless_allowed()
    {
        using var api = emulator.Us();
        var first = Receipt(Line(1, "1"));
        first["DocNumber"] = "SHOP-1001";
        var created = await api.Create("SalesReceipt", first);

        var error = (await api.Post("salesreceipt", first)).AssertFault(HttpStatusCode.BadRequest, "6140", "Duplicate Document Number Error");
        Assert.Equal(
            $"Duplicate Document Number Error : You must specify a different number. This number has already been used. DocNumber=SHOP-1001 is assigned to TxnType=SalesReceipt with TxnId={created["Id"]}",
            error["Detail"]!.GetValue<string>());
        (await api.Post("salesreceipt?include=allowduplicatedocnum", first)).AssertOk("SalesReceipt");

        using var automatic = emulator.Sandbox();
        var a = await automatic.Create("SalesReceipt", Receipt(Line(1, "1")));
        var b = await automatic.Create("SalesReceipt", Receipt(Line(1, "1")));
        Assert.Equal(int.Parse(a["DocNumber"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture) + 1,
            int.Parse(b["DocNumber"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Rule30_multicurrency_requires_currency_in_the_customers_currency()
    {
        using var api = emulator.Us(s => s with { MultiCurrency = true });
        var euro = await api.Create("Customer", J("{`DisplayName`:`Euro Buyer`,`CurrencyRef`:{`value`:`EUR`}}"));
        var invoice = J($"{{`CustomerRef`:{{`value`:`{euro["Id"]}`}},`Line`:[{{`Amount`:100,`DetailType`:`SalesItemLineDetail`,`SalesItemLineDetail`:{{`ItemRef`:{{`value`:`1`}}}}}}]}}");

        (await api.Post("invoice", invoice)).AssertFault(HttpStatusCode.BadRequest, "2020", Required);
        invoice["CurrencyRef"] = J("{`value`:`USD`}");
        (await api.Post("invoice", invoice)).AssertFault(HttpStatusCode.BadRequest, "6000", Business);
        invoice["CurrencyRef"] = J("{`value`:`EUR`}");
        invoice["ExchangeRate"] = 1.1m;
        var created = await api.Create("Invoice", invoice);
        Assert.Equal(110m, created["HomeTotalAmt"]!.GetValue<decimal>());

        (await api.Post("customer", Sparse(euro, J("{`CurrencyRef`:{`value`:`USD`}}")))).AssertFault(HttpStatusCode.BadRequest, "6000", Business);
        using var single = emulator.Us();
        (await single.Post("customer", J("{`DisplayName`:`Euro`,`CurrencyRef`:{`value`:`EUR`}}"))).AssertFault(HttpStatusCode.BadRequest, "6000", Business);
    }

    [Fact]
    public async Task Rule31_a_deposited_sales_receipt_cannot_be_changed_voided_or_deleted()
    {
        using var api = emulator.Us();
        var receipt = await api.Create("SalesReceipt", Receipt(Line(50, "1")));
        var checking = await Seed.AccountId(api, "Checking");
        var deposit = await api.Create("Deposit", J($"{{`DepositToAccountRef`:{{`value`:`{checking}`}},`Line`:[{{`Amount`:50,`LinkedTxn`:[{{`TxnId`:`{receipt["Id"]}`,`TxnType`:`SalesReceipt`}}]}}]}}"));
        receipt = await api.Read("SalesReceipt", receipt["Id"]!.GetValue<string>());
        Assert.Equal(deposit["Id"]!.GetValue<string>(), receipt["LinkedTxn"]![0]!["TxnId"]!.GetValue<string>());

        const string message = "Deposited Transaction cannot be changed";
        (await api.Post("salesreceipt", Sparse(receipt, J("{`PrivateNote`:`late edit`}")))).AssertFault(HttpStatusCode.BadRequest, "6540", message);
        (await api.Post("salesreceipt?operation=update&include=void", Sparse(receipt, new JsonObject()))).AssertFault(HttpStatusCode.BadRequest, "6540", message);
        (await api.Post("salesreceipt?operation=delete", J($"{{`Id`:`{receipt["Id"]}`,`SyncToken`:`{receipt["SyncToken"]}`}}"))).AssertFault(HttpStatusCode.BadRequest, "6540", message);

        (await api.Post("deposit?operation=delete", J($"{{`Id`:`{deposit["Id"]}`,`SyncToken`:`0`}}"))).AssertOk("Deposit");
        receipt = await api.Read("SalesReceipt", receipt["Id"]!.GetValue<string>());
        Assert.Null(receipt["LinkedTxn"]);
        (await api.Post("salesreceipt", Sparse(receipt, J("{`PrivateNote`:`late edit`}")))).AssertOk("SalesReceipt");
    }

    internal static JsonObject Line(decimal amount, string itemId, decimal? qty = null, decimal? price = null)
    {
        var detail = new JsonObject { ["ItemRef"] = new JsonObject { ["value"] = itemId } };
        if (qty is not null)
        {
            detail["Qty"] = qty;
        }

        if (price is not null)
        {
            detail["UnitPrice"] = price;
        }

        return new JsonObject { ["Amount"] = amount, ["DetailType"] = "SalesItemLineDetail", ["SalesItemLineDetail"] = detail };
    }

    internal static JsonObject Receipt(params JsonObject[] lines) => new() { ["Line"] = new JsonArray([.. lines.Select(l => l.DeepClone())]) };

    internal static JsonObject Receipt(JsonObject line, string txnDate)
    {
        var receipt = Receipt(line);
        receipt["TxnDate"] = txnDate;
        return receipt;
    }

    internal static async Task<string> GstCode(QboApi api) =>
        (await api.Query("select * from TaxCode where Name = 'GST'")).Body["QueryResponse"]!["TaxCode"]![0]!["Id"]!.GetValue<string>();
}
