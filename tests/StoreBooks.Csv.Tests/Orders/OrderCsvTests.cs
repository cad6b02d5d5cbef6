using System.Text.Json;
using StoreBooks.Core.Model;
using StoreBooks.Core.Sources;
using Xunit;
using static StoreBooks.Csv.Tests.Orders.ShopifyOrders;

namespace StoreBooks.Csv.Tests.Orders;

public sealed class OrderCsvTests : IDisposable
{
    private readonly TestFolder _folder = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _folder.Dispose();

    /// <summary>An order from Québec: three lines on three rows, shipping, GST and QST.</summary>
    private static CsvText QuebecOrder() => new CsvText()
        .Row(First("#1043",
            ("Subtotal", "130.00"), ("Shipping", "12.00"), ("Taxes", "21.26"), ("Total", "163.26"), ("Shipping Method", "Canada Post Expedited"),
            ("Tax 1 Name", "GST 5%"), ("Tax 1 Value", "7.10"), ("Tax 2 Name", "QST 9.975%"), ("Tax 2 Value", "14.16"),
            ("Lineitem quantity", "2"), ("Lineitem name", "Organic Cotton Tee - M / Navy"), ("Lineitem price", "32.00"), ("Lineitem sku", "MLG-TEE-M-NAV")))
        .Row(Line("#1043", "1", "Enamel Camp Mug", "18.00", "MLG-MUG"))
        .Row(Line("#1043", "3", "Linen Tea Towel", "16.00"));

    [Fact]
    public async Task A_multi_row_order_reads_into_lines_shipping_taxes_payment_and_customer()
    {
        var (orders, problems) = await ReadAsync(QuebecOrder().ToCsv(Header));

        Assert.Empty(problems);
        var order = Assert.Single(orders);
        Assert.Equal("620145301043", order.SourceId);
        Assert.Equal("1043", order.Number);
        Assert.Equal("CAD", order.Currency);
        Assert.Equal(FinancialStatus.Paid, order.FinancialStatus);
        Assert.Equal("paid", order.Status);
        Assert.Equal(new DateTimeOffset(2025, 10, 2, 17, 9, 34, TimeSpan.FromHours(-4)), order.CreatedAt);
        Assert.Equal(new DateTimeOffset(2025, 10, 2, 17, 9, 40, TimeSpan.FromHours(-4)), order.UpdatedAt);
        Assert.False(order.TaxesIncluded);
        Assert.False(order.IsTest);
        Assert.Equal("orders.csv lines 2-4", order.Origin);
        Assert.Equal(["orders.csv line 2", "orders.csv line 3", "orders.csv line 4"], order.Lines.Select(l => l.Origin));
        Assert.All(order.Lines, l => Assert.False(l.IsGiftCard));

        Assert.Equal([1, 2, 3], order.Lines.Select(l => l.Position));
        Assert.Equal(["1043:1", "1043:2", "1043:3"], order.Lines.Select(l => l.SourceId));
        Assert.Equal(["Organic Cotton Tee - M / Navy", "Enamel Camp Mug", "Linen Tea Towel"], order.Lines.Select(l => l.Title));
        Assert.Equal([2m, 1m, 3m], order.Lines.Select(l => l.Quantity));
        Assert.Equal([32.00m, 18.00m, 16.00m], order.Lines.Select(l => l.UnitPrice));
        Assert.Equal(["MLG-TEE-M-NAV", "MLG-MUG", null], order.Lines.Select(l => l.Sku));

        // GST 7.10 and QST 14.16 spread over 64 + 18 + 48 of lines and 12 of shipping.
        Assert.Equal([3.20m, 0.90m, 2.40m], order.Lines.Select(l => l.Taxes.Single(t => t.Name == "GST").Amount));
        Assert.Equal([6.38m, 1.79m, 4.79m], order.Lines.Select(l => l.Taxes.Single(t => t.Name == "QST").Amount));
        var shipping = Assert.Single(order.Shipping);
        Assert.Equal("Canada Post Expedited", shipping.Title);
        Assert.Equal(12.00m, shipping.Amount);
        Assert.Equal([new StoreTax("GST", 0.05m, 0.60m), new StoreTax("QST", 0.09975m, 1.20m)], shipping.Taxes);

        Assert.Equal(new StoreOrderTotals { LinesGross = 130.00m, Discounts = 0m, Shipping = 12.00m, Tax = 21.26m, Total = 163.26m }, order.Totals);
        var payment = Assert.Single(order.Payments);
        Assert.Equal(("Shopify Payments", StorePaymentKind.Received, 163.26m), (payment.Gateway, payment.Kind, payment.Amount));
        Assert.Empty(order.Refunds);

        Assert.Equal("marie.tremblay@example.com", order.Customer!.SourceId);
        Assert.Equal("Marie.Tremblay@example.com", order.Customer.Email);
        Assert.Equal(("Marie", "Tremblay"), (order.Customer.FirstName, order.Customer.LastName));
        Assert.Equal(new StoreAddress
        {
            Name = "Marie Tremblay", Line1 = "4521 Rue Saint-Denis", City = "Montréal", Region = "QC", PostalCode = "H2J 2L2", Country = "CA",
        }, order.BillingAddress);
        Assert.Equal(order.BillingAddress, order.ShippingAddress);
    }

