namespace StoreBooks.Core.State;

/// <summary>
/// The CSV exports merchants upload, kept in the state store with their connection: in hosted mode the process that syncs a
/// connection is seldom the one that took the upload, so each process makes its own copy of the files from here.
/// </summary>
public interface IUploadStore
{
    /// <summary>
    /// Keeps <paramref name="content"/> as the connection's <paramref name="file"/> ("orders.csv"), replacing what was there;
    /// answers the time it was saved under, as <see cref="SavedAtAsync"/> will answer it.
    /// </summary>
    Task<DateTimeOffset> SaveAsync(Guid connectionId, string file, byte[] content, CancellationToken cancellationToken);

    /// <summary>When each of the connection's uploaded files was last saved, by file name (empty when it has none).</summary>
    Task<IReadOnlyDictionary<string, DateTimeOffset>> SavedAtAsync(Guid connectionId, CancellationToken cancellationToken);

    /// <summary>The file as last saved; null when there is none.</summary>
    Task<StoredUpload?> GetAsync(Guid connectionId, string file, CancellationToken cancellationToken);
}

/// <summary>An uploaded file as the state store keeps it.</summary>
public sealed record StoredUpload(string File, byte[] Content, DateTimeOffset SavedAt);
