using StoreBooks.Core.Connections;
using StoreBooks.Core.Model;
using StoreBooks.Core.Products;
using StoreBooks.Core.Sales;
using StoreBooks.Core.State;
using StoreBooks.Emulators;
using StoreBooks.Emulators.Qbo;
using StoreBooks.QuickBooks;
using StoreBooks.QuickBooks.Common;
using StoreBooks.QuickBooks.Invoices;
using StoreBooks.QuickBooks.Items;
using StoreBooks.QuickBooks.RefundReceipts;
using StoreBooks.QuickBooks.OAuth;
using StoreBooks.QuickBooks.SalesReceipts;
using StoreBooks.Storage;
using StoreBooks.Sync.Connections;
using StoreBooks.Sync.Sales;
using Xunit;

namespace StoreBooks.Sync.Tests.Sales;

/// <summary>
/// One sales scenario: the QBO emulator with one company, a connection with the scenario's settings, a store in memory, and
/// runs of the real <see cref="SyncRunner"/> over loopback; helpers read back what QuickBooks holds for an order.
/// </summary>
internal sealed class SalesScenario : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _others = [];

    private SalesScenario(SyncHarness harness, MemorySource store, QboClient qbo, bool isUs)
    {
        Harness = harness;
        Store = store;
        Qbo = qbo;
        IsUs = isUs;
    }

    public bool IsUs { get; }

    public SyncHarness Harness { get; }

    public MemorySource Store { get; }

    /// <summary>StoreBooks' own client, for arranging and reading QuickBooks data.</summary>
    public QboClient Qbo { get; }

    public static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>Automatic items (non-inventory unless said), per-customer sales receipts, sync start 2026-01-01.</summary>
    public static ConnectionSettings Settings(SalesSettings? sales = null, ProductSettings? products = null) => new()
    {
        SyncStartDate = new DateOnly(2026, 1, 1),
        Products = products ?? new ProductSettings
        {
            Mode = ItemMode.Automatic,
            IncomeAccount = "Sales of Product Income",
            ExpenseAccount = "Cost of Goods Sold",
        },
        Sales = sales ?? new SalesSettings(),
    };

    /// <summary>A Canadian company (GST, HST, GST/QST codes); HST at 15 % mapped to the New Brunswick code.</summary>
    public static QboCompanySettings Canada(bool multiCurrency = false) => QboCompanySettings.DefaultCanada with { MultiCurrency = multiCurrency };

    /// <summary>A US company with automated sales tax computing 8.25 % on taxable lines (StoreBooks must keep it out).</summary>
    public static QboCompanySettings Us => QboCompanySettings.DefaultUs with { SalesTaxRatePercent = 8.25m };

    public static SalesSettings CanadianSales(SalesSettings? sales = null) => (sales ?? new SalesSettings()) with
    {
        TaxCodes = new Dictionary<string, string>((sales?.TaxCodes ?? new Dictionary<string, string>())) { ["HST 15%"] = "HST NB" },
    };

    public static async Task<SalesScenario> StartAsync(QboCompanySettings company, ConnectionSettings settings, params StoreOrder[] orders)
    {
        var harness = await SyncHarness.StartAsync(settings, new EmulatorOptions { Port = 0, Qbo = new QboEmulatorOptions { Realms = [company] } });
        return new SalesScenario(harness, new MemorySource(orders), await harness.ClientAsync(), company.Country == "US");
    }

    /// <summary>A run as the command line makes one: a fresh context (QuickBooks facts read again), short overlap.</summary>
    /// <param name="batching">Off for tests of a single request's failure (an injected fault on one resource, such as refundreceipt).</param>
    public async Task<SyncSummary> RunAsync(bool retryFailed = false, IProgress<SyncProgress>? progress = null, bool batching = true)
    {
        var runner = new SyncRunner(await Harness.ContextAsync(), Store) { Parallelism = 4, Batching = batching };
        return await runner.RunAsync("test", retryFailed, progress, Token);
    }

    /// <summary>Runs and asserts every order of the run posted (or was unchanged), showing the messages of those that did not.</summary>
    public async Task<SyncSummary> RunCleanAsync()
    {
        var summary = await RunAsync();
        var bad = summary.Outcomes.Where(o => o.Result is OrderResult.Failed or OrderResult.Waiting or OrderResult.Deferred).ToList();
        Assert.True(bad.Count == 0, string.Join("\n", bad.Select(b => $"{b.SourceId} {b.Result}: {b.Message}")));
        Assert.Null(summary.Run.Error);
        await AssertBooksMatchStoreAsync();
        return summary;
    }

    /// <summary>
    /// Every posted order of the store against its QuickBooks document, to the cent: the total (less gift cards redeemed, a tender),
    /// the tax (QuickBooks' per-rate tax, or the US collected-tax line), and for prices before tax the shipping and the discount;
    /// every posted refund's total and tax. Shipping is net of its own discounts (not on the discount line); negative fees are on
    /// the discount line. Tax-inclusive shipping and discounts are before tax in QuickBooks: tests check those.
    /// </summary>
    public async Task AssertBooksMatchStoreAsync()
    {
        var documents = new List<SalesTransaction>();
        documents.AddRange(await AllAsync(Qbo.SalesReceipts));
        documents.AddRange(await AllAsync(Qbo.Invoices));
        var shipping = (await Qbo.Items.FindAsync(Qbo.Items.Where().WhereEquals("Name", "Shipping"), Token))?.Id;
        var collected = (await Qbo.Items.FindAsync(Qbo.Items.Where().WhereEquals("Name", "Sales tax collected"), Token))?.Id;
        foreach (var order in Store.All)
        {
            var link = await LinkAsync(LinkKind.Sale, order.SourceId);
            if (link is not { State: LinkState.Done })
            {
                continue;
            }

            var document = documents.Single(d => d.PrivateNote?.Contains(SaleDocuments.Marker("csv order", order.SourceId) + " ", StringComparison.Ordinal) == true
                || d.PrivateNote == SaleDocuments.Marker("csv order", order.SourceId));
            var figures = DocumentFigures.Of(document, shipping);
            var redeemed = order.Payments.Where(p => p.IsGiftCard && p.Kind == StorePaymentKind.Received).Sum(p => p.Amount);
            var at = $"order {order.Number}";
            Assert.True(order.Totals.Total - redeemed == figures.Total, $"{at}: total {figures.Total}, store {order.Totals.Total - redeemed}");
            var tax = IsUs ? figures.AmountOf(collected ?? "") : figures.Tax;
            Assert.True(order.Totals.Tax == tax, $"{at}: tax {tax}, store {order.Totals.Tax}");
            if (!order.TaxesIncluded)
            {
                // Shipping discounts lower the shipping line; negative fees join the discount line.
                var onShipping = order.Shipping.Sum(s => s.Discount);
                var credits = -order.Fees.Where(f => f.Amount - f.Discount < 0).Sum(f => f.Amount - f.Discount);
                Assert.True(order.Totals.Shipping - onShipping == figures.Shipping, $"{at}: shipping {figures.Shipping}, store {order.Totals.Shipping} less {onShipping} off");
                Assert.True(order.Totals.Discounts - onShipping + credits == figures.Discount, $"{at}: discount {figures.Discount}, store {order.Totals.Discounts} less {onShipping} on shipping plus {credits} of negative fees");
            }

            foreach (var refund in order.Refunds)
            {
                var refundLink = await LinkAsync(LinkKind.Refund, OrderSync.RefundKey(order, refund));
                if (refundLink is not { State: LinkState.Done })
                {
                    continue;
                }

                var receipt = DocumentFigures.Of(await Qbo.RefundReceipts.GetAsync(refundLink.QboId!, Token), shipping);
                var refundTax = refund.Lines.Sum(l => l.Taxes.Sum(t => t.Amount)) + refund.ShippingTaxes.Sum(t => t.Amount);
                Assert.True(refund.Total == receipt.Total, $"{at}, refund {refund.SourceId}: total {receipt.Total}, store {refund.Total}");
                Assert.True(refundTax == (IsUs ? receipt.AmountOf(collected ?? "") : receipt.Tax), $"{at}, refund {refund.SourceId}: tax differs from the store's {refundTax}");
            }
        }
    }

    public async Task<Link?> LinkAsync(LinkKind kind, string sourceId) =>
        await Harness.State.Links.FindAsync(Harness.Connection.Id, kind, sourceId, Token);

    public async Task<SalesReceipt> ReceiptAsync(StoreOrder order)
    {
        var link = await LinkAsync(LinkKind.Sale, order.SourceId);
        Assert.True(link is { State: LinkState.Done }, $"{order.SourceId} is not posted: {link?.State} {link?.Message}");
        return await Qbo.SalesReceipts.GetAsync(link!.QboId!, Token);
    }

    public async Task<Invoice> InvoiceAsync(StoreOrder order)
    {
        var link = await LinkAsync(LinkKind.Sale, order.SourceId);
        Assert.True(link is { State: LinkState.Done }, $"{order.SourceId} is not posted: {link?.State} {link?.Message}");
        return await Qbo.Invoices.GetAsync(link!.QboId!, Token);
    }

    public async Task<RefundReceipt> RefundReceiptAsync(StoreOrder order, string refundId)
    {
        var link = await LinkAsync(LinkKind.Refund, OrderSync.RefundKey(order, order.Refunds.Single(r => r.SourceId == refundId)));
        Assert.True(link is { State: LinkState.Done }, $"refund {refundId} is not posted: {link?.State} {link?.Message}");
        return await Qbo.RefundReceipts.GetAsync(link!.QboId!, Token);
    }

    public async Task<IReadOnlyList<T>> AllAsync<T>(QuickBooks.Entities.QboReadService<T> service)
        where T : QuickBooks.Common.QboEntity =>
        await service.QueryAsync(service.Where(), Token).ToListAsync(Token);

    public async Task<Item> ItemAsync(string name) =>
        await Qbo.Items.FindAsync(Qbo.Items.Where().WhereEquals("Name", name), Token) ?? throw new InvalidOperationException($"No item named {name}");

    public async Task<string> AccountIdAsync(string name) =>
        (await Qbo.Accounts.FindAsync(Qbo.Accounts.Where().WhereEquals("Name", name), Token))?.Id ?? throw new InvalidOperationException($"No account named {name}");

    /// <summary>The open issues, as <c>storebooks status</c> lists them.</summary>
    public async Task<IReadOnlyList<SyncIssue>> IssuesAsync() => await Harness.State.Runs.ListOpenIssuesAsync(Harness.Connection.Id, Token);

    public async Task<SyncIssue> IssueAsync(StoreOrder order)
    {
        var issues = (await IssuesAsync()).Where(i => i.SourceId == order.SourceId).ToList();
        return Assert.Single(issues);
    }

    /// <summary>
    /// A runner over a new, empty StoreBooks home connected to the same QuickBooks company (StoreBooks reinstalled, its state lost).
    /// </summary>
    public async Task<SyncRunner> FreshHomeRunnerAsync()
    {
        var home = Path.Combine(Path.GetTempPath(), "storebooks-test-" + Guid.NewGuid().ToString("N"));
        var state = await StateStore.OpenSqliteAsync(StoreBooksHome.Resolve(home), Token);
        var connections = new QuickBooksConnections(state);
        _others.Add(new HomeRemoval(home));
        _others.Add(state);
        _others.Add(connections);
        var connection = Harness.Connection with { Id = Guid.NewGuid() };
        await state.Connections.AddAsync(connection, Token);
        await QuickBooksApp.SaveAsync(state.Credentials, connection.Id, QuickBooksApp.Demo, Token);
        var issued = Harness.Emulator.Qbo.OAuth.IssueTokens(Harness.RealmId);
        await QboTokenKeeper.SaveNewConnectionAsync(new CredentialTokenStore(state.Credentials), connection.Id.ToString(),
            new QboTokenSet(issued.AccessToken, issued.RefreshToken, issued.AccessTokenExpiresAt, null, Harness.RealmId), Token);
        var client = await connections.ClientForAsync(connection, Token);
        return new SyncRunner(new SyncContext(connection, client, state), Store);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var other in _others.AsEnumerable().Reverse())
        {
            await other.DisposeAsync();
        }

        await Harness.DisposeAsync();
    }
}