    [Fact]
    public async Task Columns_in_another_order_read_the_same()
    {
        var csv = QuebecOrder();
        var random = new Random(1043);
        var shuffled = Header.OrderBy(_ => random.Next()).ToArray();
        Assert.NotEqual(Header, shuffled);

        var (expected, _) = await ReadAsync(csv.ToCsv(Header));
        var (actual, problems) = await ReadAsync(csv.ToCsv(shuffled));

        Assert.Empty(problems);
        Assert.Equal(JsonSerializer.Serialize(expected), JsonSerializer.Serialize(actual));
    }

    [Fact]
    public async Task An_older_export_with_fewer_columns_reads_by_name()
    {
        var csv = new CsvText()
            .Row(First("#1001", ("Subtotal", "40.00"), ("Shipping", "9.00"), ("Taxes", "2.45"), ("Total", "51.45"),
                ("Lineitem quantity", "2"), ("Lineitem name", "Wool Hiking Socks - S/M"), ("Lineitem price", "20.00")));

        var (orders, problems) = await ReadAsync(csv.ToCsv(OldHeader));

        Assert.Empty(problems);
        var order = Assert.Single(orders);
        Assert.Equal("1001", order.SourceId); // no Id column: the order's number
        Assert.Equal("unknown", order.Payments.Single().Gateway);
        var tax = Assert.Single(order.Lines.Single().Taxes);
        Assert.Equal("Tax", tax.Name);
        Assert.Equal(0m, tax.Rate);
        Assert.Equal(2.45m, tax.Amount + order.Shipping.Single().Taxes.Single().Amount);
    }

    [Fact]
    public async Task An_order_discount_is_spread_over_the_lines_to_the_cent_with_the_remainder_on_the_largest()
    {
        var csv = new CsvText()
            .Row(First("#1002", ("Subtotal", "50.00"), ("Total", "52.50"), ("Taxes", "2.50"), ("Discount Code", "FALL10"), ("Discount Amount", "10.00"),
                ("Tax 1 Name", "GST 5%"), ("Tax 1 Value", "2.50"),
                ("Lineitem quantity", "1"), ("Lineitem name", "Canvas Tote Bag - Natural"), ("Lineitem price", "20.00")))
            .Row(Line("#1002", "1", "Canvas Tote Bag - Black", "20.00"))
            .Row(Line("#1002", "2", "Hand-Poured Soap Bar - Cedar", "10.00"));

        var (orders, problems) = await ReadAsync(csv.ToCsv(Header));

        Assert.Empty(problems);
        var order = Assert.Single(orders);
        Assert.Equal([3.34m, 3.33m, 3.33m], order.Lines.Select(l => l.Discount));
        Assert.Equal(10.00m, order.Lines.Sum(l => l.Discount));
        Assert.Equal([16.66m, 16.67m, 16.67m], order.Lines.Select(l => l.NetAmount));

        // GST 2.50 over 16.66, 16.67, 16.67: 0.83 each, and the cent left over on the largest line.
        Assert.Equal([0.83m, 0.84m, 0.83m], order.Lines.Select(l => l.Taxes.Single().Amount));
        Assert.Equal(["FALL10"], order.DiscountCodes);
        Assert.Equal(10.00m, order.Totals.Discounts);
    }

