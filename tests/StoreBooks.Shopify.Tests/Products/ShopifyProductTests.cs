using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using StoreBooks.Core.Model;
using StoreBooks.Core.Sources;
using StoreBooks.Shopify.Tests.Support;
using Xunit;
using static StoreBooks.Shopify.Tests.Support.ShopifyFixtures;

namespace StoreBooks.Shopify.Tests.Products;

/// <summary>Products and variants through the GraphQL Admin API of the emulator: the demo catalog, fixture products, changes since a time.</summary>
public sealed class ShopifyProductTests(ShopifyEmulatorFixture emulator) : IClassFixture<ShopifyEmulatorFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    internal static async Task<List<StoreProduct>> ReadAllAsync(IAsyncEnumerable<SourcePage<StoreProduct>> pages)
    {
        var all = new List<StoreProduct>();
        await foreach (var page in pages)
        {
            Assert.Empty(page.Problems);
            all.AddRange(page.Records);
        }

        return all;
    }

    [Fact]
    public async Task Every_variant_of_the_demo_shop_is_a_product_with_its_sku_price_tracking_and_cost()
    {
        await emulator.AdminAsync("reset", """{"demo":true,"generateOrders":0}""", Ct);
        var (source, counter, _) = emulator.CreateSource();
        var rest = (await emulator.RawGetAsync("products.json?limit=250", Ct))["products"]!.AsArray().OfType<JsonObject>().ToList();
        var items = (await emulator.RawGetAsync("inventory_items.json?ids=" + string.Join(',', rest.SelectMany(p => p["variants"]!.AsArray()).Select(v => v!["inventory_item_id"]!.ToJsonString())), Ct))["inventory_items"]!
            .AsArray().ToDictionary(i => i!["id"]!.ToJsonString(), i => i!);

        var products = await ReadAllAsync(source.ReadProductsAsync(null, Ct));

        var variants = rest.SelectMany(p => p["variants"]!.AsArray().OfType<JsonObject>().Select(v => (Product: p, Variant: v))).ToList();
        Assert.Equal(variants.Count, products.Count);
        foreach (var (product, variant) in variants)
        {
            var mapped = Assert.Single(products, x => x.SourceId == variant["id"]!.ToJsonString());
            var item = items[variant["inventory_item_id"]!.ToJsonString()];
            Assert.Equal(product["id"]!.ToJsonString(), mapped.ProductId);
            Assert.Equal((string)product["title"]!, mapped.ProductTitle);
            Assert.Equal((string)variant["title"]! == "Default Title" ? null : (string)variant["title"]!, mapped.VariantTitle);
            Assert.Equal((string?)variant["sku"], mapped.Sku);
            Assert.Equal(Money(variant["price"]), mapped.Price);
            Assert.Equal((bool)item["tracked"]!, mapped.TracksInventory);
            Assert.Equal(item["cost"] is null ? null : Money(item["cost"]), mapped.Cost);
            Assert.Equal((string)product["status"]! == "active", mapped.Active);
        }

        Assert.Equal(1, counter.Requests);
    }

    public static TheoryData<string[]> ProductFiles() => new(
        ["products-list.2025-07.json"],
        ["product-get.2025-07.json"],
        ["product-get.2025-07.json", "variants-list.2025-07.json"],
        ["product-get.2025-07.json", "variant-get.2025-07.json"],
        ["product-get.2025-07.json", "variants-list-presentment-prices.2025-07.json"]);

    [Theory]
    [MemberData(nameof(ProductFiles))]
    public async Task Fixture_products_loaded_into_the_emulator_read_back_with_the_files_values(string[] files)
    {
        var texts = files.Select(Text).ToArray();
        await emulator.LoadOnlyAsync(Ct, texts);
        var (source, _, _) = emulator.CreateSource();
        var products = new Dictionary<string, JsonObject>();
        var variants = new Dictionary<string, JsonObject>();
        foreach (var root in texts.Select(t => JsonNode.Parse(t)!))
        {
            foreach (var product in root["products"]?.AsArray().OfType<JsonObject>() ?? (root["product"] is JsonObject p ? [p] : []))
            {
                products[product["id"]!.ToJsonString()] = product;
                foreach (var v in product["variants"]!.AsArray().OfType<JsonObject>())
                {
                    variants[v["id"]!.ToJsonString()] = v;
                }
            }

            foreach (var v in root["variants"]?.AsArray().OfType<JsonObject>() ?? (root["variant"] is JsonObject one ? [one] : []))
            {
                variants[v["id"]!.ToJsonString()] = v;
            }
        }

        var read = await ReadAllAsync(source.ReadProductsAsync(null, Ct));

        Assert.Equal(variants.Keys.Order(), read.Select(p => p.SourceId).Order());
        foreach (var mapped in read)
        {
            var variant = variants[mapped.SourceId];
            var product = products[variant["product_id"]!.ToJsonString()];
            Assert.Equal(((string)product["title"]!, product["id"]!.ToJsonString()), (mapped.ProductTitle, mapped.ProductId));
            Assert.Equal((string)variant["title"]! == "Default Title" ? null : (string)variant["title"]!, mapped.VariantTitle);
            Assert.Equal(string.IsNullOrEmpty((string?)variant["sku"]) ? null : (string?)variant["sku"], mapped.Sku);
            Assert.Equal(Money(variant["price"]), mapped.Price);
            Assert.Equal((string?)variant["inventory_management"] == "shopify", mapped.TracksInventory);
            Assert.Equal((string?)product["status"] is null or "active", mapped.Active);
            Assert.Equal(DateTimeOffset.Parse((string)variant["updated_at"]!, CultureInfo.InvariantCulture) > DateTimeOffset.Parse((string)product["updated_at"]!, CultureInfo.InvariantCulture)
                ? DateTimeOffset.Parse((string)variant["updated_at"]!, CultureInfo.InvariantCulture)
                : DateTimeOffset.Parse((string)product["updated_at"]!, CultureInfo.InvariantCulture), mapped.UpdatedAt);
        }
    }

    [Fact]
    public async Task Changed_since_reads_changed_variants_and_every_variant_of_a_product_whose_title_changed()
    {
        await emulator.AdminAsync("reset", """{"demo":true,"generateOrders":0}""", Ct);
        var (source, _, _) = emulator.CreateSource();
        var since = emulator.Clock.GetUtcNow();
        Assert.Empty(await ReadAllAsync(source.ReadProductsAsync(since, Ct)));

        var rest = (await emulator.RawGetAsync("products.json?limit=250", Ct))["products"]!.AsArray().OfType<JsonObject>().ToList();
        var grinder = rest.Single(p => (string)p["handle"]! == "burr-grinder");
        grinder.Remove("variants");
        grinder.Remove("updated_at");
        grinder["title"] = "Burr Grinder Pro";
        await emulator.AdminAsync("products", grinder.ToJsonString(), Ct);

        var changed = await ReadAllAsync(source.ReadProductsAsync(since, Ct));

        Assert.Equal(["GRIND-ELEC", "GRIND-MAN"], changed.Select(p => p.Sku).Order());
        Assert.All(changed, p => Assert.Equal("Burr Grinder Pro", p.ProductTitle));
        Assert.All(changed, p => Assert.True(p.UpdatedAt >= since));
    }

    [Fact]
    public async Task Customers_are_read_in_pages_and_since_a_time()
    {
        await emulator.AdminAsync("reset", """{"demo":true,"generateOrders":0}""", Ct);
        var (source, _, _) = emulator.CreateSource(change: o => o with { PageSize = 4 });
        var rest = (await emulator.RawGetAsync("customers.json?limit=250", Ct))["customers"]!.AsArray().OfType<JsonObject>().ToList();

        var pages = new List<SourcePage<StoreCustomer>>();
        await foreach (var page in source.ReadCustomersAsync(null, Ct))
        {
            pages.Add(page);
        }

        var customers = pages.SelectMany(p => p.Records).ToList();
        Assert.True(pages.Count >= 2);
        Assert.Equal(rest.Select(c => c["id"]!.ToJsonString()), customers.Select(c => c.SourceId));
        Assert.Equal(rest.Select(c => (string?)c["email"]), customers.Select(c => c.Email));
        Assert.All(customers, c => Assert.NotNull(c.BillingAddress?.PostalCode));

        var cutoff = rest.Select(c => DateTimeOffset.Parse((string)c["updated_at"]!, CultureInfo.InvariantCulture)).Order().ElementAt(3);
        var recent = new List<StoreCustomer>();
        await foreach (var page in source.ReadCustomersAsync(cutoff, Ct))
        {
            recent.AddRange(page.Records);
        }

        Assert.Equal(rest.Count(c => DateTimeOffset.Parse((string)c["updated_at"]!, CultureInfo.InvariantCulture) >= cutoff), recent.Count);
    }

    [Fact]
    public async Task Stock_of_variants_is_read_per_location()
    {
        await emulator.AdminAsync("reset", """{"demo":true,"generateOrders":0}""", Ct);
        var (source, _, _) = emulator.CreateSource();
        var variants = (await emulator.RawGetAsync("products.json?limit=250", Ct))["products"]!.AsArray()
            .SelectMany(p => p!["variants"]!.AsArray().OfType<JsonObject>()).ToList();
        var items = string.Join(',', variants.Select(v => v["inventory_item_id"]!.ToJsonString()));
        var expected = (await emulator.RawGetAsync($"inventory_levels.json?inventory_item_ids={items}", Ct))["inventory_levels"]!.AsArray()
            .Select(l => (l!["inventory_item_id"]!.ToJsonString(), l["location_id"]!.ToJsonString(), Money(l["available"]))).Order().ToList();

        var levels = await source.ReadInventoryLevelsAsync([.. variants.Select(v => v["id"]!.ToJsonString()), "12345"], Ct);

        Assert.NotEmpty(expected);
        Assert.Equal(expected, levels.Select(l => (l.InventoryItemId, l.LocationId, l.Available ?? 0)).Order());
        var byItem = variants.ToDictionary(v => v["inventory_item_id"]!.ToJsonString(), v => v["id"]!.ToJsonString());
        Assert.All(levels, l => Assert.Equal(byItem[l.InventoryItemId], l.VariantId));
    }
}

