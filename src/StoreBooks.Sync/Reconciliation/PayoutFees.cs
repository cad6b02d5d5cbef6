using StoreBooks.Core.Payouts;
using StoreBooks.Sync.Payouts;

namespace StoreBooks.Sync.Reconciliation;

/// <summary>
/// The provider's fees day by day, by the day each paid payout was issued (its deposit's date): the store's, the fees of the
/// payout's balance transactions (with those of a failed payout it sends again, as its deposit holds them), beside QuickBooks',
/// the deposit's fee line (negative, so its opposite).
/// </summary>
internal static class PayoutFees
{
    public static IReadOnlyDictionary<DateOnly, (decimal Store, decimal QuickBooks)> ByDay(PayoutLedger ledger, DateOnly from, DateOnly to)
    {
        var failed = ledger.Payouts.Where(p => p.State is StorePayoutState.Failed or StorePayoutState.Canceled).ToList();
        var taken = new HashSet<string>(StringComparer.Ordinal);
        var days = new Dictionary<DateOnly, (decimal Store, decimal QuickBooks)>();

        // Oldest first, as the sync deposits them: a failed payout's money goes with the first payout that sends it again.
        foreach (var payout in ledger.Payouts.Where(p => p.State == StorePayoutState.Paid).OrderBy(p => p.IssuedOn).ThenBy(p => p.SourceId, StringComparer.Ordinal))
        {
            var contents = PayoutContents.Of(payout, failed, taken);
            if (payout.IssuedOn < from || payout.IssuedOn > to)
            {
                continue;
            }

            var store = contents.Transactions.Sum(t => t.Fee);
            var quickBooks = ledger.DepositOf(payout.SourceId) is { } deposit
                ? -(deposit.Line ?? []).Where(l => l.DetailType == "DepositLineDetail" && DepositComposer.IsFeeLine(l.Description, payout.SourceId)).Sum(l => l.Amount ?? 0)
                : 0;
            var day = days.GetValueOrDefault(payout.IssuedOn);
            days[payout.IssuedOn] = (day.Store + store, day.QuickBooks + quickBooks);
        }

        return days;
    }
}
