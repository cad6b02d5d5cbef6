using System.Text.Json.Nodes;
using StoreBooks.Core.Connections;
using StoreBooks.Core.Payouts;
using StoreBooks.Core.Products;
using StoreBooks.Core.Sources;
using StoreBooks.Core.State;
using StoreBooks.Emulators;
using StoreBooks.Emulators.WooCommerce;
using StoreBooks.QuickBooks.Deposits;
using StoreBooks.WooCommerce;
using Xunit;

namespace StoreBooks.Sync.Tests.Payouts;

/// <summary>
/// The WooCommerce emulator's generated site (orders paid through WooPayments, or through the Stripe plugin with its fee meta)
/// and the QuickBooks emulator, over loopback, with a WooCommerce connection in a real SQLite home.
/// </summary>
internal sealed class WooPaymentsRig : IAsyncDisposable
{
    public const int Orders = 120;

    private WooPaymentsRig(SyncHarness harness, WooCommerceSource source)
    {
        Harness = harness;
        Source = source;
    }

    public SyncHarness Harness { get; }

    public WooCommerceSource Source { get; }

    /// <summary>Automatic items; payouts on, into Checking, fees to Bank Charges, the rest to Uncategorized Expense.</summary>
    public static ConnectionSettings Settings(Func<PayoutSettings, PayoutSettings>? payouts = null) => new()
    {
        Products = new ProductSettings { Mode = ItemMode.Automatic, IncomeAccount = "Sales of Product Income" },
        Payouts = (payouts ?? (p => p))(new PayoutSettings { Enabled = true, BankAccount = "Checking", FeesAccount = "Bank Charges", AdjustmentsAccount = "Uncategorized Expense" }),
    };

    /// <param name="gateway">The card gateway of the site's paid orders: woocommerce_payments or stripe.</param>
    public static async Task<WooPaymentsRig> StartAsync(ConnectionSettings? settings = null, string gateway = "woocommerce_payments", bool stripeFeeMeta = false)
    {
        var woo = new WooCommerceEmulatorOptions { DemoData = false, GeneratedOrders = Orders, CardGateway = gateway, StripeFeeMeta = stripeFeeMeta };
        var harness = await SyncHarness.StartAsync(settings ?? Settings(), new EmulatorOptions { Port = 0, WooCommerce = woo }, sourceKind: WooCommerceSource.SourceKind);
        var source = new WooCommerceSource(new WooCommerceSourceOptions
        {
            SiteUrl = harness.Emulator.BaseUrl,
            ConsumerKey = "ck_demo",
            ConsumerSecret = "cs_demo",
            RetryDelay = TimeSpan.FromMilliseconds(5),
        });
        return new WooPaymentsRig(harness, source);
    }

    public async Task<SyncSummary> SyncAsync(IStoreSource? source = null, CancellationToken cancellationToken = default)
    {
        var context = await Harness.ContextAsync();
        return await new SyncRunner(context, source ?? Source).RunAsync("manual", cancellationToken: cancellationToken);
    }

    /// <summary>Every deposit the site has, read through StoreBooks' WooCommerce client.</summary>
    public async Task<List<StorePayout>> PayoutsAsync(CancellationToken cancellationToken)
    {
        var payouts = new List<StorePayout>();
        await foreach (var page in Source.ReadPayoutsAsync(null, cancellationToken))
        {
            Assert.Empty(page.Problems);
            payouts.AddRange(page.Records);
        }

        return payouts;
    }

    /// <summary>A raw GET of the site's REST API with query keys (as over HTTPS behind a trusted proxy): what the emulator serves, not what StoreBooks read.</summary>
    public async Task<JsonNode> RawGetAsync(string path, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = new Uri(Harness.Emulator.BaseUrl, "wp-json/wc/v3/") };
        http.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        var separator = path.Contains('?', StringComparison.Ordinal) ? "&" : "?";
        using var response = await http.GetAsync(new Uri(path + separator + "consumer_key=ck_demo&consumer_secret=cs_demo", UriKind.Relative), cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    public async Task<List<Deposit>> DepositsAsync(CancellationToken cancellationToken)
    {
        var qbo = await Harness.ClientAsync();
        return await qbo.Deposits.QueryAsync(qbo.Deposits.Where(), cancellationToken).ToListAsync(cancellationToken);
    }

    public async Task<Dictionary<string, Link>> LinksAsync(LinkKind kind, CancellationToken cancellationToken) =>
        (await Harness.State.Links.ListAsync(Harness.Connection.Id, kind, null, cancellationToken)).ToDictionary(l => l.SourceId, StringComparer.Ordinal);

    public async Task<string> AccountIdAsync(string name, CancellationToken cancellationToken)
    {
        var qbo = await Harness.ClientAsync();
        return (await qbo.Accounts.QueryAsync(qbo.Accounts.Where().WhereEquals("Name", name), cancellationToken).FirstAsync(cancellationToken)).Id!;
    }

    public ValueTask DisposeAsync() => Harness.DisposeAsync();
}
