using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using StoreBooks.Emulators.Stores;

namespace StoreBooks.Emulators.WooCommerce.Rest;

/// <summary><c>/wp-json/wc/v3/webhooks</c>: list, get, create (then ping the delivery URL), update, delete.</summary>
internal static class WebhookEndpoints
{
    private static readonly string[] Resources = ["coupon", "customer", "order", "product"];
    private static readonly string[] Events = ["created", "updated", "deleted", "restored"];

    public static void Map(RouteGroupBuilder api, WooCommerceEmulator woo)
    {
        var store = woo.Store;
        api.MapGet("/webhooks", (HttpContext context) =>
        {
            var status = WooPaging.Last(context, "status") ?? "all";
            var list = CatalogEndpoints.Snapshot(woo, () => store.Webhooks.Values).Where(w => status == "all" || StoreJson.String(w["status"]) == status).ToList();
            return WooPaging.Page(context, list, w => w.DeepClone());
        });
        api.MapGet("/webhooks/{id:long}", (long id) =>
        {
            lock (store.Gate)
            {
                return store.Webhooks.TryGetValue(id, out var w) ? StoreJson.Result(w.DeepClone()) : OrderEndpoints.NotFound("woocommerce_rest_webhook_invalid_id");
            }
        });
        api.MapPost("/webhooks", async (HttpContext context) =>
        {
            var body = await WooCommerceEmulator.ReadBodyAsync(context).ConfigureAwait(false) as JsonObject ?? [];
            var topic = StoreJson.String(body["topic"]);
            var url = StoreJson.String(body["delivery_url"]);
            if (topic is null || !ValidTopic(topic))
            {
                return WooPaging.InvalidParam("topic", "Webhook topic is required and must be valid (resource.event, e.g. order.updated, or action.hook_name).");
            }

            if (!Uri.TryCreate(url, UriKind.Absolute, out var address))
            {
                return WooPaging.InvalidParam("delivery_url", "Webhook delivery URL must be a valid URL starting with http:// or https://.");
            }

            var now = woo.Time.GetUtcNow();
            var id = store.NextId();
            var parts = topic.Split('.');
            var status = StoreJson.String(body["status"]) ?? "active";
            var webhook = new JsonObject
            {
                ["id"] = id,
                ["name"] = StoreJson.String(body["name"]) ?? $"Webhook created on {StoreJson.WooDate(now, woo.Options.UtcOffset)}",
                ["status"] = status,
                ["topic"] = topic,
                ["resource"] = parts[0],
                ["event"] = parts[1],
                ["hooks"] = new JsonArray($"woocommerce_{parts[1]}_{parts[0]}"),
                ["delivery_url"] = url,
                ["date_created"] = StoreJson.WooDate(now, woo.Options.UtcOffset),
                ["date_created_gmt"] = StoreJson.WooDate(now, TimeSpan.Zero),
                ["date_modified"] = StoreJson.WooDate(now, woo.Options.UtcOffset),
                ["date_modified_gmt"] = StoreJson.WooDate(now, TimeSpan.Zero),
                ["_links"] = new JsonObject
                {
                    ["self"] = new JsonArray(new JsonObject { ["href"] = $"{woo.SiteUrl}/wp-json/wc/v3/webhooks/{id}" }),
                    ["collection"] = new JsonArray(new JsonObject { ["href"] = $"{woo.SiteUrl}/wp-json/wc/v3/webhooks" }),
                },
            };
            woo.Webhooks.SetSecret(id, StoreJson.String(body["secret"]) ?? "");
            lock (store.Gate)
            {
                store.Webhooks[id] = webhook;
            }

            if (status == "active")
            {
                woo.Webhooks.Ping(id, address);
            }

            return StoreJson.Result(webhook.DeepClone(), 201);
        });
        api.MapMethods("/webhooks/{id:long}", ["PUT", "PATCH", "POST"], async (long id, HttpContext context) =>
        {
            var body = await WooCommerceEmulator.ReadBodyAsync(context).ConfigureAwait(false) as JsonObject ?? [];
            lock (store.Gate)
            {
                if (!store.Webhooks.TryGetValue(id, out var webhook))
                {
                    return OrderEndpoints.NotFound("woocommerce_rest_webhook_invalid_id");
                }

                foreach (var key in new[] { "name", "status", "delivery_url" })
                {
                    if (body[key] is { } value)
                    {
                        webhook[key] = value.DeepClone();
                    }
                }

                if (StoreJson.String(body["secret"]) is { } secret)
                {
                    woo.Webhooks.SetSecret(id, secret);
                }

                return StoreJson.Result(webhook.DeepClone());
            }
        });
        api.MapDelete("/webhooks/{id:long}", (long id, HttpContext context) =>
        {
            if (WooPaging.Last(context, "force") is not ("true" or "1"))
            {
                return WooPaging.Error(501, "woocommerce_rest_trash_not_supported", "Webhooks do not support trashing.");
            }

            lock (store.Gate)
            {
                if (!store.Webhooks.Remove(id, out var webhook))
                {
                    return OrderEndpoints.NotFound("woocommerce_rest_webhook_invalid_id");
                }

                woo.Webhooks.Forget(id);
                return StoreJson.Result(webhook);
            }
        });
    }

    private static bool ValidTopic(string topic)
    {
        var parts = topic.Split('.');
        return parts.Length == 2 && (parts[0] == "action" ? parts[1].Length > 0 : Resources.Contains(parts[0]) && Events.Contains(parts[1]));
    }
}
