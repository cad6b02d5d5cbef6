using System.Text.Json.Nodes;
using StoreBooks.Emulators.Tests.Stores;
using StoreBooks.Testing;
using Xunit;

namespace StoreBooks.Emulators.Tests.WooCommerce;

/// <summary>Every WooCommerce fixture loads as seed data as it is, and the endpoint that answers it serves the same objects back.</summary>
public sealed class WooFixtureTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task Every_fixture_loads_and_is_served_back_unchanged()
    {
        var ct = TestContext.Current.CancellationToken;
        var folder = SharedFixtures.Path("woocommerce");
        using var http = StoreHttp.WooCommerce(emulator.Server);
        var files = 0;
        foreach (var file in Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(file);
            var document = JsonNode.Parse(await File.ReadAllTextAsync(file, ct))!;
            await StoreHttp.AdminAsync(emulator.Server, "emulator/woocommerce/reset", new JsonObject { ["demo"] = false }, ct);
            var loaded = await StoreHttp.AdminAsync(emulator.Server, "emulator/woocommerce/seed", document, ct);
            Assert.True(loaded["loaded"] is not null, $"{name}: {loaded.ToJsonString()}");
            var items = document is JsonArray array ? array.Select(i => i!).ToList() : [document];
            foreach (var item in items)
            {
                var path = ServedAt(item);
                var served = await http.GetJsonAsync(StoreHttp.WooKeys(path), ct);
                Assert.True(JsonNode.DeepEquals(item, served), $"{name}: {path} differs from the fixture");
            }

            files++;
        }

        Assert.Equal(25, files);
        await StoreHttp.AdminAsync(emulator.Server, "emulator/woocommerce/reset", new JsonObject { ["demo"] = true }, ct);
    }

    /// <summary>The single-item path that serves a fixture object: its own <c>_links.self</c>, or by kind for the one without links.</summary>
    private static string ServedAt(JsonNode item)
    {
        var self = item["_links"]?["self"]?[0]?["href"]?.GetValue<string>();
        if (self is not null)
        {
            return self[(self.IndexOf("/wp-json/wc/v3/", StringComparison.Ordinal) + "/wp-json/wc/v3/".Length)..];
        }

        Assert.NotNull(item["line_items"]);
        return $"orders/{item["id"]}";
    }
}
