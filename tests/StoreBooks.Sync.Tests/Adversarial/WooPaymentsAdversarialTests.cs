using System.Globalization;
using System.Text.Json.Nodes;
using StoreBooks.Core.Connections;
using StoreBooks.Core.State;
using StoreBooks.QuickBooks;
using StoreBooks.QuickBooks.Accounts;
using StoreBooks.Sync.Payouts;
using StoreBooks.Sync.Reconciliation;
using StoreBooks.Sync.Tests.Payouts;
using Xunit;
using static StoreBooks.Sync.Tests.Adversarial.WooPaymentsScenario;

namespace StoreBooks.Sync.Tests.Adversarial;

/// <summary>
/// Black-box attacks on WooPayments deposits and the Stripe plugin's per-order fees, written from issue 15 and the shared
/// references (payouts.md §3.1-3.2, §4; qbo-api.md §2.11), not from the implementation. Each expected outcome was written in its
/// comment before the case first ran; the figures are the site's own JSON, in cents.
/// </summary>
public sealed class WooPaymentsAdversarialTests
{
    private const string Clearing = "Stripe Clearing";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<List<SiteDepositRow>> PaidAsync(WooPaymentsRig rig) =>
        (await WooPaymentsSite.DepositsAsync(rig, Ct)).Where(d => d.Status == "paid" && d.Type == "deposit").ToList();

    /// <summary>
    /// Expected (payouts.md §3.2: each transaction is in its deposit, the deposit's amount is the net; issue 15: total = amount
    /// exactly, refunds on their own lines): an order refunded partly twice within one deposit gives that deposit two negative
    /// refund-receipt lines of exactly the two refunds, and every deposit equals the site's to the cent.
    /// </summary>
    [Fact]
    public async Task An_order_refunded_partly_twice_within_one_deposit_has_both_refunds_on_their_own_lines()
    {
        await using var rig = await WooPaymentsRig.StartAsync();
        var charge = (await CleanChargesAsync(rig, 20, Ct))[3];
        var at = charge.At.AddDays(3);
        await RefundAsync(rig, charge.OrderId!.Value, 1.00m, at, 9_000_001, Ct);
        await RefundAsync(rig, charge.OrderId!.Value, 2.37m, at.AddMinutes(30), 9_000_002, Ct);
        var paid = await PaidAsync(rig);
        var home = paid.Single(d => d.Rows.Count(r => r.Type == "refund" && r.OrderId == charge.OrderId) == 2);

        var summary = await rig.SyncAsync(cancellationToken: Ct);

        Assert.Null(summary.Run.Error);
        var deposits = await AssertDepositsEqualSiteAsync(rig, paid, Ct);
        var refunds = await rig.LinksAsync(LinkKind.Refund, Ct);
        var mine = refunds.Values.Where(l => l.SourceId.StartsWith(charge.OrderId + "/", StringComparison.Ordinal) && l.State == LinkState.Done).Select(l => l.QboId).ToHashSet();
        Assert.Equal(2, mine.Count);
        var lines = Linked(deposits[home.Id]).Where(l => l.TxnType == "RefundReceipt" && mine.Contains(l.TxnId)).Select(l => l.Amount).Order().ToList();
        Assert.Equal(new decimal?[] { -2.37m, -1.00m }, lines);
    }

