using StoreBooks.Core.State;

namespace StoreBooks.Sync.Sales;

/// <summary>What became of a request to dismiss or take back an order.</summary>
public sealed record DismissalResult(bool Found, string Reference, string Message);

/// <summary>
/// The merchant's word on an order StoreBooks cannot post: dismissed, it is no longer re-read and its issue is closed; taken back,
/// it is re-read and sent again on the next run. An order is named as the merchant knows it: "1043", "#1043", "order #1043", or
/// the store's id.
/// </summary>
public sealed class OrderDismissals(IStateStore state, Guid connectionId, TimeProvider time)
{
    /// <summary>Dismisses an order that has not posted. A posted order is refused: its document is in QuickBooks.</summary>
    public async Task<DismissalResult> DismissAsync(string order, CancellationToken cancellationToken)
    {
        var link = await FindAsync(order, cancellationToken).ConfigureAwait(false);
        if (link is null)
        {
            var issue = await OpenIssueAsync(order, cancellationToken).ConfigureAwait(false);
            if (issue is null)
            {
                return new DismissalResult(false, order, $"No order \"{order}\" is waiting or refused in this connection; storebooks status lists those that are.");
            }

            link = await state.Links.ReserveAsync(connectionId, LinkKind.Sale, issue.SourceId, cancellationToken).ConfigureAwait(false);
            // Reserved here, for an order (or a file's record) that was never sent: no write is in flight under it.
            link = link with { State = LinkState.Failed, Reference = issue.Reference };
        }

        var reference = link.Reference ?? $"order {link.SourceId}";
        if (link.State is LinkState.Done or LinkState.Pending)
        {
            return new DismissalResult(true, reference, link.State == LinkState.Done
                ? $"{Capitalized(reference)} is already in QuickBooks (id {link.QboId}); there is nothing to dismiss. Void or delete it in QuickBooks if it should not be there."
                : $"{Capitalized(reference)} is being written to QuickBooks; the next run finishes it. Dismiss it afterwards if it should not be there.");
        }

        if (link.State == LinkState.Dismissed)
        {
            return new DismissalResult(true, reference, $"{Capitalized(reference)} was already dismissed.");
        }

        var now = time.GetUtcNow();
        await state.Links.SaveAsync(link with { State = LinkState.Dismissed, Message = $"dismissed on {now:yyyy-MM-dd}", Reference = reference }, cancellationToken).ConfigureAwait(false);
        await state.Runs.ResolveAsync(connectionId, LinkKind.Sale, link.SourceId, now, cancellationToken).ConfigureAwait(false);
        return new DismissalResult(true, reference, $"{Capitalized(reference)} dismissed: StoreBooks no longer reads it. storebooks retry {NumberOf(reference)} takes it back.");
    }

    /// <summary>
    /// Takes back a dismissed order (and marks a refused one for a fresh attempt): the next run reads it again and sends it even
    /// when the store has not changed it.
    /// </summary>
    public async Task<DismissalResult> TakeBackAsync(string order, CancellationToken cancellationToken)
    {
        var link = await FindAsync(order, cancellationToken).ConfigureAwait(false);
        if (link is null)
        {
            return new DismissalResult(false, order, $"No order \"{order}\" was dismissed or refused in this connection; storebooks status lists the orders that need attention.");
        }

        var reference = link.Reference ?? $"order {link.SourceId}";
        if (link.State is not (LinkState.Dismissed or LinkState.Failed or LinkState.Waiting))
        {
            return new DismissalResult(true, reference, $"{Capitalized(reference)} is {Describe(link.State)}; there is nothing to retry.");
        }

        // No QuickBooks write is known under this link: Failed means the write was refused or never sent, so a fresh request id is safe.
        await state.Links.SaveAsync(link with { State = LinkState.Failed, Message = "taken back by the merchant", Fingerprint = null }, cancellationToken).ConfigureAwait(false);
        return new DismissalResult(true, reference, $"{Capitalized(reference)} will be read and sent again.");
    }

    private async Task<Link?> FindAsync(string order, CancellationToken cancellationToken)
    {
        var name = order.Trim();
        var byId = await state.Links.FindAsync(connectionId, LinkKind.Sale, name, cancellationToken).ConfigureAwait(false);
        if (byId is not null)
        {
            return byId;
        }

        var number = NumberOf(name);
        var named = await state.Links.FindByReferenceAsync(connectionId, LinkKind.Sale, $"order #{number}", cancellationToken).ConfigureAwait(false);
        return named.OrderByDescending(l => l.UpdatedAt).FirstOrDefault();
    }

    private async Task<SyncIssue?> OpenIssueAsync(string order, CancellationToken cancellationToken)
    {
        var number = NumberOf(order.Trim());
        var open = await state.Runs.ListOpenIssuesAsync(connectionId, cancellationToken).ConfigureAwait(false);
        return open.FirstOrDefault(i => i.Kind == LinkKind.Sale && (i.SourceId == order.Trim() || i.Reference == $"order #{number}"));
    }

    /// <summary>"order #1043", "#1043" and "1043" all name order 1043.</summary>
    private static string NumberOf(string name)
    {
        var text = name.StartsWith("order ", StringComparison.OrdinalIgnoreCase) ? name[6..].Trim() : name;
        return text.TrimStart('#');
    }

    private static string Capitalized(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static string Describe(LinkState state) => state switch
    {
        LinkState.Done => "already in QuickBooks",
        LinkState.Pending => "being written to QuickBooks",
        LinkState.Skipped => "skipped by a rule",
        LinkState.NotDue => "waiting until it is paid",
        _ => state.ToString().ToLowerInvariant(),
    };
}
