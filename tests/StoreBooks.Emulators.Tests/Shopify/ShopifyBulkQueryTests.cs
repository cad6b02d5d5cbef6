using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using StoreBooks.Emulators.Shopify;
using StoreBooks.Emulators.Tests.Stores;
using StoreBooks.Testing;
using Xunit;

namespace StoreBooks.Emulators.Tests.Shopify;

/// <summary>The demo shop on a fake clock, with bulk queries that take 3 seconds of it.</summary>
public sealed class BulkClockEmulatorFixture : EmulatorFixture
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 2, 15, 0, 0, TimeSpan.Zero));

    protected override EmulatorOptions CreateOptions() => new()
    {
        Port = 0,
        Time = Clock,
        Shopify = new ShopifyEmulatorOptions { BulkQueryStartDelay = TimeSpan.FromSeconds(1), BulkQueryRunTime = TimeSpan.FromSeconds(3) },
    };
}

/// <summary>bulkOperationRunQuery on the emulator: lifecycle on the clock, polling, the JSONL layout, the file URL, Shopify's refusals.</summary>
public sealed class ShopifyBulkQueryTests(BulkClockEmulatorFixture emulator) : IClassFixture<BulkClockEmulatorFixture>
{
    private const string ProductsWithVariants = """
        { products { edges { node { id title variants { edges { node { id sku price } } } } } } }
        """;

    private const string Poll = """
        query($id: ID!) {
          node(id: $id) { ... on BulkOperation { id status errorCode objectCount rootObjectCount fileSize url partialDataUrl createdAt completedAt query } }
          current: currentBulkOperation(type: QUERY) { id status }
          byId: bulkOperation(id: $id) { id status objectCount }
        }
        """;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task ResetAsync() => await StoreHttp.AdminAsync(emulator.Server, "emulator/shopify/reset", new JsonObject { ["demo"] = true, ["generateOrders"] = 0 }, Ct);

    private async Task<JsonNode> GraphQLAsync(string query, JsonObject? variables = null, string version = "2025-07")
    {
        using var http = StoreHttp.Shopify(emulator.Server);
        return await http.PostJsonAsync($"/admin/api/{version}/graphql.json", new JsonObject { ["query"] = query, ["variables"] = variables ?? [] }, Ct);
    }

    private static string RunMutation(string inner) =>
        "mutation { bulkOperationRunQuery(query: \"\"\"" + inner + "\"\"\") { bulkOperation { id status } userErrors { field message code } } }";

    private async Task<JsonNode> StartAsync(string inner, string version = "2025-07") =>
        (await GraphQLAsync(RunMutation(inner), version: version))["data"]!["bulkOperationRunQuery"]!;

    private async Task<JsonObject> PollAsync(string id)
    {
        var data = (await GraphQLAsync(Poll, new JsonObject { ["id"] = id }))["data"]!;
        Assert.Equal((string?)data["node"]!["status"], (string?)data["byId"]!["status"]);
        return data["node"]!.AsObject();
    }