    /// <summary>
    /// Expected (payouts.md §3.2; qbo-api.md §2.11: a deposit may link both sales and refund receipts): an order charged and refunded
    /// in full the same day lands in one deposit whose lines link its sales receipt (+total) and its refund receipt (−total), the
    /// fee still taken; that deposit, and all the others, equal the site's amounts.
    /// </summary>
    [Fact]
    public async Task An_order_refunded_in_full_in_the_deposit_of_its_charge_links_both_receipts_that_cancel_out()
    {
        await using var rig = await WooPaymentsRig.StartAsync();
        var charge = (await CleanChargesAsync(rig, 20, Ct)).First(c => c.At.ToOffset(TimeSpan.FromHours(-4)).Hour < 20);
        await RefundAsync(rig, charge.OrderId!.Value, charge.Amount / 100m, charge.At.AddHours(1), 9_000_011, Ct);
        var paid = await PaidAsync(rig);
        var home = paid.Single(d => d.Rows.Any(r => r.Type == "refund" && r.OrderId == charge.OrderId));
        Assert.Contains(home.Rows, r => r.Type == "charge" && r.OrderId == charge.OrderId);

        await rig.SyncAsync(cancellationToken: Ct);

        var deposits = await AssertDepositsEqualSiteAsync(rig, paid, Ct);
        var sale = (await rig.LinksAsync(LinkKind.Sale, Ct))[charge.OrderId.Value.ToString(CultureInfo.InvariantCulture)].QboId;
        var refund = (await rig.LinksAsync(LinkKind.Refund, Ct)).Values.Single(l => l.SourceId.StartsWith(charge.OrderId + "/", StringComparison.Ordinal)).QboId;
        var linked = Linked(deposits[home.Id]).ToList();
        Assert.Contains(linked, l => l.TxnType == "SalesReceipt" && l.TxnId == sale && l.Amount == charge.Amount / 100m);
        Assert.Contains(linked, l => l.TxnType == "RefundReceipt" && l.TxnId == refund && l.Amount == -charge.Amount / 100m);
    }

    /// <summary>
    /// Expected (issue 15: disputes and won disputes on their own named lines; the sale deposited once): a dispute opened AND won
    /// within one later deposit, on an order whose charge was in an earlier deposit, gives that deposit a chargeback line and a
    /// reversal line that cancel out, the dispute fee and its return cancel out, and the sale is linked only by the earlier deposit.
    /// </summary>
    [Fact]
    public async Task A_dispute_opened_and_won_in_one_later_deposit_nets_to_nothing_and_the_sale_stays_in_the_earlier_deposit()
    {
        await using var rig = await WooPaymentsRig.StartAsync();
        var charge = (await CleanChargesAsync(rig, 20, Ct))[4];
        var opened = charge.At.AddDays(6);
        await WooPaymentsSite.AdminAsync(rig, "disputes", new { order_id = charge.OrderId, opened_at = Iso(opened), won_at = Iso(opened.AddMinutes(20)), fee = 15.00m }, Ct);
        var paid = await PaidAsync(rig);
        var early = paid.Single(d => d.Rows.Any(r => r.Type == "charge" && r.OrderId == charge.OrderId));
        var late = paid.Single(d => d.Rows.Any(r => r.Type == "dispute" && r.OrderId == charge.OrderId));
        Assert.NotEqual(early.Id, late.Id);
        Assert.Contains(late.Rows, r => r.Type == "dispute_reversal" && r.OrderId == charge.OrderId);

        var summary = await rig.SyncAsync(cancellationToken: Ct);

        Assert.Equal(0, summary.Run.Counts["payouts.refused"] + summary.Run.Counts["payouts.waiting"]);
        var deposits = await AssertDepositsEqualSiteAsync(rig, paid, Ct);
        var order = $"#{charge.OrderId}";
        var direct = deposits[late.Id].Line!.Where(l => l.DepositLineDetail is not null && l.Description!.Contains(order, StringComparison.Ordinal)).ToList();
        Assert.Contains(direct, l => l.Amount == -charge.Amount / 100m && l.Description!.StartsWith("Chargeback on order", StringComparison.Ordinal));
        Assert.Contains(direct, l => l.Amount == charge.Amount / 100m && l.Description!.StartsWith("Chargeback reversed on order", StringComparison.Ordinal));
        Assert.Equal(0m, direct.Sum(l => l.Amount));
        var sale = (await rig.LinksAsync(LinkKind.Sale, Ct))[charge.OrderId!.Value.ToString(CultureInfo.InvariantCulture)].QboId;
        Assert.Contains(Linked(deposits[early.Id]), l => l.TxnType == "SalesReceipt" && l.TxnId == sale);
        Assert.DoesNotContain(Linked(deposits[late.Id]), l => l.TxnId == sale);
    }

