namespace StoreBooks.QuickBooks.Common;

/// <summary>Server-kept creation and last-update times of an object (read-only).</summary>
public sealed record MetaData : QboObject
{
    public DateTimeOffset? CreateTime { get; init; }

    public DateTimeOffset? LastUpdatedTime { get; init; }
}