    [Fact]
    public async Task Line_discounts_are_kept_and_the_rest_of_the_order_discount_is_spread()
    {
        var csv = new CsvText()
            .Row(First("#1003", ("Subtotal", "34.20"), ("Shipping", "9.00"), ("Total", "43.20"), ("Discount Amount", "13.80"),
                ("Lineitem quantity", "2"), ("Lineitem name", "Enamel Camp Mug"), ("Lineitem price", "18.00"), ("Lineitem discount", "9.00")))
            .Row(Line("#1003", "1", "Field Notebook", "12.00", discount: "0.00"));

        var (orders, problems) = await ReadAsync(csv.ToCsv(Header));

        Assert.Empty(problems);
        var order = Assert.Single(orders);
        Assert.Equal([12.32m, 1.48m], order.Lines.Select(l => l.Discount));
        Assert.Equal(13.80m, order.Lines.Sum(l => l.Discount));
        Assert.All(order.Lines, l => Assert.Empty(l.Taxes));
    }

    [Fact]
    public async Task A_tax_charged_on_the_lines_only_stays_off_shipping_and_non_taxable_lines()
    {
        var csv = new CsvText()
            .Row(First("#1004", ("Currency", "USD"), ("Subtotal", "29.00"), ("Shipping", "10.00"), ("Taxes", "1.74"), ("Total", "40.74"),
                ("Tax 1 Name", "CA State Tax 7.25%"), ("Tax 1 Value", "1.74"),
                ("Lineitem quantity", "2"), ("Lineitem name", "Field Notebook"), ("Lineitem price", "12.00")))
            .Row(Line("#1004", "1", "Donation - Food Bank", "5.00", taxable: "false"));

        var (orders, problems) = await ReadAsync(csv.ToCsv(Header));

        Assert.Empty(problems);
        var order = Assert.Single(orders);
        Assert.Equal([new StoreTax("CA State Tax", 0.0725m, 1.74m)], order.Lines[0].Taxes);
        Assert.False(order.Lines[1].Taxable);
        Assert.Empty(order.Lines[1].Taxes);
        Assert.Empty(order.Shipping.Single().Taxes);
    }

    [Fact]
    public async Task Prices_that_include_tax_are_recognised_by_the_totals()
    {
        var csv = new CsvText()
            .Row(First("#1005", ("Currency", "EUR"), ("Subtotal", "59.50"), ("Shipping", "5.95"), ("Taxes", "10.45"), ("Total", "65.45"),
                ("Tax 1 Name", "DE MwSt 19%"), ("Tax 1 Value", "10.45"),
                ("Lineitem quantity", "1"), ("Lineitem name", "Birch Cutting Board - Large"), ("Lineitem price", "59.50")));

        var (orders, problems) = await ReadAsync(csv.ToCsv(Header));

        Assert.Empty(problems);
        var order = Assert.Single(orders);
        Assert.True(order.TaxesIncluded);
        Assert.Equal(new StoreTax("DE MwSt", 0.19m, 9.50m), order.Lines.Single().Taxes.Single());
        Assert.Equal(new StoreTax("DE MwSt", 0.19m, 0.95m), order.Shipping.Single().Taxes.Single());
    }

    [Fact]
    public async Task Bad_values_are_reported_with_their_line_one_problem_per_order_and_the_other_orders_are_read()
    {
        var csv = new CsvText()
            .Row(Simple("#1001"))
            .Row(Simple("#1002", "20.00"))
            .Row(Line("#1002", "1", "Enamel Camp Mug", "12,5O"))
            .Row(Simple("#1003", created: "02/10/2025 17:09"))
            .Row(Simple("#1004", values: [("Financial Status", "settled")]))
            .Row(Simple("#1005"));

        var (orders, problems) = await ReadAsync(csv.ToCsv(Header));

        Assert.Equal(["1001", "1005"], orders.Select(o => o.Number));
        Assert.Equal(
        [
            "orders.csv line 4 (order #1002): Lineitem price \"12,5O\" is not a number (write it like 12.50).",
            "orders.csv line 5 (order #1003): Created at \"02/10/2025 17:09\" is not a date and time like 2025-10-02 17:09:34 -0300. " +
            "Also orders.csv line 5: Paid at \"02/10/2025 17:09\" is not a date and time like 2025-10-02 17:09:34 -0300.",
            "orders.csv line 6 (order #1004): Financial Status \"settled\" is not one StoreBooks knows (pending, authorized, partially_paid, paid, partially_refunded, refunded, voided, expired).",
        ], problems.Select(p => p.Message));
        Assert.Equal(["620145301002", "620145301003", "620145301004"], problems.Select(p => p.RecordId));
        Assert.Equal(["620145301002", "620145301003", "620145301004"], problems.Select(p => p.OrderId));
        Assert.Equal(["1002", "1003", "1004"], problems.Select(p => p.OrderNumber));
        Assert.Equal([Created, null, Created], problems.Select(p => p.UpdatedAt));
    }

