using System.Net;
using StoreBooks.Core.Connections;
using StoreBooks.Core.State;
using StoreBooks.Hosting.Webhooks;
using StoreBooks.Testing;
using StoreBooks.Web.Tests.Support;
using Xunit;

namespace StoreBooks.Web.Tests.Webhooks;

/// <summary>
/// <c>POST /webhooks/shopify/{connection}</c> over loopback, on a real state store: the signature decides, the event id
/// de-duplicates, and a good delivery nudges a sync that runs (the store is a probe: these tests are about the nudge).
/// </summary>
public sealed class ShopifyWebhookTests : IAsyncLifetime
{
    private const string Secret = "shpss_app-client-secret-31c9";
    private const string Body = """{"id":820982911946154508,"name":"#1001","financial_status":"paid"}""";

    private readonly RunProbe _probe = new();
    private ServeHarness _harness = null!;
    private Connection _shop = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _harness = await ServeHarness.CreateAsync();
        _harness.Sources.Use("shopify", (_, _, _) => Task.FromResult(_probe.Source("shopify")));
        _shop = await _harness.AddConnectionAsync("maple-lane", "shopify");
        await _harness.SetSecretAsync(_shop, WebhookSecrets.Shopify, Secret);
        await _harness.StartServerAsync();

        // A connection never run here runs once as soon as the server starts.
        var first = await _harness.WaitForRunsAsync(_shop, 1);
        Assert.Equal("schedule", first[0].Trigger);
        await _harness.WaitIdleAsync();
    }

    public async ValueTask DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task A_bad_signature_gets_401_and_changes_nothing()
    {
        var body = System.Text.Encoding.UTF8.GetBytes(Body);
        var refused = new[]
        {
            Deliveries.Shopify(_shop.Id.ToString(), Body, Deliveries.Sign(body, "another-secret"), "evt-bad-1"),
            Deliveries.Shopify(_shop.Id.ToString(), Body, null, "evt-bad-2"),
            Deliveries.Shopify(_shop.Id.ToString(), Body, "not base64", "evt-bad-3"),
            Deliveries.Shopify(_shop.Id.ToString(), Body.Replace("paid", "pending", StringComparison.Ordinal), Deliveries.Sign(body, Secret), "evt-bad-4"),
        };

        foreach (var request in refused)
        {
            using var response = await _harness.Http.SendAsync(request, Ct);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        Assert.Empty(await _harness.State.Webhooks.ListRecentAsync(_shop.Id, 10, Ct));
        var schedule = await _harness.State.Schedule.GetAsync(_shop.Id, Ct);
        Assert.False(schedule!.Requested);
        Assert.Null(schedule.SyncRequestedAt);
        Assert.Empty(await _harness.State.Schedule.ListDueAsync(_harness.Time.GetUtcNow(), Ct));
        Assert.Single(await _harness.RunsAsync(_shop));
        Assert.Contains(_harness.Logs.Lines, l => l.Contains("maple-lane refused: its signature does not match", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_good_delivery_nudges_a_sync_that_runs()
    {
        using var response = await _harness.Http.SendAsync(Deliveries.SignedShopify(_shop.Id.ToString(), Body, Secret, "evt-1"), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("sync requested", (await response.Content.ReadAsStringAsync(Ct)).Trim());
        var runs = await _harness.WaitForRunsAsync(_shop, 2);
        var nudged = Assert.Single(runs, r => r.Trigger == "webhook");
        Assert.Equal(RunOutcome.Succeeded, nudged.Outcome);
        Assert.Equal(2, _probe.Reads);
        var delivery = Assert.Single(await _harness.State.Webhooks.ListRecentAsync(_shop.Id, 10, Ct));
        Assert.Equal(("shopify", "evt-1", "orders/updated"), (delivery.Provider, delivery.EventId, delivery.Topic));
    }

    [Fact]
    public async Task The_connection_can_be_named_in_the_url_instead_of_its_id()
    {
        using var response = await _harness.Http.SendAsync(Deliveries.SignedShopify("maple-lane", Body, Secret, "evt-by-name"), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await _harness.WaitForRunsAsync(_shop, 2);
    }

    [Fact]
    public async Task A_duplicate_delivery_is_acknowledged_200_and_does_not_nudge_twice()
    {
        using (var first = await _harness.Http.SendAsync(Deliveries.SignedShopify(_shop.Id.ToString(), Body, Secret, "evt-dup"), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        await _harness.WaitForRunsAsync(_shop, 2);
        await _harness.WaitIdleAsync();

        // Redelivered with the same event id (Shopify keeps it; the webhook id may differ).
        using var again = await _harness.Http.SendAsync(Deliveries.SignedShopify(_shop.Id.ToString(), Body, Secret, "evt-dup"), Ct);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("duplicate, already handled", (await again.Content.ReadAsStringAsync(Ct)).Trim());
        Assert.False((await _harness.State.Schedule.GetAsync(_shop.Id, Ct))!.Requested);
        await _harness.WaitIdleAsync();
        Assert.Equal(2, (await _harness.RunsAsync(_shop)).Count);
        Assert.Single(await _harness.State.Webhooks.ListRecentAsync(_shop.Id, 10, Ct));
    }

    [Fact]
    public async Task A_delivery_without_an_event_id_is_deduplicated_on_its_body()
    {
        HttpRequestMessage Delivery()
        {
            var request = Deliveries.SignedShopify(_shop.Id.ToString(), Body, Secret, "unused");
            request.Headers.Remove("X-Shopify-Event-Id");
            request.Headers.Remove("X-Shopify-Webhook-Id");
            return request;
        }

        using (var first = await _harness.Http.SendAsync(Delivery(), Ct))
        {
            Assert.Equal("sync requested", (await first.Content.ReadAsStringAsync(Ct)).Trim());
        }

        using var second = await _harness.Http.SendAsync(Delivery(), Ct);
        Assert.Equal("duplicate, already handled", (await second.Content.ReadAsStringAsync(Ct)).Trim());
        Assert.StartsWith("sha256:", Assert.Single(await _harness.State.Webhooks.ListRecentAsync(_shop.Id, 10, Ct)).EventId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signed_body_replayed_with_new_event_ids_is_a_duplicate_recorded_as_one_and_starts_no_sync()
    {
        using (var first = await _harness.Http.SendAsync(Deliveries.SignedShopify(_shop.Id.ToString(), Body, Secret, "evt-original"), Ct))
        {
            Assert.Equal("sync requested", (await first.Content.ReadAsStringAsync(Ct)).Trim());
        }

        await _harness.WaitForRunsAsync(_shop, 2);
        await _harness.WaitIdleAsync();

        // Captured and replayed: the same signed body and topic, with a fresh X-Shopify-Event-Id and X-Shopify-Webhook-Id
        // (neither is covered by the signature).
        _harness.Time.Advance(TimeSpan.FromHours(3));
        using var replay = await _harness.Http.SendAsync(Deliveries.SignedShopify(_shop.Id.ToString(), Body, Secret, "evt-forged"), Ct);

        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal("duplicate, already handled", (await replay.Content.ReadAsStringAsync(Ct)).Trim());
        Assert.False((await _harness.State.Schedule.GetAsync(_shop.Id, Ct))!.Requested);
        await _harness.DispatchPassAsync();
        await _harness.WaitIdleAsync();
        Assert.Single(await _harness.RunsAsync(_shop), r => r.Trigger == "webhook");
        var recorded = await _harness.State.Webhooks.ListRecentAsync(_shop.Id, 10, Ct);
        Assert.Equal([("evt-forged", "evt-original"), ("evt-original", null)], recorded.Select(d => (d.EventId, d.ReplayOf)));
        Assert.Contains(_harness.Logs.Lines, l => l.Contains("maple-lane (orders/updated) replays a body already received", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_new_body_with_the_same_topic_is_a_new_delivery()
    {
        using (var first = await _harness.Http.SendAsync(Deliveries.SignedShopify(_shop.Id.ToString(), Body, Secret, "evt-body-1"), Ct))
        {
            Assert.Equal("sync requested", (await first.Content.ReadAsStringAsync(Ct)).Trim());
        }

        await _harness.WaitForRunsAsync(_shop, 2);
        await _harness.WaitIdleAsync();

        var refunded = Body.Replace("\"paid\"", "\"refunded\"", StringComparison.Ordinal);
        using var second = await _harness.Http.SendAsync(Deliveries.SignedShopify(_shop.Id.ToString(), refunded, Secret, "evt-body-2"), Ct);

        Assert.Equal("sync requested", (await second.Content.ReadAsStringAsync(Ct)).Trim());
        var runs = await _harness.WaitForRunsAsync(_shop, 3);
        Assert.Equal(2, runs.Count(r => r.Trigger == "webhook"));
        Assert.All(await _harness.State.Webhooks.ListRecentAsync(_shop.Id, 10, Ct), d => Assert.Null(d.ReplayOf));
    }

    [Fact]
    public async Task Once_the_replay_window_has_passed_the_same_body_is_new_again()
    {
        using (var first = await _harness.Http.SendAsync(Deliveries.SignedShopify(_shop.Id.ToString(), Body, Secret, "evt-day-1"), Ct))
        {
            Assert.Equal("sync requested", (await first.Content.ReadAsStringAsync(Ct)).Trim());
        }

        await _harness.WaitForRunsAsync(_shop, 2);
        await _harness.WaitIdleAsync();

        // A day later (the scheduled runs it brings are let finish first).
        _harness.Time.Advance(WebhookIntake.ReplayWindow + TimeSpan.FromMinutes(1));
        await _harness.DispatchPassAsync();
        await _harness.WaitIdleAsync();
        using var later = await _harness.Http.SendAsync(Deliveries.SignedShopify(_shop.Id.ToString(), Body, Secret, "evt-day-2"), Ct);

        Assert.Equal("sync requested", (await later.Content.ReadAsStringAsync(Ct)).Trim());
        await ServeHarness.WaitUntilAsync(
            async () => (await _harness.RunsAsync(_shop)).Count(r => r.Trigger == "webhook" && r.Outcome != RunOutcome.Running) == 2,
            "a second webhook run of maple-lane");
        var latest = (await _harness.State.Webhooks.ListRecentAsync(_shop.Id, 1, Ct))[0];
        Assert.Equal(("evt-day-2", null), (latest.EventId, latest.ReplayOf));
    }

    [Fact]
    public async Task A_connection_whose_secret_cannot_be_read_is_refused_401_and_the_others_work_as_before()
    {
        // Another QuickBooks company: its own (failing) first run never holds maple-lane's company.
        var broken = await _harness.AddConnectionAsync("broken-shop", "shopify", realmId: "9130350000000999", joinQuickBooks: false);
        await ForeignKeyCredentials.SaveAsync(_harness.HomeDirectory, broken.Id, WebhookSecrets.System(WebhookSecrets.Shopify), Secret);

        for (var attempt = 0; attempt < 2; attempt++)
        {
            using var refused = await _harness.Http.SendAsync(Deliveries.SignedShopify(broken.Id.ToString(), Body, Secret, $"evt-broken-{attempt}"), Ct);
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Contains(
                "cannot be read here: run storebooks webhooks set --connection broken-shop --shopify-secret - to replace it",
                await refused.Content.ReadAsStringAsync(Ct),
                StringComparison.Ordinal);
        }

        using var good = await _harness.Http.SendAsync(Deliveries.SignedShopify(_shop.Id.ToString(), Body, Secret, "evt-good"), Ct);
        Assert.Equal("sync requested", (await good.Content.ReadAsStringAsync(Ct)).Trim());
        await _harness.WaitForRunsAsync(_shop, 2);

        Assert.Empty(await _harness.State.Webhooks.ListRecentAsync(broken.Id, 10, Ct));
        var reported = _harness.Logs.Lines.Where(l => l.Contains("connection \"broken-shop\" cannot be read", StringComparison.Ordinal)).ToList();
        Assert.Contains("storebooks webhooks set --connection broken-shop --shopify-secret -", Assert.Single(reported), StringComparison.Ordinal);
        Assert.DoesNotContain(_harness.Logs.Lines, l => l.Contains(Secret, StringComparison.Ordinal));

        // Replaced with the command's own code path, it verifies again.
        await _harness.SetSecretAsync(broken, WebhookSecrets.Shopify, "shpss_replaced");
        using var replaced = await _harness.Http.SendAsync(Deliveries.SignedShopify(broken.Id.ToString(), Body, "shpss_replaced", "evt-replaced"), Ct);
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
    }

    [Fact]
    public async Task Topics_that_cannot_change_an_order_are_recorded_without_a_sync()
    {
        using var response = await _harness.Http.SendAsync(Deliveries.SignedShopify(_shop.Id.ToString(), """{"id":1}""", Secret, "evt-product", "products/update"), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("recorded, no sync needed", (await response.Content.ReadAsStringAsync(Ct)).Trim());
        Assert.False((await _harness.State.Schedule.GetAsync(_shop.Id, Ct))!.Requested);
        Assert.Single(await _harness.State.Webhooks.ListRecentAsync(_shop.Id, 10, Ct));
    }

    [Fact]
    public async Task Unknown_connections_get_404_and_a_connection_without_a_secret_is_refused()
    {
        using (var unknown = await _harness.Http.SendAsync(Deliveries.SignedShopify("no-such-shop", Body, Secret, "evt-x"), Ct))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        }

        var csv = await _harness.AddConnectionAsync("csv-store", "csv", joinQuickBooks: false);
        using (var wrongKind = await _harness.Http.SendAsync(Deliveries.SignedShopify(csv.Id.ToString(), Body, Secret, "evt-y"), Ct))
        {
            Assert.Equal(HttpStatusCode.NotFound, wrongKind.StatusCode);
        }

        var bare = await _harness.AddConnectionAsync("no-secret-shop", "shopify", joinQuickBooks: false);
        using var noSecret = await _harness.Http.SendAsync(Deliveries.SignedShopify(bare.Id.ToString(), Body, Secret, "evt-z"), Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, noSecret.StatusCode);
        Assert.Contains("storebooks webhooks set --connection no-secret-shop", await noSecret.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Empty(await _harness.State.Webhooks.ListRecentAsync(bare.Id, 10, Ct));
    }

    [Fact]
    public async Task A_body_over_the_limit_gets_413()
    {
        var huge = "{\"note\":\"" + new string('x', 3 * 1024 * 1024) + "\"}";
        using var response = await _harness.Http.SendAsync(Deliveries.SignedShopify(_shop.Id.ToString(), huge, Secret, "evt-huge"), Ct);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(await _harness.State.Webhooks.ListRecentAsync(_shop.Id, 10, Ct));
    }

    [Fact]
    public async Task A_50_MB_chunked_body_gets_413_and_logs_no_exception()
    {
        // A raw connection: the sender streams chunks until the server answers (an HTTP client gives up on the broken pipe
        // before it reads the answer).
        var address = _harness.Http.BaseAddress!;
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(address.Host, address.Port, Ct);
        var stream = tcp.GetStream();
        var head = $"POST /webhooks/shopify/{_shop.Id} HTTP/1.1\r\nHost: {address.Authority}\r\nX-Shopify-Topic: orders/updated\r\n" +
            "X-Shopify-Hmac-Sha256: bm90LXJlYWQ=\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(head), Ct);
        var chunk = System.Text.Encoding.ASCII.GetBytes($"{64 * 1024:x}\r\n").Concat(new byte[64 * 1024]).Concat("\r\n"u8.ToArray()).ToArray();
        try
        {
            for (var sent = 0L; sent < 50L * 1024 * 1024; sent += 64 * 1024)
            {
                await stream.WriteAsync(chunk, Ct);
            }

            await stream.WriteAsync("0\r\n\r\n"u8.ToArray(), Ct);
        }
        catch (IOException)
        {
            // The server answered and closed the request before the whole body was sent.
        }

        var answer = new byte[4096];
        var read = await stream.ReadAsync(answer, Ct);
        var status = System.Text.Encoding.ASCII.GetString(answer, 0, read).Split("\r\n")[0];

        Assert.Equal("HTTP/1.1 413 Payload Too Large", status);
        // What storebooks serve shows (Information and above; Kestrel's own Debug diagnostics of the refused body are not shown).
        var traces = _harness.Logs.Lines.Where(l => !l.Contains(" Debug ", StringComparison.Ordinal) && !l.Contains(" Trace ", StringComparison.Ordinal))
            .Where(l => l.Contains("Exception", StringComparison.Ordinal) || l.Contains("   at ", StringComparison.Ordinal)).ToList();
        Assert.True(traces.Count == 0, string.Join("\n----\n", traces));
        Assert.Empty(await _harness.State.Webhooks.ListRecentAsync(_shop.Id, 10, Ct));
    }
}
