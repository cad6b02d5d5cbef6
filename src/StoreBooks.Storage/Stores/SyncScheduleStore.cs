using System.Data.Common;
using StoreBooks.Core.State;
using StoreBooks.Storage.Sql;

namespace StoreBooks.Storage.Stores;

/// <summary>
/// The <c>sync_schedule</c> table: one row per connection, made by its first request or run. A connection without a row is due
/// (it has never run here), so a new connection syncs as soon as a server sees it. Requests are counted with
/// <c>requests = requests + 1</c> in an upsert, which applies to the row as it is after any concurrent one.
/// </summary>
internal sealed class SyncScheduleStore : ISyncSchedule
{
    private const string Columns =
        "connection_id, next_sync_at, requests > requests_seen, sync_requested_at, request_reason, last_started_at, last_finished_at";

    private readonly StoreDialect _sql;
    private readonly TimeProvider _time;

    public SyncScheduleStore(StoreDialect sql, TimeProvider time)
    {
        _sql = sql;
        _time = time;
    }

    public async Task<IReadOnlyList<DueSync>> ListDueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Requested first (a connection without a row has no request), then the longest due: a time not set sorts first.
        await using var db = await _sql.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = db.Command(
            $"""
            SELECT c.id, s.requests > s.requests_seen AS requested, s.request_reason
              FROM connections c LEFT JOIN sync_schedule s ON s.connection_id = c.id
             WHERE s.connection_id IS NULL OR s.requests > s.requests_seen OR s.next_sync_at <= @now
             ORDER BY requested DESC NULLS LAST, COALESCE(s.next_sync_at, s.sync_requested_at) ASC NULLS FIRST, {_sql.Ordinal("c.name")} ASC;
            """)
            .WithTime("now", now);
        var due = new List<DueSync>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var requested = !reader.IsDBNull(1) && reader.GetBoolean(1);
            var reason = requested ? reader.GetNullableString(2) ?? "requested" : "schedule";
            due.Add(new DueSync(reader.GetId(0), reason));
        }

        return due;
    }

    public async Task<SyncSchedule?> GetAsync(Guid connectionId, CancellationToken cancellationToken)
    {
        await using var db = await _sql.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = db.Command($"SELECT {Columns} FROM sync_schedule WHERE connection_id = @connection_id;")
            .WithId("connection_id", connectionId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return new SyncSchedule
        {
            ConnectionId = reader.GetId(0),
            NextSyncAt = reader.GetNullableTime(1),
            Requested = reader.GetBoolean(2),
            SyncRequestedAt = reader.GetNullableTime(3),
            RequestReason = reader.GetNullableString(4),
            LastStartedAt = reader.GetNullableTime(5),
            LastFinishedAt = reader.GetNullableTime(6),
        };
    }

    public Task RequestAsync(Guid connectionId, string reason, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return ExecuteAsync(
            connectionId,
            """
            INSERT INTO sync_schedule (connection_id, requests, requests_seen, sync_requested_at, request_reason, updated_at)
            VALUES (@connection_id, 1, 0, @at, @reason, @updated_at)
            ON CONFLICT (connection_id) DO UPDATE SET
                requests = sync_schedule.requests + 1, sync_requested_at = excluded.sync_requested_at,
                request_reason = excluded.request_reason, updated_at = excluded.updated_at;
            """,
            command => command.WithTime("at", at).WithText("reason", reason),
            cancellationToken);
    }

    public Task StartedAsync(Guid connectionId, DateTimeOffset at, CancellationToken cancellationToken) =>
        ExecuteAsync(
            connectionId,
            """
            INSERT INTO sync_schedule (connection_id, requests, requests_seen, last_started_at, updated_at)
            VALUES (@connection_id, 0, 0, @at, @updated_at)
            ON CONFLICT (connection_id) DO UPDATE SET
                requests_seen = sync_schedule.requests, last_started_at = excluded.last_started_at, updated_at = excluded.updated_at;
            """,
            command => command.WithTime("at", at),
            cancellationToken);

    public Task FinishedAsync(Guid connectionId, DateTimeOffset at, DateTimeOffset? nextSyncAt, CancellationToken cancellationToken) =>
        ExecuteAsync(
            connectionId,
            """
            INSERT INTO sync_schedule (connection_id, next_sync_at, requests, requests_seen, last_finished_at, updated_at)
            VALUES (@connection_id, @next_sync_at, 0, 0, @at, @updated_at)
            ON CONFLICT (connection_id) DO UPDATE SET
                next_sync_at = excluded.next_sync_at, last_finished_at = excluded.last_finished_at, updated_at = excluded.updated_at;
            """,
            command => command.WithTime("at", at).WithTime("next_sync_at", nextSyncAt),
            cancellationToken);

    private async Task ExecuteAsync(Guid connectionId, string sql, Action<StoreCommand> bind, CancellationToken cancellationToken)
    {
        await using var db = await _sql.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = db.Command(sql)
            .WithId("connection_id", connectionId)
            .WithTime("updated_at", _time.GetUtcNow());
        bind(command);
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbException e) when (_sql.IsForeignKeyViolation(e))
        {
            throw StoreDialect.MissingConnection(connectionId, e);
        }
    }
}
