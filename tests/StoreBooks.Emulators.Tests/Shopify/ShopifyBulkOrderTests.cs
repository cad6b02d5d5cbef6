using System.Globalization;
using System.Text.Json.Nodes;
using StoreBooks.Emulators.Tests.Stores;
using StoreBooks.Testing;
using Xunit;

namespace StoreBooks.Emulators.Tests.Shopify;

/// <summary>A bulk export of orders: each order a line with its lists inline, its line items and shipping lines lines of their own after it.</summary>
public sealed class ShopifyBulkOrderTests(BulkClockEmulatorFixture emulator) : IClassFixture<BulkClockEmulatorFixture>
{
    private const string Paged = """
        query($after: String) {
          orders(first: 10, after: $after, sortKey: UPDATED_AT) {
            nodes {
              id updatedAt totalPriceSet { shopMoney { amount } }
              lineItems(first: 50) { nodes { id sku quantity } }
              shippingLines(first: 10) { nodes { id title } }
              transactions { id kind }
              refunds { id createdAt }
            }
            pageInfo { hasNextPage endCursor }
          }
        }
        """;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Bulk(string? search) =>
        "{ orders(sortKey: UPDATED_AT" + (search is null ? "" : $", query: \"{search}\"") + """
        ) { edges { node {
              id updatedAt totalPriceSet { shopMoney { amount } }
              lineItems { edges { node { id sku quantity } } }
              shippingLines { nodes { id title } }
              transactions { id kind }
              refunds { id createdAt }
        } } } }
        """;

    private async Task<JsonNode> GraphQLAsync(string query, JsonObject? variables = null)
    {
        using var http = StoreHttp.Shopify(emulator.Server);
        return await http.PostJsonAsync("/admin/api/2025-07/graphql.json", new JsonObject { ["query"] = query, ["variables"] = variables ?? [] }, Ct);
    }

    private async Task<JsonNode> StartAsync(string inner) =>
        (await GraphQLAsync("mutation { bulkOperationRunQuery(query: \"\"\"" + inner + "\"\"\") { bulkOperation { id } userErrors { field message code } } }"))["data"]!["bulkOperationRunQuery"]!;

