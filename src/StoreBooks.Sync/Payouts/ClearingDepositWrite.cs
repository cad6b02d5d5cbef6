using StoreBooks.Core.Messages;
using StoreBooks.Core.State;
using StoreBooks.QuickBooks;
using StoreBooks.QuickBooks.Deposits;
using StoreBooks.Sync.Sales;

namespace StoreBooks.Sync.Payouts;

/// <summary>
/// Writing one deposit into a gateway's clearing account (an order's fee, a refund's move out of it) exactly once under its
/// payout link, and what happens when it cannot be: the link is marked failed with the message and the record is listed as
/// needing attention, unless a write of it is still pending (the next run settles it).
/// </summary>
internal static class ClearingDepositWrite
{
    /// <summary>
    /// The records of <paramref name="kind"/> posted as <paramref name="entityName"/> (sales receipts, refund receipts) whose
    /// clearing deposit (the payout link <see cref="OrderFeeSync.Key"/> of their id) is not settled yet, and the clearing links
    /// found for them (pending or failed ones, to write again under the same link).
    /// </summary>
    public static async Task<(List<Link> Open, IReadOnlyDictionary<string, Link> Booked)> UnsettledAsync(SyncContext context, LinkKind kind, string entityName, CancellationToken cancellationToken)
    {
        var links = context.State.Links;
        var posted = (await links.ListAsync(context.ConnectionId, kind, LinkState.Done, cancellationToken).ConfigureAwait(false))
            .Where(l => l.QboId is not null && SaleDocuments.PostedAs(l) == entityName).ToList();
        if (posted.Count == 0)
        {
            return ([], new Dictionary<string, Link>());
        }

        var booked = await links.FindManyAsync(context.ConnectionId, LinkKind.Payout, posted.Select(l => OrderFeeSync.Key(l.SourceId)).ToList(), cancellationToken).ConfigureAwait(false);
        var open = posted.Where(l => booked.GetValueOrDefault(OrderFeeSync.Key(l.SourceId)) is not { State: LinkState.Done or LinkState.Skipped or LinkState.Dismissed }).ToList();
        return (open, booked);
    }

    /// <summary>Posts <paramref name="deposit"/> under link <paramref name="key"/>; false when QuickBooks refused it (then recorded).</summary>
    public static async Task<bool> PostAsync(SyncContext context, Guid runId, string key, SyncMessage what, Link? link, Deposit deposit, CancellationToken cancellationToken)
    {
        if (link is null or { State: not LinkState.Pending })
        {
            link = await context.State.Links.ReserveAsync(context.ConnectionId, LinkKind.Payout, key, cancellationToken).ConfigureAwait(false);
        }

        await context.State.Links.SaveAsync(link with { Reference = what.Text, UpdatedAt = context.Time.GetUtcNow() }, cancellationToken).ConfigureAwait(false);
        try
        {
            await new LinkedWrite(context).EnsureAsync(LinkKind.Payout, key, async (requestId, ct) =>
            {
                var created = await context.Qbo.Deposits.CreateAsync(deposit, QboRequestOptions.WithRequestId(requestId), ct).ConfigureAwait(false);
                return (created.Id!, created.SyncToken);
            }, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (QuickBooks.Errors.QboException e) when (SaleDocuments.IsRefusal(e))
        {
            var refused = await context.State.Links.FindAsync(context.ConnectionId, LinkKind.Payout, key, cancellationToken).ConfigureAwait(false);
            await RefuseAsync(context, runId, key, what, refused is null ? null : refused with { State = LinkState.Failed }, GatewayFeeMessages.Refused.With(("fee", what), ("detail", e.Message)), cancellationToken).ConfigureAwait(false);
            return false;
        }
    }

    public static async Task RefuseAsync(SyncContext context, Guid runId, string key, SyncMessage what, Link? link, SyncMessage message, CancellationToken cancellationToken)
    {
        if (link is { State: LinkState.Pending })
        {
            return;
        }

        link ??= await context.State.Links.ReserveAsync(context.ConnectionId, LinkKind.Payout, key, cancellationToken).ConfigureAwait(false);
        await context.State.Links.SaveAsync(link with { State = LinkState.Failed, Message = message.Text, Reference = what.Text, UpdatedAt = context.Time.GetUtcNow() }, cancellationToken).ConfigureAwait(false);
        await context.RaiseAsync(runId, LinkKind.Payout, key, what.Text, message.Text, message.Code is null ? null : message, cancellationToken).ConfigureAwait(false);
    }
}
