using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using StoreBooks.Emulators.Http;
using StoreBooks.Emulators.Stores;
using StoreBooks.Emulators.Stores.Demo;
using StoreBooks.Emulators.WooCommerce.Admin;
using StoreBooks.Emulators.WooCommerce.Auth;
using StoreBooks.Emulators.WooCommerce.Data;
using StoreBooks.Emulators.WooCommerce.Payments;
using StoreBooks.Emulators.WooCommerce.Rest;
using StoreBooks.Emulators.WooCommerce.Webhooks;

namespace StoreBooks.Emulators.WooCommerce;

/// <summary>
/// The WooCommerce REST API v3 at <c>/wp-json/wc/v3/…</c>: orders and refunds, products and variations, customers, coupons,
/// taxes, webhooks and WooPayments' deposits and transactions (when <see cref="WooCommerceEmulatorOptions.CardGateway"/> is WooPayments), with WordPress paging, WooCommerce's authentication (OAuth 1.0a over HTTP; Basic and query keys only over
/// HTTPS, which on the emulator's plain-HTTP port means <c>X-Forwarded-Proto: https</c> from a trusted proxy, see
/// <see cref="WooCommerceEmulatorOptions.TrustedProxies"/>), signed webhooks, and an emulator-only admin API under <c>/emulator/woocommerce</c>.
/// </summary>
public sealed class WooCommerceEmulator : IAsyncDisposable
{
    public WooCommerceEmulator(WooCommerceEmulatorOptions options, TimeProvider time)
    {
        Options = options;
        Time = time;
        Store = new WooStore(options, time, () => SiteUrl);
        Faults = new StoreFaults(options.FaultSeed);
        Authenticator = new WooAuthenticator(options, time);
        Refunds = new WooRefunds(options, Store, time, () => SiteUrl);
        Webhooks = new WooWebhookSender(this);
        Payments = new WooPaymentsBook(this);
        Reset(options.DemoData, options.GeneratedOrders, options.GeneratorSeed);
    }

    public WooCommerceEmulatorOptions Options { get; }

    public TimeProvider Time { get; }

    public WooStore Store { get; }

    public StoreFaults Faults { get; }

    public WooWebhookSender Webhooks { get; }

    /// <summary>The site's home URL (the server's address once it listens), without a trailing slash.</summary>
    public string SiteUrl { get; internal set; } = "http://127.0.0.1";

    internal WooAuthenticator Authenticator { get; }

    internal WooRefunds Refunds { get; }

    /// <summary>WooPayments' deposits and transactions, consistent with the orders (when the site pays through it).</summary>
    internal WooPaymentsBook Payments { get; }

    /// <summary>Clears the store and loads it again: demo data and generated orders as asked, then the options' seed paths.</summary>
    public void Reset(bool demo, int generatedOrders, int seed)
    {
        Store.Clear();
        Payments?.Clear();
        var anchor = Time.GetUtcNow();
        if (demo)
        {
            var catalogDate = anchor.AddDays(-90);
            foreach (var product in DemoCatalog.Products)
            {
                var at = catalogDate.AddDays(product.Key);
                lock (Store.Gate)
                {
                    Store.Products[WooIds.Product(product.Key)] = Store.Catalog.Product(product, at);
                }

                if (product.HasVariants)
                {
                    foreach (var variant in product.Variants)
                    {
                        Store.PutVariation(WooIds.Product(product.Key), Store.Catalog.Variation(product, variant, at));
                    }
                }
            }

            lock (Store.Gate)
            {
                foreach (var customer in DemoCatalog.Customers)
                {
                    Store.Customers[WooIds.Customer(customer.Key)] = Store.Catalog.Customer(customer, catalogDate.AddDays(customer.Key));
                }
            }
        }

        Store.UsePlans(demo ? DemoOrderBook.Plans(anchor) : [], generatedOrders > 0 ? new OrderPlanGenerator(seed, generatedOrders, anchor) : null);
        WooSeedLoader.LoadPaths(Store, Options.SeedPaths);
    }

