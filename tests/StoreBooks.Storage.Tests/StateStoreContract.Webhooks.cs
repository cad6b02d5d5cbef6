using StoreBooks.Core.State;
using Xunit;

namespace StoreBooks.Storage.Tests;

/// <summary>The webhook inbox: one delivery per event id, and a signed body replayed under a fresh event id known as a replay.</summary>
public abstract partial class StateStoreContract
{
    private const string BodyA = "sha256:aaaa000000000000000000000000000000000000000000000000000000000001";
    private const string BodyB = "sha256:bbbb000000000000000000000000000000000000000000000000000000000002";

    private static readonly TimeSpan Window = TimeSpan.FromHours(24);

    [Fact]
    public async Task Webhook_inbox_accepts_an_event_once_per_connection_and_provider()
    {
        var first = await AddConnectionAsync("first");
        var second = await AddConnectionAsync("second");
        var now = Time.GetUtcNow();
        var delivery = new WebhookDelivery(first.Id, "shopify", "evt-1", "orders/updated", now);

        Assert.Equal(WebhookAdmission.New, await AddAsync(delivery));
        Assert.Equal(WebhookAdmission.SeenEvent, await AddAsync(delivery with { ReceivedAt = now.AddMinutes(1) }));
        Assert.Equal(WebhookAdmission.New, await AddAsync(delivery with { Provider = "woocommerce" }));
        Assert.Equal(WebhookAdmission.New, await AddAsync(delivery with { ConnectionId = second.Id }));

        await Store.Webhooks.RemoveAsync(first.Id, "shopify", "evt-1", Ct);
        Assert.Equal(WebhookAdmission.New, await AddAsync(delivery));
    }

    [Fact]
    public async Task Webhook_inbox_lists_newest_first_and_purges_old_deliveries()
    {
        var connection = await AddConnectionAsync();
        var now = Time.GetUtcNow();
        for (var day = 0; day < 10; day++)
        {
            await AddAsync(new WebhookDelivery(connection.Id, "woocommerce", $"d-{day}", "order.updated", now.AddDays(-day)));
        }

        var recent = await Store.Webhooks.ListRecentAsync(connection.Id, 3, Ct);
        Assert.Equal(["d-0", "d-1", "d-2"], recent.Select(d => d.EventId));
        Assert.Equal(new WebhookDelivery(connection.Id, "woocommerce", "d-1", "order.updated", Stored(now.AddDays(-1))), recent[1]);

        Assert.Equal(3, await Store.Webhooks.PurgeAsync(now.AddDays(-6.5), Ct));
        Assert.Equal(7, (await Store.Webhooks.ListRecentAsync(connection.Id, 100, Ct)).Count);
        Assert.Equal(WebhookAdmission.New, await AddAsync(new WebhookDelivery(connection.Id, "woocommerce", "d-9", null, now)));
    }

