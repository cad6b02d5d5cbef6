using System.Text.Json.Nodes;
using StoreBooks.Core.Model;
using StoreBooks.WooCommerce.Tests.Fixtures;
using StoreBooks.WooCommerce.Tests.Support;
using Xunit;
using static StoreBooks.WooCommerce.Tests.Support.WooFixtures;

namespace StoreBooks.WooCommerce.Tests.Products;

/// <summary>The demo catalog and customers through the emulator: simple products, variations of variable ones, changes since a time.</summary>
public sealed class WooProductTests(WooEmulatorFixture emulator) : IClassFixture<WooEmulatorFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_sellable_product_and_variation_of_the_demo_store_is_read()
    {
        await emulator.AdminAsync("reset", """{"demo":true,"generateOrders":0}""", Ct);
        var (source, counter) = emulator.CreateSource(change: o => o with { PageSize = 5 });
        var raw = (await emulator.RawGetAsync("products?per_page=100", Ct)).AsArray().OfType<JsonObject>().ToList();
        var expected = new List<(string Id, string? Sku, decimal? Price)>();
        foreach (var product in raw)
        {
            if ((string?)product["type"] == "variable")
            {
                var variations = (await emulator.RawGetAsync($"products/{product["id"]}/variations?per_page=100", Ct)).AsArray().OfType<JsonObject>();
                expected.AddRange(variations.Select(v => (v["id"]!.ToJsonString(), (string?)v["sku"], Price(v))));
            }
            else
            {
                expected.Add((product["id"]!.ToJsonString(), (string?)product["sku"], Price(product)));
            }
        }

        var products = await WooFixtureRoundTripTests.ReadAllAsync(source.ReadProductsAsync(null, Ct));

        Assert.Equal(expected.OrderBy(e => e.Id), products.Select(p => (p.SourceId, p.Sku, p.Price)).OrderBy(e => e.SourceId));
        Assert.Contains(products, p => p.VariantTitle is not null && p.ProductId != p.SourceId);
        Assert.True(counter.Requests > raw.Count / 5);
    }

    /// <summary>WooCommerce's empty-string price is no price.</summary>
    private static decimal? Price(JsonObject item) => (string?)item["price"] is { Length: > 0 } ? Money(item["price"]) : null;

    [Fact]
    public async Task A_changed_product_alone_is_read_since_the_time_it_changed()
    {
        await emulator.AdminAsync("reset", """{"demo":true,"generateOrders":0}""", Ct);
        var (source, _) = emulator.CreateSource();
        var since = DateTimeOffset.UtcNow.AddSeconds(-1);
        var product = (await emulator.RawGetAsync("products?per_page=100&type=simple", Ct)).AsArray().OfType<JsonObject>().First();
        product["name"] = "Renamed &amp; reshelved";
        product["date_modified_gmt"] = since.AddSeconds(30).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        await emulator.AdminAsync("products", product.ToJsonString(), Ct);

        var changed = await WooFixtureRoundTripTests.ReadAllAsync(source.ReadProductsAsync(since, Ct));

        var only = Assert.Single(changed);
        Assert.Equal((product["id"]!.ToJsonString(), "Renamed & reshelved"), (only.SourceId, only.ProductTitle));
    }

    [Fact]
    public async Task Customers_are_read_in_pages()
    {
        await emulator.AdminAsync("reset", """{"demo":true,"generateOrders":0}""", Ct);
        var (source, _) = emulator.CreateSource(change: o => o with { PageSize = 4 });
        var raw = (await emulator.RawGetAsync("customers?per_page=100&role=all&orderby=id", Ct)).AsArray().OfType<JsonObject>().ToList();

        var customers = await WooFixtureRoundTripTests.ReadAllAsync(source.ReadCustomersAsync(null, Ct));

        Assert.Equal(raw.Select(c => (c["id"]!.ToJsonString(), (string?)c["email"])), customers.Select(c => (c.SourceId!, c.Email)));
        Assert.All(customers, c => Assert.NotNull(c.BillingAddress?.PostalCode));
        Assert.Empty(await WooFixtureRoundTripTests.ReadAllAsync<StoreCustomer>(source.ReadCustomersAsync(DateTimeOffset.UtcNow.AddDays(1), Ct)));
    }
}
