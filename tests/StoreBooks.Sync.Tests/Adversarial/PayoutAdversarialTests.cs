using StoreBooks.Core.Model;
using StoreBooks.Core.Payouts;
using StoreBooks.Core.State;
using StoreBooks.QuickBooks;
using StoreBooks.QuickBooks.Common;
using StoreBooks.Sync.Payouts;
using StoreBooks.Sync.Reconciliation;
using StoreBooks.Sync.Sales;
using StoreBooks.Sync.Tests.Payouts;
using Xunit;
using static StoreBooks.Sync.Tests.Adversarial.PayoutScenario;

namespace StoreBooks.Sync.Tests.Adversarial;

/// <summary>
/// Black-box attacks on payouts → QuickBooks deposits, written from the documentation alone (issue 15, shared/reference
/// payouts.md and qbo-api.md §2.11), never from the implementation. Each case is a payout merchants really get; its expected
/// outcome, decided from the documents before the test was first run, is in its comment. Every deposit is read back from
/// QuickBooks and compared with the payout to the cent.
/// </summary>
public sealed class PayoutAdversarialTests
{
    /// <summary>Shopify's card fee on a charge: 2.9 % + 0.30, to the cent (banker's rounding, so many half-cents fall both ways).</summary>
    private static decimal Fee(decimal gross) => Math.Round((gross * 0.029m) + 0.30m, 2, MidpointRounding.ToEven);

    private static DateOnly After(params StoreOrder[] orders) => orders.Max(Day).AddDays(2);

    /// <summary>
    /// Expected (docs §4.3: a $0 deposit is what QuickBooks' own workaround uses; the issue: total = amount exactly): a payout of
    /// exactly 0.00 — one sale whose net was eaten by the fee and a billing debit — is still ONE deposit, of 0.00, that links the
    /// sale's receipt (so it leaves Undeposited Funds) with the fee on a negative line to the fees account and the debit on the
    /// adjustments account.
    /// </summary>
    [Fact]
    public async Task A_payout_of_exactly_zero_is_a_zero_deposit_that_still_takes_its_sale_out_of_undeposited_funds()
    {
        await using var s = await StartAsync();
        var sale = s.PlainSales[0];
        var charge = s.Charge(sale, Fee(Paid(sale)));
        var payout = s.Payout(After(sale), charge, s.Movement("adjustment", -charge.Net, reason: "billing"));
        Assert.Equal(0.00m, payout.Amount);
        s.Store.Payouts.Add(payout);

        var run = await s.RunAsync();

        Assert.True(Outcome(run, payout).Result == PayoutResult.Deposited, Describe(run));
        var deposit = await s.DepositOfAsync(payout);
        Assert.True(deposit.TotalAmt == 0.00m, Show(deposit));
        Assert.Contains((await s.ReceiptOfAsync(sale)), Linked(deposit).Select(l => l.Id));
        var fees = await s.AccountIdAsync("Bank Charges");
        Assert.True(Direct(deposit).Where(d => d.Account == fees).Sum(d => d.Amount) == -charge.Fee, Show(deposit));
        Assert.Single(await s.DepositsAsync());
    }

    /// <summary>
    /// Expected (docs §4.3: "QBO cannot save a negative deposit"; the issue: never a deposit that does not add up): a payout whose
    /// refund and chargeback exceed its sales (the bank is debited) gets NO deposit (and no deposit of another total); its outcome
    /// is not Deposited and its message names the amount taken; the other payout of the run is deposited; reconcile does not
    /// call that payout agreeing, so `reconcile` cannot exit 0 while the debit is missing from QuickBooks.
    /// </summary>
    [Fact]
    public async Task A_negative_payout_is_never_a_deposit_says_how_much_was_taken_and_reconcile_does_not_agree()
    {
        await using var s = await StartAsync();
        var plain = s.PlainSales.OrderBy(o => Paid(o)).ToList();
        var small = plain[0];
        var disputed = plain[^1];
        var refunded = s.RefundedSales(full: true)[0];
        var earlier = s.Payout(After(disputed, refunded), s.Charge(disputed, Fee(Paid(disputed))), s.Charge(refunded, Fee(Paid(refunded))));
        var negative = s.Payout(After(disputed, refunded, small).AddDays(5),
            s.Charge(small, Fee(Paid(small))),
            s.Refund(refunded),
            s.Movement("dispute", -Paid(disputed), 15.00m, disputed));
        Assert.True(negative.Amount < 0);
        s.Store.Payouts.AddRange([earlier, negative]);

        var run = await s.RunAsync();

        Assert.True(Outcome(run, earlier).Result == PayoutResult.Deposited, Describe(run));
        var outcome = Outcome(run, negative);
        Assert.NotEqual(PayoutResult.Deposited, outcome.Result);
        Assert.Contains(Money(Math.Abs(negative.Amount)), outcome.Message ?? "", StringComparison.Ordinal);
        var deposits = await s.DepositsAsync();
        Assert.True(deposits.Count == 1, string.Join(" / ", deposits.Select(Show)));
        Assert.Equal(earlier.Amount, deposits[0].TotalAmt);

        var report = await s.ReconcileAsync(earlier.IssuedOn.AddDays(-1), negative.IssuedOn.AddDays(1));
        var check = report.Payouts.Single(p => p.PayoutId == negative.SourceId);
        Assert.False(check.Agrees, $"negative payout reported as {check.Standing}: {check.Why}");
        Assert.False(report.AllAgree);
    }

    /// <summary>
    /// Expected (issue: adjustments on their own named line; settings: adjustments account): a payout whose only movement is a
    /// 12.34 adjustment credit is a deposit of 12.34 with one direct line of 12.34 on the adjustments account and nothing linked.
    /// </summary>
    [Fact]
    public async Task A_payout_whose_only_movement_is_an_adjustment_is_one_line_on_the_adjustments_account()
    {
        await using var s = await StartAsync();
        var payout = s.Payout(After(s.PlainSales[0]), s.Movement("adjustment", 12.34m, reason: "tax_adjustment"));
        s.Store.Payouts.Add(payout);

        var run = await s.RunAsync();

        Assert.True(Outcome(run, payout).Result == PayoutResult.Deposited, Describe(run));
        var deposit = await s.DepositOfAsync(payout);
        Assert.True(deposit.TotalAmt == 12.34m, Show(deposit));
        Assert.Empty(Linked(deposit));
        var adjustments = await s.AccountIdAsync("Uncategorized Expense");
        var line = Assert.Single(Direct(deposit));
        Assert.Equal((12.34m, adjustments), (line.Amount, line.Account));
    }

