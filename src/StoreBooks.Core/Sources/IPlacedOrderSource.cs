using StoreBooks.Core.Model;

namespace StoreBooks.Core.Sources;

/// <summary>
/// A store that can also list its changed orders in the order they were placed, oldest first, from a placing time on
/// (WooCommerce: <c>orderby=date</c> with <c>after=</c>). A sliced run over such a store stops between two orders and the next
/// one reads on from the last one's placing time, while the orders cursor stays where the pass began until the pass reaches the
/// end (an order placed long ago may change during the pass; the next pass reads it again).
/// </summary>
public interface IPlacedOrderSource
{
    /// <summary>
    /// Orders changed since <paramref name="changedSince"/> (all when null), oldest placed first, placed at or after
    /// <paramref name="placedFrom"/> (all when null). Orders placed at that very time may come again: the sync's links make a
    /// second read of an order that has not changed cost nothing.
    /// </summary>
    IAsyncEnumerable<SourcePage<StoreOrder>> ReadOrdersByPlacingAsync(DateTimeOffset? changedSince, DateTimeOffset? placedFrom, CancellationToken cancellationToken);
}
