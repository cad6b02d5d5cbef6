using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using StoreBooks.Core.Model;
using StoreBooks.Shopify.Tests.Fixtures;
using StoreBooks.Shopify.Tests.Support;
using StoreBooks.Testing;
using Xunit;

namespace StoreBooks.Shopify.Tests.Orders;

/// <summary>
/// Orders read through GraphQL equal the same orders read through REST and their transactions (the oracle), for the demo shop
/// and every fixture order; and the GraphQL path makes no call per order, pages nested line items, and keeps Shopify's costs.
/// </summary>
public sealed partial class ShopifyGraphQLOrderTests(ShopifyEmulatorFixture emulator) : IClassFixture<ShopifyEmulatorFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_demo_order_reads_the_same_through_GraphQL_as_through_REST_without_a_call_per_order()
    {
        await emulator.AdminAsync("reset", """{"demo":true,"generateOrders":0}""", Ct);
        var (rest, graph, counter) = await ReadBothAsync();

        Assert.True(rest.Count >= 30, $"the demo shop has {rest.Count} orders");
        AssertSame(rest, graph);
        Assert.DoesNotContain(counter.Paths, p => p.Contains("transactions", StringComparison.Ordinal));
        Assert.DoesNotContain(counter.Paths, p => p.EndsWith("orders.json", StringComparison.Ordinal));
        Assert.True(counter.Requests < rest.Count / 3, $"{counter.Requests} GraphQL queries for {rest.Count} orders");
    }

    [Theory]
    [MemberData(nameof(ShopifyFixtures.OrderFiles), MemberType = typeof(ShopifyFixtures))]
    public async Task Every_fixture_order_reads_the_same_through_GraphQL_as_through_REST(string file)
    {
        SharedFixtures.RequireDirectory();
        var documents = new List<string> { ShopifyFixtures.Text(file) };
        if (file == "order-get-partially-refunded.2025-07.json")
        {
            documents.Add(ShopifyFixtures.Text("transactions-list.2025-07.json"));
        }

        await emulator.LoadOnlyAsync(Ct, [.. documents]);
        var (rest, graph, counter) = await ReadBothAsync();

        // GraphQL has no total_line_items_price: it is the lines' sum there. The legacy example's figure (398.00) disagrees with
        // its own lines (597.00); for such an order the lines' sum is what GraphQL reads, and everything else must agree.
        var restAdjusted = rest.Select((o, i) => ListedGrossDisagrees(file, o.SourceId) && i < graph.Count
            ? o with { Totals = o.Totals with { LinesGross = graph[i].Totals.LinesGross } }
            : o).ToList();
        Assert.NotEmpty(rest);
        AssertSame(restAdjusted, graph);
        Assert.DoesNotContain(counter.Paths, p => p.Contains("transactions", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_order_with_more_line_items_than_the_page_asks_for_is_read_whole()
    {
        await emulator.LoadOnlyAsync(Ct, ManyLinesOrder(lines: 37));
        var (rest, graph, counter) = await ReadBothAsync();

        Assert.Equal(37, Assert.Single(graph).Lines.Count);
        AssertSame(rest, graph);
        Assert.True(counter.Requests >= 2, "the rest of the lines took queries of their own");
    }

    [Fact]
    public async Task Updated_since_and_ids_select_through_the_search_query()
    {
        await emulator.AdminAsync("reset", """{"demo":true,"generateOrders":0}""", Ct);
        var index = await emulator.RawOrderIndexAsync(Ct);
        var cursor = index.Select(o => o.UpdatedAt).Order().ElementAt(index.Count / 2);
        var (source, _, _) = emulator.CreateSource();

        var changed = await ShopifyFixtureRoundTripTests.ReadAllAsync(source.ReadOrdersAsync(cursor, Ct));
        Assert.Equal(index.Where(o => o.UpdatedAt >= cursor).Select(o => o.Id).Order(), changed.Select(o => o.SourceId).Order());
        Assert.Equal(changed.OrderBy(o => o.UpdatedAt).ThenBy(o => long.Parse(o.SourceId, CultureInfo.InvariantCulture)).Select(o => o.SourceId), changed.Select(o => o.SourceId));

        var wanted = index.Where((_, i) => i % 4 == 1).Select(o => o.Id).ToList();
        var byId = await ShopifyFixtureRoundTripTests.ReadAllAsync(source.GetOrdersAsync([.. wanted, "1", "abc"], Ct));
        Assert.Equal(wanted.Order(), byId.Select(o => o.SourceId).Order());
    }

    [Fact]
    public async Task A_query_over_1000_points_is_refused_with_Shopifys_error_and_an_unknown_field_is_a_GraphQL_error()
    {
        await emulator.AdminAsync("limits/reset", "{}", Ct);
        var costly = await RawQueryAsync("{ orders(first: 250) { nodes { id lineItems(first: 250) { nodes { id } } } } }");
        Assert.Equal("MAX_COST_EXCEEDED", (string?)costly["errors"]![0]!["extensions"]!["code"]);
        Assert.Equal(2 + (250 * (1 + 2 + 250)), (int)costly["extensions"]!["cost"]!["requestedQueryCost"]!);
        Assert.Null(costly["data"]);

        var unknown = await RawQueryAsync("{ orders(first: 1) { nodes { id totalLineItemsPriceSet { shopMoney { amount } } } } }");
        var error = unknown["errors"]![0]!;
        Assert.Equal("undefinedField", (string?)error["extensions"]!["code"]);
        Assert.Equal("Order", (string?)error["extensions"]!["typeName"]);

        var cheap = await RawQueryAsync("{ orders(first: 3, sortKey: UPDATED_AT) { nodes { id legacyResourceId lineItems(first: 2) { nodes { id } } } } }");
        Assert.Equal(2 + (3 * (1 + 2 + 2)), (int)cheap["extensions"]!["cost"]!["requestedQueryCost"]!);
        Assert.True((int)cheap["extensions"]!["cost"]!["actualQueryCost"]! <= 17);
    }

    [Fact]
    public async Task The_reader_waits_when_Shopify_answers_THROTTLED_and_then_reads_every_order()
    {
        await emulator.AdminAsync("reset", """{"demo":true,"generateOrders":0}""", Ct);
        var (rest, _, _) = await ReadBothAsync();

        // Spend the shop's points from elsewhere: the source, with a fresh view of the budget, is answered THROTTLED first.
        await emulator.AdminAsync("limits/reset", "{}", Ct);
        // (The emulator's clock moves only while someone waits, so the points do not come back meanwhile.)
        for (var available = int.MaxValue; available > 500;)
        {
            var spent = await RawQueryAsync("{ orders(first: 20) { nodes { id lineItems(first: 8) { nodes { id } } } } }", reset: false);
            Assert.True(spent["errors"] is null, spent.ToJsonString());
            available = (int)spent["extensions"]!["cost"]!["throttleStatus"]!["currentlyAvailable"]!;
        }

        // The source's first query (the count that picks paged or bulk) costs a point: spend the last ones too.
        for (var tries = 0; tries < 1000; tries++)
        {
            if ((await RawQueryAsync("{ shop { id } }", reset: false))["errors"] is not null)
            {
                break;
            }
        }

        var (source, _, limits) = emulator.CreateSource();
        var graph = await ShopifyFixtureRoundTripTests.ReadAllAsync(source.ReadOrdersAsync(null, Ct));

        Assert.True(limits.GraphQL(ShopifyEmulatorFixture.Shop).Throttled >= 1, "the first query was throttled");
        AssertSame(rest, graph);
    }

    private async Task<(List<StoreOrder> FromRest, List<StoreOrder> FromGraph, StatusCounter Counter)> ReadBothAsync()
    {
        await emulator.AdminAsync("limits/reset", "{}", Ct);
        var (restSource, _, _) = emulator.CreateSource(change: o => o with { OrdersApi = ShopifyOrdersApi.Rest });
        var rest = await ShopifyFixtureRoundTripTests.ReadAllAsync(restSource.ReadOrdersAsync(null, Ct));
        await emulator.AdminAsync("limits/reset", "{}", Ct);
        var (graphSource, counter, _) = emulator.CreateSource();
        var graph = await ShopifyFixtureRoundTripTests.ReadAllAsync(graphSource.ReadOrdersAsync(null, Ct));
        return (rest, graph, counter);
    }

    private async Task<JsonNode> RawQueryAsync(string query, bool reset = true)
    {
        if (reset)
        {
            await emulator.AdminAsync("limits/reset", "{}", Ct);
        }

        using var http = new HttpClient();
        http.DefaultRequestHeaders.Add("X-Shopify-Access-Token", "demo-token");
        using var response = await http.PostAsJsonAsync(new Uri(emulator.BaseUrl, "admin/api/2025-07/graphql.json"), new { query }, Ct);
        Assert.Equal(200, (int)response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;
    }

    /// <summary>Orders compared one by one as JSON, times in UTC (REST writes the shop's offset, GraphQL UTC: the same instants).</summary>
    private static void AssertSame(List<StoreOrder> rest, List<StoreOrder> graph)
    {
        Assert.Equal(rest.Select(o => o.SourceId), graph.Select(o => o.SourceId));
        for (var i = 0; i < rest.Count; i++)
        {
            Assert.Equal(Normal(ModelJson.Of(rest[i])), Normal(ModelJson.Of(graph[i])));
        }
    }

    /// <summary>Times in UTC and numbers without trailing zeros (0.00 and 0 are the same amount; decimals keep their scale).</summary>
    private static string Normal(string json) => Zeros().Replace(Utc(json), m => m.Groups[2].Value.Length == 0 ? m.Groups[1].Value : $"{m.Groups[1].Value}.{m.Groups[2].Value}");

    [GeneratedRegex("(?<=[:\\[,]\\s*)(-?\\d+)\\.(\\d*?)0*(?=\\s*[,\\]\\}\\n])")]
    private static partial Regex Zeros();

    private static string Utc(string json) => IsoTime().Replace(json, m =>
        DateTimeOffset.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture).ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));

    [GeneratedRegex("(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(?:\\.\\d+)?(?:Z|[+-]\\d\\d:\\d\\d))")]
    private static partial Regex IsoTime();

    /// <summary>Whether the fixture order's total_line_items_price differs from its lines' price × quantity.</summary>
    private static bool ListedGrossDisagrees(string file, string orderId)
    {
        var order = ShopifyFixtures.OrderNodes(file).FirstOrDefault(o => o["id"]!.ToJsonString() == orderId);
        if (order?["total_line_items_price"] is not { } listed)
        {
            return false;
        }

        var lines = order["line_items"]!.AsArray().Sum(l => ShopifyFixtures.Money(l!["price"]) * ShopifyFixtures.Money(l["quantity"]));
        return ShopifyFixtures.Money(listed) != lines;
    }

    /// <summary>An order of our own with many lines, each taxed and one discounted, paid in one sale.</summary>
    private static string ManyLinesOrder(int lines)
    {
        var items = new JsonArray();
        var total = 0m;
        for (var i = 1; i <= lines; i++)
        {
            var price = 10m + i;
            var tax = Math.Round(price * 0.05m, 2);
            total += price + tax;
            items.Add(new JsonObject
            {
                ["id"] = 9_000_000 + i, ["variant_id"] = 8_000_000 + i, ["product_id"] = 7_000_000 + i, ["title"] = $"Widget {i}",
                ["sku"] = $"W-{i}", ["quantity"] = 1, ["price"] = price.ToString("0.00", CultureInfo.InvariantCulture), ["taxable"] = true,
                ["total_discount"] = "0.00", ["discount_allocations"] = new JsonArray(),
                ["tax_lines"] = new JsonArray(new JsonObject { ["title"] = "GST", ["rate"] = 0.05, ["price"] = tax.ToString("0.00", CultureInfo.InvariantCulture) }),
            });
        }

        var order = new JsonObject
        {
            ["id"] = 5_551_234, ["name"] = "#4242", ["order_number"] = 4242, ["email"] = "many@example.com",
            ["created_at"] = "2026-10-20T10:00:00-05:00", ["updated_at"] = "2026-10-21T10:00:00-05:00", ["processed_at"] = "2026-10-20T10:00:00-05:00",
            ["currency"] = "USD", ["financial_status"] = "paid", ["taxes_included"] = false, ["test"] = false,
            ["total_price"] = total.ToString("0.00", CultureInfo.InvariantCulture), ["total_discounts"] = "0.00",
            ["total_tax"] = items.Sum(l => decimal.Parse((string)l!["tax_lines"]![0]!["price"]!, CultureInfo.InvariantCulture)).ToString("0.00", CultureInfo.InvariantCulture),
            ["line_items"] = items, ["shipping_lines"] = new JsonArray(), ["refunds"] = new JsonArray(),
        };
        var transaction = new JsonObject
        {
            ["id"] = 6_661_234, ["order_id"] = 5_551_234, ["kind"] = "sale", ["status"] = "success", ["gateway"] = "manual",
            ["amount"] = order["total_price"]!.DeepClone(), ["currency"] = "USD", ["processed_at"] = "2026-10-20T10:00:00-05:00",
        };
        return new JsonObject { ["order"] = order, ["transactions"] = new JsonArray(transaction) }.ToJsonString();
    }
}