    [Fact]
    public async Task An_order_whose_figures_do_not_add_up_is_reported_not_read()
    {
        var csv = new CsvText()
            .Row(Simple("#1001"))
            .Row(First("#1002", ("Subtotal", "30.00"), ("Shipping", "5.00"), ("Taxes", "1.75"), ("Total", "37.75"),
                ("Lineitem quantity", "1"), ("Lineitem name", "Canvas Tote Bag - Natural"), ("Lineitem price", "28.00")))
            .Row(Line("#1002", "1", "Field Notebook", "2.00"))
            .Row(Simple("#1003"));

        var (orders, problems) = await ReadAsync(csv.ToCsv(Header));

        Assert.Equal(["1001", "1003"], orders.Select(o => o.Number));
        var problem = Assert.Single(problems);
        Assert.Equal(
            "orders.csv lines 3-4 (order #1002): lines 30.00 - discounts 0.00 + shipping 5.00 + taxes 1.75 = 36.75, but Total is 37.75; " +
            "the order was not read so that no wrong sale is posted. Check the order in Shopify, then export it again.",
            problem.Message);
    }

    [Fact]
    public async Task A_difference_of_one_cent_is_rounding_and_is_accepted()
    {
        var csv = new CsvText().Row(Simple("#1001", "10.00", values: [("Total", "10.01"), ("Subtotal", "10.00")]));

        var (orders, problems) = await ReadAsync(csv.ToCsv(Header));

        Assert.Empty(problems);
        Assert.Equal(10.01m, Assert.Single(orders).Totals.Total);
    }

    [Fact]
    public async Task Quoted_fields_with_commas_and_line_breaks_and_a_byte_order_mark_read_and_lines_count_as_the_file_has_them()
    {
        var csv = new CsvText()
            .Row(Simple("#1001", values: [("Notes", "Leave it at the side door,\nthanks!"), ("Billing Company", "Café Olimpico, Inc."), ("Lineitem name", "Ceramic Planter - 6\"")]))
            .Row(Simple("#1002", values: [("Total", "x")]));

        var (orders, problems) = await ReadAsync(csv.ToCsv(Header), byteOrderMark: true);

        var order = Assert.Single(orders);
        Assert.Equal("Leave it at the side door,\nthanks!", order.Note);
        Assert.Equal("Café Olimpico, Inc.", order.BillingAddress!.Company);
        Assert.Equal("Café Olimpico, Inc.", order.Customer!.Company);
        Assert.Equal("Ceramic Planter - 6\"", order.Lines.Single().Title);
        Assert.Equal("orders.csv lines 2-3", order.Origin);
        Assert.Equal("orders.csv line 4 (order #1002): Total \"x\" is not a number (write it like 12.50).", Assert.Single(problems).Message);
    }

    [Theory]
    [InlineData("Tags", "vip, Test", true)]
    [InlineData("Tags", "contest-winner, vip", false)]
    [InlineData("Source", "test", true)]
    [InlineData("Payment Method", "bogus", true)]
    [InlineData("Source", "web", false)]
    public async Task Test_orders_are_recognised(string column, string value, bool isTest)
    {
        var csv = new CsvText().Row(Simple("#1001", values: [(column, value)]));

        var (orders, _) = await ReadAsync(csv.ToCsv(Header));

        Assert.Equal(isTest, Assert.Single(orders).IsTest);
    }