    /// <summary>
    /// Expected (issue: link the receipts of its charges, subtract its refunds; total exact): a payout with a sale charged and
    /// refunded in full in the same payout, beside another sale, is one deposit equal to the payout to the cent; both sales
    /// receipts are linked, and the refund is subtracted (its refund receipt linked, or a line of −refund).
    /// </summary>
    [Fact]
    public async Task A_sale_refunded_in_full_within_the_same_payout_is_linked_and_subtracted_and_the_total_is_exact()
    {
        await using var s = await StartAsync();
        var refunded = s.RefundedSales(full: true)[0];
        var other = s.PlainSales[3];
        var payout = s.Payout(After(refunded, other), s.Charge(refunded, Fee(Paid(refunded))), s.Refund(refunded), s.Charge(other, Fee(Paid(other))));
        s.Store.Payouts.Add(payout);

        var run = await s.RunAsync();

        Assert.True(Outcome(run, payout).Result == PayoutResult.Deposited, Describe(run));
        var deposit = await s.DepositOfAsync(payout);
        Assert.True(deposit.TotalAmt == payout.Amount, $"payout {payout.Amount}; " + Show(deposit));
        var linked = Linked(deposit);
        Assert.Contains(await s.ReceiptOfAsync(refunded), linked.Where(l => l.Type == "SalesReceipt").Select(l => l.Id));
        Assert.Contains(await s.ReceiptOfAsync(other), linked.Where(l => l.Type == "SalesReceipt").Select(l => l.Id));
        var refundLinked = linked.Where(l => l.Type == "RefundReceipt").Sum(l => l.Amount);
        var refundLines = Direct(deposit).Where(d => d.Amount == -RefundedAmount(refunded)).Sum(d => d.Amount);
        Assert.True(refundLinked == -RefundedAmount(refunded) || refundLines == -RefundedAmount(refunded), "refund not subtracted: " + Show(deposit));
    }

    /// <summary>
    /// Expected: a sale charged in one payout and partly refunded (66.87-like, with the fee's part given back as a negative fee, as
    /// in Shopify's own example) in a LATER payout: two deposits, each equal to its payout to the cent; the first links the sales
    /// receipt at its full amount; the second does not link that sales receipt again and subtracts the refund; the second's fee
    /// line is the net of its fees (the fee given back reduces it).
    /// </summary>
    [Fact]
    public async Task A_partial_refund_paid_out_later_than_its_sale_is_subtracted_on_the_later_deposit_only()
    {
        await using var s = await StartAsync();
        var refunded = s.RefundedSales(full: false)[0];
        var first = s.PlainSales[4];
        var second = s.PlainSales[5];
        var saleFee = Fee(Paid(refunded));
        var p1 = s.Payout(After(refunded, first), s.Charge(refunded, saleFee), s.Charge(first, Fee(Paid(first))));
        var p2 = s.Payout(After(refunded, first, second).AddDays(9), s.Refund(refunded, feeBack: 0.23m), s.Charge(second, Fee(Paid(second))));
        s.Store.Payouts.AddRange([p1, p2]);

        var run = await s.RunAsync();

        Assert.True(Outcome(run, p1).Result == PayoutResult.Deposited && Outcome(run, p2).Result == PayoutResult.Deposited, Describe(run));
        var d1 = await s.DepositOfAsync(p1);
        var d2 = await s.DepositOfAsync(p2);
        Assert.True(d1.TotalAmt == p1.Amount, $"payout {p1.Amount}; " + Show(d1));
        Assert.True(d2.TotalAmt == p2.Amount, $"payout {p2.Amount}; " + Show(d2));
        var receipt = await s.ReceiptOfAsync(refunded);
        Assert.Contains(Linked(d1), l => l.Type == "SalesReceipt" && l.Id == receipt && l.Amount == Paid(refunded));
        Assert.DoesNotContain(Linked(d2), l => l.Type == "SalesReceipt" && l.Id == receipt);
        var fees = await s.AccountIdAsync("Bank Charges");
        Assert.True(Direct(d2).Where(d => d.Account == fees).Sum(d => d.Amount) == -(Fee(Paid(second)) - 0.23m), Show(d2));
        Assert.Equal(2, (await s.DepositsAsync()).Count);
    }

