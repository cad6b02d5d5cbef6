using System.Data.Common;
using StoreBooks.Core.State;
using StoreBooks.Storage.Sql;

namespace StoreBooks.Storage.Stores;

/// <summary>The <c>csv_uploads</c> table: each connection's uploaded exports, one row per file, replaced by a new upload.</summary>
internal sealed class UploadStore : IUploadStore
{
    private readonly StoreDialect _sql;
    private readonly TimeProvider _time;

    public UploadStore(StoreDialect sql, TimeProvider time)
    {
        _sql = sql;
        _time = time;
    }

    public async Task<DateTimeOffset> SaveAsync(Guid connectionId, string file, byte[] content, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(file);
        ArgumentNullException.ThrowIfNull(content);
        await using var db = await _sql.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = db.Command(
            """
            INSERT INTO csv_uploads (connection_id, file, content, saved_at) VALUES (@connection_id, @file, @content, @saved_at)
            ON CONFLICT (connection_id, file) DO UPDATE SET content = excluded.content, saved_at = excluded.saved_at
            RETURNING saved_at;
            """)
            .WithId("connection_id", connectionId)
            .WithText("file", file)
            .WithBytes("content", content)
            .WithTime("saved_at", _time.GetUtcNow());
        try
        {
            // The time as the database keeps it (to its precision), so a copy stamped with it is recognised as current.
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            return reader.GetTime(0);
        }
        catch (DbException e) when (_sql.IsForeignKeyViolation(e))
        {
            throw StoreDialect.MissingConnection(connectionId, e);
        }
    }

    public async Task<IReadOnlyDictionary<string, DateTimeOffset>> SavedAtAsync(Guid connectionId, CancellationToken cancellationToken)
    {
        await using var db = await _sql.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = db.Command("SELECT file, saved_at FROM csv_uploads WHERE connection_id = @connection_id;")
            .WithId("connection_id", connectionId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var saved = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            saved[reader.GetString(0)] = reader.GetTime(1);
        }

        return saved;
    }

    public async Task<StoredUpload?> GetAsync(Guid connectionId, string file, CancellationToken cancellationToken)
    {
        await using var db = await _sql.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = db.Command("SELECT content, saved_at FROM csv_uploads WHERE connection_id = @connection_id AND file = @file;")
            .WithId("connection_id", connectionId)
            .WithText("file", file);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? new StoredUpload(file, reader.GetBytes(0), reader.GetTime(1)) : null;
    }
}
