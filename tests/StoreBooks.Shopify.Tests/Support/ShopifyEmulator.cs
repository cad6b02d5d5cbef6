using System.Text;
using System.Text.Json.Nodes;
using StoreBooks.Emulators;
using StoreBooks.Emulators.Shopify;
using StoreBooks.Shopify.Http;
using StoreBooks.Testing;

namespace StoreBooks.Shopify.Tests.Support;

/// <summary>An emulator on a <see cref="WarpClock"/>, and ways to build sources against it and to drive its admin API.</summary>
public class ShopifyEmulatorFixture : EmulatorFixture
{
    public WarpClock Clock { get; } = new(new DateTimeOffset(2026, 11, 2, 15, 0, 0, TimeSpan.Zero));

    protected override EmulatorOptions CreateOptions() => new() { Port = 0, Time = Clock, Shopify = ShopifyOptions() };

    /// <summary>The Shopify emulator's options (demo shop; Shopify's standard limits).</summary>
    protected virtual ShopifyEmulatorOptions ShopifyOptions() => new();

    public const string Shop = "emu-shop.myshopify.com";

    /// <summary>A source against the emulator, with its own rate-limit state (or the one given) and a status counter.</summary>
    public (ShopifySource Source, StatusCounter Counter, ShopifyRateLimits Limits) CreateSource(
        string token = "demo-token", ShopifyRateLimits? limits = null, Func<ShopifySourceOptions, ShopifySourceOptions>? change = null)
    {
        var counter = new StatusCounter();
        limits ??= new ShopifyRateLimits(Clock);
        var options = new ShopifySourceOptions { Shop = Shop, AccessToken = token, BaseUrl = BaseUrl };
        return (new ShopifySource(change?.Invoke(options) ?? options, new HttpClient(counter), limits), counter, limits);
    }

    /// <summary>POSTs JSON to the emulator's admin API (<c>emulator/shopify/…</c>).</summary>
    public async Task<JsonNode?> AdminAsync(string path, string json, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = BaseUrl };
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri("emulator/shopify/" + path, UriKind.Relative), content, cancellationToken);
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
    }

    /// <summary>Empties the shop (no demo data) and loads these documents, as the REST API would return them.</summary>
    public async Task LoadOnlyAsync(CancellationToken cancellationToken, params string[] documents)
    {
        await AdminAsync("reset", """{"demo":false,"generateOrders":0}""", cancellationToken);
        await AdminAsync("limits/reset", "{}", cancellationToken);
        foreach (var document in documents)
        {
            await AdminAsync("seed", document, cancellationToken);
        }
    }

    /// <summary>A raw REST GET (not StoreBooks' client), for what the emulator holds.</summary>
    public async Task<JsonNode> RawGetAsync(string path, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = new Uri(BaseUrl, "admin/api/2025-07/") };
        http.DefaultRequestHeaders.Add("X-Shopify-Access-Token", "demo-token");
        return JsonNode.Parse(await http.GetStringAsync(new Uri(path, UriKind.Relative), cancellationToken))!;
    }
}

/// <summary>The demo shop plus 620 generated orders: more than two full pages of 250.</summary>
public sealed class ShopifyManyOrdersFixture : ShopifyEmulatorFixture
{
    protected override ShopifyEmulatorOptions ShopifyOptions() => new() { GeneratedOrders = 620 };
}

/// <summary>The demo shop with a small GraphQL budget (450 points, 50 a second): pages of variants must wait, shrink, or both.</summary>
public sealed class ShopifySmallBudgetFixture : ShopifyEmulatorFixture
{
    protected override ShopifyEmulatorOptions ShopifyOptions() => new() { GraphQLMaximumAvailable = 450, GraphQLRestoreRate = 50 };
}
