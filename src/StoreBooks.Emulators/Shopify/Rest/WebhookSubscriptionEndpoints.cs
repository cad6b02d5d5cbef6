using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using StoreBooks.Emulators.Shopify.Webhooks;
using StoreBooks.Emulators.Stores;
using static StoreBooks.Emulators.Shopify.Rest.OrdersEndpoints;

namespace StoreBooks.Emulators.Shopify.Rest;

/// <summary>REST webhook subscriptions: list (by topic or address), count, get, create, update, delete.</summary>
internal static class WebhookSubscriptionEndpoints
{
    public static void Map(RouteGroupBuilder api, ShopifyEmulator shopify)
    {
        var shop = shopify.Shop;
        api.MapGet("/webhooks.json", (HttpContext context) => Wrap("webhooks", new JsonArray([.. Matching(shopify, context).Select(w => w.DeepClone())])));
        api.MapGet("/webhooks/count.json", (HttpContext context) => Wrap("count", Matching(shopify, context).Count));
        api.MapGet("/webhooks/{id:long}.json", (long id) =>
        {
            lock (shop.Gate)
            {
                return shop.Webhooks.TryGetValue(id, out var w) ? Wrap("webhook", w.DeepClone()) : NotFound();
            }
        });
        api.MapPost("/webhooks.json", async (HttpContext context) =>
        {
            var body = await ReadBodyAsync(context).ConfigureAwait(false);
            if ((body as JsonObject)?["webhook"] is not JsonObject request)
            {
                return Unprocessable("webhook", "Required parameter missing or invalid: send {\"webhook\":{\"topic\":…,\"address\":…}}.");
            }

            var topic = StoreJson.String(request["topic"]);
            var address = StoreJson.String(request["address"]);
            if (topic is null || !ShopifyWebhookSender.Topics.Contains(topic))
            {
                return Unprocessable("topic", $"Invalid topic specified: {topic}. Known topics: {string.Join(", ", ShopifyWebhookSender.Topics.Order())}.");
            }

            if (!Uri.TryCreate(address, UriKind.Absolute, out _))
            {
                return Unprocessable("address", "can't be blank and must be an absolute URL");
            }

            var version = (string)context.Items[ShopifyEmulator.VersionItem]!;
            var now = StoreJson.ShopifyDate(shopify.Time.GetUtcNow(), shopify.Options.UtcOffset);
            lock (shop.Gate)
            {
                if (shop.Webhooks.Values.Any(w => StoreJson.String(w["topic"]) == topic && StoreJson.String(w["address"]) == address))
                {
                    return Unprocessable("address", "for this topic has already been taken");
                }
            }

            var id = shop.NextId();
            var webhook = new JsonObject
            {
                ["id"] = id,
                ["address"] = address,
                ["topic"] = topic,
                ["created_at"] = now,
                ["updated_at"] = now,
                ["format"] = StoreJson.String(request["format"]) ?? "json",
                ["fields"] = request["fields"]?.DeepClone() ?? new JsonArray(),
                ["metafield_namespaces"] = new JsonArray(),
                ["api_version"] = version,
                ["private_metafield_namespaces"] = new JsonArray(),
            };
            lock (shop.Gate)
            {
                shop.Webhooks[id] = webhook;
            }

            return StoreJson.Result(new JsonObject { ["webhook"] = webhook.DeepClone() }, 201);
        });
        api.MapPut("/webhooks/{id:long}.json", async (long id, HttpContext context) =>
        {
            var body = await ReadBodyAsync(context).ConfigureAwait(false);
            lock (shop.Gate)
            {
                if (!shop.Webhooks.TryGetValue(id, out var webhook))
                {
                    return NotFound();
                }

                if ((body as JsonObject)?["webhook"] is JsonObject change)
                {
                    foreach (var key in new[] { "address", "topic", "format", "fields" })
                    {
                        if (change[key] is { } value)
                        {
                            webhook[key] = value.DeepClone();
                        }
                    }

                    webhook["updated_at"] = StoreJson.ShopifyDate(shopify.Time.GetUtcNow(), shopify.Options.UtcOffset);
                }

                return Wrap("webhook", webhook.DeepClone());
            }
        });
        api.MapDelete("/webhooks/{id:long}.json", (long id) =>
        {
            lock (shop.Gate)
            {
                return shop.Webhooks.Remove(id) ? StoreJson.Result(new JsonObject()) : NotFound();
            }
        });
    }

    private static List<JsonObject> Matching(ShopifyEmulator shopify, HttpContext context)
    {
        var topic = context.Request.Query["topic"].ToString();
        var address = context.Request.Query["address"].ToString();
        lock (shopify.Shop.Gate)
        {
            return [.. shopify.Shop.Webhooks.Values.Where(w =>
                (topic.Length == 0 || StoreJson.String(w["topic"]) == topic) && (address.Length == 0 || StoreJson.String(w["address"]) == address))];
        }
    }
}
