using System.Security.Cryptography;
using System.Text;
using StoreBooks.Core.State;

namespace StoreBooks.Sync.Sales;

/// <summary>What became of a request to dismiss or take back an order.</summary>
public sealed record DismissalResult(bool Found, string Reference, string Message);

/// <summary>
/// The merchant's word on an order StoreBooks cannot post: dismissed, it is no longer re-read and its issue is closed; taken back,
/// it is re-read and sent again on the next run. An order is named as the merchant knows it: "#1043" or "order #1043" (its
/// number), "id:450789469" (the store's id), "1043" (either, when only one order answers to it), or a file's record as
/// <c>storebooks status</c> names it ("orders.csv line 57"). A name that fits several orders is refused, listing them.
/// </summary>
public sealed class OrderDismissals(IStateStore state, Guid connectionId, TimeProvider time)
{
    /// <summary>
    /// Dismisses an order that has not posted. A posted order keeps its document; only its open issue (a later version the
    /// store could not hand over) is closed.
    /// </summary>
    public async Task<DismissalResult> DismissAsync(string order, CancellationToken cancellationToken)
    {
        var (link, refusal) = await FindAsync(order, cancellationToken).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }

        var now = time.GetUtcNow();
        if (link is null)
        {
            var (issue, ambiguous) = await OpenIssueAsync(order, cancellationToken).ConfigureAwait(false);
            if (ambiguous is not null)
            {
                return ambiguous;
            }

            if (issue is null)
            {
                return new DismissalResult(false, order, $"No order \"{order}\" is waiting or refused in this connection; storebooks status lists those that are.");
            }

            // Reserved here, for an order (or a file's record) that was never sent: no write is in flight under it. A record of a
            // file is dismissed for this very problem: another one at its place later is a new problem.
            link = await state.Links.ReserveAsync(connectionId, LinkKind.Sale, issue.SourceId, cancellationToken).ConfigureAwait(false);
            link = link with { State = LinkState.Failed, Reference = issue.Reference, Fingerprint = ProblemFingerprint(issue.Message) };
        }

        var reference = link.Reference ?? $"order {link.SourceId}";
        if (link.State is LinkState.Done)
        {
            var open = (await state.Runs.ListOpenIssuesAsync(connectionId, cancellationToken).ConfigureAwait(false))
                .Any(i => i.Kind == LinkKind.Sale && i.SourceId == link.SourceId);
            if (open)
            {
                await state.Runs.ResolveAsync(connectionId, LinkKind.Sale, link.SourceId, now, cancellationToken).ConfigureAwait(false);
                return new DismissalResult(true, reference,
                    $"The issue of {reference} is closed. Its document stays in QuickBooks (id {link.QboId}); a later change in the store is read again.");
            }

            return new DismissalResult(true, reference,
                $"{Capitalized(reference)} is already in QuickBooks (id {link.QboId}); there is nothing to dismiss. Void or delete it in QuickBooks if it should not be there.");
        }

        if (link.State is LinkState.Pending)
        {
            return new DismissalResult(true, reference, $"{Capitalized(reference)} is being written to QuickBooks; the next run finishes it. Dismiss it afterwards if it should not be there.");
        }

        if (link.State == LinkState.Dismissed)
        {
            return new DismissalResult(true, reference, $"{Capitalized(reference)} was already dismissed.");
        }

