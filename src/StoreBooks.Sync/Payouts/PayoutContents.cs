using StoreBooks.Core.Payouts;

namespace StoreBooks.Sync.Payouts;

/// <summary>
/// The movements one deposit settles: the payout's own (its transfer rows left out), where a failed or canceled payout's money
/// sent again (a <see cref="StorePayoutTransactionCategory.PayoutReturn"/> row) is replaced by that payout's movements, so the
/// sales it carried leave Undeposited Funds in this deposit. The failed payout is found among those read by its amount, the
/// latest issued before this one; a row whose payout is not found stays a row of its own.
/// </summary>
public sealed record PayoutContents(StorePayout Payout, IReadOnlyList<StorePayoutTransaction> Transactions, IReadOnlyList<StorePayout> Absorbed)
{
    public static PayoutContents Of(StorePayout payout, IReadOnlyList<StorePayout> failed, ISet<string> taken)
    {
        var transactions = new List<StorePayoutTransaction>();
        var absorbed = new List<StorePayout>();
        Expand(payout, payout.IssuedOn, failed, taken, transactions, absorbed, depth: 0);
        return new PayoutContents(payout, transactions, absorbed);
    }

    private static void Expand(StorePayout payout, DateOnly before, IReadOnlyList<StorePayout> failed, ISet<string> taken, List<StorePayoutTransaction> into, List<StorePayout> absorbed, int depth)
    {
        foreach (var t in payout.Transactions.Where(t => t.Category != StorePayoutTransactionCategory.Transfer))
        {
            var returned = t.Category == StorePayoutTransactionCategory.PayoutReturn && t.Net > 0 && depth < 5
                ? failed.Where(f => f.Amount == t.Net && f.IssuedOn <= before && f.SourceId != payout.SourceId && !taken.Contains(f.SourceId) && f.Sum().AddsUp)
                    .OrderByDescending(f => f.IssuedOn).FirstOrDefault()
                : null;
            if (returned is null)
            {
                into.Add(t);
                continue;
            }

            taken.Add(returned.SourceId);
            absorbed.Add(returned);
            Expand(returned, returned.IssuedOn, failed, taken, into, absorbed, depth + 1);
        }
    }
}