    private static async Task<List<JsonObject>> DownloadAsync(string url)
    {
        using var http = new HttpClient();
        var text = await http.GetStringAsync(new Uri(url), Ct);
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        return [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject())];
    }

    [Fact]
    public async Task A_bulk_query_goes_created_running_completed_on_the_clock_and_its_file_downloads_without_the_token()
    {
        await ResetAsync();
        var answer = await GraphQLAsync(RunMutation(ProductsWithVariants));
        Assert.Equal(10, (int)answer["extensions"]!["cost"]!["requestedQueryCost"]!);
        var started = answer["data"]!["bulkOperationRunQuery"]!;
        Assert.Empty(started["userErrors"]!.AsArray());
        var id = (string)started["bulkOperation"]!["id"]!;
        Assert.StartsWith("gid://shopify/BulkOperation/", id, StringComparison.Ordinal);
        Assert.Equal("CREATED", (string)started["bulkOperation"]!["status"]!);

        var created = await PollAsync(id);
        Assert.Equal("CREATED", (string)created["status"]!);
        Assert.Equal("0", (string)created["objectCount"]!);
        Assert.Null(created["url"]);
        Assert.Equal(ProductsWithVariants, (string)created["query"]!);

        emulator.Clock.Advance(TimeSpan.FromSeconds(1.5));
        var running = await PollAsync(id);
        Assert.Equal("RUNNING", (string)running["status"]!);
        Assert.Null(running["url"]);
        Assert.Null(running["completedAt"]);

        emulator.Clock.Advance(TimeSpan.FromSeconds(2));
        var done = await PollAsync(id);
        Assert.Equal("COMPLETED", (string)done["status"]!);
        Assert.Null(done["errorCode"]);
        Assert.Null(done["partialDataUrl"]);
        Assert.NotNull(done["completedAt"]);
        var current = (await GraphQLAsync(Poll, new JsonObject { ["id"] = id }))["data"]!["current"]!;
        Assert.Equal(id, (string)current["id"]!);
        Assert.Equal("COMPLETED", (string)current["status"]!);

        var url = (string)done["url"]!;
        Assert.DoesNotContain("/admin/", url, StringComparison.Ordinal);
        var lines = await DownloadAsync(url);
        var products = lines.Where(l => l["__parentId"] is null).ToList();
        Assert.Equal(lines.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), (string)done["objectCount"]!);
        Assert.Equal(products.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), (string)done["rootObjectCount"]!);
        using var raw = new HttpClient();
        Assert.Equal((long)(await raw.GetByteArrayAsync(new Uri(url), Ct)).Length, long.Parse((string)done["fileSize"]!, System.Globalization.CultureInfo.InvariantCulture));

        using var forged = await raw.GetAsync(new Uri(url[..url.IndexOf("signature=", StringComparison.Ordinal)] + "signature=00"), Ct);
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);

        emulator.Clock.Advance(TimeSpan.FromDays(7));
        var expired = await PollAsync(id);
        Assert.Equal("EXPIRED", (string)expired["status"]!);
        Assert.Null(expired["url"]);
        using var late = await raw.GetAsync(new Uri(url), Ct);
        Assert.False(late.IsSuccessStatusCode);
    }

    [Fact]
    public async Task The_file_has_each_product_then_its_variants_with_parent_ids_and_every_variant_the_paged_query_returns_once()
    {
        await ResetAsync();
        var paged = new List<(string Id, string Product, string? Sku)>();
        string? after = null;
        do
        {
            var page = (await GraphQLAsync(
                "query($after: String) { products(first: 5, after: $after) { nodes { id variants(first: 50) { nodes { id sku } } } pageInfo { hasNextPage endCursor } } }",
                new JsonObject { ["after"] = after }))["data"]!["products"]!;
            foreach (var product in page["nodes"]!.AsArray())
            {
                paged.AddRange(product!["variants"]!["nodes"]!.AsArray().Select(v => ((string)v!["id"]!, (string)product["id"]!, (string?)v["sku"])));
            }

            after = (bool)page["pageInfo"]!["hasNextPage"]! ? (string)page["pageInfo"]!["endCursor"]! : null;
        }
        while (after is not null);

        var id = (string)(await StartAsync(ProductsWithVariants))["bulkOperation"]!["id"]!;
        emulator.Clock.Advance(TimeSpan.FromSeconds(5));
        var lines = await DownloadAsync((string)(await PollAsync(id))["url"]!);

        var seenProducts = new HashSet<string>();
        var variants = new List<(string Id, string Product, string? Sku)>();
        foreach (var line in lines)
        {
            Assert.DoesNotContain("variants", line.Select(p => p.Key));
            if (line["__parentId"] is { } parent)
            {
                Assert.StartsWith("gid://shopify/ProductVariant/", (string)line["id"]!, StringComparison.Ordinal);
                Assert.Contains((string)parent!, seenProducts);
                Assert.NotNull(line["price"]);
                variants.Add(((string)line["id"]!, (string)parent!, (string?)line["sku"]));
            }
            else
            {
                Assert.StartsWith("gid://shopify/Product/", (string)line["id"]!, StringComparison.Ordinal);
                Assert.True(seenProducts.Add((string)line["id"]!), "a product came twice");
            }
        }

        Assert.NotEmpty(paged);
        Assert.Equal(paged.Count, variants.Select(v => v.Id).Distinct().Count());
        Assert.Equal(paged.OrderBy(v => v.Id, StringComparer.Ordinal), variants.OrderBy(v => v.Id, StringComparer.Ordinal));
    }

    public static TheoryData<string, string> Refused() => new()
    {
        {
            "{ products { edges { node { id a: variants { edges { node { id } } } b: variants { edges { node { id } } } c: variants { edges { node { id } } } d: variants { edges { node { id } } } e: variants { edges { node { id } } } } } } }",
            "more than 5 connections"
        },
        {
            "{ products { edges { node { id variants { edges { node { id product { variants { edges { node { id } } } } } } } } } } }",
            "more than 2 levels"
        },
        { "mutation { bulkOperationCancel(id: \"gid://shopify/BulkOperation/1\") { userErrors { message } } }", "must be queries" },
        { "{ node(id: \"gid://shopify/Product/1\") { id } }", "node and nodes" },
        { "{ shop { name } }", "at least one connection" },
        { "{ products { edges { node { id colour } } } }", "Field 'colour' doesn't exist on type 'Product'" },
        { "{ products { edges { node { id } } } productVariants { edges { node { id } } } }", "exactly one top-level field" },
        { "{ products { edges { node { id ", "Invalid bulk query" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task Queries_shopify_refuses_are_user_errors_and_start_nothing(string inner, string expected)
    {
        await ResetAsync();
        var answer = await GraphQLAsync(
            "mutation($q: String!) { bulkOperationRunQuery(query: $q) { bulkOperation { id } userErrors { field message code } } }",
            new JsonObject { ["q"] = inner });
        Assert.Null(answer["errors"]);
        var payload = answer["data"]!["bulkOperationRunQuery"]!;
        Assert.Null(payload["bulkOperation"]);
        var error = Assert.Single(payload["userErrors"]!.AsArray())!;
        Assert.Contains(expected, (string)error["message"]!, StringComparison.Ordinal);
        Assert.Equal("INVALID", (string)error["code"]!);
        Assert.Equal("query", (string)error["field"]![0]!);
        Assert.Null((await GraphQLAsync("{ currentBulkOperation { id } }"))["data"]!["currentBulkOperation"]);
    }

    [Fact]
    public async Task One_bulk_query_runs_at_a_time_before_2026_01_and_five_from_it()
    {
        await ResetAsync();
        var first = (string)(await StartAsync(ProductsWithVariants))["bulkOperation"]!["id"]!;
        var second = await StartAsync(ProductsWithVariants);
        Assert.Null(second["bulkOperation"]);
        var error = Assert.Single(second["userErrors"]!.AsArray())!;
        Assert.Equal("OPERATION_IN_PROGRESS", (string)error["code"]!);
        Assert.Contains(first, (string)error["message"]!, StringComparison.Ordinal);

        for (var n = 2; n <= 5; n++)
        {
            Assert.Empty((await StartAsync(ProductsWithVariants, "2026-01"))["userErrors"]!.AsArray());
        }

        Assert.Equal("OPERATION_IN_PROGRESS", (string)(await StartAsync(ProductsWithVariants, "2026-01"))["userErrors"]![0]!["code"]!);

        emulator.Clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Empty((await StartAsync(ProductsWithVariants))["userErrors"]!.AsArray());
    }

    [Fact]
    public async Task A_cancelled_bulk_query_ends_canceled_frees_its_place_and_cannot_be_cancelled_again()
    {
        await ResetAsync();
        var id = (string)(await StartAsync(ProductsWithVariants))["bulkOperation"]!["id"]!;
        const string Cancel = "mutation($id: ID!) { bulkOperationCancel(id: $id) { bulkOperation { id status } userErrors { field message } } }";
        var cancelled = (await GraphQLAsync(Cancel, new JsonObject { ["id"] = id }))["data"]!["bulkOperationCancel"]!;
        Assert.Empty(cancelled["userErrors"]!.AsArray());
        Assert.Contains((string)cancelled["bulkOperation"]!["status"]!, new[] { "CANCELING", "CANCELED" });

        var status = "";
        for (var tries = 0; tries < 50 && status != "CANCELED"; tries++)
        {
            status = (string)(await PollAsync(id))["status"]!;
            await Task.Delay(20, Ct);
        }

        Assert.Equal("CANCELED", status);
        Assert.Null((await PollAsync(id))["url"]);
        var again = (await GraphQLAsync(Cancel, new JsonObject { ["id"] = id }))["data"]!["bulkOperationCancel"]!;
        Assert.Contains("canceled", (string)again["userErrors"]![0]!["message"]!, StringComparison.Ordinal);
        Assert.Empty((await StartAsync(ProductsWithVariants))["userErrors"]!.AsArray());
        var unknown = (await GraphQLAsync(Cancel, new JsonObject { ["id"] = "gid://shopify/BulkOperation/1" }))["data"]!["bulkOperationCancel"]!;
        Assert.Null(unknown["bulkOperation"]);
        Assert.Equal("id", (string)unknown["userErrors"]![0]!["field"]![0]!);
    }

    [Fact]
    public async Task A_bulk_query_of_a_large_catalog_writes_every_variant_and_ignores_first()
    {
        await ResetAsync();
        var products = new JsonArray();
        for (var p = 1; p <= 300; p++)
        {
            var variants = new JsonArray();
            for (var v = 1; v <= 10; v++)
            {
                var vid = (p * 100) + v;
                variants.Add(new JsonObject { ["id"] = vid, ["product_id"] = p, ["title"] = $"V{v}", ["sku"] = $"SKU-{vid}", ["price"] = "1.00", ["position"] = v, ["inventory_item_id"] = 900000 + vid });
            }

            products.Add(new JsonObject { ["id"] = p, ["title"] = $"Product {p}", ["status"] = "active", ["variants"] = variants });
        }

        await StoreHttp.AdminAsync(emulator.Server, "emulator/shopify/reset", new JsonObject { ["demo"] = false, ["generateOrders"] = 0 }, Ct);
        await StoreHttp.AdminAsync(emulator.Server, "emulator/shopify/seed", new JsonObject { ["products"] = products }, Ct);
        var id = (string)(await StartAsync("{ productVariants(first: 10) { edges { node { id sku } } } }"))["bulkOperation"]!["id"]!;
        emulator.Clock.Advance(TimeSpan.FromSeconds(5));
        var done = await PollAsync(id);
        Assert.Equal("COMPLETED", (string)done["status"]!);
        Assert.Equal("3000", (string)done["objectCount"]!);
        Assert.Equal("3000", (string)done["rootObjectCount"]!);
        var lines = await DownloadAsync((string)done["url"]!);
        Assert.Equal(3000, lines.Select(l => (string)l["sku"]!).Distinct().Count());
        Assert.All(lines, l => Assert.Null(l["__parentId"]));
    }
}
