using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace StoreBooks.Throughput;

/// <summary>One order as the baseline script needs it.</summary>
internal sealed record ScriptOrder(long Id, string Number, DateTimeOffset Created, string Email, string FirstName, string LastName,
    IReadOnlyList<ScriptLine> Lines, decimal Discount, bool Postable);

internal sealed record ScriptLine(string Sku, string Title, int Quantity, decimal Price);

/// <summary>
/// The store's orders, read the way a hand-written script reads them: the REST API's largest page, one request at a time,
/// only the orders after the last one it saw (remembered between passes), waiting out a 429.
/// </summary>
internal abstract class ScriptOrders(HttpClient http) : IDisposable
{
    protected HttpClient Http { get; } = http;

    /// <summary>The next page of orders after the ones already read (empty at the end).</summary>
    public abstract Task<IReadOnlyList<ScriptOrder>> NextPageAsync();

    public static ScriptOrders For(bool shopify, Uri emulator) => shopify ? new ShopifyScriptOrders(emulator) : new WooScriptOrders(emulator);

    public void Dispose() => Http.Dispose();

    protected async Task<JsonNode> GetAsync(string url)
    {
        while (true)
        {
            using var response = await Http.GetAsync(url);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(2);
                await Task.Delay(wait);
                continue;
            }

            response.EnsureSuccessStatusCode();
            return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        }
    }

    protected static decimal Money(JsonNode? node) => node is null ? 0m : decimal.Parse(node.ToString(), CultureInfo.InvariantCulture);

    private sealed class ShopifyScriptOrders : ScriptOrders
    {
        private long _sinceId = 1;

        public ShopifyScriptOrders(Uri emulator)
            : base(new HttpClient { BaseAddress = new Uri(emulator, "admin/api/2025-07/") }) =>
            Http.DefaultRequestHeaders.Add("X-Shopify-Access-Token", "demo-token");

        public override async Task<IReadOnlyList<ScriptOrder>> NextPageAsync()
        {
            var page = (await GetAsync($"orders.json?status=any&limit=250&since_id={_sinceId}"))["orders"]!.AsArray().OfType<JsonObject>().ToList();
            if (page.Count > 0)
            {
                _sinceId = page.Max(o => (long)o["id"]!);
            }

            return [.. page.Select(Read)];
        }

        /// <summary>A page of orders; a page past the last (400 when the previous page was full, as WooCommerce answers) is empty.</summary>
        private async Task<List<JsonObject>> PageAsync(string url)
        {
            try
            {
                return [.. (await GetAsync(url)).AsArray().OfType<JsonObject>()];
            }
            catch (HttpRequestException e) when (e.StatusCode == System.Net.HttpStatusCode.BadRequest)
            {
                return [];
            }
        }

        private static ScriptOrder Read(JsonObject o)
        {
            var person = o["customer"] as JsonObject ?? o["billing_address"] as JsonObject;
            var status = (string?)o["financial_status"];
            var postable = o["cancelled_at"] is null && (bool?)o["test"] != true && status is "paid" or "partially_refunded" or "refunded";
            var lines = (o["line_items"] as JsonArray ?? []).OfType<JsonObject>()
                .Select(l => new ScriptLine((string?)l["sku"] is { Length: > 0 } sku ? sku : (string)l["title"]!, (string)l["title"]!, (int)l["quantity"]!, Money(l["price"])))
                .ToList();
            return new ScriptOrder((long)o["id"]!, (string)o["name"]!, DateTimeOffset.Parse((string)o["created_at"]!, CultureInfo.InvariantCulture),
                (string?)o["email"] ?? "", (string?)person?["first_name"] ?? "", (string?)person?["last_name"] ?? "", lines, Money(o["total_discounts"]), postable);
        }
    }

    private sealed class WooScriptOrders : ScriptOrders
    {
        private long _lastId;
        private string? _after;
        private string? _passAfter;
        private int _page = 1;
        private bool _lastPage;

        public WooScriptOrders(Uri emulator)
            : base(new HttpClient { BaseAddress = new Uri(emulator, "wp-json/wc/v3/") })
        {
            Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.ASCII.GetBytes("ck_demo:cs_demo")));
            Http.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        }

        public override async Task<IReadOnlyList<ScriptOrder>> NextPageAsync()
        {
            // WooCommerce answers a page past the last with 400 (rest_post_invalid_page_number): a short page is the last.
            var filter = _passAfter is null ? "" : $"&after={Uri.EscapeDataString(_passAfter)}&dates_are_gmt=true";
            var raw = _lastPage ? [] : await PageAsync($"orders?per_page=100&page={_page}&orderby=id&order=asc{filter}");
            _lastPage = raw.Count < 100;
            var page = raw.Where(o => (long)o["id"]! > _lastId).ToList();
            if (page.Count == 0)
            {
                _lastPage = false;
                // The end: the next pass asks for orders created after the last one seen, from its first page.
                _page = 1;
                _passAfter = _after;
                return [];
            }

            _page++;
            var last = page.MaxBy(o => (long)o["id"]!)!;
            _lastId = (long)last["id"]!;
            _after = (string?)last["date_created_gmt"];
            return [.. page.Select(Read)];
        }

        /// <summary>A page of orders; a page past the last (400 when the previous page was full, as WooCommerce answers) is empty.</summary>
        private async Task<List<JsonObject>> PageAsync(string url)
        {
            try
            {
                return [.. (await GetAsync(url)).AsArray().OfType<JsonObject>()];
            }
            catch (HttpRequestException e) when (e.StatusCode == System.Net.HttpStatusCode.BadRequest)
            {
                return [];
            }
        }

        private static ScriptOrder Read(JsonObject o)
        {
            var billing = o["billing"] as JsonObject;
            var status = (string?)o["status"];
            var lines = (o["line_items"] as JsonArray ?? []).OfType<JsonObject>()
                .Select(l => new ScriptLine((string?)l["sku"] is { Length: > 0 } sku ? sku : (string)l["name"]!, (string)l["name"]!, (int)l["quantity"]!, Money(l["price"])))
                .ToList();
            return new ScriptOrder((long)o["id"]!, (string?)o["number"] ?? o["id"]!.ToString(),
                DateTimeOffset.Parse((string)o["date_created_gmt"]! + "Z", CultureInfo.InvariantCulture),
                (string?)billing?["email"] ?? "", (string?)billing?["first_name"] ?? "", (string?)billing?["last_name"] ?? "", lines,
                Money(o["discount_total"]), status is "processing" or "completed" or "refunded");
        }
    }
}