    /// <summary>
    /// Expected (docs §1.3 signs: lost dispute −amount / fee 15.00, reversal +amount / fee −15.00; issue: chargebacks and their
    /// reversals on their own named lines): the sale's payout, then the chargeback's, then the reversal's — three deposits each
    /// equal to its payout to the cent; the chargeback and reversal deposits each have a line naming the dispute (its text says
    /// "chargeback" or "dispute"), of −amount and +amount (fee included or on the fee line); the disputed sale's receipt is
    /// linked once, by the first deposit only.
    /// </summary>
    [Fact]
    public async Task A_dispute_lost_then_won_in_later_payouts_is_a_named_line_on_each_and_the_sale_is_deposited_once()
    {
        await using var s = await StartAsync();
        var plain = s.PlainSales.OrderBy(o => Paid(o)).ToList();
        var disputed = plain[2];
        var (x, y) = (plain[^1], plain[^2]);
        var p0 = s.Payout(After(disputed), s.Charge(disputed, Fee(Paid(disputed))));
        var p1 = s.Payout(After(disputed, x).AddDays(3), s.Movement("dispute", -Paid(disputed), 15.00m, disputed), s.Charge(x, Fee(Paid(x))));
        var p2 = s.Payout(After(disputed, x, y).AddDays(13), s.Movement("dispute", Paid(disputed), -15.00m, disputed), s.Charge(y, Fee(Paid(y))));
        s.Store.Payouts.AddRange([p0, p1, p2]);

        var run = await s.RunAsync();

        foreach (var p in new[] { p0, p1, p2 })
        {
            Assert.True(Outcome(run, p).Result == PayoutResult.Deposited, Describe(run));
        }

        var (d0, d1, d2) = (await s.DepositOfAsync(p0), await s.DepositOfAsync(p1), await s.DepositOfAsync(p2));
        Assert.True(d0.TotalAmt == p0.Amount && d1.TotalAmt == p1.Amount && d2.TotalAmt == p2.Amount, $"{p0.Amount}/{p1.Amount}/{p2.Amount}; {Show(d0)} / {Show(d1)} / {Show(d2)}");
        var receipt = await s.ReceiptOfAsync(disputed);
        Assert.Equal(1, new[] { d0, d1, d2 }.Sum(d => Linked(d).Count(l => l.Id == receipt && l.Type == "SalesReceipt")));
        Assert.Contains(Linked(d0), l => l.Id == receipt);
        static bool Named((decimal Amount, string? Account, string? Description) line) =>
            line.Description is { } text && (text.Contains("chargeback", StringComparison.OrdinalIgnoreCase) || text.Contains("dispute", StringComparison.OrdinalIgnoreCase));
        var lost = Direct(d1).Where(Named).Sum(l => l.Amount);
        var won = Direct(d2).Where(Named).Sum(l => l.Amount);
        Assert.True(lost == -Paid(disputed) || lost == -Paid(disputed) - 15.00m, $"chargeback line(s) {lost}: " + Show(d1));
        Assert.True(won == Paid(disputed) || won == Paid(disputed) + 15.00m, $"reversal line(s) {won}: " + Show(d2));
    }

    /// <summary>
    /// Expected (issue: reserves on their own named lines): a 25.00 reserve held in one payout and released in a later one: each
    /// deposit equals its payout to the cent and has a line whose text names the reserve, −25.00 then +25.00.
    /// </summary>
    [Fact]
    public async Task A_reserve_held_then_released_is_a_named_line_minus_then_plus_and_both_deposits_are_exact()
    {
        await using var s = await StartAsync();
        var (a, b) = (s.PlainSales[6], s.PlainSales[7]);
        var hold = s.Payout(After(a), s.Charge(a, Fee(Paid(a))), s.Movement("reserve", -25.00m));
        var release = s.Payout(After(a, b).AddDays(7), s.Charge(b, Fee(Paid(b))), s.Movement("reserve", 25.00m));
        s.Store.Payouts.AddRange([hold, release]);

        var run = await s.RunAsync();

        Assert.True(Outcome(run, hold).Result == PayoutResult.Deposited && Outcome(run, release).Result == PayoutResult.Deposited, Describe(run));
        var (dh, dr) = (await s.DepositOfAsync(hold), await s.DepositOfAsync(release));
        Assert.True(dh.TotalAmt == hold.Amount && dr.TotalAmt == release.Amount, $"{hold.Amount}/{release.Amount}; {Show(dh)} / {Show(dr)}");
        Assert.Contains(Direct(dh), l => l.Amount == -25.00m && l.Description?.Contains("reserve", StringComparison.OrdinalIgnoreCase) == true);
        Assert.Contains(Direct(dr), l => l.Amount == 25.00m && l.Description?.Contains("reserve", StringComparison.OrdinalIgnoreCase) == true);
    }

    /// <summary>
    /// Expected: 200 charges, each fee rounded to the cent on its own (2.9 % + 0.30, half-cents both ways): one deposit, total
    /// exactly the payout (Σ net), all 200 sales receipts linked at their amounts, the fee line(s) exactly −Σ fee (not a fee
    /// recomputed on the total), and reconcile says that payout agrees with a difference of 0.
    /// </summary>
    [Fact]
    public async Task Two_hundred_charges_with_per_charge_fee_rounding_make_a_deposit_exact_to_the_cent()
    {
        await using var s = await StartAsync(orders: 280);
        var sales = s.PlainSales.Take(200).ToList();
        Assert.True(sales.Count == 200, $"only {sales.Count} plain sales in the generated shop");
        var charges = sales.Select(o => s.Charge(o, Fee(Paid(o)))).ToArray();
        var payout = s.Payout(After([.. sales]), charges);
        Assert.NotEqual(Math.Round(sales.Sum(Paid) * 0.029m + (0.30m * 200), 2), charges.Sum(c => c.Fee));
        s.Store.Payouts.Add(payout);

        var run = await s.RunAsync();

        Assert.True(Outcome(run, payout).Result == PayoutResult.Deposited, Describe(run));
        var deposit = await s.DepositOfAsync(payout);
        Assert.True(deposit.TotalAmt == payout.Amount, $"payout {payout.Amount}, deposit {deposit.TotalAmt}");
        var linked = Linked(deposit).Where(l => l.Type == "SalesReceipt").ToList();
        Assert.Equal(200, linked.Select(l => l.Id).Distinct().Count());
        Assert.Equal(sales.Sum(Paid), linked.Sum(l => l.Amount));
        var fees = await s.AccountIdAsync("Bank Charges");
        Assert.Equal(-charges.Sum(c => c.Fee), Direct(deposit).Where(d => d.Account == fees).Sum(d => d.Amount));
        var report = await s.ReconcileAsync(payout.IssuedOn.AddDays(-1), payout.IssuedOn);
        var check = report.Payouts.Single(p => p.PayoutId == payout.SourceId);
        Assert.True(check.Standing == PayoutStanding.Agrees && check.Difference == 0 && check.QuickBooksAmount == payout.Amount, $"{check.Standing} {check.QuickBooksAmount}: {check.Why}");
    }

