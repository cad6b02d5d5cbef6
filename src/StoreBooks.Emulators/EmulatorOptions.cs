using StoreBooks.Emulators.Qbo;
using StoreBooks.Emulators.Shopify;
using StoreBooks.Emulators.WooCommerce;

namespace StoreBooks.Emulators;

/// <summary>How <see cref="EmulatorServer"/> listens and what each emulated system starts with.</summary>
public sealed record EmulatorOptions
{
    /// <summary>Loopback port; 0 picks a free one (read it back from <see cref="EmulatorServer.BaseUrl"/>).</summary>
    public int Port { get; init; }

    /// <summary>Clock used for token lifetimes, rate windows, MetaData times and CDC.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Write request logs to the console (the CLI turns this on; tests leave it off).</summary>
    public bool LogRequests { get; init; }

    /// <summary>The QuickBooks Online emulator's realms, OAuth app, token lifetime, webhooks and data file.</summary>
    public QboEmulatorOptions Qbo { get; init; } = new();

    /// <summary>The Shopify Admin API emulator's shop, token, seed data, limits and webhooks.</summary>
    public ShopifyEmulatorOptions Shopify { get; init; } = new();

    /// <summary>The WooCommerce REST API emulator's keys, seed data, tax setting and webhooks.</summary>
    public WooCommerceEmulatorOptions WooCommerce { get; init; } = new();
}
