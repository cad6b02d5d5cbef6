using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using StoreBooks.Emulators.Tests.Stores;
using Xunit;

namespace StoreBooks.Emulators.Tests.Shopify;

/// <summary>REST paging, filters, the leaky bucket and token errors, on a fake clock.</summary>
public sealed partial class ShopifyRestTests(FakeClockEmulatorFixture emulator) : IClassFixture<FakeClockEmulatorFixture>
{
    [GeneratedRegex("<([^>]+)>; rel=\"next\"")]
    private static partial Regex NextLink();

    [GeneratedRegex("<([^>]+)>; rel=\"previous\"")]
    private static partial Regex PreviousLink();

    private async Task ResetLimitsAsync() =>
        await StoreHttp.AdminAsync(emulator.Server, "emulator/shopify/limits/reset", null, TestContext.Current.CancellationToken);

    [Fact]
    public async Task Link_paging_walks_every_order_once_and_back()
    {
        var ct = TestContext.Current.CancellationToken;
        await ResetLimitsAsync();
        using var http = StoreHttp.Shopify(emulator.Server);
        var seen = new HashSet<string>();
        var url = "orders.json?status=any&limit=250&fields=id,updated_at";
        var pages = 0;
        string? lastUrl = null;
        while (url is not null)
        {
            using var response = await http.GetAsync(new Uri(url, UriKind.RelativeOrAbsolute), ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var orders = JsonNode.Parse(await response.Content.ReadAsStringAsync(ct))!["orders"]!.AsArray();
            Assert.All(orders, o => Assert.True(seen.Add(o!["id"]!.ToJsonString()), "an order came twice"));
            Assert.All(orders, o => Assert.Equal(["id", "updated_at"], o!.AsObject().Select(p => p.Key).Order()));
            pages++;
            lastUrl = url;
            var link = response.Headers.TryGetValues("Link", out var values) ? string.Join(",", values) : "";
            url = NextLink().Match(link) is { Success: true } m ? m.Groups[1].Value : null;
        }

        Assert.Equal(630, seen.Count);
        Assert.Equal(3, pages);
        using var last = await http.GetAsync(new Uri(lastUrl!, UriKind.RelativeOrAbsolute), ct);
        var previous = PreviousLink().Match(string.Join(",", last.Headers.GetValues("Link"))).Groups[1].Value;
        var back = (await http.GetJsonAsync(previous, ct))["orders"]!.AsArray();
        Assert.Equal(250, back.Count);
    }

    [Fact]
    public async Task Filters_with_page_info_limit_over_250_and_default_status_behave_as_shopify()
    {
        var ct = TestContext.Current.CancellationToken;
        await ResetLimitsAsync();
        using var http = StoreHttp.Shopify(emulator.Server);
        using var first = await http.GetAsync(new Uri("orders.json?status=any&limit=5", UriKind.Relative), ct);
        var pageInfo = Regex.Match(string.Join(",", first.Headers.GetValues("Link")), "page_info=([^&>]+)").Groups[1].Value;

        using var mixed = await http.GetAsync(new Uri($"orders.json?page_info={pageInfo}&status=any", UriKind.Relative), ct);
        Assert.Equal(HttpStatusCode.BadRequest, mixed.StatusCode);
        Assert.Contains("status cannot be passed when page_info is present", await mixed.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);

        using var tooMany = await http.GetAsync(new Uri("orders.json?limit=251", UriKind.Relative), ct);
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);

        var open = (await http.GetJsonAsync("orders/count.json", ct))["count"]!.GetValue<int>();
        var any = (await http.GetJsonAsync("orders/count.json?status=any", ct))["count"]!.GetValue<int>();
        var cancelled = (await http.GetJsonAsync("orders/count.json?status=cancelled", ct))["count"]!.GetValue<int>();
        Assert.Equal(630, any);
        Assert.True(open < any - cancelled, $"open {open} should leave out closed and cancelled orders of {any}");
        Assert.Equal(50, (await http.GetJsonAsync("orders.json", ct))["orders"]!.AsArray().Count);

        var since = emulator.Clock.GetUtcNow().AddDays(-10).ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);
        var recent = (await http.GetJsonAsync($"orders.json?status=any&limit=250&updated_at_min={Uri.EscapeDataString(since)}", ct))["orders"]!.AsArray();
        Assert.NotEmpty(recent);
        Assert.All(recent, o => Assert.True(DateTimeOffset.Parse(o!["updated_at"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture) >= DateTimeOffset.Parse(since, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task Ids_above_2_pow_53_are_written_exactly()
    {
        var ct = TestContext.Current.CancellationToken;
        await ResetLimitsAsync();
        using var http = StoreHttp.Shopify(emulator.Server);
        var text = await http.GetStringAsync(new Uri("orders/9007199254741001.json", UriKind.Relative), ct);
        Assert.Contains("\"id\":9007199254741001", text, StringComparison.Ordinal);
        Assert.Contains("\"financial_status\":\"paid\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Burst_over_40_calls_gets_429_with_retry_after_and_the_bucket_leaks_2_per_second()
    {
        var ct = TestContext.Current.CancellationToken;
        await ResetLimitsAsync();
        using var http = StoreHttp.Shopify(emulator.Server);
        for (var i = 1; i <= 40; i++)
        {
            using var ok = await http.GetAsync(new Uri("locations.json", UriKind.Relative), ct);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            Assert.Equal($"{i}/40", ok.Headers.GetValues("X-Shopify-Shop-Api-Call-Limit").Single());
        }

        using var over = await http.GetAsync(new Uri("locations.json", UriKind.Relative), ct);
        Assert.Equal((HttpStatusCode)429, over.StatusCode);
        Assert.Equal("2.0", over.Headers.GetValues("Retry-After").Single());
        Assert.Contains("Exceeded 2 calls per second for api client", await over.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);

        emulator.Clock.Advance(TimeSpan.FromSeconds(1));
        using var again = await http.GetAsync(new Uri("locations.json", UriKind.Relative), ct);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("39/40", again.Headers.GetValues("X-Shopify-Shop-Api-Call-Limit").Single());
    }

    [Fact]
    public async Task Missing_or_wrong_token_gets_shopifys_401_body()
    {
        var ct = TestContext.Current.CancellationToken;
        using var wrong = StoreHttp.Shopify(emulator.Server, "not-a-token");
        using var response = await wrong.GetAsync(new Uri("orders.json", UriKind.Relative), ct);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("""{"errors":"[API] Invalid API key or access token (unrecognized login or wrong password)"}""", await response.Content.ReadAsStringAsync(ct));
    }

    [Fact]
    public async Task Injected_503_burst_then_recovery()
    {
        var ct = TestContext.Current.CancellationToken;
        await ResetLimitsAsync();
        await StoreHttp.AdminAsync(emulator.Server, "emulator/shopify/faults", new JsonObject { ["failNext"] = 2, ["failStatus"] = 503 }, ct);
        using var http = StoreHttp.Shopify(emulator.Server);
        var statuses = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            using var r = await http.GetAsync(new Uri("locations.json", UriKind.Relative), ct);
            statuses.Add((int)r.StatusCode);
        }

        Assert.Equal([503, 503, 200], statuses);
    }

    [Fact]
    public async Task Graphql_queries_are_throttled_with_a_200_and_unknown_fields_are_errors()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = StoreHttp.Shopify(emulator.Server);
        await StoreHttp.AdminAsync(emulator.Server, "emulator/shopify/limits/reset", null, ct);
        var query = new JsonObject { ["query"] = "{ products(first: 250) { nodes { id variants(first: 3) { nodes { id sku } } } } }" };
        var costly = await http.PostJsonAsync("graphql.json", query, ct);
        Assert.Equal("MAX_COST_EXCEEDED", costly["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());

        var page = new JsonObject { ["query"] = "{ products(first: 10) { nodes { id title variants(first: 3) { nodes { sku } } } } }" };
        string? code = null;
        for (var i = 0; i < 5 && code is null; i++)
        {
            var answer = await http.PostJsonAsync("graphql.json", page.DeepClone(), ct);
            code = answer["errors"]?[0]?["extensions"]?["code"]?.GetValue<string>();
            Assert.NotNull(answer["extensions"]!["cost"]!["throttleStatus"]!["currentlyAvailable"]);
        }

        Assert.Equal("THROTTLED", code);
        emulator.Clock.Advance(TimeSpan.FromSeconds(2));
        var after = await http.PostJsonAsync("graphql.json", page.DeepClone(), ct);
        Assert.Equal(10, after["data"]!["products"]!["nodes"]!.AsArray().Count);
        await StoreHttp.AdminAsync(emulator.Server, "emulator/shopify/limits/reset", null, ct);
    }
}
