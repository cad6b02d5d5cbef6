using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using StoreBooks.Core.Model;
using StoreBooks.Core.Sales;
using StoreBooks.Core.Sources;

namespace StoreBooks.Sync.Preview;

/// <summary>
/// A store source that hands over at most <paramref name="limit"/> orders in all (the orders to retry first, then the stream), and
/// remembers what each order is called, so a preview of a large first sync shows its first orders in seconds.
/// </summary>
internal sealed class FirstOrders(IStoreSource inner, int limit) : IStoreSource
{
    private readonly ConcurrentDictionary<string, string> _references = new(StringComparer.Ordinal);
    private int _given;

    public string Kind => inner.Kind;

    /// <summary>Whether the store had more orders than the limit.</summary>
    public bool Cut { get; private set; }

    /// <summary>"order #1043" by the order's source id, for each order handed over.</summary>
    public IReadOnlyDictionary<string, string> References => _references;

    public IAsyncEnumerable<SourcePage<StoreProduct>> ReadProductsAsync(DateTimeOffset? changedSince, CancellationToken cancellationToken) =>
        inner.ReadProductsAsync(changedSince, cancellationToken);

    public IAsyncEnumerable<SourcePage<StoreOrder>> ReadOrdersAsync(DateTimeOffset? changedSince, CancellationToken cancellationToken) =>
        TakeAsync(inner.ReadOrdersAsync(changedSince, cancellationToken), cancellationToken);

    public IAsyncEnumerable<SourcePage<StoreOrder>> GetOrdersAsync(IReadOnlyCollection<string> sourceIds, CancellationToken cancellationToken) =>
        TakeAsync(inner.GetOrdersAsync(sourceIds, cancellationToken), cancellationToken);

    private async IAsyncEnumerable<SourcePage<StoreOrder>> TakeAsync(IAsyncEnumerable<SourcePage<StoreOrder>> pages, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var page in pages.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            var room = limit - _given;
            if (room <= 0)
            {
                Cut = true;
                yield break;
            }

            var records = page.Records.Count > room ? page.Records.Take(room).ToList() : page.Records;
            Cut |= records.Count < page.Records.Count;
            _given += records.Count;
            foreach (var order in records)
            {
                _references[order.SourceId] = OrderCheck.Reference(order);
            }

            yield return new SourcePage<StoreOrder>(records, page.Problems);
        }
    }
}