    /// <summary>
    /// Expected (issue 15: adjustments on their own named lines; qbo-api.md §2.11: a deposit needs no linked transaction): a deposit
    /// made only of a positive adjustment, days before the site's first sale, is one QuickBooks deposit of exactly that amount with
    /// one adjustment line on the adjustments account and nothing linked.
    /// </summary>
    [Fact]
    public async Task A_deposit_made_only_of_an_adjustment_is_one_deposit_of_that_amount_with_nothing_linked()
    {
        await using var rig = await WooPaymentsRig.StartAsync();
        var first = (await CleanChargesAsync(rig, 0, Ct)).Min(c => c.At);
        await WooPaymentsSite.AdminAsync(rig, "adjustments", new { amount = 25.43m, at = Iso(first.AddDays(-10)) }, Ct);
        var paid = await PaidAsync(rig);
        var only = paid.Single(d => d.Rows.All(r => r.Type == "adjustment"));
        Assert.Equal(2543, only.Cents);

        await rig.SyncAsync(cancellationToken: Ct);

        var deposits = await AssertDepositsEqualSiteAsync(rig, paid, Ct);
        var deposit = deposits[only.Id];
        Assert.Empty(Linked(deposit));
        var line = Assert.Single(deposit.Line!);
        Assert.Equal(25.43m, line.Amount);
        Assert.Equal(await rig.AccountIdAsync("Uncategorized Expense", Ct), line.DepositLineDetail!.AccountRef!.Value);
        Assert.Contains("adjustment", line.Description, StringComparison.Ordinal);
    }

    /// <summary>
    /// Expected (payouts.md §3.2: a deposit is the net of its transactions, a negative balance is carried): a negative adjustment on a
    /// day with no sale is not a deposit of its own; it is carried into the next deposit, which shows it as a negative adjustment line
    /// and still equals the site's amount to the cent.
    /// </summary>
    [Fact]
    public async Task A_negative_adjustment_on_a_day_without_sales_is_carried_into_the_next_deposit_on_its_own_line()
    {
        await using var rig = await WooPaymentsRig.StartAsync();
        var first = (await CleanChargesAsync(rig, 0, Ct)).Min(c => c.At);
        await WooPaymentsSite.AdminAsync(rig, "adjustments", new { amount = -3.21m, at = Iso(first.AddDays(-5)) }, Ct);
        var paid = await PaidAsync(rig);
        var carried = paid.Single(d => d.Rows.Any(r => r.Type == "adjustment"));
        Assert.Contains(carried.Rows, r => r.Type == "charge");

        await rig.SyncAsync(cancellationToken: Ct);

        var deposits = await AssertDepositsEqualSiteAsync(rig, paid, Ct);
        var adjustments = await rig.AccountIdAsync("Uncategorized Expense", Ct);
        Assert.Single(deposits[carried.Id].Line!, l => l.Amount == -3.21m && l.DepositLineDetail?.AccountRef?.Value == adjustments);
    }

