using StoreBooks.Core.Model;
using StoreBooks.Core.Sources;
using StoreBooks.Testing;
using Xunit;

namespace StoreBooks.Csv.Tests.Adversarial;

/// <summary>
/// The orders export read oldest placed first in windows (README: "A CSV export is read the same way, oldest placed first, 2,000
/// orders at a time"), attacked with what merchants' files hold: many orders in one second across window ends, a file written
/// newest first, placing times on both sides of a daylight-saving change, and broken rows inside a window. Whatever the window,
/// every readable order comes once, in placing order, and a broken one is a problem of its own while the rest come.
/// </summary>
public sealed class PlacingWindowAdversarialTests : IDisposable
{
    private static readonly string Demo = File.ReadAllText(RepositoryFiles.Path("demo/orders.csv"));

    private readonly string _folder = Directory.CreateTempSubdirectory("storebooks-csv-windows-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private CsvSource Source(string orders, int window, int pageSize)
    {
        var path = Path.Combine(Directory.CreateDirectory(Path.Combine(_folder, Guid.NewGuid().ToString("N"))).FullName, "orders.csv");
        File.WriteAllText(path, orders);
        return new CsvSource(new CsvSourceOptions
        {
            ProductsPath = RepositoryFiles.Path("demo/products.csv"),
            OrdersPath = path,
            PageSize = pageSize,
            PlacingWindow = window,
        });
    }

    private static async Task<(List<StoreOrder> Orders, List<SourceProblem> Problems)> AllAsync(IAsyncEnumerable<SourcePage<StoreOrder>> pages)
    {
        var orders = new List<StoreOrder>();
        var problems = new List<SourceProblem>();
        await foreach (var page in pages)
        {
            orders.AddRange(page.Records);
            problems.AddRange(page.Problems);
        }

        return (orders, problems);
    }

    /// <summary>Each order once, placing times never going back, the same orders as the export read in its own order.</summary>
    private static void AssertPlacingOrder(IReadOnlyList<StoreOrder> placed, IReadOnlyList<StoreOrder> inFileOrder)
    {
        var repeated = placed.GroupBy(o => o.Number).Where(g => g.Count() > 1).Select(g => $"#{g.Key} x{g.Count()}").ToList();
        Assert.True(repeated.Count == 0, $"orders read more than once: {string.Join(", ", repeated)}");
        var missing = inFileOrder.Select(o => o.Number).Except(placed.Select(o => o.Number)).ToList();
        Assert.True(missing.Count == 0, $"orders never read in placing order: {string.Join(", ", missing)}");
        Assert.Equal(inFileOrder.Count, placed.Count);
        for (var i = 1; i < placed.Count; i++)
        {
            Assert.True(placed[i].CreatedAt >= placed[i - 1].CreatedAt,
                $"#{placed[i].Number} (placed {placed[i].CreatedAt:O}) came after #{placed[i - 1].Number} (placed {placed[i - 1].CreatedAt:O})");
        }
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 1)]
    [InlineData(2, 3)]
    [InlineData(3, 2)]
    [InlineData(5, 5)]
    public async Task Orders_sharing_one_second_across_window_ends_come_once_each_and_a_read_from_that_second_has_them_all(int window, int pageSize)
    {
        var text = OrdersExportText.Parse(Demo);
        var second = text.Field("#1020", "Created at");
        for (var i = 1; i <= 5; i++)
        {
            text.Clone("#1019", $"#30{i:00}", $"62077700000{i:00}", second);
        }

        var source = Source(text.ToString(), window, pageSize);
        var (inFileOrder, fileProblems) = await AllAsync(source.ReadOrdersAsync(null, Ct));
        var (placed, problems) = await AllAsync(source.ReadOrdersByPlacingAsync(null, null, Ct));

        Assert.Empty(fileProblems);
        Assert.Empty(problems);
        Assert.Equal(45, inFileOrder.Count);
        AssertPlacingOrder(placed, inFileOrder);

        var at = inFileOrder.Single(o => o.Number == "1020").CreatedAt;
        var (fromThen, _) = await AllAsync(source.ReadOrdersByPlacingAsync(null, at, Ct));
        var expected = inFileOrder.Where(o => o.CreatedAt >= at).Select(o => o.Number).Order().ToList();
        Assert.Equal(26, expected.Count); // #1020 to #1040, and the five placed in #1020's second
        Assert.Equal(expected, fromThen.Select(o => o.Number).Order().ToList());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(2_000)]
    public async Task An_export_written_newest_first_comes_oldest_placed_first(int window)
    {
        // Shopify's admin lists orders newest first, and an export of a filtered list keeps that order.
        var text = OrdersExportText.Parse(Demo);
        var newestFirst = OrdersExportText.Parse(Demo);
        newestFirst.Rows.Clear();
        foreach (var name in text.OrderNames.Reverse())
        {
            newestFirst.Rows.AddRange(text.RowsOf(name));
        }

        var source = Source(newestFirst.ToString(), window, 2);
        var (inFileOrder, _) = await AllAsync(source.ReadOrdersAsync(null, Ct));
        var (placed, problems) = await AllAsync(source.ReadOrdersByPlacingAsync(null, null, Ct));

        Assert.Empty(problems);
        Assert.Equal("1040", inFileOrder[0].Number);
        AssertPlacingOrder(placed, inFileOrder);
        Assert.Equal("1001", placed[0].Number);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Placing_times_across_a_daylight_saving_change_are_ordered_by_the_instant_not_the_wall_clock(int window)
    {
        // On 2025-11-02 Toronto's clocks went back: 01:30 -0400 (05:30 UTC) comes before 01:10 -0500 (06:10 UTC), though its wall
        // clock reads later. The file has the later one first.
        var text = OrdersExportText.Parse(Demo)
            .Clone("#1021", "#4002", "6204440000002", "2025-11-02 01:10:00 -0500")
            .Clone("#1020", "#4001", "6204440000001", "2025-11-02 01:30:00 -0400");
        var source = Source(text.ToString(), window, 1);
        var (inFileOrder, _) = await AllAsync(source.ReadOrdersAsync(null, Ct));
        var (placed, problems) = await AllAsync(source.ReadOrdersByPlacingAsync(null, null, Ct));

        Assert.Empty(problems);
        AssertPlacingOrder(placed, inFileOrder);
        var numbers = placed.Select(o => o.Number).ToList();
        Assert.True(numbers.IndexOf("4001") < numbers.IndexOf("4002"), $"#4002 came before #4001: {string.Join(",", numbers)}");

        var (fromSix, _) = await AllAsync(source.ReadOrdersByPlacingAsync(null, new DateTimeOffset(2025, 11, 2, 6, 0, 0, TimeSpan.Zero), Ct));
        Assert.Contains("4002", fromSix.Select(o => o.Number));
        Assert.DoesNotContain("4001", fromSix.Select(o => o.Number));
    }

    [Theory]
    [InlineData("Total", "62.O9")]
    [InlineData("Created at", "10/15/2025 20:46")]
    [InlineData("Lineitem quantity", "two")]
    public async Task A_broken_row_inside_a_window_is_one_problem_naming_its_order_and_line_and_every_other_order_comes(string column, string value)
    {
        // Windows of 4, pages of 3: order #1010 sits inside a window. README: a broken record "is one issue naming its lines, while
        // every readable order before and after it syncs" — also when the export is read a window at a time.
        var text = OrdersExportText.Parse(Demo).Set("#1010", column, value);
        var source = Source(text.ToString(), 4, 3);
        var (inFileOrder, fileProblems) = await AllAsync(source.ReadOrdersAsync(null, Ct));
        var (placed, problems) = await AllAsync(source.ReadOrdersByPlacingAsync(null, null, Ct));

        Assert.Equal(39, inFileOrder.Count);
        Assert.DoesNotContain("1010", placed.Select(o => o.Number));
        AssertPlacingOrder(placed, inFileOrder);
        var problem = Assert.Single(problems);
        Assert.Contains("orders.csv line", problem.RecordId + " " + problem.Message, StringComparison.Ordinal);
        Assert.True(problem.OrderNumber == "1010" || problem.OrderId == "6201453339855" || problem.Message.Contains("1010", StringComparison.Ordinal),
            $"the problem does not name order #1010: {problem.RecordId}: {problem.Message} (order {problem.OrderId} #{problem.OrderNumber})");
        Assert.Equal(fileProblems.Select(p => (p.RecordId, p.OrderId)), problems.Select(p => (p.RecordId, p.OrderId)));
    }
}
