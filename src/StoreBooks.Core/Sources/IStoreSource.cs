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

/// <summary>A record a source could not turn into the model, with a message a merchant can act on.</summary>
public sealed record SourceProblem(string RecordId, string Message);
