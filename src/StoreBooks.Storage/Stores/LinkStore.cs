using System.Data.Common;
using System.Text;
using StoreBooks.Core.State;
using StoreBooks.Storage.Sql;
using StoreBooks.Storage.Sqlite;

namespace StoreBooks.Storage.Stores;

/// <summary>
/// The <c>links</c> table, unique on (connection, kind, source id). A reserve is an insert that does nothing when the row
/// exists, then a select: concurrent reserves of one record, from any process, all get the same row.
/// The store stamps <see cref="Link.UpdatedAt"/> with its clock on every write; <see cref="Link.CreatedWith"/> is kept once set.
/// </summary>
internal sealed class LinkStore : ILinkStore
{
    private const string Columns = "id, connection_id, kind, source_id, state, qbo_id, qbo_sync_token, attempt, fingerprint, created_with, message, updated_at, reference, warnings, warning_codes";

    private readonly StoreDialect _sql;
    private readonly TimeProvider _time;

    public LinkStore(StoreDialect sql, TimeProvider time)
    {
        _sql = sql;
        _time = time;
    }

    public async Task<Link?> FindAsync(Guid connectionId, LinkKind kind, string sourceId, CancellationToken cancellationToken)
    {
        await using var db = await _sql.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await FindAsync(db, connectionId, kind, sourceId, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyDictionary<string, Link>> FindManyAsync(
        Guid connectionId, LinkKind kind, IReadOnlyCollection<string> sourceIds, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, Link>(StringComparer.Ordinal);
        if (sourceIds.Count == 0)
        {
            return found;
        }

        // As few queries as the dialect allows: PostgreSQL takes every id in one array, SQLite a chunk at a time.
        var ids = sourceIds.Distinct(StringComparer.Ordinal).ToArray();
        await using var db = await _sql.OpenAsync(cancellationToken).ConfigureAwait(false);
        foreach (var chunk in ids.Chunk(Math.Min(ids.Length, _sql.MaxListLength)))
        {
            await using var command = db.Command(string.Empty)
                .WithId("connection_id", connectionId)
                .WithText("kind", ColumnFormat.Kind(kind));
            command.Sql = $"SELECT {Columns} FROM links WHERE connection_id = @connection_id AND kind = @kind AND {_sql.InList(command, "source_id", "source_id", chunk)};";
            foreach (var link in await ReadAsync(command, cancellationToken).ConfigureAwait(false))
            {
                found[link.SourceId] = link;
            }
        }

        return found;
    }

    public async Task<Link> ReserveAsync(Guid connectionId, LinkKind kind, string sourceId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(sourceId);
        await using var db = await _sql.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (var insert = db.Command(
            $"""
            INSERT INTO links ({Columns})
            VALUES (@id, @connection_id, @kind, @source_id, @state, NULL, NULL, 1, NULL, NULL, NULL, @updated_at, NULL, NULL, NULL)
            ON CONFLICT (connection_id, kind, source_id) DO NOTHING;
            """)
            .WithId("id", Guid.NewGuid())
            .WithId("connection_id", connectionId)
            .WithText("kind", ColumnFormat.Kind(kind))
            .WithText("source_id", sourceId)
            .WithText("state", ColumnFormat.State(LinkState.Pending))
            .WithTime("updated_at", _time.GetUtcNow()))
        {
            try
            {
                await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (DbException e) when (_sql.IsForeignKeyViolation(e))
            {
                throw StoreDialect.MissingConnection(connectionId, e);
            }
        }

        return await FindAsync(db, connectionId, kind, sourceId, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"The link for {kind} {sourceId} of connection {connectionId} vanished right after it was reserved.");
    }

    public async Task SaveAsync(Link link, CancellationToken cancellationToken)
    {
        await using var db = await _sql.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = db.Command(
            $"""
            INSERT INTO links ({Columns})
            VALUES (@id, @connection_id, @kind, @source_id, @state, @qbo_id, @qbo_sync_token, @attempt, @fingerprint, @created_with, @message, @updated_at, @reference, @warnings, @warning_codes)
            ON CONFLICT (id) DO UPDATE SET
                state = excluded.state, qbo_id = excluded.qbo_id, qbo_sync_token = excluded.qbo_sync_token, attempt = excluded.attempt,
                fingerprint = excluded.fingerprint, created_with = COALESCE(links.created_with, excluded.created_with),
                message = excluded.message, updated_at = excluded.updated_at,
                reference = COALESCE(excluded.reference, links.reference), warnings = excluded.warnings, warning_codes = excluded.warning_codes;
            """)
            .WithId("id", link.Id)
            .WithId("connection_id", link.ConnectionId)
            .WithText("kind", ColumnFormat.Kind(link.Kind))
            .WithText("source_id", link.SourceId)
            .WithText("state", ColumnFormat.State(link.State))
            .WithText("qbo_id", link.QboId)
            .WithText("qbo_sync_token", link.QboSyncToken)
            .WithLong("attempt", link.Attempt)
            .WithText("fingerprint", link.Fingerprint)
            .WithText("created_with", link.CreatedWith)
            .WithText("message", link.Message)
            .WithTime("updated_at", _time.GetUtcNow())
            .WithText("reference", link.Reference)
            .WithJson("warnings", ColumnFormat.Warnings(link.Warnings))
            .WithJson("warning_codes", ColumnFormat.WarningCodes(link));
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbException e) when (_sql.IsForeignKeyViolation(e))
        {
            throw StoreDialect.MissingConnection(link.ConnectionId, e);
        }
        catch (DbException e) when (_sql.IsUniqueViolation(e, "links_record_unique"))
        {
            throw new InvalidOperationException(
                $"Connection {link.ConnectionId} already has another link for {link.Kind} {link.SourceId}; reserve the record and save that link instead.", e);
        }
    }

    public async Task<IReadOnlyList<Link>> ListAsync(Guid connectionId, LinkKind? kind, LinkState? state, CancellationToken cancellationToken)
    {
        await using var db = await _sql.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = db.Command(string.Empty).WithId("connection_id", connectionId);
        var sql = new StringBuilder($"SELECT {Columns} FROM links WHERE connection_id = @connection_id");
        if (kind is { } k)
        {
            sql.Append(" AND kind = @kind");
            command.WithText("kind", ColumnFormat.Kind(k));
        }

        if (state is { } s)
        {
            sql.Append(" AND state = @state");
            command.WithText("state", ColumnFormat.State(s));
        }

        command.Sql = sql.Append(" ORDER BY updated_at, id;").ToString();
        return await ReadAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<Link>> ListRecentAsync(Guid connectionId, LinkKind kind, LinkState state, int limit, CancellationToken cancellationToken)
    {
        await using var db = await _sql.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = db.Command($"SELECT {Columns} FROM links WHERE connection_id = @connection_id AND kind = @kind AND state = @state ORDER BY updated_at DESC, id LIMIT @limit;")
            .WithId("connection_id", connectionId)
            .WithText("kind", ColumnFormat.Kind(kind))
            .WithText("state", ColumnFormat.State(state))
            .WithLong("limit", Math.Max(0, limit));
        return await ReadAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<Link>> ListWarnedAsync(Guid connectionId, LinkKind kind, int limit, CancellationToken cancellationToken)
    {
        await using var db = await _sql.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = db.Command($"SELECT {Columns} FROM links WHERE connection_id = @connection_id AND kind = @kind AND warnings IS NOT NULL ORDER BY updated_at DESC, id LIMIT @limit;")
            .WithId("connection_id", connectionId)
            .WithText("kind", ColumnFormat.Kind(kind))
            .WithLong("limit", Math.Max(0, limit));
        return await ReadAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<LinkCounts> CountAsync(Guid connectionId, LinkKind kind, CancellationToken cancellationToken)
    {
        await using var db = await _sql.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = db.Command(
            "SELECT state, count(*), count(warnings) FROM links WHERE connection_id = @connection_id AND kind = @kind GROUP BY state;")
            .WithId("connection_id", connectionId)
            .WithText("kind", ColumnFormat.Kind(kind));
        var byState = new Dictionary<LinkState, int>();
        var warned = 0;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            byState[ColumnFormat.ParseState(reader.GetString(0))] = reader.GetInt32(1);
            warned += reader.GetInt32(2);
        }

        return new LinkCounts(byState, warned);
    }

    public async Task<IReadOnlyList<Link>> FindByReferenceAsync(Guid connectionId, LinkKind kind, string reference, CancellationToken cancellationToken)
    {
        await using var db = await _sql.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = db.Command($"SELECT {Columns} FROM links WHERE connection_id = @connection_id AND kind = @kind AND reference = @reference ORDER BY updated_at, id;")
            .WithId("connection_id", connectionId)
            .WithText("kind", ColumnFormat.Kind(kind))
            .WithText("reference", reference);
        return await ReadAsync(command, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<Link?> FindAsync(StoreConnection db, Guid connectionId, LinkKind kind, string sourceId, CancellationToken cancellationToken)
    {
        await using var command = db.Command($"SELECT {Columns} FROM links WHERE connection_id = @connection_id AND kind = @kind AND source_id = @source_id;")
            .WithId("connection_id", connectionId)
            .WithText("kind", ColumnFormat.Kind(kind))
            .WithText("source_id", sourceId);
        return (await ReadAsync(command, cancellationToken).ConfigureAwait(false)).SingleOrDefault();
    }

    private static async Task<List<Link>> ReadAsync(StoreCommand command, CancellationToken cancellationToken)
    {
        var links = new List<Link>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            links.Add(new Link
            {
                Id = reader.GetId(0),
                ConnectionId = reader.GetId(1),
                Kind = ColumnFormat.ParseKind(reader.GetString(2)),
                SourceId = reader.GetString(3),
                State = ColumnFormat.ParseState(reader.GetString(4)),
                QboId = reader.GetNullableString(5),
                QboSyncToken = reader.GetNullableString(6),
                Attempt = reader.GetInt32(7),
                Fingerprint = reader.GetNullableString(8),
                CreatedWith = reader.GetNullableString(9),
                Message = reader.GetNullableString(10),
                UpdatedAt = reader.GetTime(11),
                Reference = reader.GetNullableString(12),
                Warnings = ColumnFormat.ParseWarnings(reader.GetNullableString(13)),
                WarningDetails = ColumnFormat.ParseWarningCodes(reader.GetNullableString(14), ColumnFormat.ParseWarnings(reader.GetNullableString(13))),
            });
        }

        return links;
    }
}
