using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using StoreBooks.Emulators.Stores;
using StoreBooks.Emulators.WooCommerce.Data;

namespace StoreBooks.Emulators.WooCommerce.Admin;

/// <summary>
/// Emulator-only endpoints under <c>/emulator/woocommerce</c> (no keys): add or change orders, products and customers while
/// running (each change fires its webhooks), load seed documents, reset, switch faults and webhook misbehaviour, list deliveries.
/// </summary>
internal static class WooAdminEndpoints
{
    public static void Map(WebApplication app, WooCommerceEmulator woo)
    {
        var admin = app.MapGroup("/emulator/woocommerce");
        var store = woo.Store;
        WooPaymentsAdminEndpoints.Map(admin, woo);
        admin.MapGet("/", () => StoreJson.Result(new JsonObject
        {
            ["orders"] = store.OrderCount,
            ["faults"] = JsonSerializer.SerializeToNode(woo.Faults.Current),
        }));
        admin.MapPost("/reset", async (HttpContext context) =>
        {
            var body = await WooCommerceEmulator.ReadBodyAsync(context).ConfigureAwait(false);
            woo.Reset(
                StoreJson.Bool((body as JsonObject)?["demo"]) ?? woo.Options.DemoData,
                (int)(StoreJson.Long((body as JsonObject)?["generateOrders"]) ?? woo.Options.GeneratedOrders),
                (int)(StoreJson.Long((body as JsonObject)?["seed"]) ?? woo.Options.GeneratorSeed));
            return StoreJson.Result(new JsonObject { ["orders"] = store.OrderCount });
        });
        admin.MapPost("/seed", async (HttpContext context) =>
        {
            try
            {
                return StoreJson.Result(new JsonObject { ["loaded"] = WooSeedLoader.Load(store, await WooCommerceEmulator.ReadBodyAsync(context).ConfigureAwait(false), "request body") });
            }
            catch (InvalidDataException e)
            {
                return Results.Json(new { error = e.Message }, statusCode: 400);
            }
        });
        admin.MapPost("/orders", async Task<IResult> (HttpContext context) => PutOrder(woo, await WooCommerceEmulator.ReadBodyAsync(context).ConfigureAwait(false) as JsonObject, null));
        admin.MapPost("/orders/{id:long}", async (long id, HttpContext context) => PutOrder(woo, await WooCommerceEmulator.ReadBodyAsync(context).ConfigureAwait(false) as JsonObject, id));
        admin.MapPost("/products", async (HttpContext context) =>
        {
            if (await WooCommerceEmulator.ReadBodyAsync(context).ConfigureAwait(false) is not JsonObject product)
            {
                return Results.Json(new { error = "Send a product object." }, statusCode: 400);
            }

            var created = Stamp(woo, product);
            lock (store.Gate)
            {
                store.Products[StoreJson.Long(product["id"])!.Value] = product;
            }

            woo.Webhooks.Publish(created ? "product.created" : "product.updated", product);
            return StoreJson.Result(product.DeepClone());
        });
        admin.MapPost("/customers", async (HttpContext context) =>
        {
            if (await WooCommerceEmulator.ReadBodyAsync(context).ConfigureAwait(false) is not JsonObject customer)
            {
                return Results.Json(new { error = "Send a customer object." }, statusCode: 400);
            }

            var created = Stamp(woo, customer);
            lock (store.Gate)
            {
                store.Customers[StoreJson.Long(customer["id"])!.Value] = customer;
            }

            woo.Webhooks.Publish(created ? "customer.created" : "customer.updated", customer);
            return StoreJson.Result(customer.DeepClone());
        });
        admin.MapGet("/faults", () => StoreJson.Result(JsonSerializer.SerializeToNode(woo.Faults.Current)));
        admin.MapPost("/faults", async (HttpContext context) =>
        {
            FaultSettings change;
            try
            {
                change = await context.Request.ReadFromJsonAsync<FaultSettings>(context.RequestAborted).ConfigureAwait(false) ?? new FaultSettings();
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException)
            {
                return Results.Json(new { error = "Send the fault switches as JSON: " + e.Message }, statusCode: 400);
            }
            return StoreJson.Result(JsonSerializer.SerializeToNode(woo.Faults.Apply(change)));
        });
        admin.MapDelete("/faults", () =>
        {
            woo.Faults.Reset();
            return StoreJson.Result(JsonSerializer.SerializeToNode(woo.Faults.Current));
        });
        admin.MapPost("/webhooks/behaviour", async (HttpContext context) =>
        {
            var body = await WooCommerceEmulator.ReadBodyAsync(context).ConfigureAwait(false);
            var dispatcher = woo.Webhooks.Dispatcher;
            dispatcher.DuplicateProbability = (double?)StoreJson.Decimal((body as JsonObject)?["duplicateProbability"]) ?? dispatcher.DuplicateProbability;
            dispatcher.ReorderProbability = (double?)StoreJson.Decimal((body as JsonObject)?["reorderProbability"]) ?? dispatcher.ReorderProbability;
            if (StoreJson.Long((body as JsonObject)?["seed"]) is { } seed)
            {
                dispatcher.Reseed((int)seed);
            }

            return StoreJson.Result(new JsonObject { ["duplicateProbability"] = dispatcher.DuplicateProbability, ["reorderProbability"] = dispatcher.ReorderProbability });
        });
        admin.MapGet("/webhooks/deliveries", () => StoreJson.Result(JsonSerializer.SerializeToNode(woo.Webhooks.Dispatcher.Attempts)));
    }

