using System.Globalization;
using System.Runtime.CompilerServices;
using StoreBooks.Core.Model;
using StoreBooks.Core.Payouts;
using StoreBooks.Core.Products;
using StoreBooks.Core.Sources;
using StoreBooks.Core.State;
using StoreBooks.Emulators;
using StoreBooks.Emulators.Shopify;
using StoreBooks.QuickBooks.Deposits;
using StoreBooks.Shopify;
using StoreBooks.Sync.Payouts;
using StoreBooks.Sync.Reconciliation;
using StoreBooks.Sync.Tests.Payouts;
using Xunit;

namespace StoreBooks.Sync.Tests.Adversarial;

/// <summary>
/// The Shopify emulator's generated shop (its real orders, read through StoreBooks' Shopify client) and the QuickBooks
/// emulator, with the payouts written by the test: each adversarial case states its own Shopify Payments payouts, built from
/// the shop's real orders and payments, so the case is exactly the one a merchant has.
/// </summary>
internal sealed class PayoutScenario : IAsyncDisposable
{
    public static CancellationToken Token => TestContext.Current.CancellationToken;

    private long _nextId = 8_800_000_000_000_001;

    private PayoutScenario(SyncHarness harness, ScriptedShop store, List<StoreOrder> orders)
    {
        Harness = harness;
        Store = store;
        Orders = orders;
    }

    public SyncHarness Harness { get; }

    public ScriptedShop Store { get; }

    /// <summary>Every order the shop has, as StoreBooks reads it.</summary>
    public List<StoreOrder> Orders { get; }

    public static async Task<PayoutScenario> StartAsync(int orders = ShopifyPayoutRig.Orders, Func<PayoutSettings, PayoutSettings>? payouts = null)
    {
        var shopify = new ShopifyEmulatorOptions
        {
            DemoData = false,
            GeneratedOrders = orders,
            RestBucketSize = 100_000,
            RestLeakPerSecond = 100_000,
            GraphQLMaximumAvailable = 1_000_000,
            GraphQLRestoreRate = 1_000_000,
        };
        var harness = await SyncHarness.StartAsync(ShopifyPayoutRig.Settings(payouts), new EmulatorOptions { Port = 0, Shopify = shopify }, sourceKind: "shopify");
        var source = new ShopifySource(new ShopifySourceOptions { Shop = shopify.ShopDomain, AccessToken = "demo-token", BaseUrl = harness.Emulator.BaseUrl });
        var all = new List<StoreOrder>();
        await foreach (var page in source.ReadOrdersAsync(null, Token))
        {
            all.AddRange(page.Records);
        }

        return new PayoutScenario(harness, new ScriptedShop(source), all);
    }

    /// <summary>Orders paid once through Shopify Payments, never refunded nor cancelled: each is one sales receipt in Undeposited Funds.</summary>
    public List<StoreOrder> PlainSales => [.. Orders.Where(o => o.FinancialStatus == FinancialStatus.Paid && o.CancelledAt is null && !o.IsTest && o.Refunds.Count == 0
        && o.Payments.Count == 1 && o.Payments[0] is { Gateway: "shopify_payments", Kind: StorePaymentKind.Received, IsGiftCard: false })];

    /// <summary>Orders paid once and refunded once through Shopify Payments, in full or in part.</summary>
    public List<StoreOrder> RefundedSales(bool full) => [.. Orders.Where(o => o.CancelledAt is null && !o.IsTest && o.Refunds.Count == 1
        && o.Payments.Count(p => p.Kind == StorePaymentKind.Received && p.Gateway == "shopify_payments") == 1
        && o.Payments.Count(p => p.Kind == StorePaymentKind.Refunded && p.Gateway == "shopify_payments") == 1
        && (Paid(o) == RefundedAmount(o)) == full)];

    public static decimal Paid(StoreOrder o) => o.Payments.Single(p => p.Kind == StorePaymentKind.Received).Amount;

    public static decimal RefundedAmount(StoreOrder o) => o.Payments.Single(p => p.Kind == StorePaymentKind.Refunded).Amount;

    public static DateOnly Day(StoreOrder o) => DateOnly.FromDateTime(o.CreatedAt.UtcDateTime);

