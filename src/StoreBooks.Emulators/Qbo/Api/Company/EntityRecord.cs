using System.Text.Json.Nodes;

namespace StoreBooks.Emulators.Qbo.Api.Company;

/// <summary>One stored entity: its QBO JSON and when it last changed (for CDC).</summary>
internal sealed class EntityRecord(string id, JsonObject json, DateTimeOffset updatedAt)
{
    public string Id { get; } = id;

    public JsonObject Json { get; set; } = json;

    public DateTimeOffset UpdatedAt { get; set; } = updatedAt;
}

/// <summary>A deleted transaction, kept for CDC's <c>"status":"Deleted"</c> entries.</summary>
internal sealed record Tombstone(string EntityName, string Id, DateTimeOffset DeletedAt);
