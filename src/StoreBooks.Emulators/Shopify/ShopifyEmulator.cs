using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using StoreBooks.Emulators.Shopify.Admin;
using StoreBooks.Emulators.Shopify.Data;
using StoreBooks.Emulators.Shopify.GraphQL;
using StoreBooks.Emulators.Shopify.Payments;
using StoreBooks.Emulators.Shopify.Rest;
using StoreBooks.Emulators.Shopify.Webhooks;
using StoreBooks.Emulators.Stores;
using StoreBooks.Emulators.Stores.Demo;

namespace StoreBooks.Emulators.Shopify;

/// <summary>
/// The Shopify Admin API at its real paths (<c>/admin/api/{version}/…</c>): REST orders, refunds, transactions, customers,
/// locations, inventory, webhook subscriptions and Shopify Payments payouts; GraphQL products and variants with the cost throttle; signed webhooks;
/// and an emulator-only admin API under <c>/emulator/shopify</c> to change data, inject faults and read deliveries.
/// </summary>
public sealed class ShopifyEmulator : IAsyncDisposable
{
    internal const string VersionItem = "shopify.version";

    public ShopifyEmulator(ShopifyEmulatorOptions options, TimeProvider time)
    {
        Options = options;
        Time = time;
        Shop = new ShopifyShop(options, time);
        Faults = new StoreFaults(options.FaultSeed);
        RestBucket = new RestCallBucket(options.RestBucketSize, options.RestLeakPerSecond, time);
        QueryCost = new QueryCostBucket(options.GraphQLMaximumAvailable, options.GraphQLRestoreRate, time);
        ReadAllOrders = options.ReadAllOrders;
        UsesShopifyPayments = options.UsesShopifyPayments;
        DeniedScopes = options.DeniedScopes.ToHashSet(StringComparer.Ordinal);
        Payouts = new ShopifyPayoutBook(this);
        OrderChanges = new ShopifyOrderChanges(options, Shop, time);
        GraphQL = new AdminGraphQL(this);
        Bulk = new BulkOperations(options, time);
        Webhooks = new ShopifyWebhookSender(this);
        Reset(options.DemoData, options.GeneratedOrders, options.GeneratorSeed);
    }

    public ShopifyEmulatorOptions Options { get; }

    public TimeProvider Time { get; }

    /// <summary>The shop's data (orders, catalog, customers, subscriptions).</summary>
    public ShopifyShop Shop { get; }

    /// <summary>Fault switches (latency, 500/503 bursts, 429s) for every <c>/admin</c> call.</summary>
    public StoreFaults Faults { get; }

    /// <summary>Signed webhook deliveries to subscribed loopback addresses.</summary>
    public ShopifyWebhookSender Webhooks { get; }

    /// <summary>When false, orders older than 60 days are hidden, as for a token without <c>read_all_orders</c>.</summary>
    public bool ReadAllOrders { get; set; }

    /// <summary>When false the shop has no Shopify Payments account: its <c>shopify_payments/…</c> endpoints answer 404.</summary>
    public bool UsesShopifyPayments { get; set; }

    /// <summary>Scopes the token lacks (e.g. <c>read_shopify_payments_payouts</c>): calls that need one answer 403.</summary>
    public IReadOnlySet<string> DeniedScopes { get; set; }

    /// <summary>Shopify Payments payouts, balance transactions and disputes, consistent with the orders.</summary>
    internal ShopifyPayoutBook Payouts { get; }

    internal RestCallBucket RestBucket { get; }

    internal QueryCostBucket QueryCost { get; }

    internal ShopifyOrderChanges OrderChanges { get; }

    internal AdminGraphQL GraphQL { get; }

    /// <summary>Bulk queries and their JSONL files.</summary>
    internal BulkOperations Bulk { get; }

    /// <summary>Clears the shop and loads it again: the seed paths of the options, then the demo data and generated orders asked for.</summary>
    public void Reset(bool demo, int generatedOrders, int seed)
    {
        Shop.Clear();
        RestBucket.Reset();
        QueryCost.Reset();
        Bulk.Reset();
        var anchor = Time.GetUtcNow();
        ShopifyDemoSeeder.Seed(Shop, Options, anchor, demo, generatedOrders, seed);
        ShopifySeedLoader.LoadPaths(Shop, Options.SeedPaths);
    }

    /// <summary>
    /// Adds a generator's orders (made with <see cref="OrderPlanGenerator.Between"/>) to the shop, with the products, variants,
    /// inventory items and customers of its catalogue that the shop does not hold yet; returns how many orders the shop holds.
    /// </summary>
    public int AddGeneratedOrders(OrderPlanGenerator generator)
    {
        ArgumentNullException.ThrowIfNull(generator);
        if (generator.Catalog is { } catalog)
        {
            var at = Time.GetUtcNow().AddDays(-400);
            foreach (var product in catalog.Products())
            {
                if (Shop.Products.ContainsKey(ShopifyIds.Product(product.Key)))
                {
                    continue;
                }

                Shop.PutProduct(ShopifyCatalogBuilder.Product(product, at, Options));
                lock (Shop.Gate)
                {
                    foreach (var variant in product.Variants)
                    {
                        Shop.InventoryItems[ShopifyIds.InventoryItem(variant.Key)] = ShopifyCatalogBuilder.InventoryItem(variant, at, Options);
                    }
                }
            }

            lock (Shop.Gate)
            {
                foreach (var customer in catalog.Customers())
                {
                    Shop.Customers.TryAdd(ShopifyIds.Customer(customer.Key), ShopifyCatalogBuilder.Customer(customer, at, Options));
                }
            }
        }

        Shop.AddPlans(generator);
        return Shop.OrderCount;
    }

    internal void Map(WebApplication app)
    {
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments("/admin", StringComparison.Ordinal),
            branch => branch.Use((context, next) => ShopifyGate.InvokeAsync(context, next, this)));
        foreach (var prefix in new[] { "/admin/api/{version}", "/admin" })
        {
            var api = app.MapGroup(prefix);
            OrdersEndpoints.Map(api, this);
            CatalogEndpoints.Map(api, this);
            WebhookSubscriptionEndpoints.Map(api, this);
            PaymentsEndpoints.Map(api, this);
            GraphQLEndpoint.Map(api, this);
        }

        BulkFileEndpoint.Map(app, this);
        ShopifyAdminEndpoints.Map(app, this);
    }

    public ValueTask DisposeAsync()
    {
        Bulk.Dispose();
        return Webhooks.DisposeAsync();
    }
}
