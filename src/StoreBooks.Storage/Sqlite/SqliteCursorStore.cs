using Microsoft.Data.Sqlite;
using StoreBooks.Core.State;

namespace StoreBooks.Storage.Sqlite;

/// <summary>The <c>cursors</c> table: one bookmark per connection and stream, overwritten by each set.</summary>
internal sealed class SqliteCursorStore : ICursorStore
{
    private readonly SqliteDatabase _database;
    private readonly TimeProvider _time;

    public SqliteCursorStore(SqliteDatabase database, TimeProvider time)
    {
        _database = database;
        _time = time;
    }

    public async Task<DateTimeOffset?> GetAsync(Guid connectionId, string stream, CancellationToken cancellationToken)
    {
        await using var db = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = db.Command("SELECT value FROM cursors WHERE connection_id = $connection_id AND stream = $stream;")
            .With("$connection_id", ColumnFormat.Id(connectionId))
            .With("$stream", stream);
        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return value is string text ? ColumnFormat.ParseTime(text) : null;
    }

    public async Task SetAsync(Guid connectionId, string stream, DateTimeOffset value, CancellationToken cancellationToken)
    {
        await using var db = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = db.Command(
            """
            INSERT INTO cursors (connection_id, stream, value, updated_at) VALUES ($connection_id, $stream, $value, $updated_at)
            ON CONFLICT (connection_id, stream) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at;
            """)
            .With("$connection_id", ColumnFormat.Id(connectionId))
            .With("$stream", stream)
            .With("$value", ColumnFormat.Time(value))
            .With("$updated_at", ColumnFormat.Time(_time.GetUtcNow()));
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException e) when (e.IsMissingConnection())
        {
            throw SqliteCommands.MissingConnection(connectionId, e);
        }
    }

    public async Task DeleteAsync(Guid connectionId, string stream, CancellationToken cancellationToken)
    {
        await using var db = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = db.Command("DELETE FROM cursors WHERE connection_id = $connection_id AND stream = $stream;")
            .With("$connection_id", ColumnFormat.Id(connectionId))
            .With("$stream", stream);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
