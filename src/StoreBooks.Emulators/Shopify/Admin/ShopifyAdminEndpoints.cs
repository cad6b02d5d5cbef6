using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using StoreBooks.Emulators.Shopify.Data;
using StoreBooks.Emulators.Stores;
using static StoreBooks.Emulators.Shopify.Rest.OrdersEndpoints;

namespace StoreBooks.Emulators.Shopify.Admin;

/// <summary>
/// Emulator-only endpoints under <c>/emulator/shopify</c> (no token): add or change orders, products, customers and stock
/// while running (each change fires its webhooks), load seed documents (Shopify Payments bodies too), reset, switch
/// the shop's Shopify Payments account and the token's denied scopes, switch faults and webhook misbehaviour,
/// and list delivery attempts.
/// </summary>
internal static class ShopifyAdminEndpoints
{
    public static void Map(WebApplication app, ShopifyEmulator shopify)
    {
        var admin = app.MapGroup("/emulator/shopify");
        var shop = shopify.Shop;

        admin.MapGet("/", () => StoreJson.Result(new JsonObject
        {
            ["orders"] = shop.OrderCount,
            ["products"] = Count(shop, () => shop.Products.Count),
            ["customers"] = Count(shop, () => shop.Customers.Count),
            ["webhooks"] = Count(shop, () => shop.Webhooks.Count),
            ["readAllOrders"] = shopify.ReadAllOrders,
            ["usesShopifyPayments"] = shopify.UsesShopifyPayments,
            ["deniedScopes"] = new JsonArray([.. shopify.DeniedScopes.Order(StringComparer.Ordinal).Select(s => (JsonNode)s)]),
            ["faults"] = JsonSerializer.SerializeToNode(shopify.Faults.Current),
        }));

        admin.MapPost("/reset", async (HttpContext context) =>
        {
            var body = await ReadBodyAsync(context).ConfigureAwait(false);
            shopify.Reset(
                StoreJson.Bool((body as JsonObject)?["demo"]) ?? shopify.Options.DemoData,
                (int)(StoreJson.Long((body as JsonObject)?["generateOrders"]) ?? shopify.Options.GeneratedOrders),
                (int)(StoreJson.Long((body as JsonObject)?["seed"]) ?? shopify.Options.GeneratorSeed));
            return StoreJson.Result(new JsonObject { ["orders"] = shop.OrderCount });
        });

        admin.MapPost("/seed", async (HttpContext context) =>
        {
            var body = await ReadBodyAsync(context).ConfigureAwait(false);
            try
            {
                return StoreJson.Result(new JsonObject { ["loaded"] = ShopifySeedLoader.Load(shop, body, "request body") });
            }
            catch (InvalidDataException e)
            {
                return BadRequest(e.Message);
            }
        });

        admin.MapPost("/orders", async Task<IResult> (HttpContext context) => PutOrder(shopify, await ReadBodyAsync(context).ConfigureAwait(false), null));
        admin.MapPost("/orders/{id:long}", async (long id, HttpContext context) => PutOrder(shopify, await ReadBodyAsync(context).ConfigureAwait(false), id));
        admin.MapPost("/products", async Task<IResult> (HttpContext context) => PutProduct(shopify, await ReadBodyAsync(context).ConfigureAwait(false)));
        admin.MapPost("/customers", async (HttpContext context) =>
        {
            var customer = Unwrap(await ReadBodyAsync(context).ConfigureAwait(false), "customer");
            if (customer is null)
            {
                return BadRequest("Send a customer object (bare or as {\"customer\":{…}}).");
            }

            var created = Stamp(shopify, customer);
            lock (shop.Gate)
            {
                shop.Customers[StoreJson.Long(customer["id"])!.Value] = customer;
            }

            shopify.Webhooks.Publish(created ? "customers/create" : "customers/update", customer);
            return Wrap("customer", customer.DeepClone());
        });
        admin.MapPost("/inventory_levels", async (HttpContext context) =>
        {
            var level = Unwrap(await ReadBodyAsync(context).ConfigureAwait(false), "inventory_level");
            if (level?["inventory_item_id"] is null || level["location_id"] is null)
            {
                return BadRequest("Send {\"inventory_item_id\":…,\"location_id\":…,\"available\":…}.");
            }

            level["updated_at"] = StoreJson.ShopifyDate(shopify.Time.GetUtcNow(), shopify.Options.UtcOffset);
            shop.PutInventoryLevel(level);
            shopify.Webhooks.Publish("inventory_levels/update", level);
            return Wrap("inventory_level", level.DeepClone());
        });

        admin.MapGet("/faults", () => StoreJson.Result(JsonSerializer.SerializeToNode(shopify.Faults.Current)));
        admin.MapPost("/faults", async (HttpContext context) =>
        {
            FaultSettings change;
            try
            {
                change = await context.Request.ReadFromJsonAsync<FaultSettings>(context.RequestAborted).ConfigureAwait(false) ?? new FaultSettings();
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException)
            {
                return BadRequest("Send the fault switches as JSON: " + e.Message);
            }
            return StoreJson.Result(JsonSerializer.SerializeToNode(shopify.Faults.Apply(change)));
        });
        admin.MapDelete("/faults", () =>
        {
            shopify.Faults.Reset();
            return StoreJson.Result(JsonSerializer.SerializeToNode(shopify.Faults.Current));
        });
        admin.MapPost("/limits/reset", () =>
        {
            shopify.RestBucket.Reset();
            shopify.QueryCost.Reset();
            return StoreJson.Result(new JsonObject());
        });
        admin.MapPost("/settings", async (HttpContext context) =>
        {
            var body = await ReadBodyAsync(context).ConfigureAwait(false);
            shopify.ReadAllOrders = StoreJson.Bool((body as JsonObject)?["readAllOrders"]) ?? shopify.ReadAllOrders;
            shopify.UsesShopifyPayments = StoreJson.Bool((body as JsonObject)?["usesShopifyPayments"]) ?? shopify.UsesShopifyPayments;
            if ((body as JsonObject)?["deniedScopes"] is JsonArray denied)
            {
                shopify.DeniedScopes = denied.Select(StoreJson.String).OfType<string>().ToHashSet(StringComparer.Ordinal);
            }

            return StoreJson.Result(new JsonObject
            {
                ["readAllOrders"] = shopify.ReadAllOrders,
                ["usesShopifyPayments"] = shopify.UsesShopifyPayments,
                ["deniedScopes"] = new JsonArray([.. shopify.DeniedScopes.Order(StringComparer.Ordinal).Select(s => (JsonNode)s)]),
            });
        });
        admin.MapPost("/webhooks/behaviour", async (HttpContext context) =>
        {
            var body = await ReadBodyAsync(context).ConfigureAwait(false);
            var dispatcher = shopify.Webhooks.Dispatcher;
            dispatcher.DuplicateProbability = (double?)StoreJson.Decimal((body as JsonObject)?["duplicateProbability"]) ?? dispatcher.DuplicateProbability;
            dispatcher.ReorderProbability = (double?)StoreJson.Decimal((body as JsonObject)?["reorderProbability"]) ?? dispatcher.ReorderProbability;
            if (StoreJson.Long((body as JsonObject)?["seed"]) is { } seed)
            {
                dispatcher.Reseed((int)seed);
            }

            return StoreJson.Result(new JsonObject { ["duplicateProbability"] = dispatcher.DuplicateProbability, ["reorderProbability"] = dispatcher.ReorderProbability });
        });
        admin.MapGet("/webhooks/deliveries", () => StoreJson.Result(JsonSerializer.SerializeToNode(shopify.Webhooks.Dispatcher.Attempts)));
    }

