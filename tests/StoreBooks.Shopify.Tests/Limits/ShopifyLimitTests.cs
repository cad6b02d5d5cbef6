using System.Net;
using StoreBooks.Shopify.Http;
using StoreBooks.Shopify.Tests.Fixtures;
using StoreBooks.Shopify.Tests.Support;
using Xunit;

namespace StoreBooks.Shopify.Tests.Limits;

/// <summary>Shopify's limits and faults as the emulator serves them: the leaky bucket under a burst, 429s, 5xx, refused tokens.</summary>
public sealed class ShopifyLimitTests(ShopifyEmulatorFixture emulator) : IClassFixture<ShopifyEmulatorFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task ResetAsync()
    {
        await emulator.AdminAsync("reset", """{"demo":true,"generateOrders":0}""", Ct);
        await emulator.AdminAsync("limits/reset", "{}", Ct);
        await emulator.AdminAsync("faults", """{"failNext":0,"throttleNext":0,"failProbability":0,"latencyMs":0}""", Ct);
    }

    [Fact]
    public async Task Three_sources_of_one_shop_bursting_together_share_the_bucket_and_never_overflow_it()
    {
        await ResetAsync();
        var limits = new ShopifyRateLimits(emulator.Clock);
        var sources = Enumerable.Range(0, 3).Select(_ => emulator.CreateSource(limits: limits, change: RestOrders)).ToList();

        var reads = await Task.WhenAll(sources.Select(s => Task.Run(async () =>
        {
            var total = 0;
            for (var round = 0; round < 3; round++)
            {
                total += (await ShopifyFixtureRoundTripTests.ReadAllAsync(s.Source.ReadOrdersAsync(null, Ct))).Count;
            }

            return total;
        })));

        var calls = sources.Sum(s => s.Counter.Requests);
        Assert.All(reads, n => Assert.Equal(3 * emulator.Server.Shopify.Shop.OrderCount, n));
        Assert.True(calls > 200, $"{calls} calls");
        Assert.Equal(0, sources.Sum(s => s.Counter.Count(HttpStatusCode.TooManyRequests)));
        Assert.True(limits.Rest(ShopifyEmulatorFixture.Shop, 2).Waits > 0);
    }

    [Fact]
    public async Task Sources_that_do_not_share_the_bucket_overflow_it_and_the_429s_are_waited_out()
    {
        await ResetAsync();

        // Three sources racing for one bucket can each lose many races in a row: allow more 429s than a lone sync meets.
        var sources = Enumerable.Range(0, 3).Select(_ => emulator.CreateSource(change: o => o with { MaxThrottledAnswers = 500, OrdersApi = ShopifyOrdersApi.Rest })).ToList();

        // Three reads each: every source bursts to what it believes is the whole bucket again and again, so they overflow it
        // whatever the interleaving (one read each could be spread by the scheduler enough for the bucket to leak in time).
        var reads = await Task.WhenAll(sources.Select(s => Task.Run(async () =>
        {
            var total = 0;
            for (var round = 0; round < 3; round++)
            {
                total += (await ShopifyFixtureRoundTripTests.ReadAllAsync(s.Source.ReadOrdersAsync(null, Ct))).Count;
            }

            return total;
        })));

        Assert.All(reads, n => Assert.Equal(3 * emulator.Server.Shopify.Shop.OrderCount, n));
        Assert.True(sources.Sum(s => s.Counter.Count(HttpStatusCode.TooManyRequests)) > 0, "each source alone believes it has the whole bucket");
    }

    [Fact]
    public async Task Injected_429s_are_waited_out_for_their_retry_after()
    {
        await ResetAsync();
        var (source, counter, _) = emulator.CreateSource(change: RestOrders);
        await emulator.AdminAsync("faults", """{"throttleNext":3}""", Ct);
        var before = emulator.Clock.Elapsed;

        var orders = await ShopifyFixtureRoundTripTests.ReadAllAsync(source.ReadOrdersAsync(null, Ct));

        Assert.Equal(emulator.Server.Shopify.Shop.OrderCount, orders.Count);
        Assert.Equal(3, counter.Count(HttpStatusCode.TooManyRequests));
        Assert.True(emulator.Clock.Elapsed - before >= TimeSpan.FromSeconds(6), "three Retry-After: 2.0 waits");
    }

    [Fact]
    public async Task Server_errors_on_reads_are_tried_again_then_reported()
    {
        await ResetAsync();
        var (source, counter, _) = emulator.CreateSource(change: RestOrders);
        await emulator.AdminAsync("faults", """{"failNext":3,"failStatus":503}""", Ct);

        var orders = await ShopifyFixtureRoundTripTests.ReadAllAsync(source.ReadOrdersAsync(null, Ct));

        Assert.Equal(emulator.Server.Shopify.Shop.OrderCount, orders.Count);
        Assert.Equal(3, counter.Count(HttpStatusCode.ServiceUnavailable));

        await emulator.AdminAsync("faults", """{"failNext":10,"failStatus":500}""", Ct);
        var (failing, _, _) = emulator.CreateSource(change: o => o with { MaxAttempts = 3, OrdersApi = ShopifyOrdersApi.Rest });
        var error = await Assert.ThrowsAsync<ShopifyApiException>(() => ShopifyFixtureRoundTripTests.ReadAllAsync(failing.ReadOrdersAsync(null, Ct)));
        Assert.Equal(HttpStatusCode.InternalServerError, error.Status);
        Assert.Contains("answered 500 to /admin/api/2025-07/orders.json on emu-shop.myshopify.com 3 times", error.Message, StringComparison.Ordinal);
        Assert.Contains("the next run goes on", error.Message, StringComparison.Ordinal);
        await emulator.AdminAsync("faults", """{"failNext":0}""", Ct);
    }

    [Fact]
    public async Task A_refused_token_says_what_to_do()
    {
        var (source, _, _) = emulator.CreateSource(token: "shpat_wrong");

        var rest = await Assert.ThrowsAsync<ShopifyAccessDeniedException>(() => ShopifyFixtureRoundTripTests.ReadAllAsync(source.ReadOrdersAsync(null, Ct)));
        var graphql = await Assert.ThrowsAsync<ShopifyAccessDeniedException>(() => source.CheckAsync(Ct));

        foreach (var error in new[] { rest, graphql })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, error.Status);
            Assert.Contains("Shopify refused the access token for emu-shop.myshopify.com", error.Message, StringComparison.Ordinal);
            Assert.Contains("Invalid API key or access token", error.Message, StringComparison.Ordinal);
            Assert.Contains("storebooks connect shopify --shop emu-shop.myshopify.com --token TOKEN", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_unknown_api_version_is_named_in_the_error()
    {
        var (source, _, _) = emulator.CreateSource(change: o => o with { ApiVersion = "2019-13" });

        var error = await Assert.ThrowsAsync<ShopifyApiException>(() => ShopifyFixtureRoundTripTests.ReadAllAsync(source.ReadOrdersAsync(null, Ct)));

        Assert.Equal(HttpStatusCode.NotFound, error.Status);
        Assert.Contains("check the shop domain and the API version 2019-13", error.Message, StringComparison.Ordinal);
    }

    /// <summary>These tests are about the REST call bucket: orders are read through REST here.</summary>
    private static ShopifySourceOptions RestOrders(ShopifySourceOptions options) => options with { OrdersApi = ShopifyOrdersApi.Rest };
}
