using System.Globalization;
using System.Text.Json.Nodes;
using StoreBooks.Core.Connections;
using StoreBooks.Core.State;
using StoreBooks.QuickBooks;
using StoreBooks.QuickBooks.Accounts;
using StoreBooks.Sync.Payouts;
using StoreBooks.Sync.Reconciliation;
using Xunit;

namespace StoreBooks.Sync.Tests.Payouts;

/// <summary>
/// The WooCommerce Stripe plugin's per-order fees (<c>_stripe_fee</c>, <c>_stripe_net</c>, <c>_stripe_currency</c> order meta;
/// reference payouts.md §3.1), booked per order over loopback: the WooCommerce emulator's generated site paid through the Stripe
/// plugin and the QuickBooks emulator. Expected: each posted order that carries the fee gets one QuickBooks deposit into the Stripe
/// clearing account linking its sales receipt and taking the fee to the fees account, so the clearing account holds the order's
/// net; the sums are the test's own, from the site's JSON; a rerun books nothing twice; the reconciliation agrees day by day.
/// </summary>
public sealed class StripeOrderFeeTests
{
    private const string Clearing = "Stripe Clearing";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ConnectionSettings Settings() =>
        WooPaymentsRig.Settings(p => p with { BankAccounts = new Dictionary<string, string> { ["stripe"] = Clearing } });

    [Fact]
    public async Task Each_Stripe_order_fee_is_booked_once_so_the_clearing_account_holds_each_orders_net_and_the_report_agrees()
    {
        await using var rig = await WooPaymentsRig.StartAsync(Settings(), gateway: "stripe", stripeFeeMeta: true);
        var qbo = await rig.Harness.ClientAsync();
        var clearing = await qbo.Accounts.CreateAsync(new Account { Name = Clearing, AccountType = "Other Current Asset", AccountSubType = "OtherCurrentAssets" }, QboRequestOptions.NewRequestId(), Ct);
        var fees = await rig.AccountIdAsync("Bank Charges", Ct);

        var first = await rig.SyncAsync(cancellationToken: Ct);

        Assert.Null(first.Run.Error);
        Assert.DoesNotContain(await rig.Harness.State.Runs.ListOpenIssuesAsync(rig.Harness.Connection.Id, Ct), i => i.Kind == LinkKind.Payout);

        // The site's own figures: every order with the plugin's fee meta, its total, fee and net.
        var site = await SiteOrdersAsync(rig);
        var sales = await rig.LinksAsync(LinkKind.Sale, Ct);
        var posted = site.Where(o => o.Fee is not null && sales.GetValueOrDefault(o.Id) is { State: LinkState.Done }).ToList();
        Assert.True(posted.Count >= 20, $"{posted.Count} Stripe orders posted");
        Assert.Contains(posted, o => o.Net != o.Total - o.Fee);
        var links = await rig.LinksAsync(LinkKind.Payout, Ct);
        var all = (await rig.DepositsAsync(Ct)).ToDictionary(d => d.Id!, StringComparer.Ordinal);
        var deposits = posted.Select(o => links[OrderFeeSync.Key(o.Id)].QboId!).ToDictionary(id => id, id => all[id], StringComparer.Ordinal);
        Assert.Equal(posted.Count, deposits.Count);
        foreach (var order in posted)
        {
            var link = links[OrderFeeSync.Key(order.Id)];
            Assert.Equal(LinkState.Done, link.State);
            var deposit = deposits[link.QboId!];
            Assert.Equal(clearing.Id, deposit.DepositToAccountRef!.Value);
            Assert.Equal(order.Total - order.Fee!.Value, deposit.TotalAmt);
            var receipt = Assert.Single(deposit.Line!, l => l.LinkedTxn is { Count: > 0 });
            Assert.Equal(("SalesReceipt", sales[order.Id].QboId), (receipt.LinkedTxn![0].TxnType, receipt.LinkedTxn[0].TxnId));
            Assert.Equal(order.Total, receipt.Amount);
            var feeLine = Assert.Single(deposit.Line!, l => l.DepositLineDetail?.AccountRef?.Value == fees);
            Assert.Equal(-order.Fee, feeLine.Amount);
            Assert.Equal($"Stripe fee, order #{order.Number}", feeLine.Description);
            if (!order.Refunded)
            {
                Assert.Equal(order.Net, deposit.TotalAmt);
            }
        }

        Assert.Equal(posted.Sum(o => o.Total) - posted.Sum(o => o.Fee!.Value), deposits.Values.Sum(d => d.TotalAmt));

        // Every other deposit takes a refund of those orders out of the clearing account (see the refund test below).
        var refunds = all.Values.Where(d => !deposits.ContainsKey(d.Id!)).ToList();
        Assert.Equal(posted.Count(o => o.Refunded), refunds.Select(d => d.PrivateNote).Count());
        Assert.All(refunds, d => Assert.Equal(0m, d.TotalAmt));

        // A rerun books nothing again.
        await rig.SyncAsync(cancellationToken: Ct);
        Assert.Equal(all.Keys.Order(StringComparer.Ordinal), (await rig.DepositsAsync(Ct)).Select(d => d.Id!).Order(StringComparer.Ordinal));

        // The report: day by day, the site's fees and nets beside QuickBooks' fee lines and deposits into the clearing account.
        var from = posted.Min(o => o.Day).AddDays(-2);
        var to = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(1);
        var report = await ReconciliationReport.RunAsync(await rig.Harness.ContextAsync(), rig.Source, from, to, Ct);
        Assert.True(report.ClearingAgrees, string.Join("; ", report.Clearing.Where(c => !c.Agrees)));
        Assert.True(report.PayoutsUnavailable);
        Assert.Equal(posted.Count, report.Clearing.Sum(c => c.Orders));
        Assert.Equal(posted.Sum(o => o.Fee!.Value), report.Clearing.Sum(c => c.StoreFees));
        Assert.Equal(posted.Sum(o => o.Fee!.Value), report.Clearing.Sum(c => c.QuickBooksFees));
        Assert.Equal(posted.Sum(o => o.Net!.Value), report.Clearing.Sum(c => c.StoreNet));
        Assert.Equal(posted.Sum(o => o.Net!.Value), report.Clearing.Sum(c => c.QuickBooksNet));
        Assert.All(report.Clearing, c => Assert.Equal("stripe", c.Gateway));
    }

