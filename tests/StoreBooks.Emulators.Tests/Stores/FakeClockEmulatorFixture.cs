using Microsoft.Extensions.Time.Testing;
using StoreBooks.Emulators.Shopify;
using StoreBooks.Testing;

namespace StoreBooks.Emulators.Tests.Stores;

/// <summary>An emulator on a fake clock, small GraphQL bucket and 600 generated orders per store: rate limits and paging without sleeping.</summary>
public sealed class FakeClockEmulatorFixture : EmulatorFixture
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 2, 15, 0, 0, TimeSpan.Zero));

    protected override EmulatorOptions CreateOptions() => new()
    {
        Port = 0,
        Time = Clock,
        Shopify = new ShopifyEmulatorOptions { GeneratedOrders = 600, GraphQLMaximumAvailable = 200, GraphQLRestoreRate = 50 },
        WooCommerce = new StoreBooks.Emulators.WooCommerce.WooCommerceEmulatorOptions { GeneratedOrders = 250 },
    };
}
