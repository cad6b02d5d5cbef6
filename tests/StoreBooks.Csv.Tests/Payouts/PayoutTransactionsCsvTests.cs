using StoreBooks.Core.Model;
using StoreBooks.Core.Payouts;
using Xunit;

namespace StoreBooks.Csv.Tests.Payouts;

/// <summary>
/// Shopify's payment transactions export (Finance → Payouts → Export transactions) as a third source of payouts: rows grouped
/// into payouts, each movement tied to the order of the orders export it names, and a broken row holding back its payout alone.
/// </summary>
public sealed class PayoutTransactionsCsvTests
{
    private static readonly string[] Header =
    [
        "Transaction Date", "Type", "Order", "Card Brand", "Card Source", "Payout Status", "Payout Date", "Payout ID", "Available On", "Amount", "Fee", "Net",
        "Checkout", "Payment Method Name", "Presentment Amount", "Presentment Currency", "Currency",
    ];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Rows_become_payouts_whose_amount_is_the_net_of_their_movements_and_each_movement_names_its_orders_id()
    {
        using var folder = new TestFolder();
        var path = folder.Write("payment_transactions_export.csv", new CsvText().Rows(
        [
            Row("charge", "#1002", "paid", "2025-10-07", "501", "76.65", "2.52", "74.13"),
            Row("charge", "#1005", "paid", "2025-10-14", "502", "51.75", "1.80", "49.95"),
            Row("refund", "#1005", "paid", "2025-10-14", "502", "-27.60", "0.00", "-27.60"),
            Row("adjustment", "", "paid", "2025-10-14", "502", "1.25", "0.00", "1.25"),
            Row("charge", "#1006", "in_transit", "2025-10-21", "503", "40.00", "1.46", "38.54"),
            // Not in a payout yet: left out.
            Row("charge", "#1007", "pending", "", "", "20.00", "0.88", "19.12"),
        ]).ToCsv(Header));

        var (payouts, problems) = await ReadAsync(path);

        Assert.Empty(problems);
        Assert.Equal(["503", "502", "501"], payouts.Select(p => p.SourceId));
        var second = payouts.Single(p => p.SourceId == "502");
        Assert.Equal((StorePayoutState.Paid, new DateOnly(2025, 10, 14), "CAD", 23.60m), (second.State, second.IssuedOn, second.Currency, second.Amount));
        Assert.True(second.Sum().AddsUp);
        var orders = await DemoOrdersAsync();
        var order1005 = orders.Single(o => o.Number.TrimStart('#') == "1005");
        var charge = second.Transactions.Single(t => t.Category == StorePayoutTransactionCategory.Charge);
        Assert.Equal((order1005.SourceId, 51.75m, 1.80m, 49.95m), (charge.SourceOrderId, charge.Gross, charge.Fee, charge.Net));
        Assert.Contains(order1005.Payments, p => p.SourceId == charge.SourceOrderTransactionId && p.Kind == StorePaymentKind.Received);
        var refund = second.Transactions.Single(t => t.Category == StorePayoutTransactionCategory.Refund);
        Assert.Contains(order1005.Refunds.SelectMany(r => r.Payments), p => p.SourceId == refund.SourceOrderTransactionId);
        Assert.Null(second.Transactions.Single(t => t.Category == StorePayoutTransactionCategory.Adjustment).SourceOrderId);
        Assert.Equal(StorePayoutState.InTransit, payouts[0].State);
        Assert.DoesNotContain(payouts.SelectMany(p => p.Transactions), t => t.Net == 19.12m);
    }

    [Fact]
    public async Task A_row_for_the_transfer_itself_gives_the_amount_and_is_left_out_of_the_sum()
    {
        using var folder = new TestFolder();
        var path = folder.Write("payouts.csv", new CsvText().Rows(
        [
            Row("charge", "#1002", "paid", "2025-10-07", "601", "76.65", "2.52", "74.13"),
            Row("payout", "", "paid", "2025-10-07", "601", "-74.13", "0.00", "-74.13"),
        ]).ToCsv(Header));

        var (payouts, _) = await ReadAsync(path);

        Assert.Equal(74.13m, Assert.Single(payouts).Amount);
        Assert.True(payouts[0].Sum().AddsUp);
    }

