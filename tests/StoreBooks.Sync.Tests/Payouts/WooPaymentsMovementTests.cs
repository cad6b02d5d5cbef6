using System.Globalization;
using StoreBooks.Core.State;
using StoreBooks.Sync.Payouts;
using StoreBooks.Sync.Reconciliation;
using Xunit;

namespace StoreBooks.Sync.Tests.Payouts;

/// <summary>
/// WooPayments deposits beyond sales and refunds, end to end over loopback (WooCommerce emulator's generated site paying through
/// WooPayments, the QuickBooks emulator): disputes lost and won with their fee, adjustments, a withdrawal of a negative balance,
/// deposits paid out in another currency, and deposits not paid yet. The expected figures are the site's own JSON, in cents.
/// </summary>
public sealed class WooPaymentsMovementTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Iso(DateTimeOffset at) => at.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    /// <summary>Charges paid at least <paramref name="daysAgo"/> days ago, oldest first.</summary>
    private static async Task<List<SiteRow>> OldChargesAsync(WooPaymentsRig rig, int daysAgo) =>
        (await WooPaymentsSite.RowsAsync(rig, "type=charge", Ct)).Where(r => r.At < DateTimeOffset.UtcNow.AddDays(-daysAgo)).OrderBy(r => r.At).ToList();

    [Fact]
    public async Task Disputes_lost_and_won_and_adjustments_are_named_lines_with_their_fees_and_every_deposit_equals_the_sites_to_the_cent()
    {
        await using var rig = await WooPaymentsRig.StartAsync();
        var charges = await OldChargesAsync(rig, 20);
        Assert.True(charges.Count >= 10, $"{charges.Count} old charges");
        var (lost, won) = (charges[2], charges[5]);
        await WooPaymentsSite.AdminAsync(rig, "disputes", new { order_id = lost.OrderId, opened_at = Iso(lost.At.AddDays(2)) }, Ct);
        await WooPaymentsSite.AdminAsync(rig, "disputes", new { order_id = won.OrderId, opened_at = Iso(won.At.AddDays(1)), won_at = Iso(won.At.AddDays(9)), fee = 20.00m }, Ct);
        await WooPaymentsSite.AdminAsync(rig, "adjustments", new { amount = 12.34m, at = Iso(charges[7].At.AddHours(1)) }, Ct);
        await WooPaymentsSite.AdminAsync(rig, "adjustments", new { amount = -7.50m, at = Iso(charges[8].At.AddHours(1)), type = "card_reader_fee" }, Ct);

        var site = await WooPaymentsSite.DepositsAsync(rig, Ct);
        var paid = site.Where(d => d.Status == "paid").ToList();
        var rows = paid.SelectMany(d => d.Rows).ToList();
        Assert.Equal(3, rows.Count(r => r.Type is "dispute" or "dispute_reversal"));
        Assert.Equal(2, rows.Count(r => r.Type is "adjustment" or "card_reader_fee"));
        Assert.All(paid, d => Assert.Equal(d.Signed, d.Rows.Sum(r => r.Net)));

        var summary = await rig.SyncAsync(cancellationToken: Ct);

        Assert.Null(summary.Run.Error);
        Assert.Equal(paid.Count, summary.Run.Counts["payouts.deposited"]);
        Assert.Equal(0, summary.Run.Counts["payouts.refused"] + summary.Run.Counts["payouts.waiting"]);
        var links = await rig.LinksAsync(LinkKind.Payout, Ct);
        var deposits = (await rig.DepositsAsync(Ct)).ToDictionary(d => d.Id!, StringComparer.Ordinal);
        var fees = await rig.AccountIdAsync("Bank Charges", Ct);
        var adjustments = await rig.AccountIdAsync("Uncategorized Expense", Ct);
        foreach (var expected in paid)
        {
            var deposit = deposits[links[expected.Id].QboId!];
            Assert.Equal(expected.Cents / 100m, deposit.TotalAmt);
            Assert.Equal(expected.Cents / 100m, deposit.Line!.Sum(l => l.Amount));
            var direct = deposit.Line!.Where(l => l.DepositLineDetail is not null).Select(l => (l.Amount, Account: l.DepositLineDetail!.AccountRef!.Value, l.Description)).ToList();
            foreach (var row in expected.Rows.Where(r => r.Type is "dispute" or "dispute_reversal"))
            {
                var order = $"#{row.OrderId}";
                var name = row.Type == "dispute" ? "Chargeback on order" : "Chargeback reversed on order";
                var line = Assert.Single(direct, l => l.Description!.StartsWith(name, StringComparison.Ordinal) && l.Description.Contains(order, StringComparison.Ordinal));
                Assert.Equal(row.Amount / 100m, line.Amount);
                Assert.Equal(adjustments, line.Account);
                var feeName = row.Type == "dispute" ? " dispute fee on order" : " dispute fee returned (dispute won) on order";
                var fee = Assert.Single(direct, l => l.Description!.Contains(feeName, StringComparison.Ordinal) && l.Description.Contains(order, StringComparison.Ordinal));
                Assert.Equal(-row.Fee / 100m, fee.Amount);
                Assert.Equal(fees, fee.Account);
            }

            foreach (var row in expected.Rows.Where(r => r.Type is "adjustment" or "card_reader_fee"))
            {
                Assert.Single(direct, l => l.Amount == row.Amount / 100m && l.Account == adjustments && l.Description!.Contains("adjustment", StringComparison.Ordinal));
            }

            // The fees of sales and refunds stay one line; the refunds are their refund receipts, negative.
            var salesFees = expected.Rows.Where(r => r.Type is not ("dispute" or "dispute_reversal")).Sum(r => r.Fee);
            Assert.Equal(salesFees == 0 ? 0 : 1, direct.Count(l => l.Description == $"Woocommerce Payments fees, payout {expected.Id}"));
            Assert.Equal(-salesFees / 100m, direct.Where(l => l.Description == $"Woocommerce Payments fees, payout {expected.Id}").Sum(l => l.Amount));
            var refundLines = deposit.Line!.Where(l => l.LinkedTxn is { Count: > 0 } && l.LinkedTxn[0].TxnType == "RefundReceipt").ToList();
            Assert.Equal(expected.Rows.Where(r => r.Type == "refund").Sum(r => r.Amount) / 100m, refundLines.Sum(l => l.Amount));
        }

        // The disputed sales are deposited once, with their charges, not again with the chargeback.
        var sales = await rig.LinksAsync(LinkKind.Sale, Ct);
        foreach (var order in new[] { lost.OrderId, won.OrderId })
        {
            var receipt = sales[order!.Value.ToString(CultureInfo.InvariantCulture)].QboId;
            Assert.Single(deposits.Values.SelectMany(d => d.Line!), l => l.LinkedTxn is { Count: > 0 } && l.LinkedTxn[0].TxnId == receipt && l.LinkedTxn[0].TxnType == "SalesReceipt");
        }

        // The report agrees payout by payout, and its fees (dispute fees included) are the site's.
        var report = await ReconciliationReport.RunAsync(await rig.Harness.ContextAsync(), rig.Source, site.Min(d => d.Day).AddDays(-10), DateOnly.FromDateTime(DateTime.UtcNow).AddDays(3), Ct);
        Assert.True(report.Payouts.Where(p => paid.Any(d => d.Id == p.PayoutId)).All(p => p.Standing == PayoutStanding.Agrees), string.Join("; ", report.Payouts.Where(p => !p.Agrees).Select(p => p.Why)));
        var siteFees = rows.Sum(r => r.Fee) / 100m;
        var reportFees = report.Overall.Single(l => l.Key == "fees");
        Assert.Equal(siteFees, reportFees.Store);
        Assert.Equal(siteFees, reportFees.QuickBooks);
    }

    [Fact]
    public async Task A_withdrawal_of_a_negative_balance_is_no_deposit_says_how_much_was_taken_and_the_rest_is_deposited()
    {
        await using var rig = await WooPaymentsRig.StartAsync();
        var charges = await OldChargesAsync(rig, 15);
        await WooPaymentsSite.AdminAsync(rig, "settings", new { withdraw_beyond = 1000.00m }, Ct);
        await WooPaymentsSite.AdminAsync(rig, "adjustments", new { amount = -5000.00m, at = Iso(charges[^1].At.AddMinutes(1)), type = "financing_paydown" }, Ct);
        var site = await WooPaymentsSite.DepositsAsync(rig, Ct);
        var withdrawal = Assert.Single(site, d => d.Type == "withdrawal");
        Assert.Equal("paid", withdrawal.Status);
        Assert.Equal(withdrawal.Signed, withdrawal.Rows.Sum(r => r.Net));
        Assert.True(withdrawal.Cents > 0);
        var paid = site.Where(d => d.Status == "paid" && d.Type == "deposit").ToList();

        var summary = await rig.SyncAsync(cancellationToken: Ct);

        Assert.True(summary.Run.Counts["orders.posted"] >= WooPaymentsRig.Orders / 2);
        Assert.Equal(paid.Count, summary.Run.Counts["payouts.deposited"]);
        Assert.Equal(1, summary.Run.Counts["payouts.refused"]);
        var deposits = await rig.DepositsAsync(Ct);
        Assert.Equal(paid.Count, deposits.Count);
        Assert.Equal(paid.Sum(d => d.Cents) / 100m, deposits.Sum(d => d.TotalAmt));
        Assert.All(deposits, d => Assert.True(d.TotalAmt >= 0));
        var issue = Assert.Single(await rig.Harness.State.Runs.ListOpenIssuesAsync(rig.Harness.Connection.Id, Ct), i => i.Kind == LinkKind.Payout);
        Assert.Equal(withdrawal.Id, issue.SourceId);
        var amount = (withdrawal.Cents / 100m).ToString("0.00", CultureInfo.InvariantCulture);
        Assert.Equal($"payout {withdrawal.Id} of {withdrawal.Day:yyyy-MM-dd} took {amount} USD from the bank instead of paying in, and QuickBooks cannot record a negative deposit. " +
            "Nothing was posted: record it in QuickBooks by hand (a transfer or journal entry from the bank account).", issue.Message);
        Assert.Equal("payout.negative", issue.Detail?.Code);

        // The report shows it not agreeing, for that reason, with the site's amount; the others agree.
        var report = await ReconciliationReport.RunAsync(await rig.Harness.ContextAsync(), rig.Source, site.Min(d => d.Day).AddDays(-10), DateOnly.FromDateTime(DateTime.UtcNow).AddDays(3), Ct);
        var check = report.Payouts.Single(p => p.PayoutId == withdrawal.Id);
        Assert.False(check.Agrees);
        Assert.Equal(-withdrawal.Cents / 100m, check.StoreAmount);
        Assert.Contains("negative deposit", check.Why, StringComparison.Ordinal);
        Assert.All(report.Payouts.Where(p => paid.Any(d => d.Id == p.PayoutId)), p => Assert.Equal(PayoutStanding.Agrees, p.Standing));
    }

    [Fact]
    public async Task Deposits_paid_out_in_another_currency_are_not_deposited_as_dollars_the_message_names_it_and_the_rest_goes_on()
    {
        await using var rig = await WooPaymentsRig.StartAsync();
        var from = (await WooPaymentsSite.DepositsAsync(rig, Ct)).Where(d => d.Status == "paid").Select(d => d.Day).OrderDescending().ElementAt(5);
        await WooPaymentsSite.AdminAsync(rig, "settings", new { deposit_currency = "eur", exchange_rate = 0.92m, foreign_from = from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) }, Ct);
        var site = await WooPaymentsSite.DepositsAsync(rig, Ct);
        var euros = site.Where(d => d.Status == "paid" && d.Currency == "EUR").ToList();
        var dollars = site.Where(d => d.Status == "paid" && d.Currency == "USD").ToList();
        Assert.True(euros.Count >= 3 && dollars.Count >= 3, $"{euros.Count} EUR, {dollars.Count} USD paid deposits");
        Assert.All(euros, d => Assert.All(d.Rows, r => Assert.Equal("EUR", r.DepositCurrency)));

        var summary = await rig.SyncAsync(cancellationToken: Ct);

        Assert.True(summary.Run.Counts["orders.posted"] >= WooPaymentsRig.Orders / 2);
        Assert.Equal(dollars.Count, summary.Run.Counts["payouts.deposited"]);
        Assert.Equal(euros.Count, summary.Run.Counts["payouts.refused"]);
        var deposits = await rig.DepositsAsync(Ct);
        Assert.Equal(dollars.Sum(d => d.Cents) / 100m, deposits.Sum(d => d.TotalAmt));
        var issues = (await rig.Harness.State.Runs.ListOpenIssuesAsync(rig.Harness.Connection.Id, Ct)).Where(i => i.Kind == LinkKind.Payout).ToList();
        Assert.Equal(euros.Select(d => d.Id).Order(StringComparer.Ordinal), issues.Select(i => i.SourceId).Order(StringComparer.Ordinal));
        Assert.All(issues, i =>
        {
            Assert.Equal("payout.currency.not-home", i.Detail?.Code);
            Assert.Contains(" is in EUR, but this QuickBooks company keeps its books in USD", i.Message, StringComparison.Ordinal);
            Assert.Contains("turn on multicurrency", i.Message, StringComparison.Ordinal);
        });

        var report = await ReconciliationReport.RunAsync(await rig.Harness.ContextAsync(), rig.Source, site.Min(d => d.Day).AddDays(-10), DateOnly.FromDateTime(DateTime.UtcNow).AddDays(3), Ct);
        Assert.All(report.Payouts.Where(p => euros.Any(d => d.Id == p.PayoutId)), p => Assert.False(p.Agrees));
        Assert.All(report.Payouts.Where(p => dollars.Any(d => d.Id == p.PayoutId)), p => Assert.Equal(PayoutStanding.Agrees, p.Standing));
    }

    [Fact]
    public async Task Deposits_in_transit_or_pending_are_not_deposited_raise_no_issue_and_are_deposited_once_paid()
    {
        await using var rig = await WooPaymentsRig.StartAsync();

        // The account's clock set back to the last deposit's day: that one is in transit, the ones after it pending.
        var last = (await WooPaymentsSite.DepositsAsync(rig, Ct)).Max(d => d.Day);
        await WooPaymentsSite.AdminAsync(rig, "settings", new { clock_days = last.DayNumber - DateOnly.FromDateTime(DateTime.UtcNow).DayNumber }, Ct);
        var before = await WooPaymentsSite.DepositsAsync(rig, Ct);
        var open = before.Where(d => d.Status is "in_transit" or "pending").ToList();
        Assert.NotEmpty(open);

        var first = await rig.SyncAsync(cancellationToken: Ct);

        Assert.Equal(before.Count(d => d.Status == "paid"), first.Run.Counts["payouts.deposited"]);
        Assert.Equal(0, first.Run.Counts["payouts.refused"] + first.Run.Counts["payouts.waiting"] + first.Run.Counts["payouts.deferred"]);
        Assert.DoesNotContain(await rig.Harness.State.Runs.ListOpenIssuesAsync(rig.Harness.Connection.Id, Ct), i => i.Kind == LinkKind.Payout);
        var links = await rig.LinksAsync(LinkKind.Payout, Ct);
        Assert.All(open, d => Assert.False(links.ContainsKey(d.Id)));

        // The account's clock back to today: what was in transit or pending is paid.
        await WooPaymentsSite.AdminAsync(rig, "settings", new { clock_days = 0 }, Ct);
        var after = await WooPaymentsSite.DepositsAsync(rig, Ct);
        Assert.All(open, d => Assert.Equal("paid", after.Single(a => a.Id == d.Id).Status));
        var second = await rig.SyncAsync(cancellationToken: Ct);
        var third = await rig.SyncAsync(cancellationToken: Ct);

        var paid = after.Where(d => d.Status == "paid").ToList();
        Assert.Equal(paid.Count - first.Run.Counts["payouts.deposited"], second.Run.Counts["payouts.deposited"]);
        Assert.Equal(0, third.Run.Counts["payouts.deposited"]);
        var deposits = await rig.DepositsAsync(Ct);
        Assert.Equal(paid.Count, deposits.Count);
        links = await rig.LinksAsync(LinkKind.Payout, Ct);
        var byId = deposits.ToDictionary(d => d.Id!, StringComparer.Ordinal);
        Assert.All(paid, d => Assert.Equal(d.Cents / 100m, byId[links[d.Id].QboId!].TotalAmt));
    }
}
