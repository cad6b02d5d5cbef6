using System.Text.Json.Serialization;

namespace StoreBooks.QuickBooks.Common;

/// <summary>
/// What every QBO object carries: Id, SyncToken (the optimistic-concurrency counter), MetaData, and the fields this
/// client does not model (unmodelled fields are kept, see <see cref="QboObject"/>).
/// </summary>
public abstract record QboEntity : QboObject
{
    public string? Id { get; init; }

    /// <summary>Must be the current value on update, delete and void, or QBO answers 5010 (stale object).</summary>
    public string? SyncToken { get; init; }

    public MetaData? MetaData { get; init; }

    [JsonPropertyName("domain")]
    public string? Domain { get; init; }

    /// <summary>True on a sparse update: only the fields sent are changed.</summary>
    [JsonPropertyName("sparse")]
    public bool? Sparse { get; init; }

    /// <summary>Set to "Deleted" on deleted objects in delete responses and CDC.</summary>
    [JsonPropertyName("status")]
    public string? Status { get; init; }
}