    private static int Count(ShopifyShop shop, Func<int> read)
    {
        lock (shop.Gate)
        {
            return read();
        }
    }

    private static JsonObject? Unwrap(JsonNode? body, string key) =>
        body is JsonObject o ? (o[key] as JsonObject ?? (o.ContainsKey(key) ? null : o)) : null;

    /// <summary>Gives a new object an id, gid and dates; stamps <c>updated_at</c> unless given. Returns whether it is new.</summary>
    private static bool Stamp(ShopifyEmulator shopify, JsonObject item, string? gidType = null)
    {
        var now = StoreJson.ShopifyDate(shopify.Time.GetUtcNow(), shopify.Options.UtcOffset);
        var created = item["id"] is null;
        if (created)
        {
            item["id"] = shopify.Shop.NextId();
            item["created_at"] ??= now;
        }

        if (gidType is not null)
        {
            item["admin_graphql_api_id"] ??= ShopifyIds.Gid(gidType, StoreJson.Long(item["id"])!.Value);
        }

        if (!created || item["updated_at"] is null)
        {
            item["updated_at"] = now;
        }

        return created;
    }

    private static readonly string[] ShopifyDates = ["created_at", "updated_at", "processed_at", "closed_at", "cancelled_at"];

    private static readonly string[] ShopifyLists =
        ["line_items", "refunds", "shipping_lines", "tax_lines", "discount_applications", "discount_codes", "fulfillments", "note_attributes", "transactions"];

