using StoreBooks.Core.Messages;
using StoreBooks.Core.Sources;

namespace StoreBooks.Core.Payouts;

/// <summary>A store's payment provider whose payouts StoreBooks can read (Shopify Payments; later WooPayments, a CSV export).</summary>
public interface IPayoutSource
{
    /// <summary>
    /// Payouts issued on or after <paramref name="issuedSince"/> (all when null), most recent first as providers list them,
    /// each with its transactions. A payout whose transactions cannot be read is a problem of the page, not the end of the read.
    /// </summary>
    /// <summary>Whether this store's payouts can be read at all (a CSV connection has them only with a payments export).</summary>
    bool HasPayouts => true;

    /// <summary>Why <see cref="HasPayouts"/> is false, in the merchant's words, when the source can say (a WooCommerce site without WooPayments).</summary>
    SyncMessage? NoPayoutsReason => null;

    IAsyncEnumerable<SourcePage<StorePayout>> ReadPayoutsAsync(DateOnly? issuedSince, CancellationToken cancellationToken);
}
