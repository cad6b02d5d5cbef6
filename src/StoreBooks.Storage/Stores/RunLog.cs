using System.Data.Common;
using StoreBooks.Core.Messages;
using StoreBooks.Core.State;
using StoreBooks.Storage.Sql;
using StoreBooks.Storage.Sqlite;

namespace StoreBooks.Storage.Stores;

/// <summary>
/// The <c>sync_runs</c> and <c>sync_issues</c> tables. A record has at most one open issue (a partial unique index);
/// raising it again keeps its id and first <see cref="SyncIssue.RaisedAt"/> and refreshes the run, reference and message.
/// </summary>
internal sealed class RunLog : IRunLog
{
    private const string RunColumns = "id, connection_id, reason, started_at, finished_at, outcome, counts, error, error_code, error_args";
    /// <summary>
    /// An issue raised again with the same words keeps the code and arguments it has: a record refused again unchanged is
    /// reported from the text its link kept, while the first report had the whole message.
    /// </summary>
    private const string KeepsCodedMessage = "excluded.message = sync_issues.message AND sync_issues.message_code IS NOT NULL";

    private const string IssueColumns = "id, connection_id, run_id, kind, source_id, reference, message, raised_at, resolved_at, message_code, message_args";

    private readonly StoreDialect _sql;
    private readonly TimeProvider _time;

    public RunLog(StoreDialect sql, TimeProvider time)
    {
        _sql = sql;
        _time = time;
    }

    public async Task<SyncRun> StartAsync(Guid connectionId, string trigger, DateTimeOffset startedAt, CancellationToken cancellationToken)
    {
        var run = new SyncRun { Id = Guid.NewGuid(), ConnectionId = connectionId, Trigger = trigger, StartedAt = _sql.Kept(startedAt) };
        await using var db = await _sql.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = db.Command(
            $"INSERT INTO sync_runs ({RunColumns}) VALUES (@id, @connection_id, @reason, @started_at, NULL, @outcome, @counts, NULL, NULL, NULL);")
            .WithId("id", run.Id)
            .WithId("connection_id", connectionId)
            .WithText("reason", trigger)
            .WithTime("started_at", run.StartedAt)
            .WithText("outcome", ColumnFormat.Outcome(run.Outcome))
            .WithJson("counts", ColumnFormat.Counts(run.Counts));
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbException e) when (_sql.IsForeignKeyViolation(e))
        {
            throw StoreDialect.MissingConnection(connectionId, e);
        }

