using System.Globalization;
using StoreBooks.Core.Model;
using StoreBooks.Core.State;
using StoreBooks.QuickBooks.Common;
using StoreBooks.Sync.Sales;
using StoreBooks.Sync.Tests.Sales;
using Xunit;
using static StoreBooks.Sync.Tests.Sales.OrderBuilder;

namespace StoreBooks.Sync.Tests.Adversarial;

/// <summary>
/// What the adversarial batching tests build and check, written from StoreBooks' promises only: merchant-like orders, runs of
/// the real runner against the QuickBooks emulator, and "exactly once" read back from QuickBooks itself (one document per order,
/// found by StoreBooks' marker, and no document number twice).
/// </summary>
internal static class AdversarialChecks
{
    /// <summary>The Canadian company of the other sales tests (GST; HST 15 % mapped to HST NB), per-customer sales receipts.</summary>
    public static Task<SalesScenario> StartAsync(params StoreOrder[] orders) =>
        SalesScenario.StartAsync(SalesScenario.Canada(), SalesScenario.Settings(SalesScenario.CanadianSales()), orders);

    public static StoreCustomer Buyer(string id, string? first, string? last, string? email) => new()
    {
        SourceId = id,
        FirstName = first,
        LastName = last,
        Email = email,
    };

    /// <summary>A paid order of one tee (GST), placed <paramref name="minute"/> minutes after the default time.</summary>
    public static StoreOrder Sale(int number, StoreCustomer? buyer, int minute = 0, decimal qty = 1, decimal price = 24.00m) =>
        Order(number.ToString(CultureInfo.InvariantCulture))
            .By(buyer)
            .Line("TEE-ORG-M", "Organic Cotton Tee - M", qty, price, 0, Rate.Gst)
            .At(DefaultTime.AddMinutes(minute))
            .Build();

    /// <summary><paramref name="count"/> orders from <paramref name="from"/>, over <paramref name="buyers"/> new buyers.</summary>
    public static StoreOrder[] NewSales(int count, int buyers, int from) =>
        [.. Enumerable.Range(0, count).Select(i => Sale(from + i, Buyer($"cust-{from}-{i % buyers}", "Jordan", $"Reyes {i % buyers}", $"jordan.reyes{i % buyers}@example.net"), i, 1 + (i % 3)))];

    public static Task<SyncSummary> RunAsync(SalesScenario scenario, bool retryFailed = false, CancellationToken? cancellationToken = null) =>
        RunnerAsync(scenario).ContinueWith(t => t.Result.RunAsync("test", retryFailed, cancellationToken: cancellationToken ?? SalesScenario.Token)).Unwrap();

    private static async Task<SyncRunner> RunnerAsync(SalesScenario scenario) => new(await scenario.Harness.ContextAsync(), scenario.Store) { Parallelism = 4 };

    public static OrderOutcome Outcome(SyncSummary summary, StoreOrder order) => summary.Outcomes.First(o => o.SourceId == order.SourceId);

    public static string Describe(SyncSummary summary) =>
        $"run error: {summary.Run.Error ?? "(none)"}; outcomes: " + string.Join("; ", summary.Outcomes
            .Where(o => o.Result is not (OrderResult.Posted or OrderResult.Unchanged or OrderResult.Updated))
            .Select(o => $"{o.SourceId} {o.Result} {o.Message}"));

    /// <summary>Every order posted in this run (the run's own outcome), with the others' messages shown when not.</summary>
    public static void AssertAllPosted(SyncSummary summary, IEnumerable<StoreOrder> orders)
    {
        var bad = orders.Select(o => Outcome(summary, o)).Where(o => o.Result != OrderResult.Posted).ToList();
        Assert.True(bad.Count == 0, $"{bad.Count} orders not posted: " + string.Join("; ", bad.Select(b => $"{b.SourceId} {b.Result}: {b.Message}")));
    }

    /// <summary>
    /// Each order is in QuickBooks exactly once (one sales document carrying its marker, its link done and pointing at it),
    /// and no document number is used twice.
    /// </summary>
    public static async Task AssertEachOnceAsync(SalesScenario scenario, IEnumerable<StoreOrder> orders, bool invoices = false)
    {
        var documents = new List<SalesTransaction>();
        documents.AddRange(await scenario.AllAsync(scenario.Qbo.SalesReceipts));
        documents.AddRange(await scenario.AllAsync(scenario.Qbo.Invoices));
        foreach (var order in orders)
        {
            var marker = SaleDocuments.Marker("csv order", order.SourceId);
            var mine = documents.Where(d => d.PrivateNote == marker || d.PrivateNote?.Contains(marker + " ", StringComparison.Ordinal) == true).ToList();
            Assert.True(mine.Count == 1, $"order #{order.Number}: {mine.Count} documents in QuickBooks ({string.Join(", ", mine.Select(m => m.Id))})");
            var link = await scenario.LinkAsync(LinkKind.Sale, order.SourceId);
            Assert.True(link is { State: LinkState.Done }, $"order #{order.Number}: link {link?.State} {link?.Message}");
            Assert.Equal(mine[0].Id, link!.QboId);
        }

        var twice = documents.Where(d => d.DocNumber is not null).GroupBy(d => d.DocNumber).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(twice.Count == 0, "document numbers used twice: " + string.Join(", ", twice));
        if (invoices)
        {
            var payments = await scenario.AllAsync(scenario.Qbo.Payments);
            foreach (var invoice in documents.OfType<QuickBooks.Invoices.Invoice>())
            {
                var applied = payments.SelectMany(p => p.Line ?? []).Where(l => l.LinkedTxn?.Any(t => t.TxnId == invoice.Id && t.TxnType == "Invoice") == true).ToList();
                Assert.True(applied.Count == 1, $"invoice {invoice.DocNumber}: {applied.Count} payment lines applied to it");
                Assert.Equal(0m, invoice.Balance);
            }
        }
    }

    public static async Task<IReadOnlyList<QboBatchRecord>> OpenBatchesAsync(SalesScenario scenario) =>
        await scenario.Harness.State.Batches.ListOpenAsync(scenario.Harness.Connection.Id, SalesScenario.Token);

    public static int Count(SyncSummary summary, string key) => summary.Run.Counts.GetValueOrDefault(key);
}
