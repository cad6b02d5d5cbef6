using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using StoreBooks.Emulators;
using StoreBooks.Emulators.WooCommerce;
using StoreBooks.Testing;

namespace StoreBooks.WooCommerce.Tests.Support;

/// <summary>The WooCommerce emulator (demo store; a read-write and a write-only key), and sources against it.</summary>
public class WooEmulatorFixture : EmulatorFixture
{
    protected override EmulatorOptions CreateOptions() => new()
    {
        Port = 0,
        WooCommerce = WooOptions() with { Keys = [new("ck_demo", "cs_demo", "read_write"), new("ck_writer", "cs_writer", "write")] },
    };

    protected virtual WooCommerceEmulatorOptions WooOptions() => new();

    /// <summary>A source over plain HTTP (so OAuth 1.0a), counting what went over the wire.</summary>
    public (WooCommerceSource Source, StatusCounter Counter) CreateSource(
        string key = "ck_demo", string secret = "cs_demo", Func<WooCommerceSourceOptions, WooCommerceSourceOptions>? change = null)
    {
        var counter = new StatusCounter();
        var options = new WooCommerceSourceOptions { SiteUrl = BaseUrl, ConsumerKey = key, ConsumerSecret = secret, RetryDelay = TimeSpan.FromMilliseconds(5) };
        return (new WooCommerceSource(change?.Invoke(options) ?? options, new HttpClient(counter)), counter);
    }

    /// <summary>POSTs JSON to the emulator's admin API (<c>emulator/woocommerce/…</c>).</summary>
    public async Task<JsonNode?> AdminAsync(string path, string json, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = BaseUrl };
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri("emulator/woocommerce/" + path, UriKind.Relative), content, cancellationToken);
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
    }

    /// <summary>Empties the store (no demo data) and loads these documents as the REST API returns them.</summary>
    public async Task LoadOnlyAsync(CancellationToken cancellationToken, params string[] documents)
    {
        await AdminAsync("reset", """{"demo":false,"generateOrders":0}""", cancellationToken);
        foreach (var document in documents)
        {
            await AdminAsync("seed", document, cancellationToken);
        }
    }

    /// <summary>
    /// A raw GET with query keys (not StoreBooks' client), for what the emulator holds. WooCommerce takes query keys over
    /// HTTPS only; <c>X-Forwarded-Proto: https</c> from loopback (a trusted proxy by default) makes this call one.
    /// </summary>
    public async Task<JsonNode> RawGetAsync(string path, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = new Uri(BaseUrl, "wp-json/wc/v3/") };
        http.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        var separator = path.Contains('?', StringComparison.Ordinal) ? "&" : "?";
        return JsonNode.Parse(await http.GetStringAsync(new Uri(path + separator + "consumer_key=ck_demo&consumer_secret=cs_demo", UriKind.Relative), cancellationToken))!;
    }
}

/// <summary>The demo store plus 260 generated orders: three full pages of 100 and a part page.</summary>
public sealed class WooManyOrdersFixture : WooEmulatorFixture
{
    protected override WooCommerceEmulatorOptions WooOptions() => new() { GeneratedOrders = 260 };
}

/// <summary>Passes requests on to the network and counts the statuses that came back, changing nothing.</summary>
public sealed class StatusCounter() : DelegatingHandler(new SocketsHttpHandler())
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<HttpStatusCode, int> _counts = new();
    private int _requests;

    public int Requests => _requests;

    public List<Uri> Urls { get; } = [];

    public int Count(HttpStatusCode status) => _counts.GetValueOrDefault(status);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requests);
        lock (Urls)
        {
            Urls.Add(request.RequestUri!);
        }

        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        _counts.AddOrUpdate(response.StatusCode, 1, (_, n) => n + 1);
        return response;
    }
}

/// <summary>A demo store whose catalog prices include tax ("Prices entered with tax").</summary>
public sealed class WooPricesWithTaxFixture : WooEmulatorFixture
{
    protected override WooCommerceEmulatorOptions WooOptions() => new() { PricesIncludeTax = true, GeneratedOrders = 60 };
}

/// <summary>A site whose orders are paid through WooPayments (90 generated orders): it serves deposits and their transactions.</summary>
public sealed class WooPaymentsFixture : WooEmulatorFixture
{
    protected override WooCommerceEmulatorOptions WooOptions() => new() { DemoData = false, GeneratedOrders = 90, CardGateway = "woocommerce_payments" };
}

/// <summary>A WooPayments site of its own, for tests that add disputes, adjustments and settlement settings to it.</summary>
public sealed class WooPaymentsMovementsFixture : WooEmulatorFixture
{
    protected override WooCommerceEmulatorOptions WooOptions() => new() { DemoData = false, GeneratedOrders = 90, CardGateway = "woocommerce_payments" };
}