        await state.Links.SaveAsync(link with { State = LinkState.Dismissed, Message = $"dismissed on {now:yyyy-MM-dd}", Reference = reference, UpdatedAt = now }, cancellationToken).ConfigureAwait(false);
        await state.Runs.ResolveAsync(connectionId, LinkKind.Sale, link.SourceId, now, cancellationToken).ConfigureAwait(false);
        return new DismissalResult(true, reference, $"{Capitalized(reference)} dismissed: StoreBooks no longer reads it. storebooks retry {NameOf(reference, link.SourceId)} takes it back.");
    }

    /// <summary>
    /// Takes back a dismissed order (and marks a refused one for a fresh attempt): the next run reads it again and sends it even
    /// when the store has not changed it.
    /// </summary>
    public async Task<DismissalResult> TakeBackAsync(string order, CancellationToken cancellationToken)
    {
        var (link, refusal) = await FindAsync(order, cancellationToken).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }

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
        await state.Links.SaveAsync(link with { State = LinkState.Failed, Message = "taken back by the merchant", Fingerprint = null, UpdatedAt = time.GetUtcNow() }, cancellationToken).ConfigureAwait(false);
        return new DismissalResult(true, reference, $"{Capitalized(reference)} will be read and sent again.");
    }

    /// <summary>What a dismissal of a file's record remembers of its problem, to tell it from a later one at the same place.</summary>
    public static string ProblemFingerprint(string message) =>
        "problem:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(message)))[..16];

    /// <summary>The one link the name fits; or why not (several fit). Null link and null refusal: none fits.</summary>
    private async Task<(Link? Link, DismissalResult? Refusal)> FindAsync(string order, CancellationToken cancellationToken)
    {
        var name = order.Trim();
        var (id, number) = Parse(name);
        var found = new List<Link>();
        if (id is not null && await state.Links.FindAsync(connectionId, LinkKind.Sale, id, cancellationToken).ConfigureAwait(false) is { } byId)
        {
            found.Add(byId);
        }

        if (number is not null)
        {
            found.AddRange(await state.Links.FindByReferenceAsync(connectionId, LinkKind.Sale, $"order #{number}", cancellationToken).ConfigureAwait(false));
        }

        var distinct = found.DistinctBy(l => l.SourceId).ToList();
        return distinct.Count switch
        {
            0 => (null, null),
            1 => (distinct[0], null),
            _ => (null, Ambiguous(name, distinct.Select(l => (l.Reference ?? $"order {l.SourceId}", l.SourceId)))),
        };
    }

    private async Task<(SyncIssue? Issue, DismissalResult? Ambiguous)> OpenIssueAsync(string order, CancellationToken cancellationToken)
    {
        var name = order.Trim();
        var (id, number) = Parse(name);
        var open = await state.Runs.ListOpenIssuesAsync(connectionId, cancellationToken).ConfigureAwait(false);
        var fits = open.Where(i => i.Kind == LinkKind.Sale && (i.SourceId == name || i.SourceId == id || (number is not null && i.Reference == $"order #{number}"))).ToList();
        return fits.Count switch
        {
            0 => (null, null),
            1 => (fits[0], null),
            _ => (null, Ambiguous(name, fits.Select(i => (i.Reference, i.SourceId)))),
        };
    }

    private static DismissalResult Ambiguous(string name, IEnumerable<(string Reference, string SourceId)> fits) =>
        new(false, name, $"\"{name}\" fits several orders: {string.Join(", ", fits.Select(f => $"{f.Reference} (id:{f.SourceId})"))}. " +
            "Name the one you mean by its store id, as id:<id>.");

    /// <summary>"id:X" is a store id; "#N" and "order #N" a number; a bare "N" either; anything else (a file's record) an id.</summary>
    private static (string? Id, string? Number) Parse(string name)
    {
        if (name.StartsWith("id:", StringComparison.OrdinalIgnoreCase))
        {
            return (name[3..].Trim(), null);
        }

        var text = name.StartsWith("order ", StringComparison.OrdinalIgnoreCase) ? name[6..].Trim() : name;
        if (text.StartsWith('#'))
        {
            return (null, text.TrimStart('#'));
        }

        return text.Contains(' ', StringComparison.Ordinal) ? (name, null) : (text, text);
    }

    /// <summary>How to name the order again on the command line (quoted: a shell reads # as a comment): its number, or its store id.</summary>
    private static string NameOf(string reference, string sourceId) =>
        reference.StartsWith("order #", StringComparison.Ordinal) ? $"\"{reference["order ".Length..]}\"" : $"\"id:{sourceId}\"";

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