    /// <summary>
    /// Adds a generator's orders (made with <see cref="OrderPlanGenerator.Between"/>) to the store, with the products, variations
    /// and customers of its catalogue that the store does not hold yet; returns how many orders the store holds.
    /// </summary>
    public int AddGeneratedOrders(OrderPlanGenerator generator)
    {
        ArgumentNullException.ThrowIfNull(generator);
        if (generator.Catalog is { } catalog)
        {
            var at = Time.GetUtcNow().AddDays(-400);
            foreach (var product in catalog.Products())
            {
                var id = WooIds.Product(product.Key);
                lock (Store.Gate)
                {
                    if (!Store.Products.TryAdd(id, Store.Catalog.Product(product, at)))
                    {
                        continue;
                    }
                }

                if (product.HasVariants)
                {
                    foreach (var variant in product.Variants)
                    {
                        Store.PutVariation(id, Store.Catalog.Variation(product, variant, at));
                    }
                }
            }

            lock (Store.Gate)
            {
                foreach (var customer in catalog.Customers())
                {
                    Store.Customers.TryAdd(WooIds.Customer(customer.Key), Store.Catalog.Customer(customer, at));
                }
            }
        }

        Store.AddPlans(generator);
        return Store.OrderCount;
    }

    internal void Map(WebApplication app)
    {
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments("/wp-json/wc/v3", StringComparison.Ordinal),
            branch => branch.Use((context, next) => InvokeGateAsync(context, next)));
        var api = app.MapGroup("/wp-json/wc/v3");
        OrderEndpoints.Map(api, this);
        CatalogEndpoints.Map(api, this);
        WebhookEndpoints.Map(api, this);
        PaymentsEndpoints.Map(api, this);
        WooAdminEndpoints.Map(app, this);
    }

    /// <summary>Injected faults first, then authentication and key permissions.</summary>
    private async Task InvokeGateAsync(HttpContext context, RequestDelegate next)
    {
        var fault = Faults.Next();
        if (fault.Latency > TimeSpan.Zero)
        {
            await Task.Delay(fault.Latency, Time, context.RequestAborted).ConfigureAwait(false);
        }

        if (fault.Status is { } status)
        {
            if (status == 429)
            {
                Faults.CountThrottled();
                context.Response.Headers.RetryAfter = "2";
            }

            var (code, message) = status switch
            {
                429 => ("too_many_requests", "Too many requests. Try again later."),
                503 => ("service_unavailable", "The site is temporarily unavailable for maintenance."),
                _ => ("internal_server_error", "There has been a critical error on this website."),
            };
            await Write(context, status, new JsonObject { ["code"] = code, ["message"] = message, ["data"] = new JsonObject { ["status"] = status } }).ConfigureAwait(false);
            return;
        }

        if (Authenticator.Authenticate(context) is { } failure)
        {
            if (failure.BasicChallenge)
            {
                context.Response.Headers.WWWAuthenticate = "Basic realm=\"WooCommerce API. Use a consumer key in the username field and a consumer secret in the password field.\"";
            }

            await Write(context, failure.Status, failure.Body).ConfigureAwait(false);
            return;
        }

        await next(context).ConfigureAwait(false);
    }

    private static Task Write(HttpContext context, int status, JsonNode body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=UTF-8";
        return context.Response.WriteAsync(StoreJson.Write(body), context.RequestAborted);
    }

    /// <summary>
    /// The request body as JSON, null when empty. A body that is not JSON (or holds a lone UTF-16 surrogate, which PHP's
    /// <c>json_decode</c> refuses) is WordPress's 400 <c>rest_invalid_json</c> on the REST API, a plain 400 on the admin API.
    /// </summary>
    internal static async Task<JsonNode?> ReadBodyAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var text = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var node = StrictJson.Parse(text, out var problem, maxDepth: StrictJson.StoreBodyDepth);
        if (problem is null)
        {
            return node;
        }

        if (context.Request.Path.StartsWithSegments("/wp-json", StringComparison.Ordinal))
        {
            throw new RejectedRequestException(400, new JsonObject
            {
                ["code"] = "rest_invalid_json",
                ["message"] = "Invalid JSON body passed.",
                ["data"] = new JsonObject
                {
                    ["status"] = 400,
                    ["json_error_code"] = problem.InvalidString ? 10 : problem.TooDeep ? 1 : 4,
                    ["json_error_message"] = problem.InvalidString ? "Single unpaired UTF-16 surrogate in unicode escape" : problem.TooDeep ? "Maximum stack depth exceeded" : "Syntax error",
                },
            });
        }

        throw new RejectedRequestException(400, new JsonObject { ["error"] = "The request body is not valid JSON: " + problem.Message });
    }

    public ValueTask DisposeAsync() => Webhooks.DisposeAsync();
}
