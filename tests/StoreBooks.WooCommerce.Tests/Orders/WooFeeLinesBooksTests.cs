using System.Globalization;
using StoreBooks.Emulators.Qbo;
using StoreBooks.Testing;
using Xunit;

namespace StoreBooks.WooCommerce.Tests.Orders;

/// <summary>
/// A WooCommerce order with a taxed fee and a negative taxed fee (a merchant's discount), synced through the emulators into a US
/// company: the fee posts on the fees item, the negative fee on the discount line (not as a negative item line), and the
/// document's total and tax are the order's, to the cent.
/// </summary>
public sealed class WooFeeLinesBooksTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // Written by hand in the REST v3 shape: two mugs 30.00 (tax 10 % = 3.00), gift wrap 5.00 (tax 0.50), a loyalty credit
    // -6.00 (tax -0.60), flat-rate shipping 7.00 untaxed. Total = 30.00 + 5.00 − 6.00 + 7.00 + 2.90 = 38.90.
    private const string Order = """
        [{"id": 7301, "parent_id": 0, "number": "7301", "status": "processing", "currency": "USD", "prices_include_tax": false,
          "date_created": "2026-03-02T10:00:00", "date_created_gmt": "2026-03-02T15:00:00",
          "date_modified": "2026-03-02T10:05:00", "date_modified_gmt": "2026-03-02T15:05:00",
          "date_paid": "2026-03-02T10:01:00", "date_paid_gmt": "2026-03-02T15:01:00",
          "discount_total": "0.00", "discount_tax": "0.00", "shipping_total": "7.00", "shipping_tax": "0.00",
          "cart_tax": "2.90", "total": "38.90", "total_tax": "2.90", "customer_id": 0, "customer_note": "",
          "billing": {"first_name": "Ann", "last_name": "Lee", "company": "", "address_1": "1 Main St", "address_2": "", "city": "Austin",
                      "state": "TX", "postcode": "78701", "country": "US", "email": "ann@example.com", "phone": ""},
          "shipping": {"first_name": "Ann", "last_name": "Lee", "company": "", "address_1": "1 Main St", "address_2": "", "city": "Austin",
                       "state": "TX", "postcode": "78701", "country": "US", "phone": ""},
          "payment_method": "stripe", "payment_method_title": "Credit card", "transaction_id": "ch_1",
          "line_items": [{"id": 11, "name": "Travel Mug", "product_id": 50, "variation_id": 0, "quantity": 2, "tax_class": "",
                          "subtotal": "30.00", "subtotal_tax": "3.00", "total": "30.00", "total_tax": "3.00",
                          "taxes": [{"id": 1, "total": "3", "subtotal": "3"}], "meta_data": [], "sku": "MUG-1", "price": 15}],
          "tax_lines": [{"id": 41, "rate_code": "US-TX-TAX-1", "rate_id": 1, "label": "Tax", "compound": false,
                         "tax_total": "2.90", "shipping_tax_total": "0.00", "rate_percent": 10, "meta_data": []}],
          "shipping_lines": [{"id": 31, "method_title": "Flat rate", "method_id": "flat_rate", "total": "7.00", "total_tax": "0.00",
                              "taxes": [], "meta_data": []}],
          "fee_lines": [{"id": 21, "name": "Gift wrap", "tax_class": "", "tax_status": "taxable", "amount": "5", "total": "5.00",
                         "total_tax": "0.50", "taxes": [{"id": 1, "total": "0.5", "subtotal": ""}], "meta_data": []},
                        {"id": 22, "name": "Loyalty credit", "tax_class": "", "tax_status": "taxable", "amount": "-6", "total": "-6.00",
                         "total_tax": "-0.60", "taxes": [{"id": 1, "total": "-0.6", "subtotal": ""}], "meta_data": []}],
          "coupon_lines": [], "refunds": []}]
        """;

    [Fact]
    public async Task A_taxed_fee_and_a_negative_taxed_fee_post_to_the_cent()
    {
        await using var sync = await StoreSyncRig.StartAsync(StoreSyncRig.WooCommerce, QboCompanySettings.DefaultUs with { SalesTaxRatePercent = 8.25m });
        await sync.LoadOnlyAsync(Ct, Order);

        var status = await sync.SyncAsync(Ct);

        Assert.Equal(1, StatusJson.Count(status, "orders.posted"));
        var document = Assert.Single(await sync.Books.SalesDocumentsAsync("woocommerce", "7301", Ct));
        var figures = QboDocumentFigures.Of(document, await sync.Books.ItemIdAsync("Shipping", Ct), await sync.Books.ItemIdAsync("Sales tax collected", Ct));
        Assert.Equal(38.90m, figures.Total);
        Assert.Equal(2.90m, figures.Tax);
        Assert.Equal(7.00m, figures.Shipping);
        Assert.Equal(6.00m, figures.Discount);
        var fees = await sync.Books.ItemIdAsync("Fees", Ct);
        var lines = document["Line"]!.AsArray().Select(l => l!.AsObject()).Where(l => (string?)l["DetailType"] == "SalesItemLineDetail").ToList();
        var fee = Assert.Single(lines, l => (string?)l["SalesItemLineDetail"]!["ItemRef"]!["value"] == fees);
        Assert.Equal(5.00m, Money(fee["Amount"]));
        Assert.All(lines, l => Assert.True(Money(l["Amount"]) >= 0, $"{l["Description"]}: {l["Amount"]}"));
    }

    private static decimal Money(System.Text.Json.Nodes.JsonNode? node) =>
        decimal.Parse(node!.ToJsonString().Trim('"'), NumberStyles.Float, CultureInfo.InvariantCulture);
}
