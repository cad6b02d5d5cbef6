using StoreBooks.Core.Messages;
using StoreBooks.Core.Payouts;
using StoreBooks.Core.Sources;
using StoreBooks.Core.State;
using StoreBooks.QuickBooks.Deposits;

namespace StoreBooks.Sync.Reconciliation;

/// <summary>
/// The store's payouts around a period (issued from <see cref="LookBackDays"/> days before it on, so a failed payout sent again
/// and the payouts of the period's sales are among them), their links, and the deposits StoreBooks made of them as QuickBooks
/// has them now.
/// </summary>
internal sealed class PayoutLedger
{
    /// <summary>How many days before the period payouts are read.</summary>
    public const int LookBackDays = 45;

    private const int QueryChunk = 50;

    private PayoutLedger(IReadOnlyList<StorePayout> payouts, IReadOnlyDictionary<string, Link> links, IReadOnlyDictionary<string, Deposit> deposits, SyncMessage? problem)
    {
        Payouts = payouts;
        Links = links;
        Deposits = deposits;
        Problem = problem;
    }

    public IReadOnlyList<StorePayout> Payouts { get; }

    /// <summary>Payout links by payout id.</summary>
    public IReadOnlyDictionary<string, Link> Links { get; }

    /// <summary>The deposits of the payout links that name one, by deposit id; a deposit QuickBooks no longer has is absent.</summary>
    public IReadOnlyDictionary<string, Deposit> Deposits { get; }

    /// <summary>Why the payouts could not be read; null when they were (or the store has none StoreBooks reads).</summary>
    public SyncMessage? Problem { get; }

    /// <summary>Whether the store is one whose payouts StoreBooks reads.</summary>
    public bool HasPayouts { get; private init; }

    public static async Task<PayoutLedger> LoadAsync(SyncContext context, IStoreSource source, DateOnly from, CancellationToken cancellationToken)
    {
        if (source is not IPayoutSource { HasPayouts: true } payoutSource)
        {
            return new PayoutLedger([], new Dictionary<string, Link>(), new Dictionary<string, Deposit>(), null);
        }

        var payouts = new List<StorePayout>();
        try
        {
            await foreach (var page in payoutSource.ReadPayoutsAsync(from.AddDays(-LookBackDays), cancellationToken).ConfigureAwait(false))
            {
                payouts.AddRange(page.Records);
            }
        }
        catch (Exception e) when ((e is not OperationCanceledException || !cancellationToken.IsCancellationRequested) && !payoutSource.HasPayouts)
        {
            // Reading found the store has none (a WooCommerce site without WooPayments): no problem, no payouts.
            return new PayoutLedger([], new Dictionary<string, Link>(), new Dictionary<string, Deposit>(), null);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new PayoutLedger([], new Dictionary<string, Link>(), new Dictionary<string, Deposit>(), ReconcileMessages.PayoutsUnreadable.With(("detail", e.Message))) { HasPayouts = true };
        }

        var ids = payouts.Select(p => p.SourceId).Distinct(StringComparer.Ordinal).ToList();
        IReadOnlyDictionary<string, Link> links = ids.Count == 0
            ? new Dictionary<string, Link>()
            : await context.State.Links.FindManyAsync(context.ConnectionId, LinkKind.Payout, ids, cancellationToken).ConfigureAwait(false);
        var deposits = new Dictionary<string, Deposit>(StringComparer.Ordinal);
        var qbo = context.Qbo;
        foreach (var chunk in links.Values.Select(l => l.QboId).OfType<string>().Distinct(StringComparer.Ordinal).Chunk(QueryChunk))
        {
            await foreach (var deposit in qbo.Deposits.QueryAsync(qbo.Deposits.Where().WhereIn("Id", chunk), cancellationToken).ConfigureAwait(false))
            {
                deposits[deposit.Id!] = deposit;
            }
        }

        return new PayoutLedger(payouts, links, deposits, null) { HasPayouts = true };
    }

    /// <summary>The deposit StoreBooks made of this payout, when its link names one QuickBooks still has.</summary>
    public Deposit? DepositOf(string payoutId) =>
        Links.GetValueOrDefault(payoutId) is { State: LinkState.Done, QboId: { } id } ? Deposits.GetValueOrDefault(id) : null;
}
