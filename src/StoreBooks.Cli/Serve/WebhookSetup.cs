using StoreBooks.Core.Connections;
using StoreBooks.Core.State;
using StoreBooks.Hosting.Webhooks;
using StoreBooks.Shopify;
using StoreBooks.WooCommerce;

namespace StoreBooks.Cli.Serve;

/// <summary>
/// One webhook a merchant registers: who sends it, to which URL, for which topics, and whether its key is set here (and, when it
/// is stored but cannot be read, <paramref name="SecretUnreadable"/>).
/// </summary>
internal sealed record WebhookEndpoint(string Provider, Uri Url, IReadOnlyList<string> Topics, bool SecretSet, string SecretName, bool SecretUnreadable = false);

/// <summary>A connection's webhook endpoints and schedule, as <c>storebooks serve</c> and <c>storebooks webhooks show</c> print them.</summary>
internal sealed record WebhookSetup(string Connection, string Kind, IReadOnlyList<WebhookEndpoint> Endpoints, TimeSpan? SyncInterval, SyncSchedule? Schedule)
{
    /// <summary>Shopify topics worth a sync (others are acknowledged and ignored).</summary>
    public static readonly IReadOnlyList<string> ShopifyTopics = ["orders/create", "orders/updated", "orders/paid", "orders/cancelled", "refunds/create"];

    /// <summary>WooCommerce topics worth a sync (a refund fires order.updated).</summary>
    public static readonly IReadOnlyList<string> WooCommerceTopics = ["order.created", "order.updated", "order.deleted", "order.restored"];

    /// <summary>QuickBooks entities whose changes can unblock orders waiting for the merchant.</summary>
    public static readonly IReadOnlyList<string> QuickBooksEntities = ["Item", "Account", "TaxCode", "PaymentMethod"];

    public static async Task<WebhookSetup> DescribeAsync(IStateStore state, Connection connection, Uri baseUrl, CancellationToken cancellationToken)
    {
        var endpoints = new List<WebhookEndpoint>();
        async Task AddAsync(string provider, string path, IReadOnlyList<string> topics)
        {
            var secret = await WebhookSecrets.LoadAsync(state.Credentials, connection.Id, provider, cancellationToken).ConfigureAwait(false);
            endpoints.Add(new WebhookEndpoint(
                provider, new Uri(baseUrl, path), topics, secret.State == WebhookSecretState.Set, WebhookSecrets.Describe(provider), secret.State == WebhookSecretState.Unreadable));
        }

        if (connection.SourceKind == ShopifySource.SourceKind)
        {
            await AddAsync(WebhookSecrets.Shopify, $"webhooks/shopify/{connection.Id}", ShopifyTopics).ConfigureAwait(false);
        }
        else if (connection.SourceKind == WooCommerceSource.SourceKind)
        {
            await AddAsync(WebhookSecrets.WooCommerce, $"webhooks/woocommerce/{connection.Id}", WooCommerceTopics).ConfigureAwait(false);
        }

        if (connection.QboRealmId is not null)
        {
            await AddAsync(WebhookSecrets.QuickBooks, "webhooks/quickbooks", QuickBooksEntities).ConfigureAwait(false);
        }

        TimeSpan? interval;
        try
        {
            interval = ConnectionSettings.From(connection.Settings).SyncInterval;
        }
        catch (System.Text.Json.JsonException)
        {
            interval = null;
        }

        var schedule = await state.Schedule.GetAsync(connection.Id, cancellationToken).ConfigureAwait(false);
        return new WebhookSetup(connection.Name, connection.SourceKind, endpoints, interval, schedule);
    }

    /// <summary>Lines for a person: the schedule, then each endpoint with its topics and whether its key is set.</summary>
    public IEnumerable<string> Describe()
    {
        var every = SyncInterval is { } i && i > TimeSpan.Zero ? $"every {Duration(i)}" : "only on webhooks and when asked (no schedule)";
        var next = Schedule?.NextSyncAt is { } at ? $", next at {at.ToLocalTime():yyyy-MM-dd HH:mm:ss}" : Schedule is null ? ", first run when serve starts" : "";
        yield return $"Connection \"{Connection}\" ({Kind}): syncs {every}{next}";
        foreach (var endpoint in Endpoints)
        {
            var key = endpoint.SecretSet ? "set"
                : endpoint.SecretUnreadable ? $"secret cannot be read: run {WebhookSecrets.SetCommand(Connection, endpoint.Provider)} to replace it"
                : $"NOT SET: {WebhookSecrets.SetCommand(Connection, endpoint.Provider)}";
            yield return $"  {endpoint.Provider,-12} POST {endpoint.Url}";
            yield return $"  {"",-12} topics: {string.Join(", ", endpoint.Topics)}; {endpoint.SecretName}: {key}";
        }
    }

    private static string Duration(TimeSpan span) =>
        span.TotalHours >= 1 && span.Minutes == 0 && span.Seconds == 0 ? $"{span.TotalHours:0} h"
        : span.TotalMinutes >= 1 && span.Seconds == 0 ? $"{span.TotalMinutes:0} min"
        : $"{span.TotalSeconds:0} s";
}