    /// <summary>
    /// Expected (docs §1.6: payout currency may differ from the shop's; qbo §2.15: a USD company without multicurrency): a payout
    /// in CAD is not deposited as if its CAD amount were dollars — no deposit for it, its message names CAD; the USD payout of the
    /// same run is deposited; reconcile does not call the CAD payout agreeing.
    /// </summary>
    [Fact]
    public async Task A_payout_in_another_currency_than_the_books_is_not_deposited_as_dollars_and_the_rest_goes_on()
    {
        await using var s = await StartAsync();
        var (a, b) = (s.PlainSales[8], s.PlainSales[9]);
        var cad = s.Charge(a, 0) with { Currency = "CAD" };
        cad = cad with { Gross = Math.Round(cad.Gross * 1.37m, 2), Fee = Fee(Math.Round(cad.Gross * 1.37m, 2)) };
        cad = cad with { Net = cad.Gross - cad.Fee };
        var foreign = s.Payout(After(a), cad);
        Assert.Equal("CAD", foreign.Currency);
        var home = s.Payout(After(b), s.Charge(b, Fee(Paid(b))));
        s.Store.Payouts.AddRange([foreign, home]);

        var run = await s.RunAsync();

        Assert.True(Outcome(run, home).Result == PayoutResult.Deposited, Describe(run));
        var outcome = Outcome(run, foreign);
        Assert.NotEqual(PayoutResult.Deposited, outcome.Result);
        Assert.Contains("CAD", outcome.Message ?? "", StringComparison.Ordinal);
        var deposits = await s.DepositsAsync();
        Assert.True(deposits.Count == 1 && deposits[0].TotalAmt == home.Amount, string.Join(" / ", deposits.Select(Show)));
        var report = await s.ReconcileAsync(After(a).AddDays(-1), After(a, b));
        Assert.False(report.Payouts.Single(p => p.PayoutId == foreign.SourceId).Agrees);
    }

    /// <summary>
    /// Expected (issue: a charge whose order is not posted yet makes the payout WAIT with a specific reason): the payout is seen
    /// while its order is still unpaid in the store (so StoreBooks has not posted it): it waits, no deposit, and the reason names
    /// the order's number. When the order is paid (and so changed in the store) the next run posts the order and deposits the
    /// payout, once; a third run adds nothing.
    /// </summary>
    [Fact]
    public async Task A_payout_seen_before_its_order_is_posted_waits_naming_the_order_then_deposits_once_on_the_next_run()
    {
        await using var s = await StartAsync();
        var late = s.PlainSales[10];
        var other = s.PlainSales[11];
        s.Store.Changed[late.SourceId] = o => o with { FinancialStatus = FinancialStatus.Pending, Payments = [] };
        var payout = s.Payout(After(late, other), s.Charge(late, Fee(Paid(late))), s.Charge(other, Fee(Paid(other))));
        s.Store.Payouts.Add(payout);

        var first = await s.RunAsync();

        var waiting = Outcome(first, payout);
        Assert.Equal(PayoutResult.Waiting, waiting.Result);
        Assert.Contains(late.Number.TrimStart('#'), waiting.Message ?? "", StringComparison.Ordinal);
        Assert.Empty(await s.DepositsAsync());

        // The order is paid: Shopify changes its updated_at, so an incremental read returns it again.
        s.Store.Changed[late.SourceId] = o => o with { UpdatedAt = DateTimeOffset.UtcNow };
        s.Store.Touched.Add(late.SourceId);
        var second = await s.RunAsync();

        Assert.True(Outcome(second, payout).Result == PayoutResult.Deposited, Describe(second));
        var deposit = await s.DepositOfAsync(payout);
        Assert.True(deposit.TotalAmt == payout.Amount, Show(deposit));
        Assert.Contains(await s.ReceiptOfAsync(late), Linked(deposit).Select(l => l.Id));

        var third = await s.RunAsync();
        Assert.DoesNotContain(third.Payouts?.Outcomes ?? [], o => o.Result == PayoutResult.Deposited);
        Assert.Single(await s.DepositsAsync());
    }

    /// <summary>
    /// Expected: an order StoreBooks posted and the merchant then deleted in the store: its sales receipt is still in QuickBooks,
    /// so the payout of its charge links that receipt and is deposited, exact to the cent — it does not wait for an order the
    /// store will never return.
    /// </summary>
    [Fact]
    public async Task A_payout_of_an_order_deleted_in_the_store_after_posting_links_the_receipt_already_in_QuickBooks()
    {
        await using var s = await StartAsync();
        var gone = s.PlainSales[12];
        var other = s.PlainSales[13];
        var posted = await s.RunAsync();
        Assert.Null(posted.Run.Error);
        var receipt = await s.ReceiptOfAsync(gone);

        s.Store.Deleted.Add(gone.SourceId);
        var payout = s.Payout(After(gone, other), s.Charge(gone, Fee(Paid(gone))), s.Charge(other, Fee(Paid(other))));
        s.Store.Payouts.Add(payout);
        var run = await s.RunAsync();

        Assert.True(Outcome(run, payout).Result == PayoutResult.Deposited, Describe(run));
        var deposit = await s.DepositOfAsync(payout);
        Assert.True(deposit.TotalAmt == payout.Amount, Show(deposit));
        Assert.Contains(receipt, Linked(deposit).Select(l => l.Id));
    }

