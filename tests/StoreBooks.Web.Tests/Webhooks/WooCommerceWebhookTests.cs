using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using StoreBooks.Core.Connections;
using StoreBooks.Hosting.Webhooks;
using StoreBooks.Testing;
using StoreBooks.Web.Tests.Support;
using Xunit;

namespace StoreBooks.Web.Tests.Webhooks;

/// <summary>
/// <c>POST /webhooks/woocommerce/{connection}</c>: the creation ping gets its 200, a delivery is checked on its signature and
/// de-duplicated on its delivery id, and an order topic nudges a sync (the store is a probe: these tests are about the nudge).
/// </summary>
public sealed class WooCommerceWebhookTests : IAsyncLifetime
{
    private const string Secret = "woo-webhook-secret-8d1f";
    private const string Body = """{"id":727,"status":"processing","total":"29.35"}""";

    private readonly RunProbe _probe = new();
    private ServeHarness _harness = null!;
    private Connection _store = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _harness = await ServeHarness.CreateAsync();
        _harness.Sources.Use("woocommerce", (_, _, _) => Task.FromResult(_probe.Source("woocommerce")));
        _store = await _harness.AddConnectionAsync("corner-shop", "woocommerce");
        await _harness.SetSecretAsync(_store, WebhookSecrets.WooCommerce, Secret);
        await _harness.StartServerAsync();
        await _harness.WaitForRunsAsync(_store, 1);
        await _harness.WaitIdleAsync();
    }

    public async ValueTask DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task The_creation_ping_gets_200_and_changes_nothing_even_before_a_secret_is_set()
    {
        var fresh = await _harness.AddConnectionAsync("new-shop", "woocommerce", joinQuickBooks: false);
        foreach (var connection in new[] { _store, fresh })
        {
            using var ping = new HttpRequestMessage(HttpMethod.Post, $"webhooks/woocommerce/{connection.Id}")
            {
                Content = new StringContent("webhook_id=15", Encoding.UTF8, "application/x-www-form-urlencoded"),
            };
            ping.Headers.UserAgent.ParseAdd("WooCommerce/9.3.3 Hookshot (WordPress/6.6.2)");

            using var response = await _harness.Http.SendAsync(ping, Ct);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Empty(await _harness.State.Webhooks.ListRecentAsync(connection.Id, 10, Ct));
        }

        Assert.False((await _harness.State.Schedule.GetAsync(_store.Id, Ct))!.Requested);
    }

    [Fact]
    public async Task A_signed_order_delivery_nudges_a_sync_once_and_its_redelivery_is_a_duplicate()
    {
        using (var response = await _harness.Http.SendAsync(Deliveries.SignedWooCommerce(_store.Id.ToString(), Body, Secret, "3301"), Ct))
        {
            Assert.Equal("sync requested", (await response.Content.ReadAsStringAsync(Ct)).Trim());
        }

        var runs = await _harness.WaitForRunsAsync(_store, 2);
        Assert.Single(runs, r => r.Trigger == "webhook");
        await _harness.WaitIdleAsync();

        using var again = await _harness.Http.SendAsync(Deliveries.SignedWooCommerce(_store.Id.ToString(), Body, Secret, "3301"), Ct);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("duplicate, already handled", (await again.Content.ReadAsStringAsync(Ct)).Trim());
        Assert.False((await _harness.State.Schedule.GetAsync(_store.Id, Ct))!.Requested);
        await _harness.WaitIdleAsync();
        Assert.Equal(2, (await _harness.RunsAsync(_store)).Count);
    }

    [Fact]
    public async Task A_bad_signature_gets_401_and_changes_nothing()
    {
        var refused = new[]
        {
            Deliveries.WooCommerce(_store.Id.ToString(), Body, Deliveries.Sign(Encoding.UTF8.GetBytes(Body), "not-the-secret"), "3302"),
            Deliveries.WooCommerce(_store.Id.ToString(), Body, null, "3303"),
            Deliveries.WooCommerce(_store.Id.ToString(), Body + " ", Deliveries.Sign(Encoding.UTF8.GetBytes(Body), Secret), "3304"),
        };
        foreach (var request in refused)
        {
            using var response = await _harness.Http.SendAsync(request, Ct);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        Assert.Empty(await _harness.State.Webhooks.ListRecentAsync(_store.Id, 10, Ct));
        Assert.False((await _harness.State.Schedule.GetAsync(_store.Id, Ct))!.Requested);
        Assert.Single(await _harness.RunsAsync(_store));
    }

    [Fact]
    public async Task A_signed_body_replayed_with_a_new_delivery_id_is_a_duplicate_until_the_window_has_passed()
    {
        using (var first = await _harness.Http.SendAsync(Deliveries.SignedWooCommerce(_store.Id.ToString(), Body, Secret, "501"), Ct))
        {
            Assert.Equal("sync requested", (await first.Content.ReadAsStringAsync(Ct)).Trim());
        }

        await _harness.WaitForRunsAsync(_store, 2);
        await _harness.WaitIdleAsync();

        // The signature covers the body only: the same body under another X-WC-Webhook-Delivery-ID is a replay.
        using (var replay = await _harness.Http.SendAsync(Deliveries.SignedWooCommerce(_store.Id.ToString(), Body, Secret, "502"), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
            Assert.Equal("duplicate, already handled", (await replay.Content.ReadAsStringAsync(Ct)).Trim());
        }

        Assert.False((await _harness.State.Schedule.GetAsync(_store.Id, Ct))!.Requested);
        Assert.Equal("501", (await _harness.State.Webhooks.ListRecentAsync(_store.Id, 1, Ct))[0].ReplayOf);

        // The same body under another topic is its own delivery.
        using (var created = await _harness.Http.SendAsync(Deliveries.SignedWooCommerce(_store.Id.ToString(), Body, Secret, "503", "order.created"), Ct))
        {
            Assert.Equal("sync requested", (await created.Content.ReadAsStringAsync(Ct)).Trim());
        }

        await _harness.WaitForRunsAsync(_store, 3);
        await _harness.WaitIdleAsync();

        _harness.Time.Advance(WebhookIntake.ReplayWindow + TimeSpan.FromSeconds(1));
        await _harness.DispatchPassAsync();
        await _harness.WaitIdleAsync();
        using var later = await _harness.Http.SendAsync(Deliveries.SignedWooCommerce(_store.Id.ToString(), Body, Secret, "504"), Ct);
        Assert.Equal("sync requested", (await later.Content.ReadAsStringAsync(Ct)).Trim());
        Assert.Null((await _harness.State.Webhooks.ListRecentAsync(_store.Id, 1, Ct))[0].ReplayOf);
    }

    [Fact]
    public async Task A_connection_whose_secret_cannot_be_read_is_refused_401_and_the_others_work_as_before()
    {
        // Another QuickBooks company: its own (failing) first run never holds corner-shop's company.
        var broken = await _harness.AddConnectionAsync("broken-woo", "woocommerce", realmId: "9130350000000999", joinQuickBooks: false);
        await ForeignKeyCredentials.SaveAsync(_harness.HomeDirectory, broken.Id, WebhookSecrets.System(WebhookSecrets.WooCommerce), Secret);

        using (var refused = await _harness.Http.SendAsync(Deliveries.SignedWooCommerce(broken.Id.ToString(), Body, Secret, "601"), Ct))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Contains("run storebooks webhooks set --connection broken-woo --woocommerce-secret - to replace it", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        using var good = await _harness.Http.SendAsync(Deliveries.SignedWooCommerce(_store.Id.ToString(), Body, Secret, "602"), Ct);
        Assert.Equal("sync requested", (await good.Content.ReadAsStringAsync(Ct)).Trim());
        Assert.Single(_harness.Logs.Lines, l => l.Contains("connection \"broken-woo\" cannot be read", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Product_and_customer_topics_are_recorded_without_a_sync()
    {
        using var response = await _harness.Http.SendAsync(Deliveries.SignedWooCommerce(_store.Id.ToString(), """{"id":51}""", Secret, "3305", "product.updated"), Ct);

        Assert.Equal("recorded, no sync needed", (await response.Content.ReadAsStringAsync(Ct)).Trim());
        Assert.False((await _harness.State.Schedule.GetAsync(_store.Id, Ct))!.Requested);
    }

    [Fact]
    public async Task The_emulators_webhook_is_pinged_then_its_signed_deliveries_nudge()
    {
        // What a merchant does in WooCommerce → Settings → Advanced → Webhooks, through the REST API.
        using var woo = new HttpClient { BaseAddress = new Uri(_harness.Emulator.BaseUrl, "wp-json/wc/v3/") };
        woo.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https"); // query keys count over HTTPS only, as behind a TLS proxy
        var hook = new JsonObject
        {
            ["name"] = "StoreBooks",
            ["topic"] = "order.updated",
            ["delivery_url"] = new Uri(_harness.Server.BaseUrl, $"webhooks/woocommerce/{_store.Id}").ToString(),
            ["secret"] = Secret,
        };
        using (var created = await woo.PostAsJsonAsync("webhooks?consumer_key=ck_demo&consumer_secret=cs_demo", hook, Ct))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        var dispatcher = _harness.Emulator.WooCommerce.Webhooks.Dispatcher;
        Assert.True(await dispatcher.WaitIdleAsync(TimeSpan.FromSeconds(30), Ct));
        Assert.Equal(200, Assert.Single(dispatcher.Attempts, a => a.Topic == "ping").Status);

        var order = (await woo.GetFromJsonAsync<JsonArray>("orders?per_page=1&consumer_key=ck_demo&consumer_secret=cs_demo", Ct))![0]!;
        using var admin = new HttpClient { BaseAddress = _harness.Emulator.BaseUrl };
        using (var changed = await admin.PostAsJsonAsync($"emulator/woocommerce/orders/{order["id"]}", new JsonObject { ["customer_note"] = "leave at the door" }, Ct))
        {
            changed.EnsureSuccessStatusCode();
        }

        Assert.True(await dispatcher.WaitIdleAsync(TimeSpan.FromSeconds(30), Ct));
        Assert.Equal(200, Assert.Single(dispatcher.Attempts, a => a.Topic == "order.updated").Status);
        var runs = await _harness.WaitForRunsAsync(_store, 2);
        Assert.Single(runs, r => r.Trigger == "webhook");
        Assert.Equal("order.updated", Assert.Single(await _harness.State.Webhooks.ListRecentAsync(_store.Id, 10, Ct)).Topic);
    }
}