/// <summary>GraphQL's cost budget on a small shop budget: a throttled query is waited out, a page too costly is made smaller.</summary>
public sealed class ShopifyQueryCostTests(ShopifySmallBudgetFixture emulator) : IClassFixture<ShopifySmallBudgetFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<int> VariantCountAsync() =>
        (await emulator.RawGetAsync("products.json?limit=250", Ct))["products"]!.AsArray().Sum(p => p!["variants"]!.AsArray().Count);

    [Fact]
    public async Task A_throttled_query_waits_for_its_points_and_then_runs()
    {
        await emulator.AdminAsync("limits/reset", "{}", Ct);
        using var http = new HttpClient { BaseAddress = new Uri(emulator.BaseUrl, "admin/api/2025-07/") };
        http.DefaultRequestHeaders.Add("X-Shopify-Access-Token", "demo-token");
        using var drain = new StringContent("""{"query":"{ productVariants(first: 100) { nodes { id inventoryItem { unitCost { amount } } product { id } } } }"}""", Encoding.UTF8, "application/json");
        (await http.PostAsync(new Uri("graphql.json", UriKind.Relative), drain, Ct)).EnsureSuccessStatusCode();
        var (source, counter, limits) = emulator.CreateSource();
        var before = emulator.Clock.Elapsed;

        var products = await ShopifyProductTests.ReadAllAsync(source.ReadProductsAsync(null, Ct));

        Assert.Equal(await VariantCountAsync(), products.Count);
        Assert.Equal(1, limits.GraphQL(ShopifyEmulatorFixture.Shop).Throttled);
        Assert.Equal(2, counter.Requests);
        Assert.Equal(0, counter.Count(HttpStatusCode.TooManyRequests));
        Assert.True(emulator.Clock.Elapsed > before);
    }

    [Fact]
    public async Task A_page_costing_more_than_a_query_or_the_budget_may_is_halved_until_it_fits()
    {
        await emulator.AdminAsync("limits/reset", "{}", Ct);
        var (source, counter, _) = emulator.CreateSource(change: o => o with { VariantsPageSize = 250 });

        var pages = new List<SourcePage<StoreProduct>>();
        await foreach (var page in source.ReadProductsAsync(null, Ct))
        {
            pages.Add(page);
        }

        // 250 a page costs 1002 (over 1000 a query), 125 costs 502 (over the 450 budget), 62 costs 250.
        Assert.Equal(await VariantCountAsync(), pages.Sum(p => p.Records.Count));
        Assert.Equal(3, counter.Requests);
    }
}
