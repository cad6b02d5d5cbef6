using System.Text.Json.Serialization;

namespace StoreBooks.QuickBooks.Webhooks;

/// <summary>The legacy webhook body: per realm, the entities that changed (ids only; read them through the API).</summary>
public sealed record QboWebhookPayload
{
    [JsonPropertyName("eventNotifications")]
    public IReadOnlyList<QboEventNotification>? EventNotifications { get; init; }
}

/// <summary>One realm's changes in a legacy webhook.</summary>
public sealed record QboEventNotification
{
    [JsonPropertyName("realmId")]
    public string? RealmId { get; init; }

    [JsonPropertyName("dataChangeEvent")]
    public QboDataChangeEvent? DataChangeEvent { get; init; }
}

/// <summary>The changed entities of one notification.</summary>
public sealed record QboDataChangeEvent
{
    [JsonPropertyName("entities")]
    public IReadOnlyList<QboChangedEntity>? Entities { get; init; }
}

/// <summary>One changed entity: name, id, operation (Create, Update, Delete, Merge, Void, Emailed) and time.</summary>
public sealed record QboChangedEntity
{
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    [JsonPropertyName("id")]
    public string? Id { get; init; }

    [JsonPropertyName("operation")]
    public string? Operation { get; init; }

    [JsonPropertyName("lastUpdated")]
    public DateTimeOffset? LastUpdated { get; init; }

    [JsonPropertyName("deletedId")]
    public string? DeletedId { get; init; }
}

/// <summary>One event of the CloudEvents webhook format (the body is a JSON array of these; realms may be mixed).</summary>
public sealed record QboCloudEvent
{
    [JsonPropertyName("specversion")]
    public string? SpecVersion { get; init; }

    [JsonPropertyName("id")]
    public string? Id { get; init; }

    [JsonPropertyName("source")]
    public string? Source { get; init; }

    /// <summary>E.g. <c>qbo.customer.created.v1</c>.</summary>
    [JsonPropertyName("type")]
    public string? Type { get; init; }

    [JsonPropertyName("datacontenttype")]
    public string? DataContentType { get; init; }

    [JsonPropertyName("time")]
    public DateTimeOffset? Time { get; init; }

    [JsonPropertyName("intuitentityid")]
    public string? IntuitEntityId { get; init; }

    /// <summary>The realm id.</summary>
    [JsonPropertyName("intuitaccountid")]
    public string? IntuitAccountId { get; init; }

    [JsonPropertyName("data")]
    public System.Text.Json.JsonElement? Data { get; init; }
}