    [Fact]
    public async Task Webhook_inbox_of_two_store_instances_racing_on_one_event_accepts_it_once()
    {
        var connection = await AddConnectionAsync();
        var other = await OpenAsync();
        var now = Time.GetUtcNow();

        for (var round = 0; round < 5; round++)
        {
            var delivery = new WebhookDelivery(connection.Id, "quickbooks", $"race-{round}", null, now);
            var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
                Task.Run(() => (i % 2 == 0 ? Store : other).Webhooks.AddAsync(delivery, now - Window, Ct), Ct)));
            Assert.Equal(1, results.Count(r => r == WebhookAdmission.New));
            Assert.Equal(7, results.Count(r => r == WebhookAdmission.SeenEvent));
        }
    }

    [Fact]
    public async Task Webhook_inbox_for_a_missing_connection_is_refused_clearly()
    {
        var ghost = Guid.NewGuid();
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            Store.Webhooks.AddAsync(new WebhookDelivery(ghost, "shopify", "evt", null, Time.GetUtcNow(), BodyA), Time.GetUtcNow() - Window, Ct));
        Assert.Contains(ghost.ToString(), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Webhook_inbox_knows_a_body_replayed_under_a_new_event_id_and_records_it_as_a_replay()
    {
        var connection = await AddConnectionAsync();
        var now = Time.GetUtcNow();
        var original = new WebhookDelivery(connection.Id, "shopify", "evt-1", "orders/updated", now, BodyA);

        Assert.Equal(WebhookAdmission.New, await AddAsync(original));
        Assert.Equal(WebhookAdmission.Replay, await AddAsync(original with { EventId = "evt-2", ReceivedAt = now.AddHours(1) }));
        Assert.Equal(WebhookAdmission.Replay, await AddAsync(original with { EventId = "evt-3", ReceivedAt = now.AddHours(2), ReplayOf = "made-up" }));
        Assert.Equal(WebhookAdmission.SeenEvent, await AddAsync(original with { EventId = "evt-2", ReceivedAt = now.AddHours(3) }));

        var recorded = await Store.Webhooks.ListRecentAsync(connection.Id, 10, Ct);
        Assert.Equal(["evt-3", "evt-2", "evt-1"], recorded.Select(d => d.EventId));
        Assert.Equal(["evt-1", "evt-1", null], recorded.Select(d => d.ReplayOf));
        Assert.All(recorded, d => Assert.Equal(BodyA, d.BodyHash));
    }

    [Fact]
    public async Task Webhook_inbox_takes_another_body_topic_provider_or_connection_and_a_delivery_without_a_hash_as_new()
    {
        var connection = await AddConnectionAsync("first");
        var second = await AddConnectionAsync("second");
        var now = Time.GetUtcNow();
        var original = new WebhookDelivery(connection.Id, "shopify", "evt-1", "orders/updated", now, BodyA);
        Assert.Equal(WebhookAdmission.New, await AddAsync(original));

        Assert.Equal(WebhookAdmission.New, await AddAsync(original with { EventId = "evt-2", BodyHash = BodyB }));
        Assert.Equal(WebhookAdmission.New, await AddAsync(original with { EventId = "evt-3", Topic = "orders/paid" }));
        Assert.Equal(WebhookAdmission.New, await AddAsync(original with { EventId = "evt-4", Topic = null }));
        Assert.Equal(WebhookAdmission.New, await AddAsync(original with { EventId = "evt-5", Provider = "woocommerce" }));
        Assert.Equal(WebhookAdmission.New, await AddAsync(original with { EventId = "evt-6", ConnectionId = second.Id }));
        Assert.Equal(WebhookAdmission.New, await AddAsync(original with { EventId = "evt-7", BodyHash = null }));

        // A topic-less delivery is matched against topic-less ones only.
        Assert.Equal(WebhookAdmission.Replay, await AddAsync(original with { EventId = "evt-8", Topic = null }));
    }

    [Fact]
    public async Task Webhook_inbox_takes_the_same_body_as_new_once_the_window_has_passed_since_the_first()
    {
        var connection = await AddConnectionAsync();
        var start = Time.GetUtcNow();
        var original = new WebhookDelivery(connection.Id, "woocommerce", "d-1", "order.updated", start, BodyA);
        Assert.Equal(WebhookAdmission.New, await AddAsync(original));

        // Replays inside the window do not move it: the window runs from the first delivery.
        Assert.Equal(WebhookAdmission.Replay, await AddAsync(original with { EventId = "d-2", ReceivedAt = start + Window - TimeSpan.FromMinutes(1) }));
        Assert.Equal(WebhookAdmission.New, await AddAsync(original with { EventId = "d-3", ReceivedAt = start + Window + TimeSpan.FromMinutes(1) }));

        var replay = original with { EventId = "d-4", ReceivedAt = start + Window + TimeSpan.FromMinutes(2) };
        Assert.Equal(WebhookAdmission.Replay, await AddAsync(replay));
        Assert.Equal("d-3", (await Store.Webhooks.ListRecentAsync(connection.Id, 1, Ct))[0].ReplayOf);
    }

    [Fact]
    public async Task Webhook_inbox_of_two_store_instances_racing_on_one_body_under_different_ids_accepts_it_once()
    {
        var connection = await AddConnectionAsync();
        var other = await OpenAsync();
        var now = Time.GetUtcNow();

        for (var round = 0; round < 5; round++)
        {
            var hash = $"sha256:race-{round}";
            var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
                Task.Run(() => (i % 2 == 0 ? Store : other).Webhooks.AddAsync(
                    new WebhookDelivery(connection.Id, "shopify", $"race-{round}-{i}", "orders/create", now, hash), now - Window, Ct), Ct)));
            Assert.Equal(1, results.Count(r => r == WebhookAdmission.New));
            Assert.Equal(7, results.Count(r => r == WebhookAdmission.Replay));
        }
    }

    /// <summary>Adds a delivery with the replay window ending at its own time.</summary>
    private Task<WebhookAdmission> AddAsync(WebhookDelivery delivery) => Store.Webhooks.AddAsync(delivery, delivery.ReceivedAt - Window, Ct);
}