    private async Task<List<JsonObject>> ExportAsync(string inner)
    {
        var started = await StartAsync(inner);
        Assert.Empty(started["userErrors"]!.AsArray());
        var id = (string)started["bulkOperation"]!["id"]!;
        emulator.Clock.Advance(TimeSpan.FromSeconds(5));
        JsonNode node = new JsonObject();
        for (var tries = 0; tries < 100; tries++)
        {
            node = (await GraphQLAsync("query($id: ID!) { node(id: $id) { ... on BulkOperation { status url } } }", new JsonObject { ["id"] = id }))["data"]!["node"]!;
            if ((string?)node["status"] == "COMPLETED")
            {
                break;
            }

            await Task.Delay(20, Ct);
        }

        Assert.Equal("COMPLETED", (string?)node["status"]);
        using var http = new HttpClient();
        var text = await http.GetStringAsync(new Uri((string)node["url"]!), Ct);
        return [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject())];
    }

    private async Task<List<JsonObject>> PagedAsync()
    {
        var all = new List<JsonObject>();
        string? after = null;
        do
        {
            var page = (await GraphQLAsync(Paged, new JsonObject { ["after"] = after }))["data"]!["orders"]!;
            all.AddRange(page["nodes"]!.AsArray().Select(n => n!.AsObject()));
            after = (bool)page["pageInfo"]!["hasNextPage"]! ? (string)page["pageInfo"]!["endCursor"]! : null;
        }
        while (after is not null);
        return all;
    }

    [Fact]
    public async Task Each_order_is_a_line_with_its_lists_inline_and_its_line_items_and_shipping_lines_follow_with_its_id_as_parent()
    {
        await StoreHttp.AdminAsync(emulator.Server, "emulator/shopify/reset", new JsonObject { ["demo"] = true, ["generateOrders"] = 0 }, Ct);
        emulator.Clock.Advance(TimeSpan.FromSeconds(10));
        var paged = await PagedAsync();
        Assert.True(paged.Count > 3, "the demo shop has orders");
        var lines = await ExportAsync(Bulk(null));

        var roots = lines.Where(l => l["__parentId"] is null).ToList();
        Assert.Equal(paged.Select(o => (string)o["id"]!), roots.Select(o => (string)o["id"]!));
        string? current = null;
        foreach (var line in lines)
        {
            if (line["__parentId"] is null)
            {
                current = (string)line["id"]!;
                Assert.False(line.ContainsKey("lineItems"));
                Assert.False(line.ContainsKey("shippingLines"));
            }
            else
            {
                Assert.Equal(current, (string)line["__parentId"]!);
            }
        }

        foreach (var order in paged)
        {
            var id = (string)order["id"]!;
            var root = roots.Single(r => (string)r["id"]! == id);
            Assert.Equal(order["updatedAt"]!.ToJsonString(), root["updatedAt"]!.ToJsonString());
            Assert.Equal(order["totalPriceSet"]!.ToJsonString(), root["totalPriceSet"]!.ToJsonString());
            Assert.Equal(order["transactions"]!.ToJsonString(), root["transactions"]!.ToJsonString());
            Assert.Equal(order["refunds"]!.ToJsonString(), root["refunds"]!.ToJsonString());
            var children = lines.Where(l => (string?)l["__parentId"] == id).ToList();
            Assert.Equal(
                order["lineItems"]!["nodes"]!.AsArray().Select(n => n!.ToJsonString()),
                children.Where(c => ((string)c["id"]!).Contains("/LineItem/", StringComparison.Ordinal)).Select(c => { var copy = c.DeepClone().AsObject(); copy.Remove("__parentId"); return copy.ToJsonString(); }));
            Assert.Equal(
                order["shippingLines"]!["nodes"]!.AsArray().Select(n => (string)n!["id"]!),
                children.Where(c => ((string)c["id"]!).Contains("/ShippingLine/", StringComparison.Ordinal)).Select(c => (string)c["id"]!));
        }

        Assert.Contains(lines, l => ((string)l["id"]!).Contains("/LineItem/", StringComparison.Ordinal));
        Assert.Contains(roots, r => r["transactions"]!.AsArray().Count > 0);

        var cut = (string)paged[paged.Count / 2]["updatedAt"]!;
        var since = await ExportAsync(Bulk($"updated_at:>='{cut}'"));
        var expected = paged.Where(o => DateTimeOffset.Parse((string)o["updatedAt"]!, CultureInfo.InvariantCulture) >= DateTimeOffset.Parse(cut, CultureInfo.InvariantCulture)).Select(o => (string)o["id"]!).ToList();
        Assert.True(expected.Count < paged.Count);
        Assert.Equal(expected, since.Where(l => l["__parentId"] is null).Select(l => (string)l["id"]!));
    }

    [Fact]
    public async Task OrdersCount_counts_what_orders_lists_and_stops_at_its_limit_with_AT_LEAST()
    {
        await StoreHttp.AdminAsync(emulator.Server, "emulator/shopify/reset", new JsonObject { ["demo"] = true, ["generateOrders"] = 0 }, Ct);
        var paged = await PagedAsync();
        var cut = (string)paged[paged.Count / 3]["updatedAt"]!;
        const string Count = "query($q: String, $limit: Int) { all: ordersCount { count precision } since: ordersCount(query: $q) { count } capped: ordersCount(limit: $limit) { count precision } }";
        var data = (await GraphQLAsync(Count, new JsonObject { ["q"] = $"updated_at:>='{cut}'", ["limit"] = 5 }))["data"]!;

        Assert.Equal(paged.Count, (int)data["all"]!["count"]!);
        Assert.Equal("EXACT", (string)data["all"]!["precision"]!);
        Assert.Equal(paged.Count(o => DateTimeOffset.Parse((string)o["updatedAt"]!, CultureInfo.InvariantCulture) >= DateTimeOffset.Parse(cut, CultureInfo.InvariantCulture)), (int)data["since"]!["count"]!);
        Assert.Equal(5, (int)data["capped"]!["count"]!);
        Assert.Equal("AT_LEAST", (string)data["capped"]!["precision"]!);
    }

    [Fact]
    public async Task A_connection_inside_the_refunds_list_and_an_unknown_sort_key_are_refused()
    {
        var nested = await StartAsync("{ orders { nodes { id refunds { id refundLineItems { nodes { quantity } } } } } }");
        Assert.Null(nested["bulkOperation"]);
        Assert.Contains("refunds", (string)nested["userErrors"]![0]!["message"]!, StringComparison.Ordinal);
        Assert.Equal("INVALID", (string)nested["userErrors"]![0]!["code"]!);

        var sorted = await StartAsync("{ orders(sortKey: TITLE) { nodes { id } } }");
        Assert.Null(sorted["bulkOperation"]);
        Assert.Contains("TITLE", (string)sorted["userErrors"]![0]!["message"]!, StringComparison.Ordinal);
    }
}
