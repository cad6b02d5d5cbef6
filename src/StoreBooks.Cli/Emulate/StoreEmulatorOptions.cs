using System.CommandLine;
using StoreBooks.Emulators;

namespace StoreBooks.Cli.Emulate;

/// <summary>The <c>storebooks emulate</c> options for the Shopify and WooCommerce emulators.</summary>
internal sealed class StoreEmulatorOptions
{
    private readonly Option<string[]> _shopifySeed = new("--shopify-seed")
    {
        Description = "Folder (or file) of JSON in Shopify's REST format to load; repeatable. Turns the demo shop off unless --demo is given.",
        AllowMultipleArgumentsPerToken = false,
    };

    private readonly Option<string[]> _wooSeed = new("--woocommerce-seed")
    {
        Description = "Folder (or file) of JSON in WooCommerce's REST format to load; repeatable. Turns the demo store off unless --demo is given.",
    };

    private readonly Option<bool> _demo = new("--demo") { Description = "Load the built-in demo shop and store even when seed folders are given." };

    private readonly Option<int> _generate = new("--generate-orders")
    {
        Description = "Add N generated orders to each store (deterministic for --generator-seed), for benchmarks.",
    };

    private readonly Option<int> _generatorSeed = new("--generator-seed") { Description = "Seed of the generated orders.", DefaultValueFactory = _ => 42 };

    private readonly Option<string> _shopifySecret = new("--shopify-client-secret")
    {
        Description = "Client secret that signs Shopify webhooks (X-Shopify-Hmac-Sha256).",
        DefaultValueFactory = _ => "demo-shopify-secret",
    };

    private readonly Option<double> _duplicates = new("--webhook-duplicates") { Description = "Chance (0..1) that a store webhook is delivered twice." };

    private readonly Option<double> _reorder = new("--webhook-reorder") { Description = "Chance (0..1) that a store webhook arrives after the next one." };

    private readonly Option<bool> _pricesIncludeTax = new("--woocommerce-prices-include-tax") { Description = "WooCommerce catalog prices include tax." };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _shopifySeed, _wooSeed, _demo, _generate, _generatorSeed, _shopifySecret, _duplicates, _reorder, _pricesIncludeTax })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>Applies the parsed options to <paramref name="options"/>.</summary>
    public EmulatorOptions Apply(ParseResult parse, EmulatorOptions options)
    {
        var shopifySeed = parse.GetValue(_shopifySeed) ?? [];
        var wooSeed = parse.GetValue(_wooSeed) ?? [];
        var demo = parse.GetValue(_demo);
        return options with
        {
            Shopify = options.Shopify with
            {
                SeedPaths = shopifySeed,
                DemoData = demo || shopifySeed.Length == 0,
                GeneratedOrders = parse.GetValue(_generate),
                GeneratorSeed = parse.GetValue(_generatorSeed),
                ClientSecret = parse.GetValue(_shopifySecret) ?? "demo-shopify-secret",
                WebhookDuplicateProbability = parse.GetValue(_duplicates),
                WebhookReorderProbability = parse.GetValue(_reorder),
            },
            WooCommerce = options.WooCommerce with
            {
                SeedPaths = wooSeed,
                DemoData = demo || wooSeed.Length == 0,
                GeneratedOrders = parse.GetValue(_generate),
                GeneratorSeed = parse.GetValue(_generatorSeed),
                PricesIncludeTax = parse.GetValue(_pricesIncludeTax),
                WebhookDuplicateProbability = parse.GetValue(_duplicates),
                WebhookReorderProbability = parse.GetValue(_reorder),
            },
        };
    }

    /// <summary>Lines for the start-up banner.</summary>
    public static IEnumerable<string> Describe(EmulatorServer server)
    {
        yield return $"  Shopify Admin API: {server.BaseUrl}admin/api/2025-07/orders.json (X-Shopify-Access-Token: demo-token), {server.Shopify.Shop.OrderCount} orders";
        yield return $"  WooCommerce REST API: {server.BaseUrl}wp-json/wc/v3/orders (key ck_demo / secret cs_demo), {server.WooCommerce.Store.OrderCount} orders";
    }
}
