using System.Globalization;
using System.Net;
using StoreBooks.Core.Model;
using StoreBooks.Core.Sources;
using StoreBooks.WooCommerce.Http;
using StoreBooks.WooCommerce.Tests.Fixtures;
using StoreBooks.WooCommerce.Tests.Support;
using Xunit;

namespace StoreBooks.WooCommerce.Tests.Orders;

/// <summary>Many orders from the emulator: pages of 100 by placing time, modified_after, include=, OAuth 1.0a on every call, faults.</summary>
public sealed class WooOrderReadingTests(WooManyOrdersFixture emulator) : IClassFixture<WooManyOrdersFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_order_is_read_once_in_pages_of_100_each_request_signed_afresh()
    {
        var expected = emulator.Server.WooCommerce.Store.OrderCount;
        var (source, counter) = emulator.CreateSource();

        var pages = new List<SourcePage<StoreOrder>>();
        await foreach (var page in source.ReadOrdersAsync(null, Ct))
        {
            pages.Add(page);
        }

        var orders = pages.SelectMany(p => p.Records).ToList();
        Assert.True(expected > 250, $"the emulator holds {expected} orders");
        Assert.Equal(expected, orders.Count);
        Assert.Equal(orders.Count, orders.Select(o => o.SourceId).Distinct().Count());
        // Oldest placed first: each page is asked for from the placing second the last one reached.
        Assert.Equal(orders.Select(o => o.CreatedAt).Order(), orders.Select(o => o.CreatedAt));
        Assert.Equal((expected + 99) / 100, pages.Count);
        Assert.All(pages[..^1], p => Assert.Equal(100, p.Records.Count));

        // One call per page, one per order that has refunds; every one signed with its own nonce, none refused.
        Assert.Equal(pages.Count + orders.Count(o => o.Refunds.Count > 0), counter.Requests);
        Assert.Equal(counter.Requests, counter.Count(HttpStatusCode.OK));
        var nonces = counter.Urls.Select(u => System.Web.HttpUtility.ParseQueryString(u.Query)["oauth_nonce"]).ToList();
        Assert.Equal(nonces.Count, nonces.Distinct().Count());
        Assert.All(counter.Urls, u => Assert.Contains("oauth_signature_method=HMAC-SHA256", u.Query, StringComparison.Ordinal));

        // Refunded orders carry their refunds; paid ones received their total.
        Assert.Contains(orders, o => o.FinancialStatus == FinancialStatus.PartiallyRefunded && o.Refunds.Count == 1);
        Assert.All(orders.Where(o => o.FinancialStatus == FinancialStatus.Paid), o => Assert.Equal(o.Totals.Total, Assert.Single(o.Payments).Amount));
    }

    [Fact]
    public async Task Modified_after_reads_the_orders_changed_since_the_cursor()
    {
        var (source, counter) = emulator.CreateSource();
        var all = await WooFixtureRoundTripTests.ReadAllAsync(source.ReadOrdersAsync(null, Ct));
        var cursor = all.Select(o => o.UpdatedAt).Order().ElementAt(all.Count - 70);

        var changed = await WooFixtureRoundTripTests.ReadAllAsync(source.ReadOrdersAsync(cursor, Ct));

        Assert.Equal(all.Where(o => o.UpdatedAt >= cursor).Select(o => o.SourceId).Order(), changed.Select(o => o.SourceId).Order());
        Assert.Contains(counter.Urls, u => u.Query.Contains("modified_after=", StringComparison.Ordinal) && u.Query.Contains("dates_are_gmt=true", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Orders_by_id_come_in_chunks_of_include_and_unknown_ids_are_left_out()
    {
        var (source, counter) = emulator.CreateSource();
        var all = await WooFixtureRoundTripTests.ReadAllAsync(source.ReadOrdersAsync(null, Ct));
        var wanted = all.Where((_, i) => i % 2 == 0).Select(o => o.SourceId).ToList();

        var read = await WooFixtureRoundTripTests.ReadAllAsync(source.GetOrdersAsync([.. wanted, "77", "-3"], Ct));

        Assert.True(wanted.Count > 100);
        Assert.Equal(wanted.Order(), read.Select(o => o.SourceId).Order());
        Assert.Equal(
            ModelJson.Of(all.Where(o => wanted.Contains(o.SourceId)).OrderBy(o => long.Parse(o.SourceId, CultureInfo.InvariantCulture))),
            ModelJson.Of(read.OrderBy(o => long.Parse(o.SourceId, CultureInfo.InvariantCulture))));
    }

    [Fact]
    public async Task Server_errors_are_tried_again_then_reported()
    {
        var (source, counter) = emulator.CreateSource();
        await emulator.AdminAsync("faults", """{"failNext":2,"failStatus":503}""", Ct);

        var orders = await WooFixtureRoundTripTests.ReadAllAsync(source.GetOrdersAsync(["1000"], Ct));

        Assert.Single(orders);
        Assert.Equal(2, counter.Count(HttpStatusCode.ServiceUnavailable));

        await emulator.AdminAsync("faults", """{"failNext":3,"failStatus":500}""", Ct);
        var (failing, _) = emulator.CreateSource(change: o => o with { MaxAttempts = 3 });
        var error = await Assert.ThrowsAsync<WooCommerceApiException>(() => WooFixtureRoundTripTests.ReadAllAsync(failing.ReadOrdersAsync(null, Ct)));
        Assert.Equal(HttpStatusCode.InternalServerError, error.Status);
        Assert.Contains("answered 500 internal_server_error: There has been a critical error on this website. to /wp-json/wc/v3/orders 3 times", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ck_nobody", "cs_demo", "Consumer key is invalid.", "Check the key and secret")]
    [InlineData("ck_demo", "cs_wrong", "Invalid signature - provided signature does not match.", "Check the key and secret")]
    [InlineData("ck_writer", "cs_writer", "The API key provided does not have read permissions.", "Give the key Read (or Read/Write) permission")]
    public async Task A_refused_key_says_what_to_do(string key, string secret, string said, string fix)
    {
        var (source, _) = emulator.CreateSource(key, secret);

        var error = await Assert.ThrowsAsync<WooCommerceAccessDeniedException>(() => source.CheckAsync(Ct));

        Assert.Equal(HttpStatusCode.Unauthorized, error.Status);
        Assert.Equal("woocommerce_rest_authentication_error", error.Code);
        Assert.Contains($"refused the API key {key} (401 woocommerce_rest_authentication_error: {said})", error.Message, StringComparison.Ordinal);
        Assert.Contains(fix, error.Message, StringComparison.Ordinal);
        Assert.Contains("storebooks connect woocommerce --url", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_site_without_the_api_is_named_in_the_error()
    {
        var (source, _) = emulator.CreateSource(change: o => o with { SiteUrl = new Uri(emulator.BaseUrl, "blog/") });

        var error = await Assert.ThrowsAsync<WooCommerceApiException>(() => source.CheckAsync(Ct));

        Assert.Equal(HttpStatusCode.NotFound, error.Status);
        Assert.Contains("has no WooCommerce REST API at /blog/wp-json/wc/v3/orders", error.Message, StringComparison.Ordinal);
    }
}
