using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using StoreBooks.Core.Connections;
using StoreBooks.Core.Products;
using StoreBooks.Core.State;
using StoreBooks.Hosting.Webhooks;
using StoreBooks.Shopify;
using StoreBooks.WooCommerce;
using StoreBooks.Web.Tests.Support;
using Xunit;

namespace StoreBooks.Web.Tests.EndToEnd;

/// <summary>
/// The whole path with the real sources: the store emulator sends its own signed webhook to <c>serve</c>, which asks for a sync,
/// which reads the order through the store's API and posts it to QuickBooks. The connection first syncs the demo store at start.
/// </summary>
public sealed class StoreWebhookEndToEndTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Automatic items with the US company's usual accounts; no schedule, so only webhooks make runs after the first.</summary>
    private static ConnectionSettings WebhookOnly => new()
    {
        SyncInterval = null,
        Products = new ProductSettings
        {
            Mode = ItemMode.Automatic,
            CreateAs = CreatedItemType.NonInventory,
            IncomeAccount = "Sales of Product Income",
            ExpenseAccount = "Cost of Goods Sold",
        },
    };

    [Fact]
    public async Task A_Shopify_order_reaches_QuickBooks_through_the_shops_own_webhook()
    {
        await using var harness = await ServeHarness.CreateAsync();
        var emulator = harness.Emulator;
        var shop = await harness.AddConnectionAsync("maple-lane", ShopifySource.SourceKind, new JsonObject
        {
            [ShopifySource.ShopSetting] = emulator.Shopify.Options.ShopDomain,
            [ShopifySource.BaseUrlSetting] = emulator.BaseUrl.AbsoluteUri,
        }, WebhookOnly);
        await harness.State.Credentials.TrySaveAsync(shop.Id, ShopifySource.SourceKind, "demo-token", 0, Ct);
        await harness.SetSecretAsync(shop, WebhookSecrets.Shopify, emulator.Shopify.Options.ClientSecret);
        await harness.StartServerAsync();
        var first = Assert.Single(await harness.WaitForRunsAsync(shop, 1));
        await harness.WaitIdleAsync();
        Assert.Null(first.Error);

        // The merchant's app subscribes serve's URL to order topics (Shopify REST Admin API).
        using var admin = new HttpClient { BaseAddress = new Uri(emulator.BaseUrl, "admin/api/2025-07/") };
        admin.DefaultRequestHeaders.Add("X-Shopify-Access-Token", "demo-token");
        foreach (var topic in new[] { "orders/create", "orders/paid" })
        {
            var subscription = new { webhook = new { topic, address = new Uri(harness.Server.BaseUrl, $"webhooks/shopify/{shop.Id}").ToString(), format = "json" } };
            using var created = await admin.PostAsJsonAsync("webhooks.json", subscription, Ct);
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        // A new paid order, like one of the demo shop's that the first run posted.
        TestContext.Current.SendDiagnosticMessage("First run: " + await harness.ExplainAsync(shop));
        var posted = (await harness.State.Links.ListAsync(shop.Id, LinkKind.Sale, LinkState.Done, Ct)).Select(l => l.SourceId).ToHashSet();
        var orders = (await admin.GetFromJsonAsync<JsonObject>("orders.json?status=any&financial_status=paid&limit=250", Ct))!["orders"]!.AsArray();
        var model = orders.OfType<JsonObject>().First(o => posted.Contains(((long)o["id"]!).ToString(CultureInfo.InvariantCulture)) && (o["refunds"] as JsonArray ?? []).Count == 0);
        var order = (JsonObject)model.DeepClone();
        foreach (var key in new[] { "id", "admin_graphql_api_id", "created_at", "updated_at", "processed_at", "order_number", "number", "token", "checkout_id", "checkout_token", "cart_token" })
        {
            order.Remove(key);
        }

        order["name"] = "#9001";
        using var placed = await new HttpClient { BaseAddress = emulator.BaseUrl }.PostAsJsonAsync("emulator/shopify/orders", order, Ct);
        placed.EnsureSuccessStatusCode();
        var orderId = ((await placed.Content.ReadFromJsonAsync<JsonObject>(Ct))!["order"]!["id"]!.GetValue<long>()).ToString(CultureInfo.InvariantCulture);

        Assert.True(await emulator.Shopify.Webhooks.Dispatcher.WaitIdleAsync(TimeSpan.FromSeconds(30), Ct));
        Assert.All(emulator.Shopify.Webhooks.Dispatcher.Attempts, a => Assert.Equal(200, a.Status));
        await ServeHarness.WaitUntilAsync(async () => (await harness.State.Links.FindAsync(shop.Id, LinkKind.Sale, orderId, Ct))?.State == LinkState.Done, "order #9001 in QuickBooks", () => harness.ExplainAsync(shop));
        await harness.WaitIdleAsync();

        var runs = await harness.RunsAsync(shop);
        Assert.Contains(runs, r => r.Trigger == "webhook" && r.Counts.GetValueOrDefault("orders.posted") >= 1);
        var link = await harness.State.Links.FindAsync(shop.Id, LinkKind.Sale, orderId, Ct);
        using var qbo = await harness.QuickBooksAsync(shop);
        var receipt = await qbo.SalesReceipts.GetAsync(link!.QboId!, Ct);
        Assert.Equal(decimal.Parse((string)model["total_price"]!, CultureInfo.InvariantCulture), receipt.TotalAmt);
        Assert.Contains(await harness.State.Webhooks.ListRecentAsync(shop.Id, 10, Ct), d => d.Topic == "orders/create");
    }

    [Fact]
    public async Task A_WooCommerce_order_reaches_QuickBooks_through_the_sites_own_webhook()
    {
        const string secret = "woo-e2e-secret";
        await using var harness = await ServeHarness.CreateAsync();
        var emulator = harness.Emulator;
        var store = await harness.AddConnectionAsync("corner-shop", WooCommerceSource.SourceKind, new JsonObject
        {
            [WooCommerceSource.UrlSetting] = emulator.BaseUrl.AbsoluteUri.TrimEnd('/'),
        }, WebhookOnly);
        await harness.State.Credentials.TrySaveAsync(store.Id, WooCommerceSource.SourceKind, new WooCommerceCredentials("ck_demo", "cs_demo").ToSecret(), 0, Ct);
        await harness.SetSecretAsync(store, WebhookSecrets.WooCommerce, secret);
        await harness.StartServerAsync();
        var first = Assert.Single(await harness.WaitForRunsAsync(store, 1));
        await harness.WaitIdleAsync();
        Assert.Null(first.Error);

        using var woo = new HttpClient { BaseAddress = new Uri(emulator.BaseUrl, "wp-json/wc/v3/") };
        woo.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https"); // query keys count over HTTPS only, as behind a TLS proxy
        const string keys = "consumer_key=ck_demo&consumer_secret=cs_demo";
        foreach (var topic in new[] { "order.created", "order.updated" })
        {
            var hook = new { name = "StoreBooks " + topic, topic, delivery_url = new Uri(harness.Server.BaseUrl, $"webhooks/woocommerce/{store.Id}").ToString(), secret };
            using var created = await woo.PostAsJsonAsync("webhooks?" + keys, hook, Ct);
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        // A new order, like one of the demo store's that the first run posted.
        TestContext.Current.SendDiagnosticMessage("First run: " + await harness.ExplainAsync(store));
        var posted = (await harness.State.Links.ListAsync(store.Id, LinkKind.Sale, LinkState.Done, Ct)).Select(l => l.SourceId).ToHashSet();
        var orders = (await woo.GetFromJsonAsync<JsonArray>("orders?per_page=100&" + keys, Ct))!;
        var model = orders.OfType<JsonObject>().First(o => posted.Contains(((long)o["id"]!).ToString(CultureInfo.InvariantCulture)) && (o["refunds"] as JsonArray ?? []).Count == 0);
        var order = (JsonObject)model.DeepClone();
        foreach (var key in new[] { "id", "number", "order_key", "date_created", "date_created_gmt", "date_modified", "date_modified_gmt", "date_paid", "date_paid_gmt", "date_completed", "date_completed_gmt", "_links" })
        {
            order.Remove(key);
        }

        using var placed = await new HttpClient { BaseAddress = emulator.BaseUrl }.PostAsJsonAsync("emulator/woocommerce/orders", order, Ct);
        placed.EnsureSuccessStatusCode();
        var orderId = (await placed.Content.ReadFromJsonAsync<JsonObject>(Ct))!["id"]!.GetValue<long>().ToString(CultureInfo.InvariantCulture);

        var dispatcher = emulator.WooCommerce.Webhooks.Dispatcher;
        Assert.True(await dispatcher.WaitIdleAsync(TimeSpan.FromSeconds(30), Ct));
        Assert.All(dispatcher.Attempts, a => Assert.Equal(200, a.Status));
        await ServeHarness.WaitUntilAsync(async () => (await harness.State.Links.FindAsync(store.Id, LinkKind.Sale, orderId, Ct))?.State == LinkState.Done, $"order {orderId} in QuickBooks", async () => $"Link: {await harness.State.Links.FindAsync(store.Id, LinkKind.Sale, orderId, Ct)}. {await harness.ExplainAsync(store)}");
        await harness.WaitIdleAsync();

        var runs = await harness.RunsAsync(store);
        Assert.Contains(runs, r => r.Trigger == "webhook" && r.Counts.GetValueOrDefault("orders.posted") >= 1);
        var link = await harness.State.Links.FindAsync(store.Id, LinkKind.Sale, orderId, Ct);
        using var qbo = await harness.QuickBooksAsync(store);
        var receipt = await qbo.SalesReceipts.GetAsync(link!.QboId!, Ct);
        Assert.Equal(decimal.Parse((string)model["total"]!, CultureInfo.InvariantCulture), receipt.TotalAmt);
    }
}
