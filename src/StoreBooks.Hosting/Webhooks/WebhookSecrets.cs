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

    /// <summary>The <c>storebooks webhooks set</c> option that sets a provider's key.</summary>
    public static string Option(string provider) => provider switch
    {
        Shopify => "shopify-secret",
        WooCommerce => "woocommerce-secret",
        QuickBooks => "quickbooks-verifier",
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Webhook providers are shopify, woocommerce and quickbooks."),
    };

    /// <summary>The exact command that sets (or replaces) the key of <paramref name="connectionName"/>, reading it from standard input.</summary>
    public static string SetCommand(string connectionName, string provider) =>
        $"storebooks webhooks set --connection {connectionName} --{Option(provider)} -";

    /// <summary>
    /// The connection's key for <paramref name="provider"/>: set, not set, or stored but unreadable (saved with another secret
    /// key, or damaged). Reading one connection's key never fails because of another's.
    /// </summary>
    public static async Task<StoredWebhookSecret> LoadAsync(ICredentialStore credentials, Guid connectionId, string provider, CancellationToken cancellationToken)
    {
        try
        {
            var stored = await credentials.GetAsync(connectionId, System(provider), cancellationToken).ConfigureAwait(false);
            return stored is null ? StoredWebhookSecret.NotSet : new StoredWebhookSecret(WebhookSecretState.Set, stored.Value);
        }
        catch (UnreadableCredentialException)
        {
            return StoredWebhookSecret.Unreadable;
        }
    }

    /// <summary>Stores (or replaces) the key; one stored that cannot be read is replaced all the same.</summary>
    public static async Task SaveAsync(ICredentialStore credentials, Guid connectionId, string provider, string secret, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(secret);
        var system = System(provider);
        for (var attempt = 0; attempt < 5; attempt++)
        {
            long version;
            try
            {
                version = (await credentials.GetAsync(connectionId, system, cancellationToken).ConfigureAwait(false))?.Version ?? 0;
            }
            catch (UnreadableCredentialException unreadable)
            {
                version = unreadable.Version;
            }

            if (await credentials.TrySaveAsync(connectionId, system, secret, version, cancellationToken).ConfigureAwait(false))
            {
                return;
            }
        }

        throw new InvalidOperationException($"The {Describe(provider)} kept changing while it was saved; try again.");
    }
}

/// <summary>Whether a connection's webhook key is set here, and whether it can be read.</summary>
public enum WebhookSecretState
{
    NotSet,
    Set,

    /// <summary>Stored, but it cannot be decrypted (saved with another secret key, or damaged): it must be set again.</summary>
    Unreadable,
}

/// <summary>A connection's webhook key as loaded: <see cref="Value"/> only when <see cref="State"/> is <see cref="WebhookSecretState.Set"/>.</summary>
public sealed record StoredWebhookSecret(WebhookSecretState State, string? Value)
{
    public static StoredWebhookSecret NotSet { get; } = new(WebhookSecretState.NotSet, null);

    public static StoredWebhookSecret Unreadable { get; } = new(WebhookSecretState.Unreadable, null);

    public override string ToString() => $"StoredWebhookSecret {{ State = {State} }}";
}