    private static bool Stamp(WooCommerceEmulator woo, JsonObject item)
    {
        var now = woo.Time.GetUtcNow();
        var created = item["id"] is null;
        if (created)
        {
            item["id"] = woo.Store.NextId();
            item["date_created"] ??= StoreJson.WooDate(now, woo.Options.UtcOffset);
            item["date_created_gmt"] ??= StoreJson.WooDate(now, TimeSpan.Zero);
        }

        if (!created || item["date_modified_gmt"] is null)
        {
            item["date_modified"] = StoreJson.WooDate(now, woo.Options.UtcOffset);
            item["date_modified_gmt"] = StoreJson.WooDate(now, TimeSpan.Zero);
        }

        return created;
    }

    private static readonly string[] WooDates =
        ["date_created", "date_created_gmt", "date_modified", "date_modified_gmt", "date_paid", "date_paid_gmt", "date_completed", "date_completed_gmt"];

    private static readonly string[] WooLists = ["line_items", "tax_lines", "shipping_lines", "fee_lines", "coupon_lines", "refunds", "meta_data"];

    private static IResult PutOrder(WooCommerceEmulator woo, JsonObject? change, long? id)
    {
        if (change is null)
        {
            return Results.Json(new { error = "Send an order object." }, statusCode: 400);
        }

        if (SeedOrderShape.Problem(change, woo.Options.UtcOffset, WooDates, WooLists, ["status", "currency"]) is { } problem)
        {
            return Results.Json(new { error = "The order was not stored: " + problem }, statusCode: 400);
        }

        var store = woo.Store;
        JsonObject order;
        bool created;
        if (id is { } existing)
        {
            if (store.FindOrder(existing) is not { } row)
            {
                return Results.Json(new { error = $"No order {existing}." }, statusCode: 404);
            }

            order = store.Render(row);
            foreach (var (key, value) in change.ToList())
            {
                order[key] = value?.DeepClone();
            }

            order["id"] = existing;
            created = false;
            if (!change.ContainsKey("date_modified_gmt"))
            {
                Stamp(woo, order);
            }
        }
        else
        {
            order = change;
            created = order["id"] is null || store.FindOrder(StoreJson.Long(order["id"]) ?? 0) is null;
            Stamp(woo, order);
            order["line_items"] ??= new JsonArray();
            order["status"] ??= "pending";
        }

        store.PutOrder(order);
        woo.Webhooks.Publish(created ? "order.created" : "order.updated", order);
        return StoreJson.Result(order.DeepClone());
    }
}
