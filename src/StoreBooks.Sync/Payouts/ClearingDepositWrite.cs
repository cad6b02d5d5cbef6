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
