using StoreBooks.Core.Model;
using StoreBooks.Core.Sources;
using StoreBooks.Core.State;
using StoreBooks.Sync.Payouts;

namespace StoreBooks.Sync.Reconciliation;

/// <summary>
/// One day's per-order fee bookings of a gateway whose payouts StoreBooks cannot read (the WooCommerce Stripe plugin's), by the
/// day of the orders' sales receipts: the store's fees and what its orders left in the gateway's balance (payment less fee, less
/// refunds: the plugin's net), beside QuickBooks' fee lines and what the deposits into the gateway's clearing account (the orders'
/// fee deposits and their refunds') left in it. <see cref="QuickBooksNet"/> is what the
/// clearing account received that day: the merchant's bank deposit from the gateway is matched against these days' sums.
/// </summary>
public sealed record ClearingDay(DateOnly Day, string Gateway, int Orders, decimal StoreFees, decimal QuickBooksFees, decimal StoreNet, decimal QuickBooksNet)
{
    public bool Agrees => StoreFees == QuickBooksFees && StoreNet == QuickBooksNet;
}

/// <summary>Reads the per-order fee deposits StoreBooks made (payout links <c>fee/&lt;order&gt;</c>) against the store's orders, day by day.</summary>
internal static class GatewayClearing
{
    private const int QueryChunk = 50;

    public static async Task<IReadOnlyList<ClearingDay>> ByDayAsync(SyncContext context, IStoreSource source, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        // Each order's fee deposit ("fee/<order>") and its refunds' ("fee/<order>/<refund>"), by order.
        var links = (await context.State.Links.ListAsync(context.ConnectionId, LinkKind.Payout, LinkState.Done, cancellationToken).ConfigureAwait(false))
            .Where(l => l.SourceId.StartsWith(OrderFeeSync.KeyPrefix, StringComparison.Ordinal) && l.QboId is not null)
            .GroupBy(l => RefundClearing.OrderOf(l.SourceId[OrderFeeSync.KeyPrefix.Length..]), StringComparer.Ordinal)
            .Where(g => g.Any(l => l.SourceId == OrderFeeSync.Key(g.Key)))
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        if (links.Count == 0)
        {
            return [];
        }

        var qbo = context.Qbo;
        var deposits = new Dictionary<string, QuickBooks.Deposits.Deposit>(StringComparer.Ordinal);
        foreach (var chunk in links.Values.SelectMany(l => l).Select(l => l.QboId!).Distinct(StringComparer.Ordinal).Chunk(QueryChunk))
        {
            await foreach (var d in qbo.Deposits.QueryAsync(qbo.Deposits.Where().WhereIn("Id", chunk), cancellationToken).ConfigureAwait(false))
            {
                deposits[d.Id!] = d;
            }
        }

        // An order's day is its fee deposit's (its sales receipt's); its refunds' deposits count on that day.
        var inPeriod = links.Where(l => deposits.TryGetValue(l.Value.Single(x => x.SourceId == OrderFeeSync.Key(l.Key)).QboId!, out var d) && d.TxnDate >= from && d.TxnDate <= to)
            .ToDictionary(l => l.Key, l => (Sale: deposits[l.Value.Single(x => x.SourceId == OrderFeeSync.Key(l.Key)).QboId!], All: l.Value.Select(x => deposits.GetValueOrDefault(x.QboId!)).OfType<QuickBooks.Deposits.Deposit>().ToList()), StringComparer.Ordinal);
        var orders = new Dictionary<string, StoreOrder>(StringComparer.Ordinal);
        await foreach (var page in source.GetOrdersAsync(inPeriod.Keys.ToList(), cancellationToken).ConfigureAwait(false))
        {
            foreach (var order in page.Records)
            {
                orders[order.SourceId] = order;
            }
        }

        return inPeriod.Select(p =>
            {
                var fee = orders.GetValueOrDefault(p.Key)?.GatewayFee;
                return (Day: p.Value.Sale.TxnDate!.Value, Gateway: fee?.Gateway ?? "", StoreFee: fee?.Fee ?? 0, StoreNet: fee?.Net ?? 0,
                    QuickBooksFee: p.Value.All.Sum(ClearingDeposits.Fees), QuickBooksNet: p.Value.All.Sum(ClearingDeposits.Net));
            })
            .GroupBy(x => (x.Day, x.Gateway))
            .OrderBy(g => g.Key.Day).ThenBy(g => g.Key.Gateway, StringComparer.Ordinal)
            .Select(g => new ClearingDay(g.Key.Day, g.Key.Gateway, g.Count(), g.Sum(x => x.StoreFee), g.Sum(x => x.QuickBooksFee), g.Sum(x => x.StoreNet), g.Sum(x => x.QuickBooksNet)))
            .ToList();
    }
}
