using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using StoreBooks.WooCommerce.Http;
using StoreBooks.WooCommerce.Orders;
using StoreBooks.WooCommerce.Tests.Fixtures;
using StoreBooks.WooCommerce.Tests.Support;
using Xunit;

namespace StoreBooks.WooCommerce.Tests.Orders;

/// <summary>
/// The order list is read page after page while the merchant works in the shop: an order trashed or given another placing date
/// between two pages must not move another order past the reader (it would be skipped by this sync and, unchanged, by every
/// later one), and orders sharing one placing second are each read once however the pages fall.
/// </summary>
public sealed class WooPlacingPagesTests(WooEmulatorFixture emulator) : IClassFixture<WooEmulatorFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("trash")]
    [InlineData("move")]
    public async Task An_order_trashed_or_moved_between_two_pages_moves_no_other_order_past_the_reader(string change)
    {
        await emulator.AdminAsync("reset", """{"demo":false,"generateOrders":250}""", Ct);
        var before = await IdsAsync();
        var merchant = new BeforeTheSecondList(async firstPage =>
        {
            var id = (long)firstPage[0]!["id"]!;
            var body = change == "trash"
                ? new JsonObject { ["status"] = "trash" }
                : Placed(DateTimeOffset.UtcNow);
            await emulator.AdminAsync($"orders/{id}", body.ToJsonString(), Ct);
        });
        var source = new WooCommerceSource(Options(), new HttpClient(merchant));

        var read = await WooFixtureRoundTripTests.ReadAllAsync(source.ReadOrdersAsync(null, Ct));

        Assert.True(merchant.Acted, "the list was read in one request: the case proves nothing");
        var ids = read.Select(o => long.Parse(o.SourceId, CultureInfo.InvariantCulture)).ToList();
        // The changed order was read on the first page; a moved one may be read again at the end (posted once by its link).
        Assert.Equal(before, ids.Distinct().Order());
        Assert.True(ids.Count - ids.Distinct().Count() <= (change == "move" ? 1 : 0), $"{ids.Count - ids.Distinct().Count()} orders read twice");
    }

    [Fact]
    public async Task Orders_placed_in_one_second_across_pages_are_each_read_once_oldest_first()
    {
        var ids = await CrowdAsync(total: 20, inOneSecond: 9);
        var source = new WooCommerceSource(Options() with { PageSize = 4 });

        var read = await WooFixtureRoundTripTests.ReadAllAsync(source.ReadOrdersAsync(null, Ct));

        Assert.Equal(ids, read.Select(o => long.Parse(o.SourceId, CultureInfo.InvariantCulture)).Order());
        Assert.Equal(read.Count, read.Select(o => o.SourceId).Distinct().Count());
        Assert.Equal(read.Select(o => o.CreatedAt).Order(), read.Select(o => o.CreatedAt));
    }

    [Fact]
    public async Task A_second_with_more_orders_than_an_exclude_list_carries_is_read_on_its_own_then_the_reader_goes_on()
    {
        var ids = await CrowdAsync(total: 30, inOneSecond: 17);
        var counter = new StatusCounter();
        var options = Options();
        var pages = new WooPlacingPages(new WooCommerceClient(new HttpClient(counter), options, TimeProvider.System), pageSize: 4, maxExcluded: 6);

        var read = new List<long>();
        await foreach (var page in pages.ReadAsync("", null, Ct))
        {
            read.AddRange(page.RootElement.EnumerateArray().Select(o => o.GetProperty("id").GetInt64()));
        }

        Assert.Equal(ids, read.Order());
        Assert.Equal(read.Count, read.Distinct().Count());
        Assert.Contains(counter.Urls, u => u.Query.Contains("before=", StringComparison.Ordinal));
        Assert.All(counter.Urls, u => Assert.True(ExcludedCount(u) <= 6, $"{u.Query} leaves out more than 6 ids"));
    }

    [Fact]
    public async Task A_read_from_a_cursor_and_a_placing_time_is_signed_as_WordPress_reads_it()
    {
        await emulator.AdminAsync("reset", """{"demo":false,"generateOrders":150}""", Ct);
        var counter = new StatusCounter();
        var source = new WooCommerceSource(Options(), new HttpClient(counter));
        var all = await WooFixtureRoundTripTests.ReadAllAsync(source.ReadOrdersAsync(null, Ct));
        var from = all[all.Count / 2].CreatedAt;
        var since = all.Min(o => o.UpdatedAt);

        // Over plain HTTP every request is signed (OAuth 1.0a): a parameter sent twice would be signed twice and read once.
        var read = await WooFixtureRoundTripTests.ReadAllAsync(source.ReadOrdersByPlacingAsync(since, from, Ct));

        Assert.Equal(all.Where(o => o.CreatedAt >= from).Select(o => o.SourceId).Order(), read.Select(o => o.SourceId).Order());
        Assert.All(counter.Urls.Where(u => u.AbsolutePath.EndsWith("/orders", StringComparison.Ordinal)),
            u => Assert.Single(System.Web.HttpUtility.ParseQueryString(u.Query).GetValues("dates_are_gmt") ?? [""]));
    }

    /// <summary>A store of <paramref name="total"/> orders, <paramref name="inOneSecond"/> of them (in the middle) placed in the same second.</summary>
    private async Task<IReadOnlyList<long>> CrowdAsync(int total, int inOneSecond)
    {
        await emulator.AdminAsync("reset", $$"""{"demo":false,"generateOrders":{{total}}}""", Ct);
        var ids = await IdsAsync();
        var crowded = ids.Skip((total - inOneSecond) / 2).Take(inOneSecond).ToList();
        var placed = (await emulator.RawGetAsync($"orders?per_page=100&orderby=date&order=asc&include={string.Join(',', ids)}", Ct)).AsArray()
            .Select(o => (string)o!["date_created_gmt"]!).Order(StringComparer.Ordinal).ToList();
        // The middle order's second: orders placed before it and after it remain around the crowd.
        var at = DateTimeOffset.Parse(placed[placed.Count / 2] + "Z", CultureInfo.InvariantCulture);
        foreach (var id in crowded)
        {
            await emulator.AdminAsync($"orders/{id}", Placed(at).ToJsonString(), Ct);
        }

        return ids;
    }

    /// <summary>Every order id the store lists now, read by offset (not StoreBooks' reader).</summary>
    private async Task<IReadOnlyList<long>> IdsAsync()
    {
        var ids = new List<long>();
        for (var offset = 0; ; offset += 100)
        {
            var page = (await emulator.RawGetAsync($"orders?per_page=100&offset={offset}&orderby=id&order=asc", Ct)).AsArray();
            if (page.Count == 0)
            {
                return [.. ids.Order()];
            }

            ids.AddRange(page.Select(o => (long)o!["id"]!));
        }
    }

    private WooCommerceSourceOptions Options() =>
        new() { SiteUrl = emulator.BaseUrl, ConsumerKey = "ck_demo", ConsumerSecret = "cs_demo", RetryDelay = TimeSpan.FromMilliseconds(5) };

    private static int ExcludedCount(Uri url) =>
        System.Web.HttpUtility.ParseQueryString(url.Query)["exclude"] is { Length: > 0 } exclude ? exclude.Split(',').Length : 0;

    private static string Woo(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>An order's placing time changed, on both of WooCommerce's clocks (the site's and GMT).</summary>
    private JsonObject Placed(DateTimeOffset at) => new()
    {
        ["date_created"] = at.ToOffset(emulator.Server.WooCommerce.Options.UtcOffset).ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture),
        ["date_created_gmt"] = Woo(at),
    };

    /// <summary>The merchant acting once, just before the second request for the order list, on the orders of the first page.</summary>
    private sealed class BeforeTheSecondList(Func<JsonArray, Task> act) : DelegatingHandler(new SocketsHttpHandler())
    {
        private JsonArray? _first;

        public bool Acted { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var isList = request.RequestUri!.AbsolutePath.TrimEnd('/').EndsWith("/wc/v3/orders", StringComparison.Ordinal);
            if (isList && _first is not null && !Acted)
            {
                Acted = true;
                await act(_first);
            }

            var response = await base.SendAsync(request, cancellationToken);
            if (isList && _first is null)
            {
                await response.Content.LoadIntoBufferAsync(cancellationToken);
                _first = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken)) as JsonArray;
            }

            return response;
        }
    }
}
