using System.Globalization;
using System.Text.Json.Nodes;
using StoreBooks.Core.Model;
using StoreBooks.Core.Payouts;
using StoreBooks.Core.State;
using StoreBooks.Sync.Reconciliation;
using Xunit;

namespace StoreBooks.Sync.Tests.Payouts;

/// <summary>
/// WooPayments deposits booked as QuickBooks deposits, end to end over loopback: the WooCommerce emulator's generated site (its
/// orders paid through WooPayments, its deposits and transactions report computed from them: charges with a 2.9 % + 0.30 fee,
/// refunds given back through the gateway) and the QuickBooks emulator. The expected figures come from the site's own JSON
/// (integer cents), read by the test without StoreBooks' client: each paid deposit is one QuickBooks deposit into the bank account
/// whose total is the deposit's amount to the cent, linking the sales and refund receipts of its orders, its fees on one negative
/// line; a rerun deposits nothing twice; a deposit whose order is not in QuickBooks waits and says which; the reconciliation agrees.
/// </summary>
public sealed class WooPaymentsDepositTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Each_paid_WooPayments_deposit_is_one_QuickBooks_deposit_equal_to_it_to_the_cent_with_its_receipts_and_fees()
    {
        await using var rig = await WooPaymentsRig.StartAsync();
        var site = await SiteDepositsAsync(rig);
        var paid = site.Where(d => d.Status == "paid").ToList();
        Assert.True(paid.Count >= 5, $"{paid.Count} paid deposits");

        var summary = await rig.SyncAsync(cancellationToken: Ct);

        Assert.Null(summary.Run.Error);
        Assert.Equal(paid.Count, summary.Run.Counts["payouts.deposited"]);
        Assert.Equal(0, summary.Run.Counts["payouts.waiting"]);
        Assert.Equal(0, summary.Run.Counts["payouts.refused"]);
        var deposits = (await rig.DepositsAsync(Ct)).ToDictionary(d => d.Id!, StringComparer.Ordinal);
        Assert.Equal(paid.Count, deposits.Count);
        Assert.Equal(paid.Sum(d => d.Cents) / 100m, deposits.Values.Sum(d => d.TotalAmt));

        var links = await rig.LinksAsync(LinkKind.Payout, Ct);
        var sales = await rig.LinksAsync(LinkKind.Sale, Ct);
        var refunds = await rig.LinksAsync(LinkKind.Refund, Ct);
        var checking = await rig.AccountIdAsync("Checking", Ct);
        var fees = await rig.AccountIdAsync("Bank Charges", Ct);
        foreach (var expected in paid)
        {
            var link = links[expected.Id];
            Assert.Equal(LinkState.Done, link.State);
            var deposit = deposits[link.QboId!];
            Assert.Equal(expected.Cents / 100m, deposit.TotalAmt);
            Assert.Equal(expected.Cents / 100m, deposit.Line!.Sum(l => l.Amount));
            Assert.Equal(checking, deposit.DepositToAccountRef!.Value);
            Assert.Equal(expected.Day, deposit.TxnDate);
            Assert.Contains($"[StoreBooks payout {expected.Id}]", deposit.PrivateNote, StringComparison.Ordinal);

            // The site's transactions of the deposit add up to it; each charge is its order's sales receipt, each refund its refund receipt, negative.
            Assert.Equal(expected.Cents, expected.Transactions.Sum(t => t.Net));
            var linked = deposit.Line!.Where(l => l.LinkedTxn is { Count: > 0 }).Select(l => (Type: l.LinkedTxn![0].TxnType!, Id: l.LinkedTxn[0].TxnId!, l.Amount)).ToList();
            var charges = expected.Transactions.Where(t => t.Type == "charge").ToList();
            Assert.Equal(charges.Select(t => sales[t.OrderId].QboId!).ToHashSet(), linked.Where(l => l.Type == "SalesReceipt").Select(l => l.Id).ToHashSet());
            Assert.Equal(charges.Sum(t => t.Amount) / 100m, linked.Where(l => l.Type == "SalesReceipt").Sum(l => l.Amount));
            var refunded = expected.Transactions.Where(t => t.Type == "refund").ToList();
            var refundLines = linked.Where(l => l.Type == "RefundReceipt").ToList();
            Assert.Equal(refunded.Count, refundLines.Count);
            Assert.Equal(refunded.Sum(t => t.Amount) / 100m, refundLines.Sum(l => l.Amount));
            Assert.All(refundLines, l => Assert.Contains(refunds.Values, r => r.QboId == l.Id && refunded.Any(t => r.SourceId.StartsWith(t.OrderId + "/", StringComparison.Ordinal))));

            var feeLine = Assert.Single(deposit.Line!, l => l.DepositLineDetail?.AccountRef?.Value == fees);
            Assert.Equal(-expected.Transactions.Sum(t => t.Fee) / 100m, feeLine.Amount);
            Assert.Equal($"Woocommerce Payments fees, payout {expected.Id}", feeLine.Description);
            Assert.Equal(linked.Count + 1, deposit.Line!.Count);
        }

        // Deposits in transit or still pending are not deposited.
        Assert.All(site.Where(d => d.Status != "paid"), d => Assert.False(links.ContainsKey(d.Id) && links[d.Id].State == LinkState.Done));
    }

    [Fact]
    public async Task A_rerun_deposits_nothing_twice()
    {
        await using var rig = await WooPaymentsRig.StartAsync();
        var first = await rig.SyncAsync(cancellationToken: Ct);
        Assert.True(first.Run.Counts["payouts.deposited"] >= 5);
        var deposits = await rig.DepositsAsync(Ct);

        var second = await rig.SyncAsync(cancellationToken: Ct);

        Assert.Equal(0, second.Run.Counts["payouts.deposited"]);
        Assert.Equal(0, second.Run.Counts["payouts.refused"]);
        Assert.Equal(deposits.Select(d => d.Id).Order(StringComparer.Ordinal), (await rig.DepositsAsync(Ct)).Select(d => d.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_deposit_whose_orders_are_not_in_QuickBooks_waits_saying_which_then_is_deposited_once_they_are()
    {
        // Only refunded orders sync at first: the deposits' paid orders are not in QuickBooks.
        var settings = WooPaymentsRig.Settings() with { Sales = new() { Statuses = [FinancialStatus.Refunded] } };
        await using var rig = await WooPaymentsRig.StartAsync(settings);
        var paid = (await SiteDepositsAsync(rig)).Where(d => d.Status == "paid").ToList();

        var first = await rig.SyncAsync(cancellationToken: Ct);

        var waiting = first.Run.Counts["payouts.waiting"];
        Assert.True(waiting > paid.Count / 2, $"{waiting} of {paid.Count} deposits wait");
        Assert.Equal(paid.Count - waiting, first.Run.Counts["payouts.deposited"]);
        Assert.Equal(paid.Count - waiting, (await rig.DepositsAsync(Ct)).Count);
        var issues = (await rig.Harness.State.Runs.ListOpenIssuesAsync(rig.Harness.Connection.Id, Ct)).Where(i => i.Kind == LinkKind.Payout).ToList();
        Assert.Equal(waiting, issues.Count);
        var sales = await rig.LinksAsync(LinkKind.Sale, Ct);
        foreach (var issue in issues)
        {
            var deposit = paid.Single(d => d.Id == issue.SourceId);
            Assert.Equal($"payout {deposit.Id} of {deposit.Day:yyyy-MM-dd}", issue.Reference);
            // A sale, or a refund matched to its WooCommerce refund (so dated), whose order is not posted.
            Assert.Matches(@"^payout po_emu\d{8} of \d{4}-\d{2}-\d{2} waits: (the refund of )?order #\d+( of \d{4}-\d{2}-\d{2})? is not in QuickBooks yet", issue.Message);
            var named = System.Text.RegularExpressions.Regex.Match(issue.Message, @"order #(\d+)").Groups[1].Value;
            Assert.Contains(deposit.Transactions, t => t.OrderId == named && (t.Type == "charge") == !issue.Message.Contains("the refund of", StringComparison.Ordinal));
            Assert.NotEqual(LinkState.Done, sales.GetValueOrDefault(named)?.State);
            Assert.Equal(LinkState.Waiting, (await rig.LinksAsync(LinkKind.Payout, Ct))[deposit.Id].State);
        }

        // The merchant syncs paid orders too and has the orders read again from the start: they post, then the deposits.
        await rig.Harness.SetSettingsAsync(WooPaymentsRig.Settings());
        await rig.Harness.State.Cursors.SetAsync(rig.Harness.Connection.Id, SyncRunner.OrdersStream, DateTimeOffset.UnixEpoch, Ct);
        var second = await rig.SyncAsync(cancellationToken: Ct);

        Assert.Equal(waiting, second.Run.Counts["payouts.deposited"]);
        Assert.Equal(0, second.Run.Counts["payouts.waiting"]);
        var deposits = await rig.DepositsAsync(Ct);
        Assert.Equal(paid.Count, deposits.Count);
        Assert.Equal(paid.Sum(d => d.Cents) / 100m, deposits.Sum(d => d.TotalAmt));
        Assert.DoesNotContain(await rig.Harness.State.Runs.ListOpenIssuesAsync(rig.Harness.Connection.Id, Ct), i => i.Kind == LinkKind.Payout);
    }

    [Fact]
    public async Task The_reconciliation_report_agrees_deposit_by_deposit_and_fee_by_fee_with_the_sites_own_figures()
    {
        await using var rig = await WooPaymentsRig.StartAsync();
        await rig.SyncAsync(cancellationToken: Ct);
        var site = await SiteDepositsAsync(rig);
        var from = site.Min(d => d.Day).AddDays(-10);
        var to = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(3);

        var report = await ReconciliationReport.RunAsync(await rig.Harness.ContextAsync(), rig.Source, from, to, Ct);

        Assert.Null(report.PayoutsProblem);
        Assert.True(report.AllAgree, string.Join(Environment.NewLine, report.Payouts.Where(p => !p.Agrees).Select(p => p.Why)
            .Concat(report.Days.Where(d => !d.Agrees).Select(d => $"{d.Day}: {string.Join(", ", d.Lines.Where(l => !l.Agrees).Select(l => $"{l.Key} {l.Store} vs {l.QuickBooks}"))}"))
            .Concat(report.Undeposited.Where(u => !u.Explained).Select(u => u.Why))));
        Assert.Equal(site.Select(d => d.Id).Order(StringComparer.Ordinal), report.Payouts.Select(p => p.PayoutId).Order(StringComparer.Ordinal));
        foreach (var deposit in site.Where(d => d.Status == "paid"))
        {
            var check = report.Payouts.Single(p => p.PayoutId == deposit.Id);
            Assert.Equal(PayoutStanding.Agrees, check.Standing);
            Assert.Equal(deposit.Cents / 100m, check.StoreAmount);
            Assert.Equal(deposit.Cents / 100m, check.QuickBooksAmount);
        }

        // Fees by the paid deposits' days: the site's transactions' fees, and QuickBooks' fee lines, equal.
        var fees = report.Overall.Single(l => l.Key == "fees");
        var siteFees = site.Where(d => d.Status == "paid").Sum(d => d.Transactions.Sum(t => t.Fee)) / 100m;
        Assert.Equal(siteFees, fees.Store);
        Assert.Equal(siteFees, fees.QuickBooks);
    }

    [Fact]
    public async Task A_site_without_WooPayments_has_no_payouts_and_the_report_says_why()
    {
        await using var rig = await WooPaymentsRig.StartAsync(WooPaymentsRig.Settings(), gateway: "stripe");
        Assert.False(await rig.Source.DetectPayoutsAsync(Ct));
        Assert.False(rig.Source.HasPayouts);

        var summary = await rig.SyncAsync(cancellationToken: Ct);
        Assert.True(summary.Run.Counts["orders.posted"] > 0);
        Assert.Empty(await rig.DepositsAsync(Ct));

        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var report = await ReconciliationReport.RunAsync(await rig.Harness.ContextAsync(), rig.Source, today.AddDays(-30), today, Ct);
        Assert.Empty(report.Payouts);
        Assert.Contains("does not have WooPayments", report.PayoutsProblem, StringComparison.Ordinal);
    }

    private sealed record SiteTransaction(string Type, string OrderId, long Amount, long Fee, long Net);

    private sealed record SiteDeposit(string Id, string Status, DateOnly Day, long Cents, List<SiteTransaction> Transactions);

    /// <summary>The site's deposits and each one's transactions as its JSON has them, in cents.</summary>
    private static async Task<List<SiteDeposit>> SiteDepositsAsync(WooPaymentsRig rig)
    {
        var list = new List<JsonObject>();
        for (var page = 1; ; page++)
        {
            var body = await rig.RawGetAsync($"payments/deposits?sort=date&pagesize=50&page={page}", Ct);
            var data = body["data"]!.AsArray().OfType<JsonObject>().ToList();
            list.AddRange(data);
            if (data.Count == 0 || list.Count >= body["total_count"]!.GetValue<int>())
            {
                break;
            }
        }

        var deposits = new List<SiteDeposit>();
        foreach (var d in list)
        {
            var id = d["id"]!.GetValue<string>();
            var rows = (await rig.RawGetAsync($"payments/reports/transactions?deposit_id={id}&per_page=100", Ct)).AsArray().OfType<JsonObject>()
                .Select(t => new SiteTransaction(t["type"]!.GetValue<string>(), t["order_id"]!.GetValue<long>().ToString(CultureInfo.InvariantCulture),
                    t["amount"]!.GetValue<long>(), t["fees"]!.GetValue<long>(), t["net_amount"]!.GetValue<long>()))
                .ToList();
            var day = DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeMilliseconds(d["date"]!.GetValue<long>()).UtcDateTime);
            deposits.Add(new SiteDeposit(id, d["status"]!.GetValue<string>(), day, d["amount"]!.GetValue<long>(), rows));
        }

        return deposits;
    }
}
