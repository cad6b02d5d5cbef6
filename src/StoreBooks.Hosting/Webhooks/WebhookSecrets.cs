using StoreBooks.Core.State;

namespace StoreBooks.Hosting.Webhooks;

/// <summary>
/// The keys that sign each connection's webhooks, kept in the credential store (encrypted at rest, never logged): the Shopify
/// app's client secret, the WooCommerce webhook's secret, the Intuit app's verifier token. Set with <c>storebooks webhooks set</c>.
/// </summary>
public static class WebhookSecrets
{
    /// <summary>Provider names, as in the webhook routes and the inbox.</summary>
    public const string Shopify = "shopify";

    public const string WooCommerce = "woocommerce";

    public const string QuickBooks = "quickbooks";

    public static IReadOnlyList<string> Providers { get; } = [Shopify, WooCommerce, QuickBooks];

    /// <summary>The credential store's system of a provider's webhook key ("shopify-webhook"…).</summary>
    public static string System(string provider) => provider switch
    {
        Shopify or WooCommerce or QuickBooks => provider + "-webhook",
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Webhook providers are shopify, woocommerce and quickbooks."),
    };

    /// <summary>What the key is called where the merchant finds it.</summary>
    public static string Describe(string provider) => provider switch
    {
        Shopify => "Shopify app client secret",
        WooCommerce => "WooCommerce webhook secret",
        QuickBooks => "Intuit app webhook verifier token",
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Webhook providers are shopify, woocommerce and quickbooks."),
    };

    public static async Task<string?> LoadAsync(ICredentialStore credentials, Guid connectionId, string provider, CancellationToken cancellationToken) =>
        (await credentials.GetAsync(connectionId, System(provider), cancellationToken).ConfigureAwait(false))?.Value;

    /// <summary>Stores (or replaces) the key.</summary>
    public static async Task SaveAsync(ICredentialStore credentials, Guid connectionId, string provider, string secret, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(secret);
        var system = System(provider);
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var current = await credentials.GetAsync(connectionId, system, cancellationToken).ConfigureAwait(false);
            if (await credentials.TrySaveAsync(connectionId, system, secret, current?.Version ?? 0, cancellationToken).ConfigureAwait(false))
            {
                return;
            }
        }

        throw new InvalidOperationException($"The {Describe(provider)} kept changing while it was saved; try again.");
    }
}
