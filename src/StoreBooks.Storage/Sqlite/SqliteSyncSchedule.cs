using Microsoft.Data.Sqlite;
using StoreBooks.Core.State;

namespace StoreBooks.Storage.Sqlite;

/// <summary>
/// The <c>sync_schedule</c> table: one row per connection, made by its first request or run. A connection without a row is due
/// (it has never run here), so a new connection syncs as soon as a server sees it.
/// </summary>
internal sealed class SqliteSyncSchedule : ISyncSchedule
{
    private const string Columns =
        "connection_id, next_sync_at, requests > requests_seen, sync_requested_at, request_reason, last_started_at, last_finished_at";

    private readonly SqliteDatabase _database;
    private readonly TimeProvider _time;

    public SqliteSyncSchedule(SqliteDatabase database, TimeProvider time)
    {
        _database = database;
        _time = time;
    }

    public async Task<IReadOnlyList<DueSync>> ListDueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var db = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = db.Command(
            """
            SELECT c.id, s.requests > s.requests_seen AS requested, s.request_reason
              FROM connections c LEFT JOIN sync_schedule s ON s.connection_id = c.id
             WHERE s.connection_id IS NULL OR s.requests > s.requests_seen OR s.next_sync_at <= $now
             ORDER BY requested DESC, COALESCE(s.next_sync_at, s.sync_requested_at, '') ASC, c.name ASC;
            """)
            .With("$now", ColumnFormat.Time(now));
        var due = new List<DueSync>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var requested = !reader.IsDBNull(1) && reader.GetInt64(1) != 0;
            var reason = requested ? reader.GetNullableString(2) ?? "requested" : "schedule";
            due.Add(new DueSync(Guid.Parse(reader.GetString(0)), reason));
        }

        return due;
    }

    public async Task<SyncSchedule?> GetAsync(Guid connectionId, CancellationToken cancellationToken)
    {
        await using var db = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = db.Command($"SELECT {Columns} FROM sync_schedule WHERE connection_id = $connection_id;")
            .With("$connection_id", ColumnFormat.Id(connectionId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return new SyncSchedule
        {
            ConnectionId = Guid.Parse(reader.GetString(0)),
            NextSyncAt = Time(reader, 1),
            Requested = reader.GetInt64(2) != 0,
            SyncRequestedAt = Time(reader, 3),
            RequestReason = reader.GetNullableString(4),
            LastStartedAt = Time(reader, 5),
            LastFinishedAt = Time(reader, 6),
        };
    }

    public Task RequestAsync(Guid connectionId, string reason, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return ExecuteAsync(
            connectionId,
            """
            INSERT INTO sync_schedule (connection_id, requests, requests_seen, sync_requested_at, request_reason, updated_at)
            VALUES ($connection_id, 1, 0, $at, $reason, $updated_at)
            ON CONFLICT (connection_id) DO UPDATE SET
                requests = requests + 1, sync_requested_at = excluded.sync_requested_at, request_reason = excluded.request_reason,
                updated_at = excluded.updated_at;
            """,
            command => command.With("$at", ColumnFormat.Time(at)).With("$reason", reason),
            cancellationToken);
    }

    public Task StartedAsync(Guid connectionId, DateTimeOffset at, CancellationToken cancellationToken) =>
        ExecuteAsync(
            connectionId,
            """
            INSERT INTO sync_schedule (connection_id, requests, requests_seen, last_started_at, updated_at)
            VALUES ($connection_id, 0, 0, $at, $updated_at)
            ON CONFLICT (connection_id) DO UPDATE SET
                requests_seen = requests, last_started_at = excluded.last_started_at, updated_at = excluded.updated_at;
            """,
            command => command.With("$at", ColumnFormat.Time(at)),
            cancellationToken);

    public Task FinishedAsync(Guid connectionId, DateTimeOffset at, DateTimeOffset? nextSyncAt, CancellationToken cancellationToken) =>
        ExecuteAsync(
            connectionId,
            """
            INSERT INTO sync_schedule (connection_id, next_sync_at, requests, requests_seen, last_finished_at, updated_at)
            VALUES ($connection_id, $next_sync_at, 0, 0, $at, $updated_at)
            ON CONFLICT (connection_id) DO UPDATE SET
                next_sync_at = excluded.next_sync_at, last_finished_at = excluded.last_finished_at, updated_at = excluded.updated_at;
            """,
            command => command.With("$at", ColumnFormat.Time(at)).With("$next_sync_at", nextSyncAt is { } next ? ColumnFormat.Time(next) : null),
            cancellationToken);

    private async Task ExecuteAsync(Guid connectionId, string sql, Action<SqliteCommand> bind, CancellationToken cancellationToken)
    {
        await using var db = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = db.Command(sql)
            .With("$connection_id", ColumnFormat.Id(connectionId))
            .With("$updated_at", ColumnFormat.Time(_time.GetUtcNow()));
        bind(command);
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException e) when (e.IsMissingConnection())
        {
            throw SqliteCommands.MissingConnection(connectionId, e);
        }
    }

    private static DateTimeOffset? Time(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : ColumnFormat.ParseTime(reader.GetString(ordinal));
}
