using System.Text.Json.Nodes;
using StoreBooks.Emulators.Tests.Stores;
using StoreBooks.Testing;
using Xunit;

namespace StoreBooks.Emulators.Tests.Shopify;

/// <summary>
/// The Shopify Payments fixtures (shopify.dev's REST 2025-07 examples) load as seed data and are served back as Shopify
/// answered them: the list most recent first, <c>date_max</c> inclusive, a payout by id, its balance transactions by
/// <c>payout_id</c>, the balance and the disputes.
/// </summary>
public sealed class ShopifyPayoutFixtureTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task Payout_fixtures_load_and_are_served_back_as_shopify_answered_them()
    {
        var ct = TestContext.Current.CancellationToken;
        var folder = SharedFixtures.Path(Path.Combine("shopify", "payouts"));
        await StoreHttp.AdminAsync(emulator.Server, "emulator/shopify/reset", new JsonObject { ["demo"] = false, ["generateOrders"] = 0 }, ct);
        var files = Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(7, files.Count);
        var documents = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var document = JsonNode.Parse(await File.ReadAllTextAsync(file, ct))!;
            documents[Path.GetFileName(file)] = document;
            var loaded = await StoreHttp.AdminAsync(emulator.Server, "emulator/shopify/seed", document, ct);
            Assert.True(loaded["loaded"]?.GetValue<int>() > 0, $"{Path.GetFileName(file)}: {loaded.ToJsonString()}");
        }

        using var http = StoreHttp.Shopify(emulator.Server);
        var list = await http.GetJsonAsync("shopify_payments/payouts.json?limit=250", ct);
        AssertSame("payouts-list", documents["payouts-list.2025-07.json"], list);
        AssertSame("payouts-list-date-max", documents["payouts-list-date-max.2025-07.json"], await http.GetJsonAsync("shopify_payments/payouts.json?date_max=2012-11-12", ct));
        AssertSame("payout-get", documents["payout-get.2025-07.json"], await http.GetJsonAsync("shopify_payments/payouts/623721858.json", ct));
        AssertSame("balance-get", documents["balance-get.2025-07.json"], await http.GetJsonAsync("shopify_payments/balance.json", ct));
        AssertSame("dispute-get", documents["dispute-get.2025-07.json"], await http.GetJsonAsync("shopify_payments/disputes/598735659.json", ct));

        var expected = documents["balance-transactions-list-by-payout.2025-07.json"]["transactions"]!.AsArray();
        var served = (await http.GetJsonAsync("shopify_payments/balance/transactions.json?payout_id=623721858&limit=250", ct))["transactions"]!.AsArray();
        AssertSameSet("balance transactions", expected, served);
        AssertSameSet("disputes", documents["disputes-list.2025-07.json"]["disputes"]!.AsArray(),
            (await http.GetJsonAsync("shopify_payments/disputes.json?limit=250", ct))["disputes"]!.AsArray());

        await StoreHttp.AdminAsync(emulator.Server, "emulator/shopify/reset", new JsonObject { ["demo"] = true }, ct);
    }

    private static void AssertSame(string what, JsonNode expected, JsonNode served) =>
        Assert.True(JsonNode.DeepEquals(expected, served), $"{what}: served body differs.\nexpected {expected.ToJsonString()}\nserved   {served.ToJsonString()}");

    private static void AssertSameSet(string what, JsonArray expected, JsonArray served)
    {
        Assert.Equal(expected.Count, served.Count);
        foreach (var item in expected)
        {
            var match = served.FirstOrDefault(s => s!["id"]!.ToJsonString() == item!["id"]!.ToJsonString());
            Assert.True(JsonNode.DeepEquals(item, match), $"{what}: {item!["id"]} differs or is missing");
        }
    }
}
