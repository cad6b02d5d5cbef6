using System.Globalization;
using System.Text.Json.Nodes;
using StoreBooks.Emulators.Qbo;
using StoreBooks.Testing;
using Xunit;

namespace StoreBooks.Shopify.Tests.Orders;

/// <summary>
/// Shopify orders with money that is neither goods nor tax, written by hand in the REST shape and synced through the emulators
/// into a US company: a tip line with <c>total_tip_received</c>, a free-shipping code, import duties with their tax, and
/// additional fees. Each QuickBooks document's total, tax, shipping, discount, tip, duties and fees are the store's, to the cent.
/// </summary>
public sealed class ShopifyMoneyBesideGoodsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // Two tees 50.00 (CA State Tax 3.63), a 5.00 tip line (no product, untaxed), 8.00 shipping made free by the code FREESHIP
    // (a discount application on the shipping line). Total = 50.00 + 5.00 + 8.00 − 8.00 + 3.63 = 58.63.
    private const string TipAndFreeShipping = """
        {"order": {"id": 820982911946154600, "name": "#2001", "order_number": 2001, "created_at": "2026-03-02T10:00:00-05:00",
          "updated_at": "2026-03-02T10:05:00-05:00", "processed_at": "2026-03-02T10:00:00-05:00", "currency": "USD",
          "financial_status": "paid", "test": false, "taxes_included": false, "email": "ann@example.com",
          "total_line_items_price": "55.00", "subtotal_price": "47.00", "total_discounts": "8.00", "total_tax": "3.63",
          "total_price": "58.63", "total_tip_received": "5.00",
          "total_shipping_price_set": {"shop_money": {"amount": "8.00", "currency_code": "USD"}, "presentment_money": {"amount": "8.00", "currency_code": "USD"}},
          "discount_applications": [{"type": "discount_code", "value": "100.0", "value_type": "percentage", "allocation_method": "each",
                                     "target_selection": "all", "target_type": "shipping_line", "code": "FREESHIP"}],
          "discount_codes": [{"code": "FREESHIP", "amount": "8.00", "type": "free_shipping"}],
          "tax_lines": [{"title": "CA State Tax", "price": "3.63", "rate": 0.0725}],
          "line_items": [
            {"id": 9001, "variant_id": 101, "product_id": 201, "sku": "TEE-1", "title": "Organic Tee", "name": "Organic Tee",
             "variant_title": null, "quantity": 2, "price": "25.00", "taxable": true, "gift_card": false, "total_discount": "0.00",
             "discount_allocations": [], "tax_lines": [{"title": "CA State Tax", "price": "3.63", "rate": 0.0725}], "duties": []},
            {"id": 9002, "variant_id": null, "product_id": null, "sku": null, "title": "Tip", "name": "Tip", "variant_title": null,
             "quantity": 1, "price": "5.00", "taxable": false, "gift_card": false, "requires_shipping": false, "total_discount": "0.00",
             "discount_allocations": [], "tax_lines": [], "duties": []}],
          "shipping_lines": [{"id": 3001, "title": "Standard", "code": "Standard", "price": "8.00", "discounted_price": "0.00",
                              "discount_allocations": [{"amount": "8.00", "discount_application_index": 0}], "tax_lines": []}],
          "refunds": []}}
        """;

    // One tee 40.00 (VAT 8.00), shipping 10.00 (VAT 2.00), import duties 6.00 on the tee (VAT 1.20), additional fees 3.50.
    // Total = 40.00 + 10.00 + 6.00 + 3.50 + 11.20 = 70.70.
    private const string DutiesAndFees = """
        {"order": {"id": 820982911946154700, "name": "#2002", "order_number": 2002, "created_at": "2026-03-03T10:00:00-05:00",
          "updated_at": "2026-03-03T10:05:00-05:00", "processed_at": "2026-03-03T10:00:00-05:00", "currency": "USD",
          "financial_status": "paid", "test": false, "taxes_included": false, "email": "bob@example.com",
          "total_line_items_price": "40.00", "subtotal_price": "40.00", "total_discounts": "0.00", "total_tax": "11.20",
          "total_price": "70.70", "total_tip_received": "0.00",
          "total_shipping_price_set": {"shop_money": {"amount": "10.00", "currency_code": "USD"}, "presentment_money": {"amount": "9.20", "currency_code": "GBP"}},
          "original_total_duties_set": {"shop_money": {"amount": "6.00", "currency_code": "USD"}, "presentment_money": {"amount": "4.80", "currency_code": "GBP"}},
          "current_total_duties_set": {"shop_money": {"amount": "6.00", "currency_code": "USD"}, "presentment_money": {"amount": "4.80", "currency_code": "GBP"}},
          "original_total_additional_fees_set": {"shop_money": {"amount": "3.50", "currency_code": "USD"}, "presentment_money": {"amount": "2.80", "currency_code": "GBP"}},
          "current_total_additional_fees_set": {"shop_money": {"amount": "3.50", "currency_code": "USD"}, "presentment_money": {"amount": "2.80", "currency_code": "GBP"}},
          "discount_applications": [], "discount_codes": [],
          "tax_lines": [{"title": "VAT", "price": "11.20", "rate": 0.2}],
          "line_items": [
            {"id": 9101, "variant_id": 101, "product_id": 201, "sku": "TEE-1", "title": "Organic Tee", "name": "Organic Tee",
             "variant_title": null, "quantity": 1, "price": "40.00", "taxable": true, "gift_card": false, "total_discount": "0.00",
             "discount_allocations": [], "tax_lines": [{"title": "VAT", "price": "8.00", "rate": 0.2}],
             "duties": [{"id": "2", "harmonized_system_code": "610910", "country_code_of_origin": "PT",
                         "shop_money": {"amount": "6.00", "currency_code": "USD"}, "presentment_money": {"amount": "4.80", "currency_code": "GBP"},
                         "tax_lines": [{"title": "VAT", "price": "1.20", "rate": 0.2}], "admin_graphql_api_id": "gid://shopify/Duty/2"}]}],
          "shipping_lines": [{"id": 3002, "title": "International", "code": "INTL", "price": "10.00", "discounted_price": "10.00",
                              "discount_allocations": [], "tax_lines": [{"title": "VAT", "price": "2.00", "rate": 0.2}]}],
          "refunds": []}}
        """;

    private static string Transaction(long orderId, long id, string amount) =>
        $$"""{"transactions": [{"id": {{id}}, "order_id": {{orderId}}, "kind": "sale", "status": "success", "gateway": "shopify_payments", "amount": "{{amount}}", "currency": "USD", "test": false, "processed_at": "2026-03-02T10:00:00-05:00"}]}""";

    [Fact]
    public async Task A_tip_line_is_a_tip_and_a_free_shipping_code_lowers_the_shipping_line()
    {
        await using var sync = await StoreSyncRig.StartAsync(StoreSyncRig.Shopify, QboCompanySettings.DefaultUs with { SalesTaxRatePercent = 8.25m });
        await sync.LoadOnlyAsync(Ct, TipAndFreeShipping, Transaction(820982911946154600, 1, "58.63"));

        var status = await sync.SyncAsync(Ct);

        Assert.Equal(1, StatusJson.Count(status, "orders.posted"));
        var document = Assert.Single(await sync.Books.SalesDocumentsAsync("shopify", "820982911946154600", Ct));
        var figures = QboDocumentFigures.Of(document, await sync.Books.ItemIdAsync("Shipping", Ct), await sync.Books.ItemIdAsync("Sales tax collected", Ct));
        Assert.Equal(58.63m, figures.Total);
        Assert.Equal(3.63m, figures.Tax);
        Assert.Equal(0.00m, figures.Shipping);
        Assert.Equal(0.00m, figures.Discount);
        var lines = ItemLines(document);
        Assert.Equal(5.00m, AmountOf(lines, await sync.Books.ItemIdAsync("Tips", Ct)));

        // The tip is not a product: no item was made for it, and the only product line is the tees'.
        Assert.Null(await sync.Books.ItemIdAsync("Tip", Ct));
        Assert.DoesNotContain(lines, l => ((string?)l["Description"])?.Contains("Tip", StringComparison.Ordinal) == true && Money(l["Amount"]) != 5.00m);
    }

    [Fact]
    public async Task Duties_and_additional_fees_post_on_their_items_with_their_tax()
    {
        await using var sync = await StoreSyncRig.StartAsync(StoreSyncRig.Shopify, QboCompanySettings.DefaultUs with { SalesTaxRatePercent = 8.25m });
        await sync.LoadOnlyAsync(Ct, DutiesAndFees, Transaction(820982911946154700, 2, "70.70"));

        var status = await sync.SyncAsync(Ct);

        Assert.Equal(1, StatusJson.Count(status, "orders.posted"));
        var document = Assert.Single(await sync.Books.SalesDocumentsAsync("shopify", "820982911946154700", Ct));
        var figures = QboDocumentFigures.Of(document, await sync.Books.ItemIdAsync("Shipping", Ct), await sync.Books.ItemIdAsync("Sales tax collected", Ct));
        Assert.Equal(70.70m, figures.Total);
        Assert.Equal(11.20m, figures.Tax);
        Assert.Equal(10.00m, figures.Shipping);
        Assert.Equal(0.00m, figures.Discount);
        var lines = ItemLines(document);
        Assert.Equal(6.00m, AmountOf(lines, await sync.Books.ItemIdAsync("Duties", Ct)));
        Assert.Equal(3.50m, AmountOf(lines, await sync.Books.ItemIdAsync("Fees", Ct)));
        Assert.Contains(lines, l => (string?)l["Description"] == "Duties: Organic Tee (HS 610910, from PT)");
    }

    private static List<JsonObject> ItemLines(JsonObject document) =>
        [.. document["Line"]!.AsArray().Select(l => l!.AsObject()).Where(l => (string?)l["DetailType"] == "SalesItemLineDetail")];

    private static decimal AmountOf(List<JsonObject> lines, string? itemId)
    {
        Assert.NotNull(itemId);
        return lines.Where(l => (string?)l["SalesItemLineDetail"]!["ItemRef"]!["value"] == itemId).Sum(l => Money(l["Amount"]));
    }

    private static decimal Money(JsonNode? node) =>
        decimal.Parse(node!.ToJsonString().Trim('"'), NumberStyles.Float, CultureInfo.InvariantCulture);
}