    /// <summary>
    /// Expected (issue 15: each paid deposit is deposited, linking the orders' sales receipts; HELPERS: messages name the order): a
    /// guest order (customer 0) whose buyer's names carry quotes, an emoji, and &amp; &lt; &gt; is posted and deposited like any
    /// other: its deposit equals the site's to the cent and links its sales receipt.
    /// </summary>
    [Fact]
    public async Task A_guest_order_with_quotes_emoji_and_markup_in_its_names_is_deposited_with_its_receipt()
    {
        await using var rig = await WooPaymentsRig.StartAsync();
        var template = (await CleanChargesAsync(rig, 20, Ct))[2];
        var odd = await CloneOrderAsync(rig, template.OrderId!.Value, template.At.AddMinutes(7), o =>
        {
            o["customer_id"] = 0;
            var billing = (JsonObject)o["billing"]!;
            billing["first_name"] = "O'Brien \"Bob\"";
            billing["last_name"] = "😀 & <Sons> Ltd.";
            billing["company"] = "A&B <script>";
            billing["email"] = "odd.guest+1@example.com";
            o["shipping"] = billing.DeepClone();
        }, Ct);
        var id = odd["id"]!.GetValue<long>();
        var paid = await PaidAsync(rig);
        var home = paid.Single(d => d.Rows.Any(r => r.Type == "charge" && r.OrderId == id));

        var summary = await rig.SyncAsync(cancellationToken: Ct);

        Assert.Equal(0, summary.Run.Counts["payouts.refused"] + summary.Run.Counts["payouts.waiting"]);
        var deposits = await AssertDepositsEqualSiteAsync(rig, paid, Ct);
        var sale = (await rig.LinksAsync(LinkKind.Sale, Ct))[id.ToString(CultureInfo.InvariantCulture)];
        Assert.Equal(LinkState.Done, sale.State);
        Assert.Contains(Linked(deposits[home.Id]), l => l.TxnType == "SalesReceipt" && l.TxnId == sale.QboId);
    }

    /// <summary>
    /// Expected (issue 15: a deposit whose order is not posted yet waits with a reason naming the order, while the rest goes on): an
    /// order in WooPayments' deposit but trashed in the site before the first sync (so the REST order list no longer shows it) leaves
    /// its deposit waiting with a message naming that order (by its id: the site no longer returns its number); every other deposit is deposited to the cent.
    /// </summary>
    [Fact]
    public async Task A_deposit_holding_an_order_trashed_in_the_site_waits_naming_the_order_and_the_rest_is_deposited()
    {
        await using var rig = await WooPaymentsRig.StartAsync();
        var charge = (await CleanChargesAsync(rig, 20, Ct))[6];
        await PutOrderAsync(rig, charge.OrderId, new JsonObject { ["status"] = "trash" }, Ct);
        var paid = await PaidAsync(rig);
        var held = paid.Single(d => d.Rows.Any(r => r.Type == "charge" && r.OrderId == charge.OrderId));

        var summary = await rig.SyncAsync(cancellationToken: Ct);

        Assert.Equal(1, summary.Run.Counts["payouts.waiting"]);
        await AssertDepositsEqualSiteAsync(rig, paid.Where(d => d.Id != held.Id), Ct);
        var issue = Assert.Single(await rig.Harness.State.Runs.ListOpenIssuesAsync(rig.Harness.Connection.Id, Ct), i => i.Kind == LinkKind.Payout);
        Assert.Equal(held.Id, issue.SourceId);
        Assert.Matches($@"waits: .*\border #?{charge.OrderId}\b.* not in QuickBooks", issue.Message);
        Assert.Equal(paid.Count - 1, (await rig.DepositsAsync(Ct)).Count);
    }

    /// <summary>
    /// Expected (issue 15: never a duplicate on rerun): after a run that deposited disputes, adjustments and refunds, two more runs
    /// post nothing: the same QuickBooks deposits, with the same totals, and 0 deposited.
    /// </summary>
    [Fact]
    public async Task Rerunning_after_disputes_adjustments_and_refunds_posts_nothing_new()
    {
        await using var rig = await WooPaymentsRig.StartAsync();
        var charges = await CleanChargesAsync(rig, 20, Ct);
        await WooPaymentsSite.AdminAsync(rig, "disputes", new { order_id = charges[1].OrderId, opened_at = Iso(charges[1].At.AddDays(2)) }, Ct);
        await WooPaymentsSite.AdminAsync(rig, "adjustments", new { amount = 4.56m, at = Iso(charges[3].At.AddHours(1)) }, Ct);
        await RefundAsync(rig, charges[5].OrderId!.Value, 1.11m, charges[5].At.AddDays(1), 9_000_021, Ct);
        var paid = await PaidAsync(rig);
        await rig.SyncAsync(cancellationToken: Ct);
        var before = (await rig.DepositsAsync(Ct)).ToDictionary(d => d.Id!, d => d.TotalAmt, StringComparer.Ordinal);

        var second = await rig.SyncAsync(cancellationToken: Ct);
        var third = await rig.SyncAsync(cancellationToken: Ct);

        Assert.Equal(0, second.Run.Counts["payouts.deposited"]);
        Assert.Equal(0, third.Run.Counts["payouts.deposited"]);
        var after = (await rig.DepositsAsync(Ct)).ToDictionary(d => d.Id!, d => d.TotalAmt, StringComparer.Ordinal);
        Assert.Equal(before, after);
        Assert.Equal(paid.Count, after.Count);
        await AssertDepositsEqualSiteAsync(rig, paid, Ct);
    }

