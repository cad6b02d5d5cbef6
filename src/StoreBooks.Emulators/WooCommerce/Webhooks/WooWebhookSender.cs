using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using StoreBooks.Emulators.Stores;

namespace StoreBooks.Emulators.WooCommerce.Webhooks;

/// <summary>
/// Delivers WooCommerce webhooks: the REST GET body of the resource, <c>X-WC-Webhook-Signature</c> =
/// base64(HMAC-SHA256(webhook secret, raw body)), the <c>X-WC-Webhook-*</c> headers and Hookshot user agent; the creation
/// ping (<c>webhook_id=N</c>, form-encoded, must get 200); success on 2xx/301/302; disabled after more than 5 failures in a row.
/// </summary>
public sealed class WooWebhookSender : IAsyncDisposable
{
    public const string UserAgent = "WooCommerce/9.3.3 Hookshot (WordPress/6.6.2)";
    private readonly WooCommerceEmulator _woo;
    private readonly ConcurrentDictionary<long, string> _secrets = new();
    private readonly ConcurrentDictionary<long, int> _failures = new();

    internal WooWebhookSender(WooCommerceEmulator woo)
    {
        _woo = woo;
        Dispatcher = new WebhookDispatcher(
            new WebhookBehaviour { MaxAttempts = 1, Seed = woo.Options.WebhookSeed, IsSuccess = s => s is >= 200 and < 300 or 301 or 302 },
            woo.Time)
        {
            DuplicateProbability = woo.Options.WebhookDuplicateProbability,
            ReorderProbability = woo.Options.WebhookReorderProbability,
        };
    }

    public WebhookDispatcher Dispatcher { get; }

    public static string Sign(byte[] body, string secret) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    internal void SetSecret(long webhookId, string secret) => _secrets[webhookId] = secret;

    internal void Forget(long webhookId)
    {
        _secrets.TryRemove(webhookId, out _);
        _failures.TryRemove(webhookId, out _);
    }

    /// <summary>Posts <c>webhook_id=N</c> to a new webhook's delivery URL.</summary>
    internal void Ping(long webhookId, Uri address)
    {
        var body = Encoding.UTF8.GetBytes($"webhook_id={webhookId}");
        Dispatcher.Enqueue(new WebhookMessage(address, "ping", $"ping-{webhookId}", body, "application/x-www-form-urlencoded",
            [new("User-Agent", UserAgent)]));
    }

    /// <summary>Queues <paramref name="payload"/> to every active webhook on <paramref name="topic"/> (e.g. <c>order.updated</c>).</summary>
    public int Publish(string topic, JsonObject payload)
    {
        var store = _woo.Store;
        List<JsonObject> hooks;
        lock (store.Gate)
        {
            hooks = [.. store.Webhooks.Values.Where(w => StoreJson.String(w["topic"]) == topic && StoreJson.String(w["status"]) == "active")];
        }

        var body = StoreJson.Utf8(payload);
        var parts = topic.Split('.');
        var sent = 0;
        foreach (var hook in hooks)
        {
            var id = StoreJson.Long(hook["id"])!.Value;
            if (!Uri.TryCreate(StoreJson.String(hook["delivery_url"]), UriKind.Absolute, out var address))
            {
                continue;
            }

            var deliveryId = _woo.Store.NextId().ToString(CultureInfo.InvariantCulture);
            var headers = new List<KeyValuePair<string, string>>
            {
                new("User-Agent", UserAgent),
                new("X-WC-Webhook-Source", _woo.SiteUrl + "/"),
                new("X-WC-Webhook-Topic", topic),
                new("X-WC-Webhook-Resource", parts[0]),
                new("X-WC-Webhook-Event", parts.Length > 1 ? parts[1] : ""),
                new("X-WC-Webhook-Signature", Sign(body, _secrets.GetValueOrDefault(id, ""))),
                new("X-WC-Webhook-ID", id.ToString(CultureInfo.InvariantCulture)),
                new("X-WC-Webhook-Delivery-ID", deliveryId),
            };
            Dispatcher.Enqueue(new WebhookMessage(address, topic, deliveryId, body, "application/json", headers), (_, ok) => Record(id, ok));
            sent++;
        }

        return sent;
    }

    private void Record(long webhookId, bool ok)
    {
        if (ok)
        {
            _failures[webhookId] = 0;
            return;
        }

        var failures = _failures.AddOrUpdate(webhookId, 1, (_, n) => n + 1);
        if (failures > 5)
        {
            lock (_woo.Store.Gate)
            {
                if (_woo.Store.Webhooks.TryGetValue(webhookId, out var hook))
                {
                    hook["status"] = "disabled";
                }
            }
        }
    }

    public ValueTask DisposeAsync() => Dispatcher.DisposeAsync();
}