    public static string Money(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    public string NewId() => (_nextId++).ToString(CultureInfo.InvariantCulture);

    /// <summary>A Shopify Payments charge of the order's payment, with the fee given.</summary>
    public StorePayoutTransaction Charge(StoreOrder order, decimal fee)
    {
        var payment = order.Payments.Single(p => p.Kind == StorePaymentKind.Received);
        return new StorePayoutTransaction
        {
            SourceId = NewId(),
            Type = "charge",
            Currency = "USD",
            Gross = payment.Amount,
            Fee = fee,
            Net = payment.Amount - fee,
            SourceOrderId = order.SourceId,
            SourceOrderTransactionId = payment.SourceId,
            ProcessedAt = payment.ProcessedAt ?? order.CreatedAt,
        };
    }

    /// <summary>The Shopify Payments refund row of the order's refund payment (fee given back when <paramref name="feeBack"/> is not 0, as a negative fee).</summary>
    public StorePayoutTransaction Refund(StoreOrder order, decimal feeBack = 0)
    {
        var payment = order.Payments.Single(p => p.Kind == StorePaymentKind.Refunded);
        return new StorePayoutTransaction
        {
            SourceId = NewId(),
            Type = "refund",
            Currency = "USD",
            Gross = -payment.Amount,
            Fee = -feeBack,
            Net = -payment.Amount + feeBack,
            SourceOrderId = order.SourceId,
            SourceOrderTransactionId = payment.SourceId,
            ProcessedAt = payment.ProcessedAt ?? order.CreatedAt,
        };
    }

    /// <summary>A movement that is not a sale: adjustment, dispute, reserve, payout_failure…</summary>
    public StorePayoutTransaction Movement(string type, decimal gross, decimal fee = 0, StoreOrder? order = null, string? reason = null, string? sourceId = null) => new()
    {
        SourceId = sourceId ?? NewId(),
        Type = type,
        Currency = "USD",
        Gross = gross,
        Fee = fee,
        Net = gross - fee,
        SourceOrderId = order?.SourceId,
        SourceOrderTransactionId = order?.Payments.FirstOrDefault(p => p.Kind == StorePaymentKind.Received)?.SourceId,
        AdjustmentReason = reason,
    };

    /// <summary>A payout of these movements whose amount is exactly their net, with Shopify's summary per kind.</summary>
    public StorePayout Payout(DateOnly issuedOn, params StorePayoutTransaction[] transactions) => Payout(issuedOn, "paid", null, transactions);

    public StorePayout Payout(DateOnly issuedOn, string status, string? id, params StorePayoutTransaction[] transactions)
    {
        var payoutId = id ?? NewId();
        var rows = transactions.Select(t => t with { PayoutId = payoutId }).ToList();
        StoreGrossFee Part(params StorePayoutTransactionCategory[] categories)
        {
            var part = rows.Where(r => categories.Contains(r.Category)).ToList();
            return new StoreGrossFee(part.Sum(r => r.Gross), part.Sum(r => r.Fee));
        }

        return new StorePayout
        {
            SourceId = payoutId,
            Status = status,
            IssuedOn = issuedOn,
            Currency = rows.FirstOrDefault()?.Currency ?? "USD",
            Amount = rows.Where(r => r.Category != StorePayoutTransactionCategory.Transfer).Sum(r => r.Net),
            Summary = new StorePayoutSummary
            {
                Charges = Part(StorePayoutTransactionCategory.Charge),
                Refunds = Part(StorePayoutTransactionCategory.Refund),
                Adjustments = Part(StorePayoutTransactionCategory.Adjustment, StorePayoutTransactionCategory.Dispute, StorePayoutTransactionCategory.Other),
                ReservedFunds = Part(StorePayoutTransactionCategory.Reserve),
                RetriedPayouts = Part(StorePayoutTransactionCategory.PayoutReturn),
            },
            Transactions = rows,
        };
    }

    public async Task<SyncSummary> RunAsync(bool retryFailed = false)
    {
        var context = await Harness.ContextAsync();
        return await new SyncRunner(context, Store).RunAsync("manual", retryFailed, cancellationToken: Token);
    }

    public async Task<PeriodReconciliation> ReconcileAsync(DateOnly from, DateOnly to) =>
        await ReconciliationReport.RunAsync(await Harness.ContextAsync(), Store, from, to, Token);

    public async Task<List<Deposit>> DepositsAsync()
    {
        var qbo = await Harness.ClientAsync();
        return await qbo.Deposits.QueryAsync(qbo.Deposits.Where(), Token).ToListAsync(Token);
    }

    /// <summary>The deposit StoreBooks made of a payout (by its payout link), read from QuickBooks.</summary>
    public async Task<Deposit> DepositOfAsync(StorePayout payout)
    {
        var link = await LinkAsync(LinkKind.Payout, payout.SourceId);
        Assert.True(link is { State: LinkState.Done, QboId: not null }, $"payout {payout.SourceId}: link {link?.State} {link?.Message}");
        var qbo = await Harness.ClientAsync();
        return await qbo.Deposits.GetAsync(link!.QboId!, Token);
    }

    public async Task<Link?> LinkAsync(LinkKind kind, string sourceId) =>
        (await Harness.State.Links.ListAsync(Harness.Connection.Id, kind, null, Token)).FirstOrDefault(l => l.SourceId == sourceId);

    /// <summary>The QuickBooks id of the sales receipt StoreBooks posted for the order.</summary>
    public async Task<string> ReceiptOfAsync(StoreOrder order)
    {
        var link = await LinkAsync(LinkKind.Sale, order.SourceId);
        Assert.True(link is { State: LinkState.Done, QboId: not null }, $"order #{order.Number}: sale link {link?.State} {link?.Message}");
        return link!.QboId!;
    }

    public async Task<string> AccountIdAsync(string name)
    {
        var qbo = await Harness.ClientAsync();
        return (await qbo.Accounts.QueryAsync(qbo.Accounts.Where().WhereEquals("Name", name), Token).FirstAsync(Token)).Id!;
    }

    public static PayoutOutcome Outcome(SyncSummary summary, StorePayout payout)
    {
        Assert.True(summary.Payouts is not null, "the run has no payouts part: " + (summary.Run.Error ?? "(no run error)"));
        var outcome = summary.Payouts!.Outcomes.FirstOrDefault(o => o.PayoutId == payout.SourceId);
        Assert.True(outcome is not null, $"payout {payout.SourceId} has no outcome; problem: {summary.Payouts.Problem}; outcomes: " + Describe(summary));
        return outcome!;
    }

    public static string Describe(SyncSummary summary) => summary.Payouts is null
        ? "(no payouts part) " + summary.Run.Error
        : $"problem: {summary.Payouts.Problem ?? "(none)"}; " + string.Join("; ", summary.Payouts.Outcomes.Select(o => $"{o.PayoutId} {o.Result} {o.Message} [{string.Join(" | ", o.Warnings)}]"));

    /// <summary>The ids of the transactions a deposit links, by type.</summary>
    public static List<(string Type, string Id, decimal Amount)> Linked(Deposit deposit) =>
        [.. (deposit.Line ?? []).Where(l => l.LinkedTxn is { Count: > 0 }).SelectMany(l => l.LinkedTxn!.Select(t => (t.TxnType ?? "", t.TxnId ?? "", l.Amount ?? 0)))];

    /// <summary>The deposit's direct lines (not linked): amount, account, description.</summary>
    public static List<(decimal Amount, string? Account, string? Description)> Direct(Deposit deposit) =>
        [.. (deposit.Line ?? []).Where(l => l.LinkedTxn is not { Count: > 0 }).Select(l => (l.Amount ?? 0, l.DepositLineDetail?.AccountRef?.Value, l.Description))];

    public static string Show(Deposit deposit) =>
        $"deposit {deposit.Id} total {deposit.TotalAmt}: " + string.Join("; ", (deposit.Line ?? []).Select(l =>
            $"{l.Amount} {(l.LinkedTxn is { Count: > 0 } ? string.Join(",", l.LinkedTxn.Select(t => t.TxnType + " " + t.TxnId)) : "acct " + l.DepositLineDetail?.AccountRef?.Value + " '" + l.Description + "'")}"));

    public ValueTask DisposeAsync() => Harness.DisposeAsync();
}

/// <summary>
/// The shop as Shopify serves it, with the payouts the test wrote; orders can be hidden (deleted in the store) or changed
/// (cancelled, not paid yet) as the case needs.
/// </summary>
internal sealed class ScriptedShop(ShopifySource shop) : IStoreSource, IPayoutSource
{
    public List<StorePayout> Payouts { get; } = [];

