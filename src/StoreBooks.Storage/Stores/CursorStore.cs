using System.Data.Common;
using StoreBooks.Core.State;
using StoreBooks.Storage.Sql;

namespace StoreBooks.Storage.Stores;

/// <summary>
/// The <c>cursors</c> table: one bookmark per connection and stream, overwritten by each set. PostgreSQL keeps a bookmark to the
/// microsecond, cut down, so reading on from it never skips a record.
/// </summary>
internal sealed class CursorStore : ICursorStore
{
    private readonly StoreDialect _sql;
    private readonly TimeProvider _time;

    public CursorStore(StoreDialect sql, TimeProvider time)
    {
        _sql = sql;
        _time = time;
    }

    public async Task<DateTimeOffset?> GetAsync(Guid connectionId, string stream, CancellationToken cancellationToken)
    {
        await using var db = await _sql.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = db.Command("SELECT value FROM cursors WHERE connection_id = @connection_id AND stream = @stream;")
            .WithId("connection_id", connectionId)
            .WithText("stream", stream);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? reader.GetTime(0) : null;
    }

    public async Task SetAsync(Guid connectionId, string stream, DateTimeOffset value, CancellationToken cancellationToken)
    {
        await using var db = await _sql.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = db.Command(
            """
            INSERT INTO cursors (connection_id, stream, value, updated_at) VALUES (@connection_id, @stream, @value, @updated_at)
            ON CONFLICT (connection_id, stream) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at;
            """)
            .WithId("connection_id", connectionId)
            .WithText("stream", stream)
            .WithTime("value", value)
            .WithTime("updated_at", _time.GetUtcNow());
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbException e) when (_sql.IsForeignKeyViolation(e))
        {
            throw StoreDialect.MissingConnection(connectionId, e);
        }
    }

    public async Task DeleteAsync(Guid connectionId, string stream, CancellationToken cancellationToken)
    {
        await using var db = await _sql.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = db.Command("DELETE FROM cursors WHERE connection_id = @connection_id AND stream = @stream;")
            .WithId("connection_id", connectionId)
            .WithText("stream", stream);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
