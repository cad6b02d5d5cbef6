using System.Text.Json;
using System.Text.Json.Nodes;
using StoreBooks.Emulators.Tests.Qbo.Api.Rules;
using StoreBooks.Emulators.Tests.Qbo.Api.Support;
using Xunit;
using static StoreBooks.Emulators.Tests.Qbo.Api.Rules.TransactionRuleTests;
using static StoreBooks.Emulators.Tests.Qbo.Api.Support.Js;

namespace StoreBooks.Emulators.Tests.Qbo.Api.Arithmetic;

/// <summary>Totals, tax, discounts and shipping to the cent, as JSON numbers.</summary>
public sealed class TaxArithmeticTests(QboApiFixture emulator) : IClassFixture<QboApiFixture>
{
    [Fact]
    public async Task Canada_tax_excluded_rounds_per_rate_on_the_summed_taxable_amount()
    {
        using var api = emulator.Canada();
        var gst = await Code(api, "GST");
        var receipt = await api.Create("SalesReceipt", Excluded(Taxed(0.10m, gst), Taxed(0.10m, gst), Taxed(0.10m, gst)));

        // Per line 0.005 would round to 0.01 three times (0.03); per rate 0.30 × 5% = 0.015 rounds to 0.02.
        Assert.Equal(0.02m, Dec(receipt["TxnTaxDetail"]!["TotalTax"]));
        Assert.Equal(0.32m, Dec(receipt["TotalAmt"]));
        var taxLine = receipt["TxnTaxDetail"]!["TaxLine"]!.AsArray().Single()!;
        Assert.Equal(0.30m, Dec(taxLine["TaxLineDetail"]!["NetAmountTaxable"]));
        Assert.Equal(5m, Dec(taxLine["TaxLineDetail"]!["TaxPercent"]));
        Assert.Equal(JsonValueKind.Number, receipt["TotalAmt"]!.GetValueKind());
    }

    [Fact]
    public async Task Canada_tax_excluded_with_several_codes_gives_one_tax_line_per_rate()
    {
        using var api = emulator.Canada();
        var gst = await Code(api, "GST");
        var hst = await Code(api, "HST ON");
        var qc = await Code(api, "GST/QST QC - 9.975");
        var receipt = await api.Create("SalesReceipt", Excluded(Taxed(59.97m, gst), Taxed(10m, hst), Taxed(100m, qc)));

        var lines = receipt["TxnTaxDetail"]!["TaxLine"]!.AsArray().ToDictionary(l => Dec(l!["TaxLineDetail"]!["TaxPercent"]), l => (Net: Dec(l!["TaxLineDetail"]!["NetAmountTaxable"]), Tax: Dec(l["Amount"])));
        Assert.Equal((159.97m, 8.00m), lines[5m]);     // GST on the GST line and the Quebec line: 7.9985
        Assert.Equal((10m, 1.30m), lines[13m]);        // HST ON
        Assert.Equal((100m, 9.98m), lines[9.975m]);    // QST: 9.975
        Assert.Equal(19.28m, Dec(receipt["TxnTaxDetail"]!["TotalTax"]));
        Assert.Equal(189.25m, Dec(receipt["TotalAmt"]));
        Assert.Equal(169.97m, Subtotal(receipt));
    }

    [Fact]
    public async Task Canada_tax_inclusive_keeps_what_the_customer_paid_to_the_cent()
    {
        using var api = emulator.Canada();
        var hst = await Code(api, "HST ON");
        var body = Inclusive(Gross(10m, hst), Gross(20m, hst));

        var receipt = await api.Create("SalesReceipt", body);

        Assert.Equal(30m, Dec(receipt["TotalAmt"]));
        Assert.Equal(3.45m, Dec(receipt["TxnTaxDetail"]!["TotalTax"]));
        Assert.Equal(26.55m, Subtotal(receipt));
        Assert.Equal(8.85m, Dec(receipt["Line"]![0]!["Amount"]));
        Assert.Equal(17.70m, Dec(receipt["Line"]![1]!["Amount"]));
        Assert.Equal(10m, Dec(receipt["Line"]![0]!["SalesItemLineDetail"]!["TaxInclusiveAmt"]));
        Assert.Equal(26.55m, Dec(receipt["TxnTaxDetail"]!["TaxLine"]![0]!["TaxLineDetail"]!["NetAmountTaxable"]));
    }