    /// <summary>Orders the store no longer returns (deleted).</summary>
    public HashSet<string> Deleted { get; } = [];

    /// <summary>Orders the store returns changed.</summary>
    public Dictionary<string, Func<StoreOrder, StoreOrder>> Changed { get; } = [];

    public string Kind => shop.Kind;

    public IAsyncEnumerable<SourcePage<StoreProduct>> ReadProductsAsync(DateTimeOffset? changedSince, CancellationToken cancellationToken) =>
        shop.ReadProductsAsync(changedSince, cancellationToken);

    /// <summary>Orders changed in the store since the last read (paid, edited): an incremental read returns them again.</summary>
    public HashSet<string> Touched { get; } = [];

    public async IAsyncEnumerable<SourcePage<StoreOrder>> ReadOrdersAsync(DateTimeOffset? changedSince, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var seen = new HashSet<string>();
        await foreach (var page in shop.ReadOrdersAsync(changedSince, cancellationToken))
        {
            var records = Shape(page.Records);
            seen.UnionWith(records.Select(r => r.SourceId));
            yield return page with { Records = records };
        }

        var touched = Touched.Where(id => !seen.Contains(id)).ToList();
        if (touched.Count > 0)
        {
            await foreach (var page in shop.GetOrdersAsync(touched, cancellationToken))
            {
                yield return page with { Records = Shape(page.Records) };
            }
        }
    }

    public async IAsyncEnumerable<SourcePage<StoreOrder>> GetOrdersAsync(IReadOnlyCollection<string> sourceIds, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var page in shop.GetOrdersAsync(sourceIds, cancellationToken))
        {
            yield return page with { Records = Shape(page.Records) };
        }
    }

    public async IAsyncEnumerable<SourcePage<StorePayout>> ReadPayoutsAsync(DateOnly? issuedSince, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        cancellationToken.ThrowIfCancellationRequested();
        yield return new SourcePage<StorePayout>([.. Payouts.Where(p => issuedSince is null || p.IssuedOn >= issuedSince).OrderByDescending(p => p.IssuedOn)]);
    }

    private List<StoreOrder> Shape(IReadOnlyList<StoreOrder> orders) =>
        [.. orders.Where(o => !Deleted.Contains(o.SourceId)).Select(o => Changed.TryGetValue(o.SourceId, out var change) ? change(o) : o)];
}
