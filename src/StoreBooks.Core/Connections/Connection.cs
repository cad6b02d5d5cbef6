using System.Text.Json.Nodes;

namespace StoreBooks.Core.Connections;

/// <summary>
/// One store joined to one QuickBooks company, with its settings. Secrets (tokens, keys) are not here:
/// they live encrypted in the credential store.
/// </summary>
public sealed record Connection
{
    public required Guid Id { get; init; }

    /// <summary>A short name the merchant picks ("main-shop"); unique.</summary>
    public required string Name { get; init; }

    /// <summary>
    /// The workspace it belongs to. Left empty when added through <see cref="IConnectionStore"/>, it goes to the home's first
    /// workspace; an update never moves a connection to another workspace.
    /// </summary>
    public Guid WorkspaceId { get; init; }

    /// <summary>"csv", "shopify", "woocommerce".</summary>
    public required string SourceKind { get; init; }

    /// <summary>The source's own non-secret settings (file paths, shop domain, API version).</summary>
    public JsonObject SourceSettings { get; init; } = [];

    /// <summary>The QuickBooks company (realm) id, once connected.</summary>
    public string? QboRealmId { get; init; }

    /// <summary>Root of the QuickBooks API and Intuit OAuth endpoints: production, sandbox, or an emulator.</summary>
    public string? QboBaseUrl { get; init; }

    /// <summary>The merchant's choices (JSON, read by each feature: products, sales, payments, schedule).</summary>
    public JsonObject Settings { get; init; } = [];

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }
}