    [Fact]
    public async Task Canada_tax_inclusive_splits_a_combined_code_across_its_rates()
    {
        using var api = emulator.Canada();
        var qc = await Code(api, "GST/QST QC - 9.975");

        var receipt = await api.Create("SalesReceipt", Inclusive(Gross(114.98m, qc)));

        Assert.Equal(114.98m, Dec(receipt["TotalAmt"]));
        Assert.Equal(100m, Subtotal(receipt));
        var taxes = receipt["TxnTaxDetail"]!["TaxLine"]!.AsArray().ToDictionary(l => Dec(l!["TaxLineDetail"]!["TaxPercent"]), l => Dec(l!["Amount"]));
        Assert.Equal(5.00m, taxes[5m]);
        Assert.Equal(9.98m, taxes[9.975m]);
    }

    [Fact]
    public async Task Discount_before_tax_reduces_the_taxable_amount_only_when_asked()
    {
        using var api = emulator.Canada();
        var gst = await Code(api, "GST");
        var discount = J("{`Amount`:10,`DetailType`:`DiscountLineDetail`,`DiscountLineDetail`:{`PercentBased`:false}}");

        var after = Excluded(Taxed(100m, gst), discount);
        after["ApplyTaxAfterDiscount"] = true;
        var before = Excluded(Taxed(100m, gst), discount);

        var discounted = await api.Create("SalesReceipt", after);
        var full = await api.Create("SalesReceipt", before);

        Assert.Equal(4.50m, Dec(discounted["TxnTaxDetail"]!["TotalTax"]));
        Assert.Equal(94.50m, Dec(discounted["TotalAmt"]));
        Assert.Equal(5.00m, Dec(full["TxnTaxDetail"]!["TotalTax"]));
        Assert.Equal(95.00m, Dec(full["TotalAmt"]));
    }

    [Fact]
    public async Task Percent_discount_is_a_share_of_the_subtotal_placed_after_it()
    {
        using var api = emulator.Sandbox();
        var receipt = await api.Create("SalesReceipt", Receipt(Line(87.5m, "1", qty: 2.5m, price: 35m),
            J("{`DetailType`:`DiscountLineDetail`,`DiscountLineDetail`:{`PercentBased`:true,`DiscountPercent`:10}}")));

        var types = receipt["Line"]!.AsArray().Select(l => l!["DetailType"]!.GetValue<string>()).ToArray();
        Assert.Equal(["SalesItemLineDetail", "SubTotalLineDetail", "DiscountLineDetail"], types);
        Assert.Equal(8.75m, Dec(receipt["Line"]![2]!["Amount"]));
        Assert.Equal(78.75m, Dec(receipt["TotalAmt"]));
    }

    [Fact]
    public async Task Us_automated_tax_uses_the_configured_rate_on_tax_lines_and_shipping_and_ignores_client_total_tax()
    {
        using var api = emulator.Us(s => s with { SalesTaxRatePercent = 8.25m });
        var body = Receipt(Line(100m, "1"), Line(10m, "SHIPPING_ITEM_ID"), Line(50m, "1"));
        body["Line"]![2]!["SalesItemLineDetail"]!["TaxCodeRef"] = J("{`value`:`NON`}");
        body["TxnTaxDetail"] = J("{`TotalTax`:99}");

        var receipt = await api.Create("SalesReceipt", body);

        Assert.Equal(150m, Subtotal(receipt));
        Assert.Equal(9.08m, Dec(receipt["TxnTaxDetail"]!["TotalTax"]));  // 8.25% of 110 = 9.075
        Assert.Equal(169.08m, Dec(receipt["TotalAmt"]));
        Assert.Equal("TAX", receipt["Line"]![0]!["SalesItemLineDetail"]!["TaxCodeRef"]!["value"]!.GetValue<string>());
        var shipping = receipt["Line"]!.AsArray().Last()!;
        Assert.Equal("SHIPPING_ITEM_ID", shipping["SalesItemLineDetail"]!["ItemRef"]!["value"]!.GetValue<string>());
        Assert.NotNull(receipt["TxnTaxDetail"]!["TxnTaxCodeRef"]);
    }