    [Fact]
    public async Task A_cancelled_and_refunded_order_has_its_refund_as_one_adjustment()
    {
        var csv = new CsvText().Row(Simple("#1001", "25.00", values:
        [
            ("Financial Status", "refunded"), ("Cancelled at", "2025-10-03 09:00:00 -0400"), ("Refunded Amount", "25.00"),
        ]));

        var (orders, problems) = await ReadAsync(csv.ToCsv(Header));

        Assert.Empty(problems);
        var order = Assert.Single(orders);
        var cancelledAt = new DateTimeOffset(2025, 10, 3, 9, 0, 0, TimeSpan.FromHours(-4));
        Assert.Equal(cancelledAt, order.CancelledAt);
        Assert.Equal(cancelledAt, order.UpdatedAt);
        Assert.Equal(FinancialStatus.Refunded, order.FinancialStatus);
        var refund = Assert.Single(order.Refunds);
        Assert.Equal((25.00m, 25.00m, cancelledAt), (refund.Adjustment, refund.Total, refund.CreatedAt));
        Assert.Empty(refund.Lines);
        Assert.Contains("gives only the Refunded Amount", refund.Note, StringComparison.Ordinal);
        Assert.Equal([(StorePaymentKind.Received, 25.00m), (StorePaymentKind.Refunded, 25.00m)], order.Payments.Select(p => (p.Kind, p.Amount)));
        Assert.Equal(refund.Payments.Single(), order.Payments[1]);
    }

    [Theory]
    [InlineData("pending", FinancialStatus.Pending, 0)]
    [InlineData("authorized", FinancialStatus.Authorized, 0)]
    [InlineData("voided", FinancialStatus.Voided, 0)]
    [InlineData("partially_paid", FinancialStatus.PartiallyPaid, 6)]
    [InlineData("partially_refunded", FinancialStatus.PartiallyRefunded, 10)]
    public async Task Financial_status_decides_what_was_received(string status, FinancialStatus expected, int received)
    {
        var outstanding = status is "pending" or "authorized" ? "10.00" : status == "partially_paid" ? "4.00" : "0.00";
        var csv = new CsvText().Row(Simple("#1001", values: [("Financial Status", status), ("Outstanding Balance", outstanding)]));

        var (orders, problems) = await ReadAsync(csv.ToCsv(Header));

        Assert.Empty(problems);
        var order = Assert.Single(orders);
        Assert.Equal(expected, order.FinancialStatus);
        Assert.Equal(received, order.Payments.Where(p => p.Kind == StorePaymentKind.Received).Sum(p => p.Amount));
    }

