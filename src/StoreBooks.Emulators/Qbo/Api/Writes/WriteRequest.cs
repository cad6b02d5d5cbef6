using System.Text.Json.Nodes;
using StoreBooks.Emulators.Qbo.Api.Entities;

namespace StoreBooks.Emulators.Qbo.Api.Writes;

internal enum WriteKind
{
    Create,
    Update,
    Delete,
    Void,
}

/// <summary>One write as a client asked for it: a body for an entity, and what to do with it.</summary>
internal sealed record WriteRequest(EntityDefinition Entity, WriteKind Kind, JsonObject Body, bool AllowDuplicateDocNumber = false);

/// <summary>A validated, completed write that has not touched the realm yet.</summary>
internal sealed class PreparedWrite
{
    public required EntityDefinition Entity { get; init; }

    public required WriteKind Kind { get; init; }

    public bool AllowDuplicateDocNumber { get; init; }

    /// <summary>The target's id (null for a create: ids are given at commit).</summary>
    public string? Id { get; init; }

    /// <summary>The SyncToken the target had when the write was prepared; a different one at commit is 5010.</summary>
    public string? ExpectedSyncToken { get; init; }

    /// <summary>The object as it will be stored (null for a delete).</summary>
    public JsonObject? After { get; init; }
}
