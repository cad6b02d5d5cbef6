using System.Collections.Concurrent;
using StoreBooks.Sync.Sales;

namespace StoreBooks.Web.Dashboard.Sales;

/// <summary>
/// The store's tax names and gateways, as read from its recent orders, kept a few minutes per connection: the sales settings page
/// reads them once, not on every view and save, so it does not spend the store's API budget the sync needs.
/// </summary>
internal static class StoreNamesCache
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private static readonly ConcurrentDictionary<Guid, (DateTimeOffset ReadAt, IReadOnlyList<string> Taxes, IReadOnlyList<string> Gateways)> Read = new();

    public static async Task<SalesChoices> WithStoreAsync(Guid connectionId, SalesChoices choices, Func<Task<SalesChoices>> read, TimeProvider time)
    {
        var now = time.GetUtcNow();
        if (Read.TryGetValue(connectionId, out var kept) && now - kept.ReadAt < Lifetime)
        {
            return choices with { StoreTaxes = kept.Taxes, StoreGateways = kept.Gateways };
        }

        var fresh = await read().ConfigureAwait(false);
        Read[connectionId] = (now, fresh.StoreTaxes, fresh.StoreGateways);
        return fresh;
    }
}