    [Fact]
    public async Task A_file_without_the_order_columns_is_one_problem()
    {
        var (orders, problems) = await ReadAsync("Handle,Title,Variant Price\norganic-tee,Organic Cotton Tee,32.00\n");

        Assert.Empty(orders);
        var problem = Assert.Single(problems);
        Assert.Equal("orders.csv", problem.RecordId);
        Assert.StartsWith("orders.csv has no \"Name\", \"Financial Status\", \"Currency\", \"Total\", \"Created at\", \"Lineitem quantity\"", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Changed_since_reads_orders_created_paid_or_cancelled_at_or_after_it()
    {
        var csv = new CsvText()
            .Row(Simple("#1001", created: "2025-10-01 10:00:00 -0400"))
            .Row(Simple("#1002", created: "2025-10-05 10:00:00 -0400", values: [("Financial Status", "refunded"), ("Refunded Amount", "10.00"), ("Cancelled at", "2025-10-07 08:00:00 -0400")]))
            .Row(Simple("#1003", created: "2025-10-06 00:30:00 -0400", values: [("Total", "bad")]))
            .Row(Simple("#1004", created: "2025-10-04 10:00:00 -0400", values: [("Total", "bad")]))
            .Row(Simple("#1005", created: "2025-10-10 10:00:00 -0400"));
        var since = new DateTimeOffset(2025, 10, 6, 0, 0, 0, TimeSpan.FromHours(-4));

        // The file as the last sync read it: written before the cursor.
        var (orders, problems) = await ReadAsync(csv.ToCsv(Header), since, writtenAt: since.AddDays(-1));

        Assert.Equal(["1002", "1005"], orders.Select(o => o.Number));
        Assert.Equal(["620145301003"], problems.Select(p => p.RecordId)); // #1004's problem is older than the cursor
    }

    [Fact]
    public async Task A_file_written_since_the_cursor_is_read_whole_as_a_new_export_may_add_or_change_an_old_order()
    {
        var csv = new CsvText()
            .Row(Simple("#1001", created: "2025-10-01 10:00:00 -0400"))
            .Row(Simple("#1004", created: "2025-10-04 10:00:00 -0400", values: [("Total", "bad")]))
            .Row(Simple("#1005", created: "2025-10-10 10:00:00 -0400"));
        var since = new DateTimeOffset(2025, 10, 6, 0, 0, 0, TimeSpan.FromHours(-4));

        var (orders, problems) = await ReadAsync(csv.ToCsv(Header), since, writtenAt: since);

        Assert.Equal(["1001", "1005"], orders.Select(o => o.Number));
        Assert.Equal(["620145301004"], problems.Select(p => p.RecordId));
    }

    [Fact]
    public async Task Orders_come_in_pages()
    {
        var csv = new CsvText().Rows(Enumerable.Range(1, 450).Select(i => Simple($"#{1000 + i}")));
        var path = _folder.Write("orders.csv", csv.ToCsv(Header));
        var source = new CsvSource(new CsvSourceOptions { OrdersPath = path, PageSize = 200 });

        var sizes = new List<int>();
        await foreach (var page in source.ReadOrdersAsync(null, Ct))
        {
            sizes.Add(page.Records.Count);
        }

        Assert.Equal([200, 200, 50], sizes);
    }

    [Fact]
    public async Task Lines_are_matched_to_the_product_export_by_sku_then_by_name()
    {
        var products = """
            Handle,Title,Option1 Name,Option1 Value,Option2 Name,Option2 Value,Variant SKU,Variant Price
            organic-tee,Organic Cotton Tee,Size,M,Color,Navy,MLG-TEE-M-NAV,32.00
            organic-tee,,,L,,Navy,MLG-TEE-L-NAV,32.00
            linen-tea-towel,Linen Tea Towel,Title,Default Title,,,,16.00
            """;
        var csv = QuebecOrder();

        var (orders, problems) = await ReadAsync(csv.ToCsv(Header), productsCsv: products);

        Assert.Empty(problems);
        var lines = Assert.Single(orders).Lines;
        Assert.Equal(["organic-tee:M / Navy", null, "linen-tea-towel"], lines.Select(l => l.ProductSourceId));
        Assert.Equal(["Organic Cotton Tee", "Enamel Camp Mug", "Linen Tea Towel"], lines.Select(l => l.Title));
        Assert.Equal(["M / Navy", null, null], lines.Select(l => l.VariantTitle));
    }

    [Fact]
    public async Task Skus_match_the_product_export_whatever_their_case_and_surrounding_spaces()
    {
        var products = """
            Handle,Title,Option1 Name,Option1 Value,Variant SKU,Variant Price
            camp-mug,Enamel Camp Mug,Title,Default Title, mlg-mug ,18.00
            field-notebook,Field Notebook,Title,Default Title,MLG-NB,12.00
            """;
        var csv = new CsvText()
            .Row(First("#1001", ("Subtotal", "30.00"), ("Total", "30.00"),
                ("Lineitem quantity", "1"), ("Lineitem name", "Mug (old name)"), ("Lineitem price", "18.00"), ("Lineitem sku", "  MLG-Mug")))
            .Row(Line("#1001", "1", "Notebook (old name)", "12.00", sku: "mlg-nb "));

        var (orders, problems) = await ReadAsync(csv.ToCsv(Header), productsCsv: products);

        Assert.Empty(problems);
        var lines = Assert.Single(orders).Lines;
        Assert.Equal(["camp-mug", "field-notebook"], lines.Select(l => l.ProductSourceId));
        Assert.Equal(["Enamel Camp Mug", "Field Notebook"], lines.Select(l => l.Title));
    }

    private static readonly DateTimeOffset Created = new(2025, 10, 2, 17, 9, 34, TimeSpan.FromHours(-4));

    private async Task<(List<StoreOrder> Orders, List<SourceProblem> Problems)> ReadAsync(
        string ordersCsv, DateTimeOffset? changedSince = null, string? productsCsv = null, bool byteOrderMark = false, DateTimeOffset? writtenAt = null)
    {
        var options = new CsvSourceOptions
        {
            OrdersPath = _folder.Write("orders.csv", ordersCsv, byteOrderMark),
            ProductsPath = productsCsv is null ? null : _folder.Write("products.csv", productsCsv),
        };
        if (writtenAt is { } written)
        {
            File.SetLastWriteTimeUtc(options.OrdersPath, written.UtcDateTime);
        }

        var orders = new List<StoreOrder>();
        var problems = new List<SourceProblem>();
        await foreach (var page in new CsvSource(options).ReadOrdersAsync(changedSince, Ct))
        {
            orders.AddRange(page.Records);
            problems.AddRange(page.Problems);
        }

        return (orders, problems);
    }
}