    /// <summary>
    /// Expected: an order paid and then cancelled and refunded in the store before StoreBooks ever posted it; its charge and its
    /// refund are in the same payout as another sale. The payout must not wait for ever for an order that will not be posted as a
    /// sale: by the second run it is deposited, exact to the cent (the cancelled order's money on its own line or its documents
    /// linked), and if anything is said about it, it names the order's number.
    /// </summary>
    [Fact]
    public async Task A_payout_of_an_order_cancelled_and_refunded_before_posting_is_still_deposited_exactly()
    {
        await using var s = await StartAsync();
        var cancelled = s.PlainSales[14];
        var other = s.PlainSales[15];
        var paid = Paid(cancelled);
        var refundPayment = new StorePayment { SourceId = "7399999999990001", Gateway = "shopify_payments", Kind = StorePaymentKind.Refunded, Amount = paid, ProcessedAt = cancelled.CreatedAt.AddHours(3) };
        s.Store.Changed[cancelled.SourceId] = o => o with
        {
            CancelledAt = o.CreatedAt.AddHours(3),
            FinancialStatus = FinancialStatus.Refunded,
            Payments = [.. o.Payments, refundPayment],
            Refunds = [new StoreRefund { SourceId = "9199999999990001", CreatedAt = o.CreatedAt.AddHours(3), Payments = [refundPayment], Adjustment = paid, AdjustmentReason = "Order cancelled", Total = paid }],
        };
        var changed = s.Store.Changed[cancelled.SourceId](cancelled);
        var payout = s.Payout(After(cancelled, other), s.Charge(cancelled, Fee(paid)), s.Refund(changed), s.Charge(other, Fee(Paid(other))));
        s.Store.Payouts.Add(payout);

        var first = await s.RunAsync();
        var second = Outcome(first, payout).Result == PayoutResult.Deposited ? first : await s.RunAsync();

        var outcome = Outcome(second, payout);
        Assert.True(outcome.Result == PayoutResult.Deposited, Describe(second));
        var deposit = await s.DepositOfAsync(payout);
        Assert.True(deposit.TotalAmt == payout.Amount, $"payout {payout.Amount}; " + Show(deposit));
        foreach (var warning in outcome.Warnings.Where(w => w.Contains("cancel", StringComparison.OrdinalIgnoreCase) || w.Contains(cancelled.SourceId, StringComparison.Ordinal)))
        {
            Assert.Contains(cancelled.Number.TrimStart('#'), warning, StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// Expected (exactly once per payout — a payout is a link, keyed by its id, not by date and amount): two payouts issued the
    /// same day for the same amount are two deposits, each linking only its own sale; a rerun keeps them two.
    /// </summary>
    [Fact]
    public async Task Two_payouts_on_the_same_day_for_the_same_amount_are_two_deposits_and_stay_two()
    {
        await using var s = await StartAsync();
        var pair = (from a in s.PlainSales
                    from b in s.PlainSales
                    where a != b && Paid(b) - (Paid(a) - Fee(Paid(a))) is >= 0.30m and <= 5.00m
                    select (a, b)).First();
        var (first, second) = pair;
        var net = Paid(first) - Fee(Paid(first));
        var day = After(first, second);
        var p1 = s.Payout(day, s.Charge(first, Fee(Paid(first))));
        var p2 = s.Payout(day, s.Charge(second, Paid(second) - net));
        Assert.Equal(p1.Amount, p2.Amount);
        s.Store.Payouts.AddRange([p1, p2]);

        var run = await s.RunAsync();
        var rerun = await s.RunAsync();

        Assert.True(Outcome(run, p1).Result == PayoutResult.Deposited && Outcome(run, p2).Result == PayoutResult.Deposited, Describe(run));
        Assert.DoesNotContain(rerun.Payouts?.Outcomes ?? [], o => o.Result == PayoutResult.Deposited);
        var deposits = await s.DepositsAsync();
        Assert.Equal(2, deposits.Count);
        var (d1, d2) = (await s.DepositOfAsync(p1), await s.DepositOfAsync(p2));
        Assert.NotEqual(d1.Id, d2.Id);
        Assert.Equal(new[] { await s.ReceiptOfAsync(first) }, Linked(d1).Select(l => l.Id).ToArray());
        Assert.Equal(new[] { await s.ReceiptOfAsync(second) }, Linked(d2).Select(l => l.Id).ToArray());
    }

    /// <summary>
    /// Expected (issue: a clear, specific error naming the setting; the rest of the run goes on): payouts.bankAccount names an
    /// account that does not exist, an Income account, or Undeposited Funds: nothing is deposited, the payouts' problem or
    /// outcome names "payouts.bankAccount" and the value given, and the run still posts the orders. Once the setting is fixed,
    /// the next run deposits the payout once.
    /// </summary>
    [Theory]
    [InlineData("Chequing 4410")]
    [InlineData("Sales of Product Income")]
    [InlineData("Undeposited Funds")]
    public async Task A_bank_account_setting_that_is_no_bank_is_named_in_the_error_and_the_orders_still_post(string bank)
    {
        await using var s = await StartAsync(payouts: p => p with { BankAccount = bank });
        var sale = s.PlainSales[16];
        var payout = s.Payout(After(sale), s.Charge(sale, Fee(Paid(sale))));
        s.Store.Payouts.Add(payout);

        var run = await s.RunAsync();

        Assert.True(run.Count(OrderResult.Posted) > 0, "no order posted in the run: " + run.Run.Error);
        Assert.Empty(await s.DepositsAsync());
        Assert.DoesNotContain(run.Payouts?.Outcomes ?? [], o => o.Result == PayoutResult.Deposited);
        var said = string.Join(" | ", new[] { run.Payouts?.Problem, run.Run.Error }.Concat(run.Payouts?.Outcomes.Select(o => o.Message) ?? []).Where(t => t is not null));
        Assert.Contains("payouts.bankAccount", said, StringComparison.Ordinal);
        Assert.Contains(bank, said, StringComparison.Ordinal);

        await s.Harness.SetSettingsAsync(ShopifyPayoutRig.Settings());
        var fixedRun = await s.RunAsync();
        Assert.True(Outcome(fixedRun, payout).Result == PayoutResult.Deposited, Describe(fixedRun));
        Assert.Single(await s.DepositsAsync());
    }

    /// <summary>
    /// Decided from the docs: a deposit StoreBooks made and the merchant then DELETED in QuickBooks is not made again by a rerun
    /// (the payout is a link that is done; StoreBooks must not revert what the merchant did in QuickBooks — they may have recorded
    /// it by hand), but reconcile must not hide it: that payout is reported as its deposit deleted, differing by the whole amount,
    /// and the period does not agree (so `reconcile` exits non-zero).
    /// </summary>
    [Fact]
    public async Task A_deposit_deleted_in_QuickBooks_is_not_made_again_and_reconcile_reports_it_deleted()
    {
        await using var s = await StartAsync();
        var sale = s.PlainSales[17];
        var payout = s.Payout(After(sale), s.Charge(sale, Fee(Paid(sale))));
        s.Store.Payouts.Add(payout);
        var run = await s.RunAsync();
        Assert.True(Outcome(run, payout).Result == PayoutResult.Deposited, Describe(run));
        var deposit = await s.DepositOfAsync(payout);
        var qbo = await s.Harness.ClientAsync();
        await qbo.Deposits.DeleteAsync(deposit.Id!, deposit.SyncToken!, QboRequestOptions.NewRequestId(), Token);

        var rerun = await s.RunAsync();

        Assert.DoesNotContain(rerun.Payouts?.Outcomes ?? [], o => o.Result == PayoutResult.Deposited);
        Assert.Empty(await s.DepositsAsync());
        var report = await s.ReconcileAsync(payout.IssuedOn.AddDays(-1), payout.IssuedOn);
        var check = report.Payouts.Single(p => p.PayoutId == payout.SourceId);
        Assert.Equal(PayoutStanding.DepositDeleted, check.Standing);
        Assert.Equal(payout.Amount, check.Difference);
        Assert.False(report.AllAgree);
    }

    /// <summary>
    /// Expected (StoreBooks must not revert user edits): the merchant adds a 0.50 interest line and a memo to the deposit in
    /// QuickBooks; a rerun leaves the deposit as the merchant left it (same SyncToken, their line and memo still there, no second
    /// deposit), and reconcile reports that payout as differing by −0.50 (store − QuickBooks), the period not agreeing.
    /// </summary>
    [Fact]
    public async Task A_deposit_edited_in_QuickBooks_is_left_as_the_merchant_made_it_and_reconcile_shows_the_difference()
    {
        await using var s = await StartAsync();
        var sale = s.PlainSales[18];
        var payout = s.Payout(After(sale), s.Charge(sale, Fee(Paid(sale))));
        s.Store.Payouts.Add(payout);
        var run = await s.RunAsync();
        Assert.True(Outcome(run, payout).Result == PayoutResult.Deposited, Describe(run));
        var made = await s.DepositOfAsync(payout);
        var interest = new Line
        {
            Amount = 0.50m,
            DetailType = "DepositLineDetail",
            Description = "Bank interest",
            DepositLineDetail = new DepositLineDetail { AccountRef = new Ref { Value = await s.AccountIdAsync("Uncategorized Expense") } },
        };
        var qbo = await s.Harness.ClientAsync();
        var edited = await qbo.Deposits.UpdateAsync(made with { Line = [.. made.Line!, interest], PrivateNote = "Checked against the bank by Sam" }, QboRequestOptions.NewRequestId(), Token);
        Assert.Equal(payout.Amount + 0.50m, edited.TotalAmt);

        var rerun = await s.RunAsync();

        Assert.DoesNotContain(rerun.Payouts?.Outcomes ?? [], o => o.Result == PayoutResult.Deposited);
        var after = Assert.Single(await s.DepositsAsync());
        Assert.Equal(edited.SyncToken, after.SyncToken);
        Assert.Equal(payout.Amount + 0.50m, after.TotalAmt);
        Assert.Equal("Checked against the bank by Sam", after.PrivateNote);
        Assert.Contains(after.Line ?? [], l => l.Description == "Bank interest" && l.Amount == 0.50m);
        var report = await s.ReconcileAsync(payout.IssuedOn.AddDays(-1), payout.IssuedOn);
        var check = report.Payouts.Single(p => p.PayoutId == payout.SourceId);
        Assert.Equal(PayoutStanding.AmountDiffers, check.Standing);
        Assert.Equal(-0.50m, check.Difference);
        Assert.False(report.AllAgree);
    }

    /// <summary>
    /// Expected (issue: failed payouts are never deposits of their own; their money comes back in a later payout): a failed
    /// payout of two sales gets no deposit and reconcile calls it Failed; the later paid payout carrying its money back
    /// (a payout_failure row) and one new sale is ONE deposit equal to that later payout to the cent.
    /// </summary>
    [Fact]
    public async Task A_failed_payout_is_no_deposit_and_the_payout_that_resends_its_money_is_exact()
    {
        await using var s = await StartAsync();
        var (a, b, c) = (s.PlainSales[19], s.PlainSales[20], s.PlainSales[21]);
        var failed = s.Payout(After(a, b), "failed", null, s.Charge(a, Fee(Paid(a))), s.Charge(b, Fee(Paid(b))));
        var resent = s.Payout(After(a, b, c).AddDays(3), s.Movement("payout_failure", failed.Amount, sourceId: failed.SourceId), s.Charge(c, Fee(Paid(c))));
        s.Store.Payouts.AddRange([failed, resent]);

        var run = await s.RunAsync();

        Assert.True(Outcome(run, resent).Result == PayoutResult.Deposited, Describe(run));
        Assert.NotEqual(LinkState.Done, (await s.LinkAsync(LinkKind.Payout, failed.SourceId))?.State);
        var deposit = Assert.Single(await s.DepositsAsync());
        Assert.True(deposit.TotalAmt == resent.Amount, $"payout {resent.Amount}; " + Show(deposit));
        var report = await s.ReconcileAsync(failed.IssuedOn.AddDays(-1), resent.IssuedOn);
        Assert.Equal(PayoutStanding.Failed, report.Payouts.Single(p => p.PayoutId == failed.SourceId).Standing);
        Assert.Equal(PayoutStanding.Agrees, report.Payouts.Single(p => p.PayoutId == resent.SourceId).Standing);
    }
    /// <summary>
    /// Expected (docs §1.3: unknown types are posted by net to the adjustments account and never refused; net is used as given,
    /// never recomputed; a row for the transfer itself is left out of the sum): a payout with a sale, a shipping-label debit of an
    /// unknown type, a "debit" whose net (9.50) is not gross − fee (10.00 − 0), and Shopify's own row for the transfer is one
    /// deposit equal to the payout to the cent; the transfer row is not a line.
    /// </summary>
    [Fact]
    public async Task Unknown_types_a_net_that_is_not_gross_less_fee_and_the_transfer_row_still_make_an_exact_deposit()
    {
        await using var s = await StartAsync();
        var sale = s.PlainSales[22];
        var charge = s.Charge(sale, Fee(Paid(sale)));
        var label = s.Movement("SHIPPING_LABEL", -7.42m);
        var odd = s.Movement("debit", 10.00m) with { Net = 9.50m };
        var net = charge.Net + label.Net + odd.Net;
        var transfer = s.Movement("payout", -net);
        var payout = s.Payout(After(sale), charge, label, odd, transfer);
        Assert.Equal(net, payout.Amount);
        Assert.True(payout.Sum().AddsUp);
        s.Store.Payouts.Add(payout);

        var run = await s.RunAsync();

        Assert.True(Outcome(run, payout).Result == PayoutResult.Deposited, Describe(run));
        var deposit = await s.DepositOfAsync(payout);
        Assert.True(deposit.TotalAmt == payout.Amount, $"payout {payout.Amount}; " + Show(deposit));
        Assert.DoesNotContain(Direct(deposit), d => d.Amount == -net || d.Amount == net);
        Assert.Contains(await s.ReceiptOfAsync(sale), Linked(deposit).Select(l => l.Id));
    }

    /// <summary>
    /// Expected (exactly once: a payout is a link): the store's listing returns the same payout twice in one read (Shopify's
    /// pages shift while a new payout is issued, so one payout is on two pages); StoreBooks makes ONE deposit of it.
    /// </summary>
    [Fact]
    public async Task The_same_payout_listed_twice_in_one_read_is_one_deposit()
    {
        await using var s = await StartAsync();
        var sale = s.PlainSales[23];
        var payout = s.Payout(After(sale), s.Charge(sale, Fee(Paid(sale))));
        s.Store.Payouts.AddRange([payout, payout]);

        var run = await s.RunAsync();
        var rerun = await s.RunAsync();

        Assert.Contains(run.Payouts?.Outcomes ?? [], o => o.PayoutId == payout.SourceId && o.Result == PayoutResult.Deposited);
        Assert.DoesNotContain(rerun.Payouts?.Outcomes ?? [], o => o.Result == PayoutResult.Deposited);
        var deposit = Assert.Single(await s.DepositsAsync());
        Assert.Equal(payout.Amount, deposit.TotalAmt);
    }

    /// <summary>
    /// Expected (docs §1.2: only "paid" is deposited): a payout seen in transit makes no deposit; when it is paid, the next run
    /// deposits it, exact to the cent, once.
    /// </summary>
    [Fact]
    public async Task A_payout_in_transit_is_no_deposit_until_it_is_paid_then_one()
    {
        await using var s = await StartAsync();
        var sale = s.PlainSales[24];
        var transit = s.Payout(After(sale), "in_transit", null, s.Charge(sale, Fee(Paid(sale))));
        s.Store.Payouts.Add(transit);

        var first = await s.RunAsync();

        Assert.DoesNotContain(first.Payouts?.Outcomes ?? [], o => o.Result == PayoutResult.Deposited);
        Assert.Empty(await s.DepositsAsync());

        s.Store.Payouts[0] = transit with { Status = "paid" };
        var second = await s.RunAsync();
        var third = await s.RunAsync();

        Assert.True(Outcome(second, transit).Result == PayoutResult.Deposited, Describe(second));
        Assert.DoesNotContain(third.Payouts?.Outcomes ?? [], o => o.Result == PayoutResult.Deposited);
        var deposit = Assert.Single(await s.DepositsAsync());
        Assert.Equal(transit.Amount, deposit.TotalAmt);
    }

    /// <summary>
    /// Expected (docs §1.2: "scheduled" = movements assigned, transfer not sent): a scheduled payout makes no deposit and raises no
    /// issue (nothing is wrong); once paid, the next run deposits it exactly, once.
    /// </summary>
    [Fact]
    public async Task A_scheduled_payout_is_no_deposit_and_no_issue_until_it_is_paid_then_one()
    {
        await using var s = await StartAsync();
        var sale = s.PlainSales[20];
        var scheduled = s.Payout(After(sale), "scheduled", null, s.Charge(sale, Fee(Paid(sale))));
        s.Store.Payouts.Add(scheduled);

        var first = await s.RunAsync();

        Assert.DoesNotContain(first.Payouts?.Outcomes ?? [], o => o.PayoutId == scheduled.SourceId);
        Assert.Empty(await s.DepositsAsync());
        Assert.DoesNotContain(await s.Harness.State.Runs.ListOpenIssuesAsync(s.Harness.Connection.Id, TestContext.Current.CancellationToken), i => i.Kind == LinkKind.Payout);

        s.Store.Payouts[0] = scheduled with { Status = "paid" };
        var second = await s.RunAsync();
        var third = await s.RunAsync();

        Assert.True(Outcome(second, scheduled).Result == PayoutResult.Deposited, Describe(second));
        Assert.DoesNotContain(third.Payouts?.Outcomes ?? [], o => o.Result == PayoutResult.Deposited);
        Assert.Equal(scheduled.Amount, Assert.Single(await s.DepositsAsync()).TotalAmt);
    }

    /// <summary>
    /// Expected: providers spell currency codes in lower case (WooPayments "eur"; docs §3.2): a payout in "usd" in a USD company
    /// is in the home currency, deposited exactly — not refused as foreign.
    /// </summary>
    [Fact]
    public async Task A_payout_whose_currency_is_spelled_in_lower_case_is_in_the_home_currency_and_deposited()
    {
        await using var s = await StartAsync();
        var sale = s.PlainSales[25];
        var payout = s.Payout(After(sale), s.Charge(sale, Fee(Paid(sale))) with { Currency = "usd" });
        Assert.Equal("usd", payout.Currency);
        s.Store.Payouts.Add(payout);

        var run = await s.RunAsync();

        Assert.True(Outcome(run, payout).Result == PayoutResult.Deposited, Describe(run));
        Assert.Equal(payout.Amount, (await s.DepositOfAsync(payout)).TotalAmt);
    }

    /// <summary>
    /// Expected (issue: a clear error naming the setting): the per-gateway bank account (payouts.bankAccounts) of
    /// shopify_payments names an expense account: nothing is deposited, and what StoreBooks says names the gateway's setting and
    /// the account given — not the (valid) payouts.bankAccount as if it were the faulty one.
    /// </summary>
    [Fact]
    public async Task A_gateways_own_bank_account_that_is_an_expense_account_is_named_in_the_error()
    {
        await using var s = await StartAsync(payouts: p => p with { BankAccounts = new Dictionary<string, string> { ["shopify_payments"] = "Bank Charges" } });
        var sale = s.PlainSales[26];
        var payout = s.Payout(After(sale), s.Charge(sale, Fee(Paid(sale))));
        s.Store.Payouts.Add(payout);

        var run = await s.RunAsync();

        Assert.Empty(await s.DepositsAsync());
        var said = string.Join(" | ", new[] { run.Payouts?.Problem, run.Run.Error }.Concat(run.Payouts?.Outcomes.Select(o => o.Message) ?? []).Where(t => t is not null));
        Assert.Contains("bankAccounts", said, StringComparison.Ordinal);
        Assert.Contains("shopify_payments", said, StringComparison.Ordinal);
        Assert.Contains("Bank Charges", said, StringComparison.Ordinal);
    }
    /// <summary>
    /// Expected (docs §4.3: a transaction already on a deposit cannot be deposited again; issue: never a deposit that does not
    /// add up): the merchant deposited one sale's receipt by hand in QuickBooks before StoreBooks saw the payout. StoreBooks makes
    /// no second deposit of that receipt (its money would count twice); the payout is not deposited and what it says names the
    /// merchant's deposit; the merchant's deposit is untouched.
    /// </summary>
    [Fact]
    public async Task A_sale_the_merchant_deposited_by_hand_is_not_deposited_twice_and_the_reason_names_their_deposit()
    {
        await using var s = await StartAsync();
        var sale = s.PlainSales[27];
        var other = s.PlainSales[28];
        var posted = await s.RunAsync();
        Assert.Null(posted.Run.Error);
        var qbo = await s.Harness.ClientAsync();
        var theirs = await qbo.Deposits.CreateAsync(
            new QuickBooks.Deposits.Deposit
            {
                DepositToAccountRef = new Ref { Value = await s.AccountIdAsync("Checking") },
                Line = [new Line { Amount = Paid(sale), LinkedTxn = [LinkedTxn.To("SalesReceipt", await s.ReceiptOfAsync(sale))] }],
            },
            QboRequestOptions.NewRequestId(),
            Token);
        var payout = s.Payout(After(sale, other), s.Charge(sale, Fee(Paid(sale))), s.Charge(other, Fee(Paid(other))));
        s.Store.Payouts.Add(payout);

        var run = await s.RunAsync();

        var outcome = Outcome(run, payout);
        Assert.NotEqual(PayoutResult.Deposited, outcome.Result);
        Assert.Contains(theirs.Id!, outcome.Message ?? "", StringComparison.Ordinal);
        var deposits = await s.DepositsAsync();
        var only = Assert.Single(deposits);
        Assert.Equal((theirs.Id, theirs.SyncToken, Paid(sale)), (only.Id, only.SyncToken, only.TotalAmt));
    }

    /// <summary>
    /// Expected (issue: the payout waits or is refused with a specific reason — never a deposit that does not add up): the
    /// merchant deleted in QuickBooks the sales receipt StoreBooks posted for a sale of the payout. No deposit is made, and the
    /// reason names that order (its number) so the merchant knows which receipt to restore.
    /// </summary>
    [Fact]
    public async Task A_payout_whose_sales_receipt_was_deleted_in_QuickBooks_is_not_deposited_and_names_the_order()
    {
        await using var s = await StartAsync();
        var sale = s.PlainSales[29];
        var other = s.PlainSales[30];
        var posted = await s.RunAsync();
        Assert.Null(posted.Run.Error);
        var qbo = await s.Harness.ClientAsync();
        var receipt = await qbo.SalesReceipts.GetAsync(await s.ReceiptOfAsync(sale), Token);
        await qbo.SalesReceipts.DeleteAsync(receipt.Id!, receipt.SyncToken!, QboRequestOptions.NewRequestId(), Token);
        var payout = s.Payout(After(sale, other), s.Charge(sale, Fee(Paid(sale))), s.Charge(other, Fee(Paid(other))));
        s.Store.Payouts.Add(payout);

        var run = await s.RunAsync();

        var outcome = Outcome(run, payout);
        Assert.NotEqual(PayoutResult.Deposited, outcome.Result);
        Assert.Contains(sale.Number.TrimStart('#'), outcome.Message ?? "", StringComparison.Ordinal);
        Assert.Empty(await s.DepositsAsync());
    }

    /// <summary>
    /// Expected (`reconcile`: per payout the store's amount beside QuickBooks' deposit, agree or differ by how much): after the
    /// 0.00 payout is deposited, reconcile shows it agreeing with a deposit of 0.00 — a zero amount is not "no deposit".
    /// </summary>
    [Fact]
    public async Task Reconcile_shows_a_zero_payout_agreeing_with_its_zero_deposit()
    {
        await using var s = await StartAsync();
        var sale = s.PlainSales[31];
        var charge = s.Charge(sale, Fee(Paid(sale)));
        var payout = s.Payout(After(sale), charge, s.Movement("adjustment", -charge.Net, reason: "billing"));
        s.Store.Payouts.Add(payout);
        var run = await s.RunAsync();
        Assert.True(Outcome(run, payout).Result == PayoutResult.Deposited, Describe(run));

        var report = await s.ReconcileAsync(payout.IssuedOn.AddDays(-1), payout.IssuedOn);

        var check = report.Payouts.Single(p => p.PayoutId == payout.SourceId);
        Assert.True(check is { Standing: PayoutStanding.Agrees, QuickBooksAmount: 0.00m, StoreAmount: 0.00m } && check.DepositId is not null, $"{check.Standing} {check.QuickBooksAmount} {check.DepositId}: {check.Why}");
    }
}
