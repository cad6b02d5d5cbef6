using StoreBooks.Core.Connections;
using StoreBooks.Core.State;
using StoreBooks.Sync.Sales;

namespace StoreBooks.Web.Dashboard.Sync;

/// <summary>
/// A record needing the merchant's attention (an open issue): what it is, what is wrong, where to open it in the store and in
/// QuickBooks, and the name Retry and Dismiss find its order by (orders only: a product's issue is fixed in the catalogue).
/// </summary>
public sealed record AttentionRecord(SyncIssue Issue, Uri? StoreUrl, string? QboId, Uri? QuickBooksUrl)
{
    /// <summary>The order as <see cref="OrderDismissals"/> finds it, by its store id; null for anything but an order.</summary>
    public string? OrderName => Issue.Kind == LinkKind.Sale ? "id:" + Issue.SourceId : null;

    public static async Task<IReadOnlyList<AttentionRecord>> ListAsync(IStateStore state, Connection connection, CancellationToken cancellationToken)
    {
        var issues = await state.Runs.ListOpenIssuesAsync(connection.Id, cancellationToken).ConfigureAwait(false);
        var records = new List<AttentionRecord>(issues.Count);
        foreach (var issue in issues)
        {
            if (issue.Kind != LinkKind.Sale)
            {
                records.Add(new AttentionRecord(issue, null, null, null));
                continue;
            }

            var link = await state.Links.FindAsync(connection.Id, LinkKind.Sale, issue.SourceId, cancellationToken).ConfigureAwait(false);
            var qboId = link?.QboId;
            var entity = SaleDocuments.PostedAs(link) ?? "SalesReceipt";
            records.Add(new AttentionRecord(
                issue,
                RecordLinks.StoreOrder(connection, issue.SourceId),
                qboId,
                qboId is null ? null : RecordLinks.QuickBooksDocument(connection, entity, qboId)));
        }

        return records;
    }
}
