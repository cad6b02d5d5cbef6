using System.IO.Compression;
using System.Text;
using StoreBooks.Core.Model;
using StoreBooks.Core.Sources;
using Xunit;
using static StoreBooks.Csv.Tests.Orders.ShopifyOrders;

namespace StoreBooks.Csv.Tests.Orders;

/// <summary>
/// Orders exports as merchants really have them: broken quotes, rows of the wrong width, other encodings, files that are not
/// CSV at all. Each problem is one message naming the file's physical lines; every well-formed order around it still reads.
/// </summary>
public sealed class MalformedOrderCsvTests : IDisposable
{
    private static readonly DateTimeOffset Created = new(2025, 10, 2, 17, 9, 34, TimeSpan.FromHours(-4));

    /// <summary>Paid at of <see cref="ShopifyOrders.First"/>: the order's latest time.</summary>
    private static readonly DateTimeOffset Paid = new(2025, 10, 2, 17, 9, 40, TimeSpan.FromHours(-4));

    private readonly TestFolder _folder = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _folder.Dispose();

    /// <summary>The CSV of orders, with <paramref name="note"/> (a value written once) opening a quote that is never closed.</summary>
    private static string WithStrayQuote(CsvText csv, string note)
    {
        var text = csv.ToCsv(Header);
        Assert.Equal(2, text.Split(note).Length);
        return text.Replace(note, "\"" + note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_quote_never_closed_in_the_last_row_is_one_problem_and_the_orders_before_it_read()
    {
        var csv = new CsvText()
            .Row(Simple("#1001"))
            .Row(Simple("#1002", values: [("Notes", "Gift wrap, please")]))
            .Row(Simple("#1003", values: [("Notes", "Leave it at the door")]));

        var (orders, problems) = await ReadAsync(WithStrayQuote(csv, "Leave it at the door"));

        Assert.Equal(["1001", "1002"], orders.Select(o => o.Number));
        Assert.Equal("Gift wrap, please", orders[1].Note);
        var problem = Assert.Single(problems);
        Assert.Equal(
            "orders.csv line 4 (order #1003): a value opens with a quote (\") that is never closed, so the line cannot be read; close the quote or remove it. " +
            "Nothing of the order was read.",
            problem.Message);
        Assert.Equal("1003", problem.OrderNumber);
        Assert.Null(problem.OrderId); // the Id column comes after Notes: the id cannot be told, so the problem holds the sync's cursor
        Assert.Equal("orders.csv line 4", problem.RecordId);
        Assert.Equal(Created, problem.UpdatedAt); // Created at and Paid at come before Notes
    }

    [Fact]
    public async Task A_quote_never_closed_in_a_middle_row_is_one_problem_and_the_orders_after_it_read()
    {
        var csv = new CsvText()
            .Row(Simple("#1001"))
            .Row(Simple("#1002", values: [("Notes", "Ring twice")]))
            .Row(Simple("#1003", values: [("Billing Company", "Café Olimpico, Inc.")]))
            .Row(Simple("#1004"));

        var (orders, problems) = await ReadAsync(WithStrayQuote(csv, "Ring twice"));

        Assert.Equal(["1001", "1003", "1004"], orders.Select(o => o.Number));
        Assert.Equal("Café Olimpico, Inc.", orders[1].BillingAddress!.Company);
        Assert.Equal(["orders.csv line 2", "orders.csv line 4", "orders.csv line 5"], orders.Select(o => o.Origin));
        var problem = Assert.Single(problems);
        Assert.StartsWith("orders.csv line 3 (order #1002): a value opens with a quote (\") that is never closed", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stray_quote_that_seems_to_close_lines_below_is_still_found_by_the_width_of_the_row_it_makes()
    {
        var csv = new CsvText()
            .Row(Simple("#1001"))
            .Row(Simple("#1002", values: [("Notes", "Ring twice")]))
            .Row(Simple("#1003", values: [("Lineitem name", "PLANTER")]))
            .Row(Simple("#1004"));

        // A spreadsheet writes a quote inside a value as it is when the value does not start with one: Planter 6" is text.
        var text = WithStrayQuote(csv, "Ring twice").Replace("PLANTER", "Ceramic Planter 6\"", StringComparison.Ordinal);
        var (orders, problems) = await ReadAsync(text);

        Assert.Equal(["1001", "1003", "1004"], orders.Select(o => o.Number));
        Assert.Equal("Ceramic Planter 6\"", orders[1].Lines.Single().Title);
        Assert.StartsWith("orders.csv line 3 (order #1002): a value opens with a quote (\") that is never closed", Assert.Single(problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_quote_never_closed_with_no_other_quote_after_it_leaves_every_later_order_readable()
    {
        var csv = new CsvText()
            .Row(Simple("#1001", values: [("Notes", "Ring twice")]))
            .Rows(Enumerable.Range(2, 5).Select(i => Simple($"#100{i}")));

        var (orders, problems) = await ReadAsync(WithStrayQuote(csv, "Ring twice"));

        Assert.Equal(["1002", "1003", "1004", "1005", "1006"], orders.Select(o => o.Number));
        Assert.StartsWith("orders.csv line 2 (order #1001): a value opens with a quote", Assert.Single(problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_broken_line_inside_an_order_refuses_the_whole_order_under_its_id()
    {
        var csv = new CsvText()
            .Row(Simple("#1001"))
            .Row(First("#1002", ("Subtotal", "30.00"), ("Total", "30.00"),
                ("Lineitem quantity", "1"), ("Lineitem name", "Canvas Tote Bag - Natural"), ("Lineitem price", "20.00")))
            .Row(Line("#1002", "1", "Field Notebook \"Pocket\" edition", "10.00"))
            .Row(Simple("#1003"));
        var text = csv.ToCsv(Header).Replace("\"Field Notebook \"\"Pocket\"\" edition\"", "\"Field Notebook \"Pocket\" edition\"", StringComparison.Ordinal);

        var (orders, problems) = await ReadAsync(text);

        Assert.Equal(["1001", "1003"], orders.Select(o => o.Number));
        var problem = Assert.Single(problems);
        Assert.Equal(
            "orders.csv line 4 (order #1002): a value in quotes is followed by more text before the next comma; a quote inside a value must be written twice (\"\"). " +
            "Nothing of the order was read.",
            problem.Message);
        Assert.Equal(("620145301002", "1002", Paid), (problem.OrderId, problem.OrderNumber, problem.UpdatedAt));
    }

    [Fact]
    public async Task A_quoted_value_with_line_breaks_spans_lines_and_later_lines_are_counted_as_the_file_has_them()
    {
        var csv = new CsvText()
            .Row(Simple("#1001", values: [("Notes", "Side door,\nsecond floor,\nthanks!")]))
            .Row(Simple("#1002", values: [("Total", "x")]));

        var (orders, problems) = await ReadAsync(csv.ToCsv(Header));

        var order = Assert.Single(orders);
        Assert.Equal("orders.csv lines 2-4", order.Origin);
        Assert.Equal("orders.csv lines 2-4", order.Lines.Single().Origin);
        Assert.StartsWith("orders.csv line 5 (order #1002)", Assert.Single(problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_row_cut_short_is_reported_and_the_orders_around_it_read()
    {
        var text = new CsvText().Row(Simple("#1001")).ToCsv(Header) + "#1002,ann@example.com,paid\n" + new CsvText().Row(Simple("#1003")).ToCsv(Header).Split('\n', 2)[1];

        var (orders, problems) = await ReadAsync(text);

        Assert.Equal(["1001", "1003"], orders.Select(o => o.Number));
        var problem = Assert.Single(problems);
        Assert.Equal("orders.csv line 3 (order #1002): the row has 3 of the 79 columns the header names; it may have been cut short or edited. Nothing of the order was read.", problem.Message);
        Assert.Equal("1002", problem.OrderNumber);
    }

    [Fact]
    public async Task A_row_with_too_many_fields_is_reported_and_empty_trailing_fields_are_not()
    {
        var lines = new CsvText().Row(Simple("#1001")).Row(Simple("#1002")).Row(Simple("#1003")).ToCsv(Header).Split('\n');
        lines[2] += ",Montréal";
        lines[3] += ",,";

        var (orders, problems) = await ReadAsync(string.Join('\n', lines));

        Assert.Equal(["1001", "1003"], orders.Select(o => o.Number));
        Assert.Equal(
            "orders.csv line 3 (order #1002): the row has 80 fields but the header names 79 columns; a value with a comma must be in quotes. Nothing of the order was read.",
            Assert.Single(problems).Message);
    }

    [Fact]
    public async Task A_file_saved_in_windows_1252_reads_its_accents()
    {
        var csv = new CsvText().Row(Simple("#1001", values: [("Billing Company", "Café Olimpico"), ("Lineitem name", "Crème brûlée torch"), ("Notes", "Merci • à bientôt")]));
        var windows1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252)!;
        var bytes = windows1252.GetBytes(csv.ToCsv(Header));
        Assert.Throws<DecoderFallbackException>(() => new UTF8Encoding(false, true).GetString(bytes));

        var (orders, problems) = await ReadAsync(bytes);

        Assert.Empty(problems);
        var order = Assert.Single(orders);
        Assert.Equal("Café Olimpico", order.BillingAddress!.Company);
        Assert.Equal("Montréal", order.BillingAddress.City);
        Assert.Equal("Crème brûlée torch", order.Lines.Single().Title);
        Assert.Equal("Merci • à bientôt", order.Note);
    }

    [Fact]
    public async Task A_file_with_a_utf8_byte_order_mark_reads_its_first_column()
    {
        var csv = new CsvText().Row(Simple("#1001", values: [("Billing Company", "Café Olimpico")]));
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv.ToCsv(Header))).ToArray();

        var (orders, problems) = await ReadAsync(bytes);

        Assert.Empty(problems);
        var order = Assert.Single(orders);
        Assert.Equal("1001", order.Number);
        Assert.Equal("Café Olimpico", order.BillingAddress!.Company);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\r\n\r\n  \n")]
    [InlineData("\uFEFF")]
    public async Task An_empty_file_is_one_clear_problem(string content)
    {
        var (orders, problems) = await ReadAsync(content);

        Assert.Empty(orders);
        var problem = Assert.Single(problems);
        Assert.Equal("orders.csv is empty. Export the file again from Shopify.", problem.Message);
        Assert.Null(problem.OrderId);
    }

    [Fact]
    public async Task A_header_alone_is_no_orders_and_no_problem()
    {
        var (orders, problems) = await ReadAsync(string.Join(',', Header) + "\n");

        Assert.Empty(orders);
        Assert.Empty(problems);
    }

    public static TheoryData<string> BinaryFiles => ["zip", "png"];

    [Theory]
    [MemberData(nameof(BinaryFiles))]
    public async Task A_binary_file_renamed_csv_is_one_problem(string kind)
    {
        var (orders, problems) = await ReadAsync(Binary(kind, new CsvText().Row(Simple("#1001")).ToCsv(Header)));

        Assert.Empty(orders);
        Assert.StartsWith("orders.csv is not a CSV text file", Assert.Single(problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_header_from_another_export_is_one_problem_naming_the_missing_columns()
    {
        var (orders, problems) = await ReadAsync("Name,Email,Total,Customer Id\n#1001,ann@example.com,10.00,42\n");

        Assert.Empty(orders);
        Assert.Equal(
            "orders.csv has no \"Financial Status\", \"Currency\", \"Created at\", \"Lineitem quantity\", \"Lineitem name\", \"Lineitem price\" column, " +
            "so it is not a Shopify orders export. Export the orders again from Shopify (Orders → Export).",
            Assert.Single(problems).Message);
    }

    [Fact]
    public async Task An_order_in_two_places_of_the_file_is_refused_whole_with_one_problem_naming_both()
    {
        var csv = new CsvText()
            .Row(First("#1001", ("Subtotal", "22.00"), ("Total", "22.00"),
                ("Lineitem quantity", "1"), ("Lineitem name", "Field Notebook"), ("Lineitem price", "12.00")))
            .Row(Line("#1001", "1", "Enamel Camp Mug", "10.00"))
            .Row(Simple("#1002"))
            .Row(Line("#1001", "1", "Linen Tea Towel", "16.00"))
            .Row(Simple("#1003"));

        var (orders, problems) = await ReadAsync(csv.ToCsv(Header));

        Assert.Equal(["1002", "1003"], orders.Select(o => o.Number));
        var problem = Assert.Single(problems);
        Assert.StartsWith("orders.csv lines 2-3 and line 5 (order #1001): the order's rows are in 2 places of the file, with other orders between them", problem.Message, StringComparison.Ordinal);
        Assert.Equal(("620145301001", "1001", Paid), (problem.OrderId, problem.OrderNumber, problem.UpdatedAt));
    }

    [Theory]
    [InlineData("$")]
    [InlineData("EURO")]
    [InlineData("XYZ")]
    [InlineData("C$")]
    public async Task A_currency_that_is_not_an_iso_4217_code_refuses_the_order_naming_it(string currency)
    {
        var csv = new CsvText().Row(Simple("#1001", values: [("Currency", currency)])).Row(Simple("#1002"));

        var (orders, problems) = await ReadAsync(csv.ToCsv(Header));

        Assert.Equal(["1002"], orders.Select(o => o.Number));
        var problem = Assert.Single(problems);
        Assert.StartsWith($"orders.csv line 2 (order #1001): Currency \"{currency}\" is not a three-letter ISO 4217 currency code", problem.Message, StringComparison.Ordinal);
        Assert.Equal("620145301001", problem.OrderId);
    }

    [Fact]
    public async Task A_currency_code_in_small_letters_is_read_in_capitals()
    {
        var (orders, problems) = await ReadAsync(new CsvText().Row(Simple("#1001", values: [("Currency", " usd ")])).ToCsv(Header));

        Assert.Empty(problems);
        Assert.Equal("USD", Assert.Single(orders).Currency);
    }

    [Fact]
    public async Task The_gift_card_column_marks_gift_cards_sold()
    {
        var header = Header.Append("Gift Card").ToArray();
        var csv = new CsvText()
            .Row(First("#1001", ("Subtotal", "62.00"), ("Total", "62.00"),
                ("Lineitem quantity", "1"), ("Lineitem name", "Maple Lane Gift Card - $50"), ("Lineitem price", "50.00"), ("Lineitem taxable", "false"), ("Gift Card", "true")))
            .Row(Line("#1001", "1", "Field Notebook", "12.00"))
            .Row(Simple("#1002", values: [("Gift Card", "perhaps")]));

        var (orders, problems) = await ReadAsync(csv.ToCsv(header));

        var order = Assert.Single(orders);
        Assert.Equal([true, false], order.Lines.Select(l => l.IsGiftCard));
        Assert.StartsWith("orders.csv line 4 (order #1002): Gift Card \"perhaps\" is not true or false", Assert.Single(problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_duties_column_is_import_duties_in_the_total_not_goods_nor_tax()
    {
        var header = Header.Append("Duties").ToArray();
        var csv = new CsvText()
            .Row(Simple("#1001", values: [("Total", "22.50"), ("Duties", "12.50")]))
            .Row(Simple("#1002", values: [("Duties", "-1.00")]))
            .Row(Simple("#1003", values: [("Total", "22.50")]));

        var (orders, problems) = await ReadAsync(csv.ToCsv(header));

        var order = Assert.Single(orders);
        Assert.Equal(12.50m, order.Totals.Duties);
        Assert.Equal(12.50m, Assert.Single(order.Duties).Amount);
        Assert.Empty(Assert.Single(order.Duties).Taxes);
        Assert.Equal(10.00m, order.Totals.LinesGross);
        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.Message.Contains("(order #1002)", StringComparison.Ordinal) && p.Message.Contains("Duties must not be negative", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Message.Contains("(order #1003)", StringComparison.Ordinal) && p.Message.Contains("but Total is 22.50", StringComparison.Ordinal));
    }

    [Fact]
    public async Task When_several_checks_fail_the_line_comes_before_the_totals_it_spoils()
    {
        var csv = new CsvText()
            .Row(First("#1001", ("Subtotal", "20.00"), ("Total", "25.00"), ("Discount Amount", "15.00"),
                ("Lineitem quantity", "1"), ("Lineitem name", "Field Notebook"), ("Lineitem price", "12.00"), ("Lineitem discount", "0.00")))
            .Row(Line("#1001", "1", "Enamel Camp Mug", "10.00", discount: "15.00"))
            .Row(First("#1002", ("Subtotal", "29.00"), ("Total", "31.00"),
                ("Lineitem quantity", "1"), ("Lineitem name", "Field Notebook"), ("Lineitem price", "12.00")))
            .Row(Line("#1002", "1", "Linen Tea Towel", "16.00"));

        var (orders, problems) = await ReadAsync(csv.ToCsv(Header));

        Assert.Empty(orders);
        Assert.Equal(
        [
            "orders.csv line 3 (order #1001): line 2 (Enamel Camp Mug): Lineitem discount 15.00 is outside 0 to the line's 1 × 10.00 = 10.00.",
            "orders.csv lines 4-5 (order #1002): Subtotal 29.00 is not lines 28.00 - discounts 0.00 = 28.00; the order was not read.",
        ], problems.Select(p => p.Message));
    }

    [Fact]
    public async Task Reading_by_id_gives_the_problem_while_the_order_is_broken_and_the_order_once_the_file_is_fixed()
    {
        var broken = new CsvText()
            .Row(Simple("#1001"))
            .Row(Simple("#1002", "20.00", values: [("Total", "2O.00")]))
            .Row(First("#1003", ("Subtotal", "30.00"), ("Total", "30.00"),
                ("Lineitem quantity", "1"), ("Lineitem name", "Canvas Tote Bag - Natural"), ("Lineitem price", "20.00")))
            .Row(Line("#1003", "1", "Field Notebook", "10,00"));
        var path = _folder.Write("orders.csv", broken.ToCsv(Header));
        var source = new CsvSource(new CsvSourceOptions { OrdersPath = path });
        string[] ids = ["620145301002", "620145301003", "999"];

        var (before, problems) = await GetAsync(source, ids);

        Assert.Empty(before);
        Assert.Equal(["620145301002", "620145301003"], problems.Select(p => p.OrderId));
        Assert.StartsWith("orders.csv line 3 (order #1002): Total \"2O.00\" is not a number", problems[0].Message, StringComparison.Ordinal);
        Assert.StartsWith("orders.csv line 5 (order #1003): Lineitem price \"10,00\" is not a number", problems[1].Message, StringComparison.Ordinal);

        var fixedCsv = new CsvText()
            .Row(Simple("#1001"))
            .Row(Simple("#1002", "20.00"))
            .Row(First("#1003", ("Subtotal", "30.00"), ("Total", "30.00"),
                ("Lineitem quantity", "1"), ("Lineitem name", "Canvas Tote Bag - Natural"), ("Lineitem price", "20.00")))
            .Row(Line("#1003", "1", "Field Notebook", "10.00"));
        _folder.Write("orders.csv", fixedCsv.ToCsv(Header));

        var (after, none) = await GetAsync(source, ids);

        Assert.Empty(none);
        Assert.Equal(["620145301002", "620145301003"], after.Select(o => o.SourceId));
        Assert.Equal(20.00m, after[0].Totals.Total);
    }

    [Fact]
    public async Task Reading_by_id_gives_the_problem_of_a_broken_line_and_of_an_order_in_two_places()
    {
        var csv = new CsvText()
            .Row(Simple("#1001"))
            .Row(First("#1002", ("Subtotal", "22.00"), ("Total", "22.00"),
                ("Lineitem quantity", "1"), ("Lineitem name", "Field Notebook"), ("Lineitem price", "12.00")))
            .Row(Line("#1002", "1", "Enamel Camp Mug", "10.00"))
            .Row(Simple("#1003"))
            .Row(Line("#1002", "1", "Linen Tea Towel", "16.00"));
        var source = new CsvSource(new CsvSourceOptions { OrdersPath = _folder.Write("orders.csv", csv.ToCsv(Header)) });

        var (orders, problems) = await GetAsync(source, ["620145301002"]);

        Assert.Empty(orders);
        Assert.StartsWith("orders.csv lines 3-4 and line 6 (order #1002)", Assert.Single(problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_header_repeated_where_two_exports_were_pasted_together_is_skipped()
    {
        var text = new CsvText().Row(Simple("#1001")).ToCsv(Header) + new CsvText().Row(Simple("#1002")).ToCsv(Header);

        var (orders, problems) = await ReadAsync(text);

        Assert.Empty(problems);
        Assert.Equal(["1001", "1002"], orders.Select(o => o.Number));
        Assert.Equal("orders.csv line 4", orders[1].Origin);
    }

    /// <summary>A zip archive holding <paramref name="csv"/>, or the start of a PNG image, as a merchant might rename one.</summary>
    internal static byte[] Binary(string kind, string csv)
    {
        if (kind == "png")
        {
            byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x10];
            return [.. png, .. Encoding.ASCII.GetBytes("not really an image")];
        }

        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = new StreamWriter(zip.CreateEntry("orders_export_1.csv").Open());
            entry.Write(csv);
        }

        return stream.ToArray();
    }

    private async Task<(List<StoreOrder> Orders, List<SourceProblem> Problems)> ReadAsync(string csv) =>
        await ReadAsync(new UTF8Encoding(false).GetBytes(csv));

    private async Task<(List<StoreOrder> Orders, List<SourceProblem> Problems)> ReadAsync(byte[] content)
    {
        var source = new CsvSource(new CsvSourceOptions { OrdersPath = _folder.WriteBytes("orders.csv", content) });
        var orders = new List<StoreOrder>();
        var problems = new List<SourceProblem>();
        await foreach (var page in source.ReadOrdersAsync(null, Ct))
        {
            orders.AddRange(page.Records);
            problems.AddRange(page.Problems);
        }

        return (orders, problems);
    }

    private static async Task<(List<StoreOrder> Orders, List<SourceProblem> Problems)> GetAsync(CsvSource source, IReadOnlyCollection<string> ids)
    {
        var orders = new List<StoreOrder>();
        var problems = new List<SourceProblem>();
        await foreach (var page in source.GetOrdersAsync(ids, Ct))
        {
            orders.AddRange(page.Records);
            problems.AddRange(page.Problems);
        }

        return (orders, problems);
    }
}