    private static IResult PutOrder(ShopifyEmulator shopify, JsonNode? body, long? id)
    {
        var change = Unwrap(body, "order");
        if (change is null)
        {
            return BadRequest("Send an order object (bare or as {\"order\":{…}}).");
        }

        if (SeedOrderShape.Problem(change, shopify.Options.UtcOffset, ShopifyDates, ShopifyLists, ["financial_status", "fulfillment_status", "name", "currency"]) is { } problem)
        {
            return BadRequest("The order was not stored: " + problem);
        }

        var shop = shopify.Shop;
        JsonObject order;
        bool created;
        string? previousStatus = null;
        if (id is { } existingId)
        {
            var row = shop.FindOrder(existingId);
            if (row is null)
            {
                return NotFound();
            }

            order = shop.Render(row);
            previousStatus = StoreJson.String(order["financial_status"]);
            foreach (var (key, value) in change.ToList())
            {
                order[key] = value?.DeepClone();
            }

            order["id"] = existingId;
            created = false;
            if (!change.ContainsKey("updated_at"))
            {
                order["updated_at"] = StoreJson.ShopifyDate(shopify.Time.GetUtcNow(), shopify.Options.UtcOffset);
            }
        }
        else
        {
            order = change;
            created = order["id"] is null || shop.FindOrder(StoreJson.Long(order["id"]) ?? 0) is null;
            Stamp(shopify, order, "Order");
            order["line_items"] ??= new JsonArray();
            order["financial_status"] ??= "pending";
        }

        shop.PutOrder(order);
        shopify.Webhooks.Publish(created ? "orders/create" : "orders/updated", order);
        if (StoreJson.String(order["financial_status"]) == "paid" && previousStatus != "paid")
        {
            shopify.Webhooks.Publish("orders/paid", order);
        }

        return Wrap("order", order.DeepClone());
    }

    private static IResult PutProduct(ShopifyEmulator shopify, JsonNode? body)
    {
        var product = Unwrap(body, "product");
        if (product is null)
        {
            return BadRequest("Send a product object (bare or as {\"product\":{…}}).");
        }

        var created = Stamp(shopify, product, "Product");
        var id = StoreJson.Long(product["id"])!.Value;
        foreach (var variant in (product["variants"] as JsonArray ?? []).OfType<JsonObject>())
        {
            variant["product_id"] = id;
            Stamp(shopify, variant, "ProductVariant");
        }

        product["variants"] ??= new JsonArray();
        shopify.Shop.PutProduct(product);
        var rendered = shopify.Shop.RenderProduct(product);
        shopify.Webhooks.Publish(created ? "products/create" : "products/update", rendered);
        return Wrap("product", rendered);
    }
}