    /// <summary>
    /// Expected (issue 15: never a duplicate; a run stopped part way goes on where it was): a run cancelled while it is depositing,
    /// then rerun, leaves exactly one QuickBooks deposit per paid deposit, each equal to the site's.
    /// </summary>
    [Fact]
    public async Task A_run_cancelled_part_way_then_rerun_leaves_exactly_one_deposit_per_payout()
    {
        await using var rig = await WooPaymentsRig.StartAsync();
        var paid = await PaidAsync(rig);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var qbo = await rig.Harness.ClientAsync();
        var watcher = Task.Run(async () =>
        {
            while (!cancel.IsCancellationRequested)
            {
                if (await qbo.Deposits.QueryAsync(qbo.Deposits.Where(), Ct).CountAsync(Ct) >= 2)
                {
                    await cancel.CancelAsync();
                    return;
                }
            }
        }, Ct);
        try
        {
            await rig.SyncAsync(cancellationToken: cancel.Token);
        }
        catch (OperationCanceledException)
        {
        }

        await cancel.CancelAsync();
        await watcher;

        await rig.SyncAsync(cancellationToken: Ct);

        Assert.Equal(paid.Count, (await rig.DepositsAsync(Ct)).Count);
        await AssertDepositsEqualSiteAsync(rig, paid, Ct);
    }

    private static ConnectionSettings StripeSettings() =>
        WooPaymentsRig.Settings(p => p with { BankAccounts = new Dictionary<string, string> { ["stripe"] = Clearing } });

    private static async Task<(WooPaymentsRig Rig, string Clearing)> StripeAsync()
    {
        var rig = await WooPaymentsRig.StartAsync(StripeSettings(), gateway: "stripe", stripeFeeMeta: true);
        var qbo = await rig.Harness.ClientAsync();
        var account = await qbo.Accounts.CreateAsync(new Account { Name = Clearing, AccountType = "Other Current Asset", AccountSubType = "OtherCurrentAssets" }, QboRequestOptions.NewRequestId(), Ct);
        return (rig, account.Id!);
    }

    /// <summary>A paid Stripe order of the site with the plugin's meta and no refund.</summary>
    private static async Task<JsonObject> StripeOrderAsync(WooPaymentsRig rig, int skip)
    {
        var list = (await rig.RawGetAsync("orders?per_page=100&status=completed", Ct)).AsArray().OfType<JsonObject>()
            .Where(o => (o["refunds"] as JsonArray ?? []).Count == 0 && (o["meta_data"] as JsonArray ?? []).OfType<JsonObject>().Any(m => (string?)m["key"] == "_stripe_fee"))
            .ToList();
        return list[skip];
    }

    private static JsonArray Meta(decimal fee, decimal net, string currency) =>
    [
        new JsonObject { ["id"] = 0, ["key"] = "_stripe_fee", ["value"] = Money(fee) },
        new JsonObject { ["id"] = 0, ["key"] = "_stripe_net", ["value"] = Money(net) },
        new JsonObject { ["id"] = 0, ["key"] = "_stripe_currency", ["value"] = currency },
    ];

