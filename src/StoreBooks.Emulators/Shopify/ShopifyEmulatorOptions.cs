namespace StoreBooks.Emulators.Shopify;

/// <summary>The Shopify Admin API emulator's shop, credentials, seed data, limits and webhook behaviour.</summary>
public sealed record ShopifyEmulatorOptions
{
    /// <summary>The shop's domain, sent in <c>X-Shopify-Shop-Domain</c> and used in gid-free links.</summary>
    public string ShopDomain { get; init; } = "emu-shop.myshopify.com";

    /// <summary>Accepted <c>X-Shopify-Access-Token</c> values.</summary>
    public IReadOnlyList<string> AccessTokens { get; init; } = ["demo-token"];

    /// <summary>The app's client secret: the key of <c>X-Shopify-Hmac-Sha256</c> on webhook deliveries.</summary>
    public string ClientSecret { get; init; } = "demo-shopify-secret";

    /// <summary>Folders or files of JSON in Shopify's REST format (fixtures load as they are).</summary>
    public IReadOnlyList<string> SeedPaths { get; init; } = [];

    /// <summary>Load the built-in demo shop (12 products, 6 customers, 30 orders).</summary>
    public bool DemoData { get; init; } = true;

    /// <summary>Extra generated orders for benchmarks (deterministic for <see cref="GeneratorSeed"/>).</summary>
    public int GeneratedOrders { get; init; }

    public int GeneratorSeed { get; init; } = 42;

    /// <summary>The shop's time zone offset, used in every date the emulator writes.</summary>
    public TimeSpan UtcOffset { get; init; } = TimeSpan.FromHours(-5);

    public string Currency { get; init; } = "USD";

    /// <summary>REST leaky bucket: size and leak per second (standard plans: 40 and 2).</summary>
    public int RestBucketSize { get; init; } = 40;

    public double RestLeakPerSecond { get; init; } = 2;

    /// <summary>GraphQL cost bucket: maximum and restore rate per second (standard plans: 2000 and 100), and the single-query cap.</summary>
    public int GraphQLMaximumAvailable { get; init; } = 2000;

    public int GraphQLRestoreRate { get; init; } = 100;

    public int GraphQLMaxQueryCost { get; init; } = 1000;

    /// <summary>
    /// Deepest selection-set nesting a GraphQL query may have, fragments expanded [U: Shopify documents its cost limit, not a
    /// depth limit; a deeper query is answered in graphql-ruby's words, "Query has depth of N, which exceeds max depth of M"].
    /// </summary>
    public int GraphQLMaxDepth { get; init; } = 50;

    /// <summary>When false the token lacks <c>read_all_orders</c>: orders older than 60 days are hidden.</summary>
    public bool ReadAllOrders { get; init; } = true;

    /// <summary>When false the shop does not use Shopify Payments: <c>shopify_payments/balance.json</c> and the rest answer 404.</summary>
    public bool UsesShopifyPayments { get; init; } = true;

    /// <summary>Scopes the access tokens lack (<c>read_shopify_payments_payouts</c>, <c>read_shopify_payments_disputes</c>).</summary>
    public IReadOnlyList<string> DeniedScopes { get; init; } = [];

    /// <summary>Shopify Payments' processing fee on each charge: a percentage plus a fixed amount, rounded to the cent.</summary>
    public decimal PaymentsFeePercent { get; init; } = 2.9m;

    public decimal PaymentsFeeFixed { get; init; } = 0.30m;

    /// <summary>Chance that a webhook is delivered twice, or held back behind the next one.</summary>
    public double WebhookDuplicateProbability { get; init; }

    public double WebhookReorderProbability { get; init; }

    public int WebhookSeed { get; init; } = 1;

    /// <summary>Tries per delivery (Shopify: 8) and the pause between them (Shopify spreads them over hours; the emulator does not).</summary>
    public int WebhookMaxAttempts { get; init; } = 8;

    public TimeSpan WebhookRetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    public int FaultSeed { get; init; } = 7;

    /// <summary>
    /// A bulk query's life on the emulator's clock: CREATED for <see cref="BulkQueryStartDelay"/>, then RUNNING until
    /// <see cref="BulkQueryRunTime"/> after its creation (and until its file is written), then COMPLETED.
    /// </summary>
    public TimeSpan BulkQueryStartDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan BulkQueryRunTime { get; init; } = TimeSpan.FromSeconds(3);
}
