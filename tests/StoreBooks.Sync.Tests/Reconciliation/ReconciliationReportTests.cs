using System.Net.Http.Json;
using System.Text.Json.Nodes;
using StoreBooks.Core.Model;
using StoreBooks.Core.Payouts;
using StoreBooks.Core.State;
using StoreBooks.QuickBooks;
using StoreBooks.Sync.Reconciliation;
using StoreBooks.Sync.Sales;
using StoreBooks.Sync.Tests.Payouts;
using Xunit;

namespace StoreBooks.Sync.Tests.Reconciliation;

/// <summary>
/// The reconciliation report against the emulators (the Shopify emulator's shop with its Shopify Payments payouts, and
/// QuickBooks), each figure checked against sums the test makes itself from the store's own data: the payouts' amounts and their
/// balance transactions' fees, the orders' totals and refunds, the charges of the payouts not paid yet.
/// </summary>
public sealed class ReconciliationReportTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task After_a_sync_every_payout_agrees_with_its_deposit_and_every_day_with_the_stores_own_sums()
    {
        await using var rig = await ShopifyPayoutRig.StartAsync();
        await PutInTransitAsync(rig);
        await rig.SyncAsync(cancellationToken: Ct);
        var payouts = await rig.PayoutsAsync(Ct);
        var (from, to) = await PeriodAsync(rig);

        var report = await RunAsync(rig, from, to);

        Assert.True(report.AllAgree, Describe(report));
        Assert.Null(report.PayoutsProblem);
        Assert.Equal(payouts.Select(p => p.SourceId).Order(StringComparer.Ordinal), report.Payouts.Select(p => p.PayoutId).Order(StringComparer.Ordinal));
        foreach (var payout in payouts)
        {
            var check = report.Payouts.Single(c => c.PayoutId == payout.SourceId);
            Assert.Equal(payout.Amount, check.StoreAmount);
            Assert.Equal(0, check.Difference);
            if (payout.State == StorePayoutState.Paid)
            {
                Assert.Equal(PayoutStanding.Agrees, check.Standing);
                Assert.Equal(payout.Amount, check.QuickBooksAmount);
            }
        }

        Assert.Contains(report.Payouts, c => c.Standing == PayoutStanding.Failed);
        Assert.Contains(report.Payouts, c => c.Standing == PayoutStanding.NotPaidYet);

        // Fees, day by day (a paid payout's issue day): its balance transactions' fees, with the failed payout's it sends again.
        var failed = payouts.Single(p => p.State == StorePayoutState.Failed);
        var fees = payouts.Where(p => p.State == StorePayoutState.Paid)
            .GroupBy(p => p.IssuedOn)
            .ToDictionary(g => g.Key, g => g.Sum(p => p.Transactions.Sum(t => t.Fee)
                + (p.Transactions.Any(t => t.Category == StorePayoutTransactionCategory.PayoutReturn) ? failed.Transactions.Sum(t => t.Fee) : 0)));
        Assert.Equal(fees.Where(f => f.Value != 0).OrderBy(f => f.Key), report.Days.Where(d => d.Line("fees").Store != 0).Select(d => KeyValuePair.Create(d.Day, d.Line("fees").Store)));
        Assert.All(report.Days, d => Assert.Equal(d.Line("fees").Store, d.Line("fees").QuickBooks));
        Assert.True(fees.Values.Sum() > 10, $"fees {fees.Values.Sum()}");
        Assert.Equal(fees.Values.Sum(), report.Overall.Single(l => l.Key == "fees").QuickBooks);

        // Sales and refunds, day by day, from the orders StoreBooks posted.
        var (sales, refunds) = await StoreSumsAsync(rig, from, to);
        Assert.Equal(sales.OrderBy(s => s.Key), report.Days.Where(d => d.Line("sales").Store != 0).Select(d => KeyValuePair.Create(d.Day, d.Line("sales").Store)));
        Assert.Equal(sales.Values.Sum(), report.Overall.Single(l => l.Key == "sales").QuickBooks);
        Assert.Equal(refunds.OrderBy(s => s.Key), report.Days.Where(d => d.Line("refunds").Store != 0).Select(d => KeyValuePair.Create(d.Day, d.Line("refunds").Store)));
        Assert.Equal(refunds.Values.Sum(), report.Overall.Single(l => l.Key == "refunds").QuickBooks);
        Assert.True(sales.Count >= 5);
    }

    [Fact]
    public async Task The_sales_of_a_payout_in_transit_are_in_Undeposited_Funds_for_that_reason_and_agree()
    {
        await using var rig = await ShopifyPayoutRig.StartAsync();
        var inTransit = await PutInTransitAsync(rig);
        await rig.SyncAsync(cancellationToken: Ct);
        var payouts = await rig.PayoutsAsync(Ct);
        var (from, to) = await PeriodAsync(rig);
        var notPaid = payouts.Where(p => p.State is StorePayoutState.InTransit or StorePayoutState.Scheduled).ToList();
        Assert.Contains(notPaid, p => p.SourceId == inTransit.SourceId);
        Assert.DoesNotContain(await rig.DepositsAsync(Ct), d => d.PrivateNote!.Contains(inTransit.SourceId, StringComparison.Ordinal));

        var report = await RunAsync(rig, from, to);

        // Expected: the sales receipts of every charge of a payout not paid yet, found from the payouts and the orders' links.
        var sales = await rig.LinksAsync(LinkKind.Sale, Ct);
        var expected = notPaid.SelectMany(p => p.Transactions.Where(t => t.Category == StorePayoutTransactionCategory.Charge && !t.Test)
                .Select(t => (Payout: p, Sale: sales.GetValueOrDefault(t.SourceOrderId!))))
            .Where(x => x.Sale is { State: LinkState.Done } && SaleDocuments.PostedAs(x.Sale) == "SalesReceipt")
            .ToDictionary(x => x.Sale!.QboId!, x => x.Payout, StringComparer.Ordinal);
        Assert.NotEmpty(expected);
        var waiting = report.Undeposited.Where(u => u.Reason is UndepositedReason.PayoutInTransit or UndepositedReason.PayoutScheduled).ToList();
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), waiting.Select(u => u.DocumentId).Order(StringComparer.Ordinal));
        foreach (var document in waiting)
        {
            var payout = expected[document.DocumentId];
            Assert.Equal(payout.SourceId, document.PayoutId);
            Assert.Equal(payout.State == StorePayoutState.InTransit ? UndepositedReason.PayoutInTransit : UndepositedReason.PayoutScheduled, document.Reason);
            Assert.Equal("Undeposited Funds", document.Account);
            Assert.Contains($"payout {payout.SourceId} of {payout.IssuedOn:yyyy-MM-dd}", document.Why, StringComparison.Ordinal);
        }

        var qbo = await rig.Harness.ClientAsync();
        foreach (var document in waiting)
        {
            var receipt = await qbo.SalesReceipts.GetAsync(document.DocumentId, Ct);
            Assert.Equal(receipt.TotalAmt, document.Amount);
            Assert.DoesNotContain(receipt.LinkedTxn ?? [], l => l.TxnType == "Deposit");
        }

        Assert.Contains(report.Undeposited, u => u.Reason == UndepositedReason.PayoutInTransit);
        Assert.All(report.Undeposited, u => Assert.True(u.Explained, u.Why));
        Assert.DoesNotContain(report.Undeposited, u => u.Reason == UndepositedReason.MissingFromDeposit);
        Assert.True(report.AllAgree, Describe(report));
    }

    [Fact]
    public async Task A_payout_waiting_for_an_order_has_no_deposit_and_says_which_order()
    {
        var settings = ShopifyPayoutRig.Settings() with { Sales = new() { Statuses = [FinancialStatus.Refunded] } };
        await using var rig = await ShopifyPayoutRig.StartAsync(settings);
        await rig.SyncAsync(cancellationToken: Ct);
        var paid = (await rig.PayoutsAsync(Ct)).Where(p => p.State == StorePayoutState.Paid).ToList();
        var (from, to) = await PeriodAsync(rig);

        var report = await RunAsync(rig, from, to);

        Assert.False(report.AllAgree);
        Assert.False(report.PayoutsAgree);
        var waiting = report.Payouts.Where(p => p.Standing == PayoutStanding.WaitingForOrder).ToList();
        Assert.True(waiting.Count > paid.Count / 2, $"{waiting.Count} of {paid.Count}");
        var links = await rig.LinksAsync(LinkKind.Payout, Ct);
        foreach (var check in waiting)
        {
            var payout = paid.Single(p => p.SourceId == check.PayoutId);
            Assert.Null(check.DepositId);
            Assert.Null(check.QuickBooksAmount);
            Assert.Equal(payout.Amount, check.Difference);
            Assert.Equal(LinkState.Waiting, links[payout.SourceId].State);
            Assert.Matches(@"waits: order #\d+ is not in QuickBooks yet", check.Why);
        }

        // The payouts of refunded orders only are deposited and agree.
        Assert.Equal(paid.Count - waiting.Count, report.Payouts.Count(p => p.Standing == PayoutStanding.Agrees));
    }

    [Fact]
    public async Task A_deposit_changed_in_QuickBooks_differs_by_the_change_and_a_deleted_one_is_named()
    {
        await using var rig = await ShopifyPayoutRig.StartAsync();
        await rig.SyncAsync(cancellationToken: Ct);
        var paid = (await rig.PayoutsAsync(Ct)).Where(p => p.State == StorePayoutState.Paid).ToList();
        var links = await rig.LinksAsync(LinkKind.Payout, Ct);
        var qbo = await rig.Harness.ClientAsync();
        var (from, to) = await PeriodAsync(rig);

        // The merchant adds 1.50 of fees to one deposit in QuickBooks.
        var changed = paid.First(p => p.Transactions.Sum(t => t.Fee) > 0);
        var deposit = await qbo.Deposits.GetAsync(links[changed.SourceId].QboId!, Ct);
        var feeLine = deposit.Line!.Single(l => l.Description?.EndsWith($"fees, payout {changed.SourceId}", StringComparison.Ordinal) == true);
        var updated = await qbo.Deposits.UpdateAsync(deposit with { Line = deposit.Line!.Select(l => l == feeLine ? l with { Amount = l.Amount - 1.50m } : l).ToList() }, QboRequestOptions.NewRequestId(), Ct);
        Assert.Equal(changed.Amount - 1.50m, updated.TotalAmt);

        // And deletes another.
        var deleted = paid.Last(p => p != changed && !p.Transactions.Any(t => t.Category == StorePayoutTransactionCategory.PayoutReturn));
        var gone = await qbo.Deposits.GetAsync(links[deleted.SourceId].QboId!, Ct);
        await qbo.Deposits.DeleteAsync(gone.Id!, gone.SyncToken!, QboRequestOptions.NewRequestId(), Ct);

        var report = await RunAsync(rig, from, to);

        Assert.False(report.AllAgree);
        var differs = report.Payouts.Single(p => p.PayoutId == changed.SourceId);
        Assert.Equal(PayoutStanding.AmountDiffers, differs.Standing);
        Assert.Equal(changed.Amount, differs.StoreAmount);
        Assert.Equal(changed.Amount - 1.50m, differs.QuickBooksAmount);
        Assert.Equal(1.50m, differs.Difference);
        Assert.Contains("1.50 apart", differs.Why, StringComparison.Ordinal);
        // Each reason carries its catalogue code, for the dashboard to say it in the reader's language.
        Assert.Equal("reconcile.payout.amount-differs", differs.Detail?.Code);
        Assert.Equal(differs.Why, differs.Detail?.Text);
        var fees = report.Days.Single(d => d.Day == changed.IssuedOn).Line("fees");
        Assert.Equal(1.50m, fees.QuickBooks - fees.Store);

        var missing = report.Payouts.Single(p => p.PayoutId == deleted.SourceId);
        Assert.Equal(PayoutStanding.DepositDeleted, missing.Standing);
        Assert.Equal(deleted.Amount, missing.Difference);
        Assert.Contains("deleted in QuickBooks", missing.Why, StringComparison.Ordinal);
        Assert.Equal("reconcile.payout.deposit-deleted", missing.Detail?.Code);
        Assert.All(report.Payouts, p => Assert.Equal(p.Why, p.Detail?.Text));

        // The others still agree; the deleted deposit's sales receipts are back in Undeposited Funds, said so.
        Assert.Equal(paid.Count - 2, report.Payouts.Count(p => p.Standing == PayoutStanding.Agrees));
        Assert.Contains(report.Undeposited, u => u.PayoutId == deleted.SourceId && u.Reason == UndepositedReason.PayoutNotDeposited && u.Why.Contains("was deleted in QuickBooks", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_period_that_ends_before_it_starts_is_refused()
    {
        await using var rig = await ShopifyPayoutRig.StartAsync();
        var context = await rig.Harness.ContextAsync();
        var error = await Assert.ThrowsAsync<ArgumentException>(() => ReconciliationReport.RunAsync(context, rig.Source, new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 1), Ct));
        Assert.StartsWith("The period ends (2026-03-01) before it starts (2026-03-02).", error.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// The latest paid payout with charges (not the one that sends the failed payout again) as Shopify shows it while it is on its
    /// way to the bank: status in_transit (the generated shop's last orders are a few days old, so its payouts are all paid).
    /// </summary>
    private static async Task<StorePayout> PutInTransitAsync(ShopifyPayoutRig rig)
    {
        var last = (await rig.PayoutsAsync(Ct))
            .Where(p => p.State == StorePayoutState.Paid && p.Transactions.Any(t => t.Category == StorePayoutTransactionCategory.Charge)
                && !p.Transactions.Any(t => t.Category == StorePayoutTransactionCategory.PayoutReturn))
            .MaxBy(p => p.IssuedOn)!;
        using var http = new HttpClient { BaseAddress = rig.Harness.Emulator.BaseUrl };
        http.DefaultRequestHeaders.Add("X-Shopify-Access-Token", "demo-token");
        var payout = JsonNode.Parse(await http.GetStringAsync($"admin/api/2025-07/shopify_payments/payouts/{last.SourceId}.json", Ct))!["payout"]!.AsObject();
        payout["status"] = "in_transit";
        using var response = await http.PostAsJsonAsync("emulator/shopify/seed", new JsonObject { ["payouts"] = new JsonArray(payout.DeepClone()) }, Ct);
        response.EnsureSuccessStatusCode();
        Assert.Equal(StorePayoutState.InTransit, (await rig.PayoutsAsync(Ct)).Single(p => p.SourceId == last.SourceId).State);
        return last;
    }

    private static async Task<PeriodReconciliation> RunAsync(ShopifyPayoutRig rig, DateOnly from, DateOnly to) =>
        await ReconciliationReport.RunAsync(await rig.Harness.ContextAsync(), rig.Source, from, to, Ct);

    /// <summary>From the first order's day to two days ahead (so the payouts in transit and scheduled are in it).</summary>
    private static async Task<(DateOnly From, DateOnly To)> PeriodAsync(ShopifyPayoutRig rig)
    {
        var first = DateOnly.MaxValue;
        await foreach (var page in rig.Source.ReadOrdersAsync(null, Ct))
        {
            foreach (var order in page.Records)
            {
                var day = DateOnly.FromDateTime(order.CreatedAt.DateTime);
                first = day < first ? day : first;
            }
        }

        return (first.AddDays(-1), DateOnly.FromDateTime(DateTime.UtcNow).AddDays(3));
    }

    /// <summary>The sales (charged, less gift cards) of the orders StoreBooks posted and the refunds it posted, by their documents' days.</summary>
    private static async Task<(Dictionary<DateOnly, decimal> Sales, Dictionary<DateOnly, decimal> Refunds)> StoreSumsAsync(ShopifyPayoutRig rig, DateOnly from, DateOnly to)
    {
        var posted = await rig.LinksAsync(LinkKind.Sale, Ct);
        var refunded = await rig.LinksAsync(LinkKind.Refund, Ct);
        var sales = new Dictionary<DateOnly, decimal>();
        var refunds = new Dictionary<DateOnly, decimal>();
        await foreach (var page in rig.Source.ReadOrdersAsync(null, Ct))
        {
            foreach (var order in page.Records)
            {
                var day = DateOnly.FromDateTime(order.CreatedAt.DateTime);
                if (posted.GetValueOrDefault(order.SourceId) is { State: LinkState.Done } && day >= from && day <= to)
                {
                    sales[day] = sales.GetValueOrDefault(day) + order.Totals.Total - order.Payments.Where(p => p.IsGiftCard && p.Kind == StorePaymentKind.Received).Sum(p => p.Amount);
                }

                foreach (var refund in order.Refunds)
                {
                    var refundDay = DateOnly.FromDateTime(refund.CreatedAt.DateTime);
                    if (refunded.GetValueOrDefault(OrderSync.RefundKey(order, refund)) is { State: LinkState.Done } && refundDay >= from && refundDay <= to)
                    {
                        refunds[refundDay] = refunds.GetValueOrDefault(refundDay) + refund.Total;
                    }
                }
            }
        }

        return (sales.Where(s => s.Value != 0).ToDictionary(), refunds.Where(r => r.Value != 0).ToDictionary());
    }

    private static string Describe(PeriodReconciliation report) =>
        string.Join(Environment.NewLine, report.Payouts.Where(p => !p.Agrees).Select(p => p.Why)
            .Concat(report.Days.Where(d => !d.Agrees).Select(d => $"{d.Day}: {string.Join(", ", d.Lines.Where(l => !l.Agrees).Select(l => $"{l.Key} {l.Store} vs {l.QuickBooks}"))}"))
            .Concat(report.Undeposited.Where(u => !u.Explained).Select(u => u.Why)));
}