    private static decimal Held(QuickBooks.Deposits.Deposit deposit, string clearing) =>
        (deposit.TotalAmt ?? 0) - deposit.Line!.Where(l => l.DepositLineDetail?.AccountRef?.Value == clearing).Sum(l => l.Amount ?? 0);

    private static async Task<decimal> HeldForOrderAsync(WooPaymentsRig rig, string orderId, string clearing)
    {
        var deposits = (await rig.DepositsAsync(Ct)).ToDictionary(d => d.Id!, StringComparer.Ordinal);
        return (await rig.LinksAsync(LinkKind.Payout, Ct)).Values
            .Where(l => l.State == LinkState.Done && l.SourceId.StartsWith(OrderFeeSync.KeyPrefix, StringComparison.Ordinal)
                && l.SourceId[OrderFeeSync.KeyPrefix.Length..].Split('/')[0] == orderId)
            .Sum(l => Held(deposits[l.QboId!], clearing));
    }

    /// <summary>
    /// Expected (payouts.md §3.1: <c>_stripe_fee</c>/<c>_stripe_net</c> are in the Stripe account's settlement currency, "not from
    /// WC", e.g. a USD order with fee 1.25 AUD): an order whose fee meta is in AUD while the order and the books are in USD is not
    /// booked as dollars: no clearing deposit for it, and an open issue naming the order and AUD; the other orders' fees are booked.
    /// </summary>
    [Fact]
    public async Task A_Stripe_fee_in_the_Stripe_accounts_other_currency_is_not_booked_as_dollars_and_the_issue_names_the_order()
    {
        var (rig, _) = await StripeAsync();
        await using var _rig = rig;
        var order = await StripeOrderAsync(rig, 3);
        var id = order["id"]!.GetValue<long>();
        await PutOrderAsync(rig, id, new JsonObject { ["meta_data"] = Meta(1.25m, 31.89m, "AUD") }, Ct);

        await rig.SyncAsync(cancellationToken: Ct);

        var links = await rig.LinksAsync(LinkKind.Payout, Ct);
        var key = OrderFeeSync.Key(id.ToString(CultureInfo.InvariantCulture));
        Assert.False(links.TryGetValue(key, out var link) && link.State == LinkState.Done, $"order {id}'s AUD fee was booked: {link?.QboId}");
        Assert.Contains(links.Values, l => l.State == LinkState.Done && l.SourceId.StartsWith(OrderFeeSync.KeyPrefix, StringComparison.Ordinal));
        var issue = Assert.Single(await rig.Harness.State.Runs.ListOpenIssuesAsync(rig.Harness.Connection.Id, Ct), i => i.Kind == LinkKind.Payout);
        Assert.Contains($"#{order["number"]!.GetValue<string>()}", issue.Message, StringComparison.Ordinal);
        Assert.Contains("AUD", issue.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Expected (payouts.md §3.1; issue 15: the clearing account holds the order's net): a Stripe order whose fee is 0.00 (net =
    /// total) leaves its whole total in the clearing account, with no fee line of a non-zero amount.
    /// </summary>
    [Fact]
    public async Task A_Stripe_fee_of_zero_leaves_the_whole_total_in_the_clearing_account()
    {
        var (rig, clearing) = await StripeAsync();
        await using var _rig = rig;
        var order = await StripeOrderAsync(rig, 5);
        var id = order["id"]!.GetValue<long>();
        var total = decimal.Parse(order["total"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        await PutOrderAsync(rig, id, new JsonObject { ["meta_data"] = Meta(0m, total, "USD") }, Ct);

        await rig.SyncAsync(cancellationToken: Ct);

        Assert.DoesNotContain(await rig.Harness.State.Runs.ListOpenIssuesAsync(rig.Harness.Connection.Id, Ct), i => i.Kind == LinkKind.Payout);
        Assert.Equal(total, await HeldForOrderAsync(rig, id.ToString(CultureInfo.InvariantCulture), clearing));
        var fees = await rig.AccountIdAsync("Bank Charges", Ct);
        var links = await rig.LinksAsync(LinkKind.Payout, Ct);
        if (links.TryGetValue(OrderFeeSync.Key(id.ToString(CultureInfo.InvariantCulture)), out var link) && link.QboId is { } qboId)
        {
            var deposit = (await rig.DepositsAsync(Ct)).Single(d => d.Id == qboId);
            Assert.DoesNotContain(deposit.Line!, l => l.DepositLineDetail?.AccountRef?.Value == fees && l.Amount != 0m);
        }
    }

    /// <summary>
    /// Expected (issue 15: "the reconcile report agrees or says why not"): a Stripe order whose <c>_stripe_net</c> disagrees with its
    /// total less its fee (net 1.00 short, no refund) cannot leave the clearing account equal to the site's nets; the report must not
    /// claim it agrees, and says why for that day.
    /// </summary>
    [Fact]
    public async Task A_Stripe_net_that_disagrees_with_total_less_fee_makes_the_report_say_the_clearing_account_does_not_agree()
    {
        var (rig, _) = await StripeAsync();
        await using var _rig = rig;
        var order = await StripeOrderAsync(rig, 7);
        var id = order["id"]!.GetValue<long>();
        var total = decimal.Parse(order["total"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        var fee = Math.Round((total * 0.029m) + 0.30m, 2, MidpointRounding.AwayFromZero);
        await PutOrderAsync(rig, id, new JsonObject { ["meta_data"] = Meta(fee, total - fee - 1.00m, "USD") }, Ct);

        await rig.SyncAsync(cancellationToken: Ct);

        var day = DateOnly.FromDateTime(DateTime.Parse(order["date_created_gmt"]!.GetValue<string>(), CultureInfo.InvariantCulture));
        var report = await ReconciliationReport.RunAsync(await rig.Harness.ContextAsync(), rig.Source, day.AddDays(-30), DateOnly.FromDateTime(DateTime.UtcNow).AddDays(1), Ct);
        Assert.False(report.ClearingAgrees);
        Assert.Contains(report.Clearing, c => !c.Agrees);
    }

    /// <summary>
    /// Expected (payouts.md §3.1: each refund's balance transaction is added to <c>_stripe_net</c>, Stripe keeps the fee; issue 15:
    /// refunds take money out of the clearing account, its balance equals the sum of <c>_stripe_net</c> after refunds): a Stripe
    /// order refunded twice (2.00 then 3.00) leaves exactly its <c>_stripe_net</c> (total − fee − 5.00) in the clearing account,
    /// and a rerun takes nothing out again.
    /// </summary>
    [Fact]
    public async Task A_Stripe_order_refunded_twice_leaves_exactly_its_net_after_both_refunds_in_the_clearing_account()
    {
        var (rig, clearing) = await StripeAsync();
        await using var _rig = rig;
        var order = await StripeOrderAsync(rig, 9);
        var id = order["id"]!.GetValue<long>();
        var total = decimal.Parse(order["total"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        var fee = Math.Round((total * 0.029m) + 0.30m, 2, MidpointRounding.AwayFromZero);
        var paidAt = DateTimeOffset.Parse(order["date_created_gmt"]!.GetValue<string>() + "Z", CultureInfo.InvariantCulture);
        await PutOrderAsync(rig, id, new JsonObject { ["meta_data"] = Meta(fee, total - fee - 5.00m, "USD") }, Ct);
        await RefundAsync(rig, id, 2.00m, paidAt.AddDays(1), 9_000_031, Ct);
        await RefundAsync(rig, id, 3.00m, paidAt.AddDays(2), 9_000_032, Ct);

        await rig.SyncAsync(cancellationToken: Ct);
        var count = (await rig.DepositsAsync(Ct)).Count;
        await rig.SyncAsync(cancellationToken: Ct);

        Assert.Equal(total - fee - 5.00m, await HeldForOrderAsync(rig, id.ToString(CultureInfo.InvariantCulture), clearing));
        Assert.Equal(count, (await rig.DepositsAsync(Ct)).Count);
    }
}