        return run;
    }

    public async Task<int> AbandonRunningAsync(Guid connectionId, DateTimeOffset before, DateTimeOffset finishedAt, SyncMessage error, CancellationToken cancellationToken)
    {
        await using var db = await _sql.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = db.Command(
            "UPDATE sync_runs SET finished_at = @finished_at, outcome = @abandoned, error = @error, error_code = @error_code, error_args = @error_args " +
            "WHERE connection_id = @connection_id AND outcome = @running AND started_at < @before;")
            .WithId("connection_id", connectionId)
            .WithTime("finished_at", finishedAt)
            .WithText("abandoned", ColumnFormat.Outcome(RunOutcome.Abandoned))
            .WithText("running", ColumnFormat.Outcome(RunOutcome.Running))
            .WithTime("before", before)
            .WithText("error", error.Text)
            .WithText("error_code", error.Code)
            .WithJson("error_args", error.Code is null ? null : SyncMessageJson.WriteArgs(error));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task FinishAsync(SyncRun run, CancellationToken cancellationToken)
    {
        await using var db = await _sql.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = db.Command(
            "UPDATE sync_runs SET finished_at = @finished_at, outcome = @outcome, counts = @counts, error = @error, error_code = @error_code, error_args = @error_args " +
            "WHERE id = @id;")
            .WithId("id", run.Id)
            .WithTime("finished_at", run.FinishedAt ?? _time.GetUtcNow())
            .WithText("outcome", ColumnFormat.Outcome(run.Outcome))
            .WithJson("counts", ColumnFormat.Counts(run.Counts))
            .WithText("error", run.Error)
            .WithText("error_code", run.Error is null ? null : run.ErrorDetail?.Code)
            .WithJson("error_args", run is { Error: not null, ErrorDetail: { Code: not null } detail } ? SyncMessageJson.WriteArgs(detail) : null);
        if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
        {
            throw new InvalidOperationException($"Run {run.Id} of connection {run.ConnectionId} was never started in the state store.");
        }
    }

    public async Task RaiseAsync(SyncIssue issue, CancellationToken cancellationToken)
    {
        await using var db = await _sql.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = db.Command(
            $"""
            INSERT INTO sync_issues ({IssueColumns})
            VALUES (@id, @connection_id, @run_id, @kind, @source_id, @reference, @message, @raised_at, NULL, @message_code, @message_args)
            ON CONFLICT (connection_id, kind, source_id) WHERE resolved_at IS NULL
            DO UPDATE SET run_id = excluded.run_id, reference = excluded.reference, message = excluded.message,
                message_code = CASE WHEN {KeepsCodedMessage} THEN sync_issues.message_code ELSE excluded.message_code END,
                message_args = CASE WHEN {KeepsCodedMessage} THEN sync_issues.message_args ELSE excluded.message_args END;
            """)
            .WithId("id", issue.Id)
            .WithId("connection_id", issue.ConnectionId)
            .WithId("run_id", issue.RunId == Guid.Empty ? null : issue.RunId)
            .WithText("kind", ColumnFormat.Kind(issue.Kind))
            .WithText("source_id", issue.SourceId)
            .WithText("reference", issue.Reference)
            .WithText("message", issue.Message)
            .WithText("message_code", issue.Detail?.Code)
            .WithJson("message_args", issue.Detail is { Code: not null } detail ? SyncMessageJson.WriteArgs(detail) : null)
            .WithTime("raised_at", issue.RaisedAt == default ? _time.GetUtcNow() : issue.RaisedAt);
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbException e) when (_sql.IsForeignKeyViolation(e))
        {
            throw StoreDialect.MissingConnection(issue.ConnectionId, e);
        }
    }

    public async Task ResolveAsync(Guid connectionId, LinkKind kind, string sourceId, DateTimeOffset resolvedAt, CancellationToken cancellationToken)
    {
        await using var db = await _sql.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = db.Command(
            """
            UPDATE sync_issues SET resolved_at = @resolved_at
             WHERE connection_id = @connection_id AND kind = @kind AND source_id = @source_id AND resolved_at IS NULL;
            """)
            .WithId("connection_id", connectionId)
            .WithText("kind", ColumnFormat.Kind(kind))
            .WithText("source_id", sourceId)
            .WithTime("resolved_at", resolvedAt);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<PrunedRuns> PruneAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        // A connection's last run is kept however old (it is what its page shows), and so is a run still going.
        var runs = await DeleteInBatchesAsync(
            """
            DELETE FROM sync_runs WHERE id IN (
                SELECT r.id FROM sync_runs r
                WHERE r.started_at < @before AND r.finished_at IS NOT NULL
                  AND EXISTS (SELECT 1 FROM sync_runs n WHERE n.connection_id = r.connection_id AND n.started_at > r.started_at)
                LIMIT @batch);
            """, before, cancellationToken).ConfigureAwait(false);
        // Open issues stay whatever their age: they are records still to be fixed.
        var issues = await DeleteInBatchesAsync(
            "DELETE FROM sync_issues WHERE id IN (SELECT id FROM sync_issues WHERE resolved_at < @before LIMIT @batch);",
            before, cancellationToken).ConfigureAwait(false);
        return new PrunedRuns(runs, issues);
    }

    /// <summary>Runs a bounded delete until it deletes no more, so a first purge of a long log holds no lock for long.</summary>
    private async Task<int> DeleteInBatchesAsync(string sql, DateTimeOffset before, CancellationToken cancellationToken)
    {
        const int Batch = 1000;
        var total = 0;
        int deleted;
        do
        {
            await using var db = await _sql.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = db.Command(sql).WithTime("before", before).WithLong("batch", Batch);
            deleted = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            total += deleted;
        }
        while (deleted == Batch);

        return total;
    }

    public async Task<IReadOnlyList<SyncRun>> ListRunsAsync(Guid connectionId, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var db = await _sql.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = db.Command(
            $"SELECT {RunColumns} FROM sync_runs WHERE connection_id = @connection_id ORDER BY started_at DESC, id LIMIT @limit;")
            .WithId("connection_id", connectionId)
            .WithLong("limit", limit);
        var runs = new List<SyncRun>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            runs.Add(new SyncRun
            {
                Id = reader.GetId(0),
                ConnectionId = reader.GetId(1),
                Trigger = reader.GetString(2),
                StartedAt = reader.GetTime(3),
                FinishedAt = reader.GetNullableTime(4),
                Outcome = ColumnFormat.ParseOutcome(reader.GetString(5)),
                Counts = ColumnFormat.ParseCounts(reader.GetString(6)),
                Error = reader.GetNullableString(7),
                ErrorDetail = reader.IsDBNull(7) || reader.IsDBNull(8) ? null : SyncMessageJson.Read(reader.GetString(8), reader.GetNullableString(9), reader.GetString(7)),
            });
        }

        return runs;
    }

    public async Task<IReadOnlyList<SyncIssue>> ListOpenIssuesAsync(Guid connectionId, CancellationToken cancellationToken)
    {
        await using var db = await _sql.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = db.Command(
            $"SELECT {IssueColumns} FROM sync_issues WHERE connection_id = @connection_id AND resolved_at IS NULL ORDER BY raised_at, id;")
            .WithId("connection_id", connectionId);
        var issues = new List<SyncIssue>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            issues.Add(new SyncIssue
            {
                Id = reader.GetId(0),
                ConnectionId = reader.GetId(1),
                RunId = reader.IsDBNull(2) ? Guid.Empty : reader.GetId(2),
                Kind = ColumnFormat.ParseKind(reader.GetString(3)),
                SourceId = reader.GetString(4),
                Reference = reader.GetString(5),
                Message = reader.GetString(6),
                Detail = reader.IsDBNull(9) ? null : SyncMessageJson.Read(reader.GetString(9), reader.GetNullableString(10), reader.GetString(6)),
                RaisedAt = reader.GetTime(7),
                ResolvedAt = reader.GetNullableTime(8),
            });
        }

        return issues;
    }
}
