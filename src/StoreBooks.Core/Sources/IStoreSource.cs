using StoreBooks.Core.Messages;
using StoreBooks.Core.Model;

namespace StoreBooks.Core.Sources;

/// <summary>
/// A store StoreBooks reads from: a CSV export, Shopify, WooCommerce. Each stream yields the records changed since a cursor,
/// in pages, oldest change first where the store allows it. Reading is at least once: the sync's links make it idempotent.
/// </summary>
public interface IStoreSource
{
    /// <summary>"csv", "shopify", "woocommerce".</summary>
    string Kind { get; }

    /// <summary>Products and variants changed since <paramref name="changedSince"/> (all when null).</summary>
    IAsyncEnumerable<SourcePage<StoreProduct>> ReadProductsAsync(DateTimeOffset? changedSince, CancellationToken cancellationToken);

    /// <summary>Orders changed since <paramref name="changedSince"/> (all when null), refunds and payments included.</summary>
    IAsyncEnumerable<SourcePage<StoreOrder>> ReadOrdersAsync(DateTimeOffset? changedSince, CancellationToken cancellationToken);

    /// <summary>
    /// True when <see cref="ReadOrdersAsync"/> lists orders by the time they last changed, oldest first (Shopify): every order not
    /// read yet changed at or after the last one read, so a run may stop between pages and the next resume from that time. False
    /// when the order is another (a CSV export's rows as placed, WooCommerce's ids): only a stream read to its end moves the cursor.
    /// </summary>
    bool OrdersInChangeOrder => false;

    /// <summary>
    /// These orders as they are now, whatever their change date: for records that wait (a missing item in manual mode) or failed and
    /// are retried after the cursor has moved past them. Ids the store no longer has are left out.
    /// </summary>
    IAsyncEnumerable<SourcePage<StoreOrder>> GetOrdersAsync(IReadOnlyCollection<string> sourceIds, CancellationToken cancellationToken);
}

/// <summary>
/// One page of a stream. <see cref="Problems"/> are records the source could not read (a CSV row with a bad number):
/// each is reported to the merchant and the rest of the run goes on.
/// </summary>
public sealed record SourcePage<T>(IReadOnlyList<T> Records, IReadOnlyList<SourceProblem> Problems)
{
    public SourcePage(IReadOnlyList<T> records)
        : this(records, [])
    {
    }
}

/// <summary>
/// A record a source could not turn into the model, with a message a merchant can act on. <see cref="RecordId"/> names the
/// record ("orders.csv line 57", a Shopify order id); when the source can tell which order the problem belongs to,
/// <see cref="OrderId"/> is that order's <see cref="Model.StoreOrder.SourceId"/>, so the sync records the order as refused and
/// reads it again (by id) on every run until it posts or the merchant dismisses it.
/// </summary>
public sealed record SourceProblem(string RecordId, string Message)
{
    /// <summary>The problem as a catalogue message says it (its English text is <see cref="Message"/>).</summary>
    public SourceProblem(string recordId, SyncMessage detail)
        : this(recordId, detail.Text)
    {
        Detail = detail;
    }

    /// <summary>
    /// <see cref="Message"/> with its code and arguments, for the dashboard to show in the reader's language; null for a problem
    /// whose message has no template (then <see cref="Message"/> is shown in every language).
    /// </summary>
    public SyncMessage? Detail { get; init; }

    /// <summary>The <see cref="Model.StoreOrder.SourceId"/> of the order the problem belongs to; null when the source cannot tell.</summary>
    public string? OrderId { get; init; }

    /// <summary>What the merchant calls the order ("1043"), when known, for messages and listings.</summary>
    public string? OrderNumber { get; init; }

    /// <summary>When the record last changed in the store, when known (a problem with no time holds the orders cursor).</summary>
    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>
    /// The product the problem is about, when it is about the catalogue (a price a product export cannot give) rather than an
    /// order: it is reported under the product until the catalogue is fixed, and holds no order back.
    /// </summary>
    public string? ProductId { get; init; }
}
