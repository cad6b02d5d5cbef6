using StoreBooks.Core.Connections;
using StoreBooks.Core.Model;
using StoreBooks.Core.Payouts;
using StoreBooks.Core.State;
using StoreBooks.QuickBooks.Deposits;
using StoreBooks.Sync.Payouts;
using StoreBooks.Sync.Sales;
using Xunit;

namespace StoreBooks.Sync.Tests.Payouts;

/// <summary>
/// Payouts booked as QuickBooks deposits, end to end over loopback: the Shopify emulator's generated shop (its payouts computed
/// from its orders: charges with a 2.9 % + 0.30 fee, refunds, a billing adjustment, a reserve held and released, a chargeback won
/// back, a failed payout sent again) and the QuickBooks emulator. Expected (reference payouts.md §1, §4): each paid payout is one
/// deposit into the bank account whose total is the payout's amount to the cent; its lines link the documents StoreBooks posted
/// for the payout's sales and refunds (a refund receipt negative), take the fees on one negative line to the fees account, and put
/// each adjustment, reserve and chargeback on a named line of the adjustments account; a failed payout's sales are deposited with
/// the payout that sends its money again; nothing is deposited twice, whatever stops a run.
/// </summary>
public sealed class PayoutDepositTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Each_paid_payout_is_one_deposit_equal_to_it_to_the_cent_linking_its_orders_documents_with_fees_and_named_lines()
    {
        await using var rig = await ShopifyPayoutRig.StartAsync();
        var payouts = await rig.PayoutsAsync(Ct);
        var paid = payouts.Where(p => p.State == StorePayoutState.Paid).ToList();
        var failed = payouts.Single(p => p.State == StorePayoutState.Failed);
        Assert.True(paid.Count >= 5, $"{paid.Count} paid payouts");

        var summary = await rig.SyncAsync(cancellationToken: Ct);

        Assert.Null(summary.Run.Error);
        Assert.Equal(paid.Count, summary.Run.Counts["payouts.deposited"]);
        Assert.Equal(0, summary.Run.Counts["payouts.waiting"]);
        Assert.Equal(0, summary.Run.Counts["payouts.refused"]);
        var deposits = (await rig.DepositsAsync(Ct)).ToDictionary(d => d.Id!, StringComparer.Ordinal);
        Assert.Equal(paid.Count, deposits.Count);
        Assert.Equal(paid.Sum(p => p.Amount), deposits.Values.Sum(d => d.TotalAmt));

        var links = await rig.LinksAsync(LinkKind.Payout, Ct);
        var sales = await rig.LinksAsync(LinkKind.Sale, Ct);
        var payments = await rig.LinksAsync(LinkKind.Payment, Ct);
        var refunds = await rig.LinksAsync(LinkKind.Refund, Ct);
        var checking = await rig.AccountIdAsync("Checking", Ct);
        var fees = await rig.AccountIdAsync("Bank Charges", Ct);
        var adjustments = await rig.AccountIdAsync("Uncategorized Expense", Ct);
        var retry = paid.Single(p => p.Transactions.Any(t => t.Category == StorePayoutTransactionCategory.PayoutReturn));
        var named = new List<string>();
        foreach (var payout in paid)
        {
            var link = links[payout.SourceId];
            Assert.Equal(LinkState.Done, link.State);
            var deposit = deposits[link.QboId!];
            Assert.Equal(payout.Amount, deposit.TotalAmt);
            Assert.Equal(payout.Amount, deposit.Line!.Sum(l => l.Amount));
            Assert.Equal(checking, deposit.DepositToAccountRef!.Value);
            Assert.Equal(payout.IssuedOn, deposit.TxnDate);
            Assert.Contains($"[StoreBooks payout {payout.SourceId}]", deposit.PrivateNote, StringComparison.Ordinal);

            // The payout's movements; the one that sends a failed payout's money again holds that payout's movements instead of the row.
            var movements = payout.Transactions.Where(t => t.Category != StorePayoutTransactionCategory.PayoutReturn).ToList();
            if (payout == retry)
            {
                movements.AddRange(failed.Transactions);
            }

            var linked = deposit.Line!.Where(l => l.LinkedTxn is { Count: > 0 }).Select(l => (l.LinkedTxn![0].TxnType, l.LinkedTxn[0].TxnId, l.Amount)).ToList();
            var expectedSales = movements.Where(t => t.Category == StorePayoutTransactionCategory.Charge).Select(t =>
            {
                var sale = sales[t.SourceOrderId!];
                Assert.Equal(LinkState.Done, sale.State);
                return SaleDocuments.PostedAs(sale) == "Invoice"
                    ? ("Payment", payments[$"{t.SourceOrderId}/payment-{t.SourceOrderTransactionId}"].QboId)
                    : ("SalesReceipt", sale.QboId);
            }).Distinct().ToHashSet();
            Assert.Equal(expectedSales, linked.Where(l => l.TxnType != "RefundReceipt").Select(l => (l.TxnType!, l.TxnId)).ToHashSet());
            Assert.All(linked.Where(l => l.TxnType != "RefundReceipt"), l => Assert.True(l.Amount > 0));

            // Each refund is its order's refund receipt, on a negative line.
            var refunded = movements.Where(t => t.Category == StorePayoutTransactionCategory.Refund).ToList();
            var refundLines = linked.Where(l => l.TxnType == "RefundReceipt").ToList();
            Assert.Equal(refunded.Count, refundLines.Count);
            Assert.All(refundLines, l => Assert.True(l.Amount < 0));
            Assert.All(refundLines, l => Assert.Contains(refunds.Values, r => r.QboId == l.TxnId
                && refunded.Any(t => r.SourceId.StartsWith(t.SourceOrderId + "/", StringComparison.Ordinal))));

            // One fee line when the payout's movements other than disputes carry fees (a payout of a reserve's release alone carries
            // none); a dispute's fee, or its return, is a line of its own naming the order.
            var feeLines = deposit.Line!.Where(l => l.DepositLineDetail?.AccountRef?.Value == fees).ToList();
            var disputeFees = movements.Where(t => t.Category == StorePayoutTransactionCategory.Dispute && t.Fee != 0).ToList();
            var otherFees = movements.Except(disputeFees).Sum(t => t.Fee);
            Assert.Equal(disputeFees.Count + (otherFees == 0 ? 0 : 1), feeLines.Count);
            Assert.Equal(-movements.Sum(t => t.Fee), feeLines.Sum(l => l.Amount));
            if (otherFees != 0)
            {
                Assert.Equal(-otherFees, Assert.Single(feeLines, l => l.Description == $"Shopify Payments fees, payout {payout.SourceId}").Amount);
            }

            foreach (var t in disputeFees)
            {
                var name = t.Fee > 0 ? "dispute fee on" : "dispute fee returned (dispute won) on";
                Assert.Equal(-t.Fee, Assert.Single(feeLines, l => l.Description == $"Shopify Payments {name} {sales[t.SourceOrderId!].Reference}, payout {payout.SourceId}").Amount);
            }

            named.AddRange(deposit.Line!.Where(l => l.DepositLineDetail?.AccountRef?.Value == adjustments).Select(l => $"{l.Description}: {l.Amount:0.00}"));
        }

        var dispute = payouts.SelectMany(p => p.Transactions).First(t => t.Category == StorePayoutTransactionCategory.Dispute);
        var disputed = sales[dispute.SourceOrderId!].Reference!;
        Assert.Contains("Shopify Payments adjustment (billing): -4.99", named);
        Assert.Contains("Reserve held by Shopify Payments: -25.00", named);
        Assert.Contains("Reserve released by Shopify Payments: 25.00", named);
        Assert.Contains($"Chargeback on {disputed}, Shopify Payments: {-Math.Abs(dispute.Gross):0.00}", named);
        Assert.Contains($"Chargeback reversed on {disputed} (dispute won), Shopify Payments: {Math.Abs(dispute.Gross):0.00}", named);

        // The failed payout is never a deposit of its own: its money came in the later payout, whose deposit holds its sales.
        Assert.Contains($"holds the money of payout {failed.SourceId} of {failed.IssuedOn:yyyy-MM-dd}, which failed at the bank and was sent again", Assert.Single(links[retry.SourceId].Warnings), StringComparison.Ordinal);
        var failedLink = links[failed.SourceId];
        Assert.Equal(LinkState.Skipped, failedLink.State);
        Assert.Equal(links[retry.SourceId].QboId, failedLink.QboId);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{payouts.Count} payouts, {paid.Count} paid, {deposits.Count} deposits totalling {deposits.Values.Sum(d => d.TotalAmt):0.00} = payouts {paid.Sum(p => p.Amount):0.00}; named lines: {string.Join(" | ", named)}");
    }

    [Fact]
    public async Task A_rerun_deposits_nothing_twice_and_a_deposit_left_in_flight_is_replayed_not_made_again()
    {
        await using var rig = await ShopifyPayoutRig.StartAsync();
        var first = await rig.SyncAsync(cancellationToken: Ct);
        var deposited = first.Run.Counts["payouts.deposited"];
        Assert.True(deposited >= 5);
        var deposits = await rig.DepositsAsync(Ct);
        var requests = rig.Harness.Emulator.Qbo.Traffic.GetCounters(rig.Harness.RealmId).Requests;

        var second = await rig.SyncAsync(cancellationToken: Ct);
        Assert.Equal(0, second.Run.Counts["payouts.deposited"]);
        Assert.Equal(deposits.Count, (await rig.DepositsAsync(Ct)).Count);

        // A crash between QuickBooks' answer and the link's record: the link is Pending again, without the deposit's id.
        var links = await rig.LinksAsync(LinkKind.Payout, Ct);
        var victim = links.Values.First(l => l.State == LinkState.Done);
        await rig.Harness.State.Links.SaveAsync(victim with { State = LinkState.Pending, QboId = null }, Ct);

        var third = await rig.SyncAsync(cancellationToken: Ct);
        Assert.Equal(1, third.Run.Counts["payouts.deposited"]);
        var after = await rig.DepositsAsync(Ct);
        Assert.Equal(deposits.Count, after.Count);
        Assert.Equal(victim.QboId, (await rig.LinksAsync(LinkKind.Payout, Ct))[victim.SourceId].QboId);
        Assert.True(rig.Harness.Emulator.Qbo.Traffic.GetCounters(rig.Harness.RealmId).Requests > requests);
    }

    [Fact]
    public async Task A_run_cancelled_while_it_deposits_then_run_again_leaves_one_deposit_per_payout()
    {
        await using var rig = await ShopifyPayoutRig.StartAsync();
        var paid = (await rig.PayoutsAsync(Ct)).Where(p => p.State == StorePayoutState.Paid).ToList();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var made = 0;
        void Cancel(Emulators.Qbo.Api.QboEntityChange change)
        {
            if (change.EntityName == "Deposit" && change.Operation == "Create" && Interlocked.Increment(ref made) == 2)
            {
                stop.Cancel();
            }
        }

        rig.Harness.Emulator.Qbo.Companies.Changed += Cancel;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => rig.SyncAsync(cancellationToken: stop.Token));
        rig.Harness.Emulator.Qbo.Companies.Changed -= Cancel;
        Assert.InRange((await rig.DepositsAsync(Ct)).Count, 2, paid.Count - 1);

        var rerun = await rig.SyncAsync(cancellationToken: Ct);
        Assert.Null(rerun.Run.Error);
        var deposits = await rig.DepositsAsync(Ct);
        Assert.Equal(paid.Count, deposits.Count);
        Assert.Equal(paid.Select(p => p.SourceId).Order(StringComparer.Ordinal),
            deposits.Select(d => d.PrivateNote!.Split(' ')[2].TrimEnd(']')).Order(StringComparer.Ordinal));
        var links = await rig.LinksAsync(LinkKind.Payout, Ct);
        Assert.All(paid, p => Assert.Equal(p.Amount, deposits.Single(d => d.Id == links[p.SourceId].QboId).TotalAmt));
    }

    [Fact]
    public async Task A_payout_waits_in_the_merchants_words_while_its_orders_are_not_in_QuickBooks_and_is_deposited_once_they_are()
    {
        // Only refunded orders sync at first: the payouts' paid orders are not in QuickBooks.
        var settings = ShopifyPayoutRig.Settings() with { Sales = new() { Statuses = [FinancialStatus.Refunded] } };
        await using var rig = await ShopifyPayoutRig.StartAsync(settings);
        var paid = (await rig.PayoutsAsync(Ct)).Where(p => p.State == StorePayoutState.Paid).ToList();

        var first = await rig.SyncAsync(cancellationToken: Ct);
        var waiting = first.Run.Counts["payouts.waiting"];
        Assert.True(waiting > paid.Count / 2, $"{waiting} of {paid.Count} payouts wait");

        // A payout of refunded orders only has all its documents: it is deposited already.
        Assert.Equal(paid.Count - waiting, first.Run.Counts["payouts.deposited"]);
        Assert.Equal(RunOutcome.NeedsAttention, first.Run.Outcome);
        Assert.Equal(paid.Count - waiting, (await rig.DepositsAsync(Ct)).Count);
        var issues = (await rig.Harness.State.Runs.ListOpenIssuesAsync(rig.Harness.Connection.Id, Ct)).Where(i => i.Kind == LinkKind.Payout).ToList();
        Assert.Equal(waiting, issues.Count);
        var payout = paid.First(p => issues.Any(i => i.SourceId == p.SourceId));
        var issue = issues.Single(i => i.SourceId == payout.SourceId);
        Assert.Equal($"payout {payout.SourceId} of {payout.IssuedOn:yyyy-MM-dd}", issue.Reference);
        Assert.Matches(@"^payout \d+ of \d{4}-\d{2}-\d{2} waits: order #\d+ is not in QuickBooks yet", issue.Message);
        Assert.Equal(LinkState.Waiting, (await rig.LinksAsync(LinkKind.Payout, Ct))[payout.SourceId].State);

        // The merchant syncs paid orders too, and has the orders read again from the start: they post, then the payouts.
        await rig.Harness.SetSettingsAsync(ShopifyPayoutRig.Settings());
        await rig.Harness.State.Cursors.SetAsync(rig.Harness.Connection.Id, SyncRunner.OrdersStream, DateTimeOffset.UnixEpoch, Ct);
        var second = await rig.SyncAsync(cancellationToken: Ct);
        Assert.Equal(waiting, second.Run.Counts["payouts.deposited"]);
        Assert.Equal(0, second.Run.Counts["payouts.waiting"]);
        Assert.Equal(paid.Count, (await rig.DepositsAsync(Ct)).Count);
        Assert.DoesNotContain(await rig.Harness.State.Runs.ListOpenIssuesAsync(rig.Harness.Connection.Id, Ct), i => i.Kind == LinkKind.Payout);
    }

    [Fact]
    public async Task A_payout_that_does_not_add_up_is_refused_with_its_difference_and_the_others_are_deposited()
    {
        await using var rig = await ShopifyPayoutRig.StartAsync();
        var paid = (await rig.PayoutsAsync(Ct)).Where(p => p.State == StorePayoutState.Paid).ToList();
        var broken = paid[paid.Count / 2];
        var source = new TamperedPayouts(rig.Source, broken.SourceId, 1.37m);

        var summary = await rig.SyncAsync(source, Ct);

        Assert.Equal(1, summary.Run.Counts["payouts.refused"]);
        Assert.Equal(paid.Count - 1, summary.Run.Counts["payouts.deposited"]);
        var outcome = Assert.Single(summary.Payouts!.Outcomes, o => o.Result == PayoutResult.Refused);
        Assert.Equal(broken.SourceId, outcome.PayoutId);
        Assert.StartsWith($"payout {broken.SourceId} of {broken.IssuedOn:yyyy-MM-dd} does not add up: its amount is {broken.Amount + 1.37m:0.00} USD and the net of its transactions {broken.Amount:0.00}, 1.37 apart.", outcome.Message, StringComparison.Ordinal);
        var deposits = await rig.DepositsAsync(Ct);
        Assert.Equal(paid.Count - 1, deposits.Count);
        Assert.DoesNotContain(deposits, d => d.PrivateNote!.Contains(broken.SourceId, StringComparison.Ordinal));
        Assert.Equal(LinkState.Failed, (await rig.LinksAsync(LinkKind.Payout, Ct))[broken.SourceId].State);
        Assert.Contains(await rig.Harness.State.Runs.ListOpenIssuesAsync(rig.Harness.Connection.Id, Ct), i => i.Kind == LinkKind.Payout && i.SourceId == broken.SourceId);

        // Once the provider's figures agree, the next run deposits it.
        var fixedRun = await rig.SyncAsync(cancellationToken: Ct);
        Assert.Equal(1, fixedRun.Run.Counts["payouts.deposited"]);
        Assert.Equal(paid.Count, (await rig.DepositsAsync(Ct)).Count);
    }

    [Fact]
    public async Task Payouts_on_without_a_bank_account_is_a_settings_error_not_a_crash_and_the_orders_still_post()
    {
        var settings = ShopifyPayoutRig.Settings(p => p with { BankAccount = null });
        Assert.Contains(ConnectionSettingsCheck.Check(settings, TimeProvider.System), p => p.Setting == "payouts.bankAccount");
        await using var rig = await ShopifyPayoutRig.StartAsync(settings);

        var summary = await rig.SyncAsync(cancellationToken: Ct);

        Assert.Null(summary.Run.Error);
        Assert.True(summary.Count(OrderResult.Posted) > 50);
        Assert.Equal(RunOutcome.NeedsAttention, summary.Run.Outcome);
        Assert.StartsWith("payouts.bankAccount is not set", summary.Payouts!.Problem, StringComparison.Ordinal);
        Assert.Empty(await rig.DepositsAsync(Ct));
        var issue = Assert.Single(await rig.Harness.State.Runs.ListOpenIssuesAsync(rig.Harness.Connection.Id, Ct), i => i.Kind == LinkKind.Payout);
        Assert.Contains("payouts.bankAccount=", issue.Message, StringComparison.Ordinal);

        // An adjustments line with no adjustments account refuses only the payouts that have one, saying which lines.
        await rig.Harness.SetSettingsAsync(ShopifyPayoutRig.Settings(p => p with { AdjustmentsAccount = null }));
        var second = await rig.SyncAsync(cancellationToken: Ct);
        Assert.True(second.Run.Counts["payouts.deposited"] > 0);
        var refused = second.Payouts!.Outcomes.Where(o => o.Result == PayoutResult.Refused).ToList();
        Assert.NotEmpty(refused);
        Assert.Contains(refused, o => o.Message!.Contains("Reserve held by Shopify Payments (-25.00)", StringComparison.Ordinal)
            && o.Message.Contains("payouts.adjustmentsAccount is not set", StringComparison.Ordinal));
        Assert.DoesNotContain(await rig.Harness.State.Runs.ListOpenIssuesAsync(rig.Harness.Connection.Id, Ct), i => i.SourceId == PayoutSync.SettingsIssue);
    }

    [Fact]
    public async Task A_charge_that_differs_from_its_sales_receipt_gets_a_named_difference_line_and_a_warning_and_the_deposit_still_equals_the_payout()
    {
        await using var rig = await ShopifyPayoutRig.StartAsync();
        var paid = (await rig.PayoutsAsync(Ct)).Where(p => p.State == StorePayoutState.Paid).ToList();
        var payout = paid.First(p => p.Transactions.Count(t => t.Category == StorePayoutTransactionCategory.Charge) >= 2
            && p.Transactions.All(t => t.Category is StorePayoutTransactionCategory.Charge or StorePayoutTransactionCategory.Refund));

        // A currency difference: Shopify settled one charge 0.43 higher than the order's total, and paid out 0.43 more.
        var charge = payout.Transactions.First(t => t.Category == StorePayoutTransactionCategory.Charge);
        var source = new TamperedPayouts(rig.Source, payout.SourceId, p => p with
        {
            Amount = p.Amount + 0.43m,
            Transactions = p.Transactions.Select(t => t == charge ? t with { Gross = t.Gross + 0.43m, Net = t.Net + 0.43m } : t).ToList(),
        });

        var summary = await rig.SyncAsync(source, Ct);

        Assert.Equal(paid.Count, summary.Run.Counts["payouts.deposited"]);
        // Warned: this payout, and the one that holds the failed payout's money (said, not a problem).
        var retry = paid.Single(p => p.Transactions.Any(t => t.Category == StorePayoutTransactionCategory.PayoutReturn));
        Assert.Equal(2, summary.Run.Counts["payouts.warnings"]);
        Assert.Equal(new[] { payout.SourceId, retry.SourceId }.Order(StringComparer.Ordinal), summary.Payouts!.Outcomes.Where(o => o.Warnings.Count > 0).Select(o => o.PayoutId).Order(StringComparer.Ordinal));
        var outcome = summary.Payouts!.Outcomes.Single(o => o.PayoutId == payout.SourceId);
        var reference = (await rig.LinksAsync(LinkKind.Sale, Ct))[charge.SourceOrderId!].Reference;
        var warning = Assert.Single(outcome.Warnings);
        Assert.StartsWith($"payout {payout.SourceId} of {payout.IssuedOn:yyyy-MM-dd}: a difference of 0.43 went to the adjustments account, so the deposit equals the payout: {reference} (sales receipt ", warning, StringComparison.Ordinal);
        Assert.EndsWith($"{charge.Gross:0.00} in QuickBooks, {charge.Gross + 0.43m:0.00} by Shopify Payments.", warning, StringComparison.Ordinal);
        var deposit = (await rig.DepositsAsync(Ct)).Single(d => d.Id == outcome.DepositId);
        Assert.Equal(payout.Amount + 0.43m, deposit.TotalAmt);
        var difference = Assert.Single(deposit.Line!, l => l.Description?.StartsWith("Difference", StringComparison.Ordinal) == true);
        Assert.Equal(0.43m, difference.Amount);
        Assert.Equal(await rig.AccountIdAsync("Uncategorized Expense", Ct), difference.DepositLineDetail!.AccountRef!.Value);
        Assert.Equal(outcome.Warnings, (await rig.LinksAsync(LinkKind.Payout, Ct))[payout.SourceId].Warnings);
    }

    [Fact]
    public void The_payout_settings_are_keys_with_their_defaults()
    {
        var defaults = new ConnectionSettings().Payouts;
        Assert.False(defaults.Enabled);
        Assert.Null(defaults.AdjustmentsAccount);
        Assert.NotNull(SettingKeys.Find("payouts.bankAccount"));
        Assert.NotNull(SettingKeys.Find("payouts.adjustmentsAccount"));
        var edited = SettingsEdit.Apply(new ConnectionSettings(), [new("payouts.enabled", "true"), new("payouts.bankAccounts.shopify_payments", "Savings"), new("payouts.bankAccount", "Checking")], out var unread);
        Assert.Empty(unread);
        Assert.True(edited.Payouts.Enabled);
        Assert.Equal("Savings", edited.Payouts.BankAccountFor("shopify_payments"));
        Assert.Equal("Checking", edited.Payouts.BankAccountFor("paypal"));
        Assert.Empty(ConnectionSettingsCheck.Check(edited, TimeProvider.System));
    }
}