    /// <summary>
    /// Expected (payouts.md §3.1: the plugin adds each refund's balance transaction to <c>_stripe_net</c>; Stripe keeps the fee of a
    /// refunded charge): each refund of a Stripe order posted as a refund receipt is taken out of the clearing account by a deposit of
    /// its own, linking the refund receipt (so it leaves Undeposited Funds) against a line on the clearing account, 0 in total; the
    /// clearing account's balance then equals the sum of the orders' Stripe nets after sales and refunds, order by order.
    /// </summary>
    [Fact]
    public async Task Refunds_of_Stripe_orders_leave_the_clearing_account_so_it_holds_the_sum_of_Stripes_nets_after_refunds()
    {
        await using var rig = await WooPaymentsRig.StartAsync(Settings(), gateway: "stripe", stripeFeeMeta: true);
        var qbo = await rig.Harness.ClientAsync();
        var clearing = await qbo.Accounts.CreateAsync(new Account { Name = Clearing, AccountType = "Other Current Asset", AccountSubType = "OtherCurrentAssets" }, QboRequestOptions.NewRequestId(), Ct);

        await rig.SyncAsync(cancellationToken: Ct);

        Assert.DoesNotContain(await rig.Harness.State.Runs.ListOpenIssuesAsync(rig.Harness.Connection.Id, Ct), i => i.Kind == LinkKind.Payout);
        var site = await SiteOrdersAsync(rig);
        var sales = await rig.LinksAsync(LinkKind.Sale, Ct);
        var refundLinks = (await rig.LinksAsync(LinkKind.Refund, Ct)).Values.Where(l => l.State == LinkState.Done).ToList();
        var posted = site.Where(o => o.Fee is not null && sales.GetValueOrDefault(o.Id) is { State: LinkState.Done }).ToList();
        var refunded = posted.Where(o => o.Refunded).ToList();
        Assert.True(refunded.Count >= 3, $"{refunded.Count} refunded Stripe orders posted");
        Assert.All(refunded, o => Assert.True(o.Net < o.Total - o.Fee, $"order {o.Id}: net {o.Net}, total {o.Total}, fee {o.Fee}"));

        var links = await rig.LinksAsync(LinkKind.Payout, Ct);
        var deposits = (await rig.DepositsAsync(Ct)).ToDictionary(d => d.Id!, StringComparer.Ordinal);
        foreach (var refund in refundLinks.Where(r => refunded.Any(o => r.SourceId.StartsWith(o.Id + "/", StringComparison.Ordinal))))
        {
            var link = links[OrderFeeSync.Key(refund.SourceId)];
            Assert.Equal(LinkState.Done, link.State);
            var deposit = deposits[link.QboId!];
            Assert.Equal(clearing.Id, deposit.DepositToAccountRef!.Value);
            Assert.Equal(0m, deposit.TotalAmt);
            var receipt = await qbo.RefundReceipts.GetAsync(refund.QboId!, Ct);
            var linked = Assert.Single(deposit.Line!, l => l.LinkedTxn is { Count: > 0 });
            Assert.Equal(("RefundReceipt", refund.QboId), (linked.LinkedTxn![0].TxnType, linked.LinkedTxn[0].TxnId));
            Assert.Equal(-receipt.TotalAmt, linked.Amount);
            var out_ = Assert.Single(deposit.Line!, l => l.DepositLineDetail?.AccountRef?.Value == clearing.Id);
            Assert.Equal(receipt.TotalAmt, out_.Amount);
            Assert.StartsWith("Stripe paid the refund from its balance, ", out_.Description, StringComparison.Ordinal);
        }

        // The clearing account's balance, from every deposit StoreBooks made into it: per order and in all, the site's Stripe nets.
        var byOrder = links.Values.Where(l => l.State == LinkState.Done && l.SourceId.StartsWith(OrderFeeSync.KeyPrefix, StringComparison.Ordinal))
            .GroupBy(l => l.SourceId[OrderFeeSync.KeyPrefix.Length..].Split('/')[0])
            .ToDictionary(g => g.Key, g => g.Sum(l => Held(deposits[l.QboId!], clearing.Id!)));
        Assert.All(posted, o => Assert.Equal(o.Net, byOrder[o.Id]));
        Assert.Equal(posted.Sum(o => o.Net!.Value), deposits.Values.Where(d => d.DepositToAccountRef!.Value == clearing.Id).Sum(d => Held(d, clearing.Id!)));

        // The refund receipts left Undeposited Funds: none of them is held there any more.
        Assert.All(refundLinks.Where(r => refunded.Any(o => r.SourceId.StartsWith(o.Id + "/", StringComparison.Ordinal))), r =>
            Assert.Contains(deposits.Values, d => d.Line!.Any(l => l.LinkedTxn is { Count: > 0 } && l.LinkedTxn[0].TxnId == r.QboId && l.LinkedTxn[0].TxnType == "RefundReceipt")));

        // A rerun takes nothing out twice; the report agrees, with the site's nets after refunds.
        await rig.SyncAsync(cancellationToken: Ct);
        Assert.Equal(deposits.Count, (await rig.DepositsAsync(Ct)).Count);
        var report = await ReconciliationReport.RunAsync(await rig.Harness.ContextAsync(), rig.Source, posted.Min(o => o.Day).AddDays(-2), DateOnly.FromDateTime(DateTime.UtcNow).AddDays(1), Ct);
        Assert.True(report.ClearingAgrees, string.Join("; ", report.Clearing.Where(c => !c.Agrees)));
        Assert.Equal(posted.Sum(o => o.Net!.Value), report.Clearing.Sum(c => c.StoreNet));
        Assert.Equal(posted.Sum(o => o.Net!.Value), report.Clearing.Sum(c => c.QuickBooksNet));
        Assert.Equal(posted.Sum(o => o.Fee!.Value), report.Clearing.Sum(c => c.QuickBooksFees));
    }