/// <summary>The figures of a QuickBooks sales document that a store's totals are checked against.</summary>
internal sealed record DocumentFigures(decimal Total, decimal Tax, decimal Shipping, decimal Discount, IReadOnlyList<Line> ItemLines)
{
    /// <summary>
    /// Reads a document: TotalAmt, TxnTaxDetail.TotalTax, the shipping (lines of the shipping item or QuickBooks' shipping line),
    /// the discount lines, and the item lines.
    /// </summary>
    public static DocumentFigures Of(SalesTransaction document, string? shippingItemId)
    {
        var lines = document.Line ?? [];
        var items = lines.Where(l => l.DetailType == LineDetailTypes.SalesItem).ToList();
        bool IsShipping(Line l) => l.SalesItemLineDetail?.ItemRef?.Value is { } id && (id == "SHIPPING_ITEM_ID" || id == shippingItemId);
        return new DocumentFigures(
            document.TotalAmt ?? 0,
            document.TxnTaxDetail?.TotalTax ?? 0,
            items.Where(IsShipping).Sum(l => l.Amount ?? 0),
            lines.Where(l => l.DetailType == LineDetailTypes.Discount).Sum(l => l.Amount ?? 0),
            items);
    }

    /// <summary>The summed amount of the lines whose item is <paramref name="itemId"/>.</summary>
    public decimal AmountOf(string itemId) => ItemLines.Where(l => l.SalesItemLineDetail?.ItemRef?.Value == itemId).Sum(l => l.Amount ?? 0);
}

/// <summary>Deletes a temporary StoreBooks home when a scenario ends.</summary>
internal sealed class HomeRemoval(string home) : IAsyncDisposable
{
    public ValueTask DisposeAsync()
    {
        try
        {
            Directory.Delete(home, recursive: true);
        }
        catch (IOException)
        {
        }

        return ValueTask.CompletedTask;
    }
}
