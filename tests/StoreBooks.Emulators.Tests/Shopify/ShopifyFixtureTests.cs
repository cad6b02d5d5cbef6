using System.Text.Json.Nodes;
using StoreBooks.Emulators.Tests.Stores;
using StoreBooks.Testing;
using Xunit;

namespace StoreBooks.Emulators.Tests.Shopify;

/// <summary>Every Shopify fixture loads as seed data as it is, and the endpoint that answers it serves the same objects back.</summary>
public sealed class ShopifyFixtureTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task Every_fixture_loads_and_is_served_back_unchanged()
    {
        var ct = TestContext.Current.CancellationToken;
        var folder = SharedFixtures.Path("shopify");
        using var http = StoreHttp.Shopify(emulator.Server);
        var checkedFiles = 0;
        foreach (var file in Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            var document = JsonNode.Parse(await File.ReadAllTextAsync(file, ct))!.AsObject();
            await StoreHttp.AdminAsync(emulator.Server, "emulator/shopify/reset", new JsonObject { ["demo"] = false }, ct);
            if (document.ContainsKey("refunds") || document.ContainsKey("refund") || document.ContainsKey("transactions") || document.ContainsKey("transaction"))
            {
                // Refunds and transactions are children of their order; the order comes first, as on a real shop.
                await Seed("order-get-partially-refunded.2025-07.json");
            }

            var loaded = await StoreHttp.AdminAsync(emulator.Server, "emulator/shopify/seed", document, ct);
            Assert.True(loaded["loaded"] is not null, $"{Path.GetFileName(file)}: {loaded.ToJsonString()}");
            var name = Path.GetFileName(file);
            var (key, value) = document.First(p => p.Key != "notice");
            switch (key)
            {
                case "orders":
                    var served = (await http.GetJsonAsync("orders.json?status=any&limit=250", ct))["orders"]!.AsArray();
                    AssertSameItems(name, value!.AsArray(), served);
                    break;
                case "order":
                    AssertSame(name, value, (await http.GetJsonAsync($"orders/{value!["id"]}.json", ct))["order"]);
                    break;
                case "count":
                    Assert.Equal(["count"], (await http.GetJsonAsync("orders/count.json?status=any", ct)).AsObject().Select(p => p.Key));
                    break;
                case "refunds":
                    AssertSameItems(name, value!.AsArray(), (await http.GetJsonAsync($"orders/{value[0]!["order_id"]}/refunds.json", ct))["refunds"]!.AsArray());
                    break;
                case "refund" when value!["id"] is null:
                    var calculated = await http.PostJsonAsync("orders/450789469/refunds/calculate.json",
                        JsonNode.Parse("""{"refund":{"shipping":{"amount":"0.00"},"refund_line_items":[]}}"""), ct);
                    Assert.Equal(value.AsObject().Select(p => p.Key).Order(), calculated["refund"]!.AsObject().Select(p => p.Key).Order());
                    break;
                case "refund":
                    AssertSame(name, value, (await http.GetJsonAsync($"orders/{value!["order_id"]}/refunds/{value["id"]}.json", ct))["refund"]);
                    break;
                case "transactions":
                    AssertSameItems(name, value!.AsArray(), (await http.GetJsonAsync($"orders/{value[0]!["order_id"]}/transactions.json", ct))["transactions"]!.AsArray());
                    break;
                case "transaction":
                    AssertSame(name, value, (await http.GetJsonAsync($"orders/{value!["order_id"]}/transactions/{value["id"]}.json", ct))["transaction"]);
                    break;
                case "products":
                    AssertSameItems(name, value!.AsArray(), (await http.GetJsonAsync("products.json?limit=250", ct))["products"]!.AsArray());
                    break;
                case "product":
                    AssertSame(name, value, (await http.GetJsonAsync($"products/{value!["id"]}.json", ct))["product"]);
                    break;
                case "variants":
                    AssertSameItems(name, value!.AsArray(), (await http.GetJsonAsync($"products/{value[0]!["product_id"]}/variants.json", ct))["variants"]!.AsArray());
                    break;
                case "variant":
                    AssertSame(name, value, (await http.GetJsonAsync($"variants/{value!["id"]}.json", ct))["variant"]);
                    break;
                case "customers":
                    AssertSameItems(name, value!.AsArray(), (await http.GetJsonAsync("customers.json", ct))["customers"]!.AsArray());
                    break;
                case "customer":
                    AssertSame(name, value, (await http.GetJsonAsync($"customers/{value!["id"]}.json", ct))["customer"]);
                    break;
                case "locations":
                    AssertSameItems(name, value!.AsArray(), (await http.GetJsonAsync("locations.json", ct))["locations"]!.AsArray());
                    break;
                case "inventory_items":
                    var ids = string.Join(',', value!.AsArray().Select(i => i!["id"]));
                    AssertSameItems(name, value.AsArray(), (await http.GetJsonAsync($"inventory_items.json?ids={ids}", ct))["inventory_items"]!.AsArray());
                    break;
                case "inventory_levels":
                    var items = string.Join(',', value!.AsArray().Select(i => i!["inventory_item_id"]).Distinct());
                    var levels = (await http.GetJsonAsync($"inventory_levels.json?inventory_item_ids={items}", ct))["inventory_levels"]!.AsArray();
                    Assert.Equal(value.AsArray().Count, levels.Count);
                    Assert.All(value.AsArray(), l => Assert.Contains(levels, s => JsonNode.DeepEquals(s, l)));
                    break;
                case "tender_transactions":
                    AssertSameItems(name, value!.AsArray(), (await http.GetJsonAsync("tender_transactions.json", ct))["tender_transactions"]!.AsArray());
                    break;
                case "webhooks":
                    AssertSameItems(name, value!.AsArray(), (await http.GetJsonAsync("webhooks.json", ct))["webhooks"]!.AsArray());
                    break;
                default:
                    Assert.Fail($"{name}: no check for top-level key {key}");
                    break;
            }

            checkedFiles++;
        }

        Assert.Equal(25, checkedFiles);
        await StoreHttp.AdminAsync(emulator.Server, "emulator/shopify/reset", new JsonObject { ["demo"] = true }, ct);

        async Task Seed(string fixture) => await StoreHttp.AdminAsync(emulator.Server, "emulator/shopify/seed",
            JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(folder, fixture), ct)), ct);
    }

    private static void AssertSame(string file, JsonNode? expected, JsonNode? served) =>
        Assert.True(JsonNode.DeepEquals(expected, served), $"{file}: served object differs from the fixture.\nexpected {expected?.ToJsonString()[..Math.Min(300, expected.ToJsonString().Length)]}\nserved   {served?.ToJsonString()[..Math.Min(300, served.ToJsonString().Length)]}");

    private static void AssertSameItems(string file, JsonArray expected, JsonArray served)
    {
        Assert.True(expected.Count <= served.Count, $"{file}: {expected.Count} items seeded, {served.Count} served");
        foreach (var item in expected)
        {
            var match = served.FirstOrDefault(s => s!["id"]?.ToJsonString() == item!["id"]?.ToJsonString());
            AssertSame(file, item, match);
        }
    }
}