    /// <summary>What a deposit leaves in the clearing account: its total, less its lines taken out of that account.</summary>
    private static decimal Held(QuickBooks.Deposits.Deposit deposit, string clearing) =>
        (deposit.TotalAmt ?? 0) - deposit.Line!.Where(l => l.DepositLineDetail?.AccountRef?.Value == clearing).Sum(l => l.Amount ?? 0);

    [Fact]
    public async Task Without_a_clearing_account_no_fee_is_booked_and_the_issue_says_which_setting_to_set()
    {
        await using var rig = await WooPaymentsRig.StartAsync(Settings(), gateway: "stripe", stripeFeeMeta: true);

        await rig.SyncAsync(cancellationToken: Ct);

        Assert.Empty(await rig.DepositsAsync(Ct));
        var issue = Assert.Single(await rig.Harness.State.Runs.ListOpenIssuesAsync(rig.Harness.Connection.Id, Ct), i => i.Kind == LinkKind.Payout);
        Assert.Matches(@"^\d+ orders paid through stripe carry its fee, but payouts\.bankAccounts\.stripe names no Bank or Other Current Asset account", issue.Message);
    }

    private sealed record SiteOrder(string Id, string Number, DateOnly Day, decimal Total, decimal? Fee, decimal? Net, bool Refunded);

    private static async Task<List<SiteOrder>> SiteOrdersAsync(WooPaymentsRig rig)
    {
        var orders = new List<SiteOrder>();
        for (var page = 1; ; page++)
        {
            var list = (await rig.RawGetAsync($"orders?per_page=100&page={page}", Ct)).AsArray().OfType<JsonObject>().ToList();
            foreach (var o in list)
            {
                decimal? Meta(string key) => (o["meta_data"] as JsonArray ?? []).OfType<JsonObject>().FirstOrDefault(m => (string?)m["key"] == key)?["value"] is { } v
                    ? decimal.Parse(v.GetValue<string>(), CultureInfo.InvariantCulture)
                    : null;
                orders.Add(new SiteOrder(
                    o["id"]!.GetValue<long>().ToString(CultureInfo.InvariantCulture),
                    o["number"]!.GetValue<string>(),
                    DateOnly.FromDateTime(DateTime.Parse(o["date_created_gmt"]!.GetValue<string>(), CultureInfo.InvariantCulture)),
                    decimal.Parse(o["total"]!.GetValue<string>(), CultureInfo.InvariantCulture),
                    Meta("_stripe_fee"),
                    Meta("_stripe_net"),
                    (o["refunds"] as JsonArray ?? []).Count > 0));
            }

            if (list.Count < 100)
            {
                return orders;
            }
        }
    }
}
