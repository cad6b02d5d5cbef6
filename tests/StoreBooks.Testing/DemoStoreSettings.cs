using StoreBooks.Cli.Demo;
using StoreBooks.Core.Connections;

namespace StoreBooks.Testing;

/// <summary>The demo store's settings as <c>storebooks demo</c> has them, for tests that sync the demo exports through other paths.</summary>
public static class DemoStoreSettings
{
    /// <summary>The demo's settings without payouts (the tests that use them upload or point at no payment transactions export).</summary>
    public static ConnectionSettings WithoutPayouts => DemoStore.Settings with { Payouts = new() };
}