    [Fact]
    public async Task A_broken_row_holds_back_its_payout_with_a_message_naming_the_file_payout_and_line_and_the_others_are_read()
    {
        using var folder = new TestFolder();
        var path = folder.Write("payment_transactions_export.csv", new CsvText().Rows(
        [
            Row("charge", "#1002", "paid", "2025-10-07", "701", "76.65", "2.52", "74.13"),
            Row("charge", "#1005", "paid", "2025-10-14", "702", "51,75", "1.80", "49.95"),
            Row("", "#1006", "paid", "2025-10-14", "702", "40.00", "1.46", "38.54"),
            Row("charge", "#1008", "paid", "14/10/2025", "703", "40.00", "1.46", "38.54"),
        ]).ToCsv(Header));

        var (payouts, problems) = await ReadAsync(path);

        Assert.Equal("701", Assert.Single(payouts).SourceId);
        Assert.Equal(2, problems.Count);
        var message = problems.Single(p => p.RecordId == "payout 702").Message;
        Assert.StartsWith("payment_transactions_export.csv, payout 702: line 3: Amount \"51,75\"", message, StringComparison.Ordinal);
        Assert.Contains("line 4: Type is empty", message, StringComparison.Ordinal);
        Assert.EndsWith("The payout is not read until the export is corrected.", message, StringComparison.Ordinal);
        Assert.Contains("Payout Date \"14/10/2025\" is not a date such as 2025-10-07", problems.Single(p => p.RecordId == "payout 703").Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_file_than_the_payments_export_is_named_with_the_columns_it_lacks()
    {
        using var folder = new TestFolder();
        var path = folder.Write("payouts.csv", "Date,Status,Amount\n2025-10-07,paid,74.13\n");

        var (payouts, problems) = await ReadAsync(path);

        Assert.Empty(payouts);
        var problem = Assert.Single(problems);
        Assert.Contains("payouts.csv has no Type, Order, Payout Status, Payout Date, Payout ID, Fee, Net column(s)", problem.Message, StringComparison.Ordinal);
        Assert.Contains("Export transactions", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_payouts_issued_on_or_after_the_day_asked_for_are_read_and_a_connection_without_the_file_has_none()
    {
        using var folder = new TestFolder();
        var path = folder.Write("payouts.csv", new CsvText().Rows(
        [
            Row("charge", "#1002", "paid", "2025-10-07", "801", "76.65", "2.52", "74.13"),
            Row("charge", "#1005", "paid", "2025-10-14", "802", "51.75", "1.80", "49.95"),
        ]).ToCsv(Header));

        var (payouts, _) = await ReadAsync(path, new DateOnly(2025, 10, 8));
        Assert.Equal("802", Assert.Single(payouts).SourceId);

        var without = new CsvSource(new CsvSourceOptions { OrdersPath = RepositoryFiles.Path("demo/orders.csv") });
        await foreach (var page in without.ReadPayoutsAsync(null, Ct))
        {
            Assert.Fail("a CSV connection without a payments export has no payouts");
        }
    }

    [Fact]
    public async Task The_demo_payments_export_reads_whole_and_every_payout_adds_up()
    {
        var (payouts, problems) = await ReadAsync(RepositoryFiles.Path("demo/payouts.csv"));

        Assert.Empty(problems);
        Assert.True(payouts.Count >= 8);
        Assert.All(payouts, p => Assert.True(p.Sum().AddsUp, p.SourceId));
        Assert.Contains(payouts, p => p.State == StorePayoutState.InTransit);
        var orders = (await DemoOrdersAsync()).Select(o => o.SourceId).ToHashSet();
        Assert.All(payouts.SelectMany(p => p.Transactions).Where(t => t.SourceOrderId is not null), t => Assert.Contains(t.SourceOrderId!, orders));
    }

    private static async Task<(List<StorePayout> Payouts, List<Core.Sources.SourceProblem> Problems)> ReadAsync(string payoutsPath, DateOnly? since = null)
    {
        var source = new CsvSource(new CsvSourceOptions
        {
            ProductsPath = RepositoryFiles.Path("demo/products.csv"),
            OrdersPath = RepositoryFiles.Path("demo/orders.csv"),
            PayoutsPath = payoutsPath,
        });
        var payouts = new List<StorePayout>();
        var problems = new List<Core.Sources.SourceProblem>();
        await foreach (var page in source.ReadPayoutsAsync(since, Ct))
        {
            payouts.AddRange(page.Records);
            problems.AddRange(page.Problems);
        }

        return (payouts, problems);
    }

    private static async Task<List<StoreOrder>> DemoOrdersAsync()
    {
        var source = new CsvSource(new CsvSourceOptions { ProductsPath = RepositoryFiles.Path("demo/products.csv"), OrdersPath = RepositoryFiles.Path("demo/orders.csv") });
        var orders = new List<StoreOrder>();
        await foreach (var page in source.ReadOrdersAsync(null, Ct))
        {
            orders.AddRange(page.Records);
        }

        return orders;
    }

    private static Dictionary<string, string> Row(string type, string order, string status, string payoutDate, string payoutId, string amount, string fee, string net) => new()
    {
        ["Transaction Date"] = "2025-10-05 10:00:00 -0400",
        ["Type"] = type,
        ["Order"] = order,
        ["Payout Status"] = status,
        ["Payout Date"] = payoutDate,
        ["Payout ID"] = payoutId,
        ["Amount"] = amount,
        ["Fee"] = fee,
        ["Net"] = net,
        ["Currency"] = "CAD",
    };
}