    [Fact]
    public async Task Us_automated_tax_does_not_tax_a_tax_exempt_customer_and_discounts_never_reduce_shipping()
    {
        using var api = emulator.Us(s => s with { SalesTaxRatePercent = 10m });
        var exempt = await api.Create("Customer", J("{`DisplayName`:`Charity`,`Taxable`:false}"));
        var free = Receipt(Line(100m, "1"));
        free["CustomerRef"] = J($"{{`value`:`{exempt["Id"]}`}}");
        Assert.Equal(0m, Dec((await api.Create("SalesReceipt", free))["TxnTaxDetail"]!["TotalTax"]));

        var discounted = Receipt(Line(100m, "1"), Line(20m, "SHIPPING_ITEM_ID"),
            J("{`DetailType`:`DiscountLineDetail`,`DiscountLineDetail`:{`PercentBased`:true,`DiscountPercent`:50}}"));
        discounted["ApplyTaxAfterDiscount"] = true;
        var receipt = await api.Create("SalesReceipt", discounted);
        Assert.Equal(7m, Dec(receipt["TxnTaxDetail"]!["TotalTax"]));   // 10% of (100 − 50) + 10% of 20
        Assert.Equal(77m, Dec(receipt["TotalAmt"]));
    }

    [Fact]
    public async Task Us_without_automated_tax_takes_the_clients_total_tax_or_the_tax_code()
    {
        using var api = emulator.Sandbox(s => s with { SalesTaxRatePercent = 8m });
        var manual = Receipt(Line(100m, "1"));
        manual["Line"]![0]!["SalesItemLineDetail"]!["TaxCodeRef"] = J("{`value`:`TAX`}");
        manual["TxnTaxDetail"] = J("{`TotalTax`:4.5}");
        Assert.Equal(104.5m, Dec((await api.Create("SalesReceipt", manual))["TotalAmt"]));

        manual["TxnTaxDetail"] = J("{`TxnTaxCodeRef`:{`value`:`2`}}");
        var coded = await api.Create("SalesReceipt", manual);
        Assert.Equal(8m, Dec(coded["TxnTaxDetail"]!["TotalTax"]));
        Assert.Equal(108m, Dec(coded["TotalAmt"]));
    }

    [Fact]
    public async Task Amounts_are_rounded_to_the_cent()
    {
        using var api = emulator.Sandbox();
        var receipt = await api.Create("SalesReceipt", Receipt(Line(10.005m, "1"), Line(0.004m, "1")));
        Assert.Equal(10.01m, Dec(receipt["Line"]![0]!["Amount"]));
        Assert.Equal(0m, Dec(receipt["Line"]![1]!["Amount"]));
        Assert.Equal(10.01m, Dec(receipt["TotalAmt"]));
    }

    internal static decimal Dec(JsonNode? node) => node!.GetValue<decimal>();

    private static decimal Subtotal(JsonObject txn) =>
        Dec(txn["Line"]!.AsArray().Single(l => l!["DetailType"]!.GetValue<string>() == "SubTotalLineDetail")!["Amount"]);

    private static async Task<string> Code(QboApi api, string name) =>
        (await api.Query($"select * from TaxCode where Name = '{name}'")).Body["QueryResponse"]!["TaxCode"]![0]!["Id"]!.GetValue<string>();

    private static JsonObject Taxed(decimal amount, string code)
    {
        var line = Line(amount, "1");
        line["SalesItemLineDetail"]!["TaxCodeRef"] = J($"{{`value`:`{code}`}}");
        return line;
    }

    private static JsonObject Gross(decimal gross, string code)
    {
        var line = J($"{{`DetailType`:`SalesItemLineDetail`,`SalesItemLineDetail`:{{`ItemRef`:{{`value`:`1`}},`TaxCodeRef`:{{`value`:`{code}`}}}}}}");
        line["SalesItemLineDetail"]!["TaxInclusiveAmt"] = gross;
        return line;
    }

    private static JsonObject Excluded(params JsonObject[] lines)
    {
        var receipt = Receipt(lines);
        receipt["GlobalTaxCalculation"] = "TaxExcluded";
        return receipt;
    }

    private static JsonObject Inclusive(params JsonObject[] lines)
    {
        var receipt = Receipt(lines);
        receipt["GlobalTaxCalculation"] = "TaxInclusive";
        return receipt;
    }
}
