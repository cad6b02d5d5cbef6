using StoreBooks.QuickBooks;
using StoreBooks.QuickBooks.OAuth;
using StoreBooks.Sync.Connections;

namespace StoreBooks.Hosting.Connections;

/// <summary>
/// Which QuickBooks a server connects companies to: <c>production</c>, <c>sandbox</c>, or the base URL of an Intuit-compatible
/// server such as the built-in emulator, and the Intuit app that asks (its client id and secret). Against a base URL without an
/// app, the emulator's demo app is used, as <c>storebooks connect quickbooks --url</c> does.
/// </summary>
public sealed record QuickBooksSetup(string Url = "production", QboAppCredentials? App = null)
{
    public QboEnvironment Environment => QboEnvironment.Parse(Url);

    /// <summary>True for Intuit's own servers (production, sandbox).</summary>
    public bool IsIntuit => Environment == QboEnvironment.Production || Environment == QboEnvironment.Sandbox;

    /// <summary>The app companies authorize; null when Intuit's servers are named without an app (nothing can connect).</summary>
    public QboAppCredentials? EffectiveApp => App ?? (IsIntuit ? null : QuickBooksApp.Demo);

    /// <summary>What a connection keeps as its QuickBooks base URL (what <c>connect quickbooks --url</c> saves).</summary>
    public string BaseUrl => Url.Trim();
}
