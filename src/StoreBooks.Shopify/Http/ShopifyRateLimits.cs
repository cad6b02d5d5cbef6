using System.Collections.Concurrent;

namespace StoreBooks.Shopify.Http;

/// <summary>
/// The rate-limit state of every shop this process reads: one REST bucket and one GraphQL budget per shop domain. Make one
/// instance for the process (a singleton in a host) and give it to every <see cref="ShopifySource"/>, so that two syncs of
/// the same shop, or a sync and a dashboard call, share what Shopify allows. Nothing here is static.
/// </summary>
public sealed class ShopifyRateLimits(TimeProvider? time = null)
{
    private readonly ConcurrentDictionary<string, (ShopifyCallBucket Calls, ShopifyQueryBudget Queries)> _shops = new(StringComparer.OrdinalIgnoreCase);

    public TimeProvider Time { get; } = time ?? TimeProvider.System;

    /// <summary>The shop's REST bucket; <paramref name="leakPerSecond"/> applies when the bucket is first made.</summary>
    public ShopifyCallBucket Rest(string shop, double leakPerSecond) => For(shop, leakPerSecond).Calls;

    /// <summary>The shop's GraphQL cost budget.</summary>
    public ShopifyQueryBudget GraphQL(string shop) => For(shop, 2).Queries;

    private (ShopifyCallBucket Calls, ShopifyQueryBudget Queries) For(string shop, double leakPerSecond) =>
        _shops.GetOrAdd(shop, _ => (new ShopifyCallBucket(Time, leakPerSecond), new ShopifyQueryBudget(Time)));
}
