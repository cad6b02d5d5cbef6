using StoreBooks.Core.Connections;
using StoreBooks.Core.Model;
using StoreBooks.Core.Payouts;
using StoreBooks.Core.Products;
using StoreBooks.Core.Sources;
using StoreBooks.Core.State;
using StoreBooks.Emulators;
using StoreBooks.Emulators.Shopify;
using StoreBooks.QuickBooks.Deposits;
using StoreBooks.Shopify;

namespace StoreBooks.Sync.Tests.Payouts;

/// <summary>
/// The Shopify emulator's generated shop (orders paid through Shopify Payments, with its payouts computed from them) and the
/// QuickBooks emulator, over loopback, with a Shopify connection in a real SQLite home; limits raised so reads take no waiting.
/// </summary>
internal sealed class ShopifyPayoutRig : IAsyncDisposable
{
    public const int Orders = 120;

    private ShopifyPayoutRig(SyncHarness harness, ShopifySource source)
    {
        Harness = harness;
        Source = source;
    }

    public SyncHarness Harness { get; }

    public ShopifySource Source { get; }

    /// <summary>Automatic items; payouts on, into Checking, fees to Bank Charges, the rest to Uncategorized Expense.</summary>
    public static ConnectionSettings Settings(Func<PayoutSettings, PayoutSettings>? payouts = null) => new()
    {
        Products = new ProductSettings { Mode = ItemMode.Automatic, IncomeAccount = "Sales of Product Income" },
        Payouts = (payouts ?? (p => p))(new PayoutSettings { Enabled = true, BankAccount = "Checking", FeesAccount = "Bank Charges", AdjustmentsAccount = "Uncategorized Expense" }),
    };

    public static async Task<ShopifyPayoutRig> StartAsync(ConnectionSettings? settings = null)
    {
        var shopify = new ShopifyEmulatorOptions
        {
            DemoData = false,
            GeneratedOrders = Orders,
            RestBucketSize = 100_000,
            RestLeakPerSecond = 100_000,
            GraphQLMaximumAvailable = 1_000_000,
            GraphQLRestoreRate = 1_000_000,
        };
        var harness = await SyncHarness.StartAsync(settings ?? Settings(), new EmulatorOptions { Port = 0, Shopify = shopify }, sourceKind: "shopify");
        var source = new ShopifySource(new ShopifySourceOptions { Shop = shopify.ShopDomain, AccessToken = "demo-token", BaseUrl = harness.Emulator.BaseUrl });
        return new ShopifyPayoutRig(harness, source);
    }

    public async Task<SyncSummary> SyncAsync(IStoreSource? source = null, CancellationToken cancellationToken = default)
    {
        var context = await Harness.ContextAsync();
        return await new SyncRunner(context, source ?? Source).RunAsync("manual", cancellationToken: cancellationToken);
    }

    /// <summary>Every payout the shop has, read through StoreBooks' Shopify client.</summary>
    public async Task<List<StorePayout>> PayoutsAsync(CancellationToken cancellationToken)
    {
        var payouts = new List<StorePayout>();
        await foreach (var page in Source.ReadPayoutsAsync(null, cancellationToken))
        {
            payouts.AddRange(page.Records);
        }

        return payouts;
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

/// <summary>The shop as Shopify serves it, except for one payout, changed.</summary>
internal sealed class TamperedPayouts(ShopifySource shop, string payoutId, Func<StorePayout, StorePayout> change) : IStoreSource, IPayoutSource
{
    /// <summary>One payout's amount changed: its transactions no longer add up to it.</summary>
    public TamperedPayouts(ShopifySource shop, string payoutId, decimal added)
        : this(shop, payoutId, p => p with { Amount = p.Amount + added })
    {
    }

    public string Kind => shop.Kind;

    public IAsyncEnumerable<SourcePage<StoreProduct>> ReadProductsAsync(DateTimeOffset? changedSince, CancellationToken cancellationToken) =>
        shop.ReadProductsAsync(changedSince, cancellationToken);

    public IAsyncEnumerable<SourcePage<StoreOrder>> ReadOrdersAsync(DateTimeOffset? changedSince, CancellationToken cancellationToken) =>
        shop.ReadOrdersAsync(changedSince, cancellationToken);

    public IAsyncEnumerable<SourcePage<StoreOrder>> GetOrdersAsync(IReadOnlyCollection<string> sourceIds, CancellationToken cancellationToken) =>
        shop.GetOrdersAsync(sourceIds, cancellationToken);

    public async IAsyncEnumerable<SourcePage<StorePayout>> ReadPayoutsAsync(DateOnly? issuedSince, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var page in shop.ReadPayoutsAsync(issuedSince, cancellationToken))
        {
            yield return page with { Records = page.Records.Select(p => p.SourceId == payoutId ? change(p) : p).ToList() };
        }
    }
}
