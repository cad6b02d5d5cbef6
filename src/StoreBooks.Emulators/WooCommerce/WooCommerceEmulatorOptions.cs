using System.Net;

namespace StoreBooks.Emulators.WooCommerce;

/// <summary>The WooCommerce REST API emulator's site, API keys, seed data, tax setting and webhook behaviour.</summary>
public sealed record WooCommerceEmulatorOptions
{
    /// <summary>API keys: consumer key, secret and permission (<c>read</c>, <c>write</c> or <c>read_write</c>).</summary>
    public IReadOnlyList<WooApiKey> Keys { get; init; } = [new("ck_demo", "cs_demo", "read_write")];

    /// <summary>Folders or files of JSON in WooCommerce's REST format (fixtures load as they are).</summary>
    public IReadOnlyList<string> SeedPaths { get; init; } = [];

    /// <summary>Load the built-in demo store (12 products, 6 customers, 30 orders).</summary>
    public bool DemoData { get; init; } = true;

    public int GeneratedOrders { get; init; }

    public int GeneratorSeed { get; init; } = 42;

    /// <summary>The site's clock: dates without offset are written in it, and <c>*_gmt</c> twins in UTC.</summary>
    public TimeSpan UtcOffset { get; init; } = TimeSpan.FromHours(-4);

    public string Currency { get; init; } = "USD";

    /// <summary>"Prices entered with tax": catalog prices include tax and line totals are derived from them.</summary>
    public bool PricesIncludeTax { get; init; }

    /// <summary>OAuth 1.0a timestamp window either side of now, and how long a nonce stays used.</summary>
    public TimeSpan OAuthWindow { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Peers whose <c>X-Forwarded-Proto: https</c> is believed, as WordPress behind a TLS-terminating proxy believes it: a request
    /// from one of these addresses carrying that header counts as HTTPS, so HTTP Basic and <c>consumer_key</c>/<c>consumer_secret</c>
    /// in the query are accepted. Any other request on the emulator's plain-HTTP port is plain HTTP, where WooCommerce ignores
    /// those credentials and only OAuth 1.0a signs. Loopback (127.0.0.1 and ::1) by default, the emulator listening on loopback
    /// alone; an empty list believes no one.
    /// </summary>
    public IReadOnlyList<IPAddress> TrustedProxies { get; init; } = [IPAddress.Loopback, IPAddress.IPv6Loopback];

    public double WebhookDuplicateProbability { get; init; }

    public double WebhookReorderProbability { get; init; }

    public int WebhookSeed { get; init; } = 1;

    public int FaultSeed { get; init; } = 11;

    /// <summary>
    /// The card gateway of paid orders: <c>stripe</c> (the WooCommerce Stripe Gateway plugin) or <c>woocommerce_payments</c>
    /// (WooPayments, whose deposits and transactions the site then serves under <c>/wp-json/wc/v3/payments/</c>; without it those
    /// routes do not exist, as on a site without the plugin).
    /// </summary>
    public string CardGateway { get; init; } = "stripe";

    /// <summary>
    /// Stripe plugin orders carry the plugin's fee meta (<c>_stripe_fee</c>, <c>_stripe_net</c>, <c>_stripe_currency</c>), as a
    /// store whose plugin records Stripe's balance transactions has them; off by default (older orders and other stores have none).
    /// </summary>
    public bool StripeFeeMeta { get; init; }

    /// <summary>The card processor's fee on a charge: this percentage of the amount plus <see cref="CardFeeFixed"/>, to the cent.</summary>
    public decimal CardFeePercent { get; init; } = 2.9m;

    public decimal CardFeeFixed { get; init; } = 0.30m;

    /// <summary>The card fee of a charge of <paramref name="amount"/>, rounded half away from zero to the cent.</summary>
    public decimal CardFee(decimal amount) => Math.Round((amount * CardFeePercent / 100m) + CardFeeFixed, 2, MidpointRounding.AwayFromZero);
}

/// <summary>A WooCommerce REST API key.</summary>
public sealed record WooApiKey(string ConsumerKey, string ConsumerSecret, string Permissions);
