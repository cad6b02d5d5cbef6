using System.Text;
using Microsoft.Data.Sqlite;
using StoreBooks.Core.State;

namespace StoreBooks.Storage.Sqlite;

/// <summary>
/// The <c>links</c> table, unique on (connection, kind, source id). A reserve is an insert that does nothing when the row
/// exists, then a select: concurrent reserves of one record, from any process, all get the same row.
/// The store stamps <see cref="Link.UpdatedAt"/> with its clock on every write; <see cref="Link.CreatedWith"/> is kept once set.
/// </summary>
internal sealed class SqliteLinkStore : ILinkStore
{
    /// <summary>Source ids per query in <see cref="FindManyAsync"/>, well under SQLite's parameter limit.</summary>
    private const int FindManyChunk = 500;

    private const string Columns = "id, connection_id, kind, source_id, state, qbo_id, qbo_sync_token, attempt, fingerprint, created_with, message, updated_at, reference, warnings, warning_codes";

    private readonly SqliteDatabase _database;
    private readonly TimeProvider _time;

    public SqliteLinkStore(SqliteDatabase database, TimeProvider time)
    {
        _database = database;
        _time = time;
    }

    public async Task<Link?> FindAsync(Guid connectionId, LinkKind kind, string sourceId, CancellationToken cancellationToken)
    {
        await using var db = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
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

        await using var db = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        foreach (var chunk in sourceIds.Distinct(StringComparer.Ordinal).Chunk(FindManyChunk))
        {
            var sql = new StringBuilder($"SELECT {Columns} FROM links WHERE connection_id = $connection_id AND kind = $kind AND source_id IN (");
            await using var command = db.Command(string.Empty)
                .With("$connection_id", ColumnFormat.Id(connectionId))
                .With("$kind", ColumnFormat.Kind(kind));
            for (var i = 0; i < chunk.Length; i++)
            {
                sql.Append(i == 0 ? "$s0" : $", $s{i}");
                command.With($"$s{i}", chunk[i]);
            }

            command.CommandText = sql.Append(");").ToString();
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
        await using var db = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (var insert = db.Command(
            $"""
            INSERT INTO links ({Columns})
            VALUES ($id, $connection_id, $kind, $source_id, $state, NULL, NULL, 1, NULL, NULL, NULL, $updated_at, NULL, NULL, NULL)
            ON CONFLICT (connection_id, kind, source_id) DO NOTHING;
            """)
            .With("$id", ColumnFormat.Id(Guid.NewGuid()))
            .With("$connection_id", ColumnFormat.Id(connectionId))
            .With("$kind", ColumnFormat.Kind(kind))
            .With("$source_id", sourceId)
            .With("$state", ColumnFormat.State(LinkState.Pending))
            .With("$updated_at", ColumnFormat.Time(_time.GetUtcNow())))
        {
            try
            {
                await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (SqliteException e) when (e.IsMissingConnection())
            {
                throw SqliteCommands.MissingConnection(connectionId, e);
            }
        }

        return await FindAsync(db, connectionId, kind, sourceId, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"The link for {kind} {sourceId} of connection {connectionId} vanished right after it was reserved.");
    }

    public async Task SaveAsync(Link link, CancellationToken cancellationToken)
    {
        await using var db = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = db.Command(
            $"""
            INSERT INTO links ({Columns})
            VALUES ($id, $connection_id, $kind, $source_id, $state, $qbo_id, $qbo_sync_token, $attempt, $fingerprint, $created_with, $message, $updated_at, $reference, $warnings, $warning_codes)
            ON CONFLICT (id) DO UPDATE SET
                state = excluded.state, qbo_id = excluded.qbo_id, qbo_sync_token = excluded.qbo_sync_token, attempt = excluded.attempt,
                fingerprint = excluded.fingerprint, created_with = COALESCE(links.created_with, excluded.created_with),
                message = excluded.message, updated_at = excluded.updated_at,
                reference = COALESCE(excluded.reference, links.reference), warnings = excluded.warnings, warning_codes = excluded.warning_codes;
            """)
            .With("$id", ColumnFormat.Id(link.Id))
            .With("$connection_id", ColumnFormat.Id(link.ConnectionId))
            .With("$kind", ColumnFormat.Kind(link.Kind))
            .With("$source_id", link.SourceId)
            .With("$state", ColumnFormat.State(link.State))
            .With("$qbo_id", link.QboId)
            .With("$qbo_sync_token", link.QboSyncToken)
            .With("$attempt", link.Attempt)
            .With("$fingerprint", link.Fingerprint)
            .With("$created_with", link.CreatedWith)
            .With("$message", link.Message)
            .With("$updated_at", ColumnFormat.Time(_time.GetUtcNow()))
            .With("$reference", link.Reference)
            .With("$warnings", ColumnFormat.Warnings(link.Warnings))
            .With("$warning_codes", ColumnFormat.WarningCodes(link));
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException e) when (e.IsMissingConnection())
        {
            throw SqliteCommands.MissingConnection(link.ConnectionId, e);
        }
        catch (SqliteException e) when (e.SqliteExtendedErrorCode == SqliteCommands.UniqueViolation)
        {
            throw new InvalidOperationException(
                $"Connection {link.ConnectionId} already has another link for {link.Kind} {link.SourceId}; reserve the record and save that link instead.", e);
        }
    }

    public async Task<IReadOnlyList<Link>> ListAsync(Guid connectionId, LinkKind? kind, LinkState? state, CancellationToken cancellationToken)
    {
        await using var db = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = db.Command(string.Empty).With("$connection_id", ColumnFormat.Id(connectionId));
        var sql = new StringBuilder($"SELECT {Columns} FROM links WHERE connection_id = $connection_id");
        if (kind is { } k)
        {
            sql.Append(" AND kind = $kind");
            command.With("$kind", ColumnFormat.Kind(k));
        }

        if (state is { } s)
        {
            sql.Append(" AND state = $state");
            command.With("$state", ColumnFormat.State(s));
        }

        command.CommandText = sql.Append(" ORDER BY updated_at, id;").ToString();
        return await ReadAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<Link>> ListRecentAsync(Guid connectionId, LinkKind kind, LinkState state, int limit, CancellationToken cancellationToken)
    {
        await using var db = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = db.Command($"SELECT {Columns} FROM links WHERE connection_id = $connection_id AND kind = $kind AND state = $state ORDER BY updated_at DESC, id LIMIT $limit;")
            .With("$connection_id", ColumnFormat.Id(connectionId))
            .With("$kind", ColumnFormat.Kind(kind))
            .With("$state", ColumnFormat.State(state))
            .With("$limit", Math.Max(0, limit));
        return await ReadAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<Link>> ListWarnedAsync(Guid connectionId, LinkKind kind, int limit, CancellationToken cancellationToken)
    {
        await using var db = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = db.Command($"SELECT {Columns} FROM links WHERE connection_id = $connection_id AND kind = $kind AND warnings IS NOT NULL ORDER BY updated_at DESC, id LIMIT $limit;")
            .With("$connection_id", ColumnFormat.Id(connectionId))
            .With("$kind", ColumnFormat.Kind(kind))
            .With("$limit", Math.Max(0, limit));
        return await ReadAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<LinkCounts> CountAsync(Guid connectionId, LinkKind kind, CancellationToken cancellationToken)
    {
        await using var db = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = db.Command(
            "SELECT state, COUNT(*), SUM(warnings IS NOT NULL) FROM links WHERE connection_id = $connection_id AND kind = $kind GROUP BY state;")
            .With("$connection_id", ColumnFormat.Id(connectionId))
            .With("$kind", ColumnFormat.Kind(kind));
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
        await using var db = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = db.Command($"SELECT {Columns} FROM links WHERE connection_id = $connection_id AND kind = $kind AND reference = $reference ORDER BY updated_at, id;")
            .With("$connection_id", ColumnFormat.Id(connectionId))
            .With("$kind", ColumnFormat.Kind(kind))
            .With("$reference", reference);
        return await ReadAsync(command, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<Link?> FindAsync(SqliteConnection db, Guid connectionId, LinkKind kind, string sourceId, CancellationToken cancellationToken)
    {
        await using var command = db.Command($"SELECT {Columns} FROM links WHERE connection_id = $connection_id AND kind = $kind AND source_id = $source_id;")
            .With("$connection_id", ColumnFormat.Id(connectionId))
            .With("$kind", ColumnFormat.Kind(kind))
            .With("$source_id", sourceId);
        return (await ReadAsync(command, cancellationToken).ConfigureAwait(false)).SingleOrDefault();
    }

    private static async Task<List<Link>> ReadAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        var links = new List<Link>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            links.Add(new Link
            {
                Id = Guid.Parse(reader.GetString(0)),
                ConnectionId = Guid.Parse(reader.GetString(1)),
                Kind = ColumnFormat.ParseKind(reader.GetString(2)),
                SourceId = reader.GetString(3),
                State = ColumnFormat.ParseState(reader.GetString(4)),
                QboId = reader.GetNullableString(5),
                QboSyncToken = reader.GetNullableString(6),
                Attempt = reader.GetInt32(7),
                Fingerprint = reader.GetNullableString(8),
                CreatedWith = reader.GetNullableString(9),
                Message = reader.GetNullableString(10),
                UpdatedAt = ColumnFormat.ParseTime(reader.GetString(11)),
                Reference = reader.GetNullableString(12),
                Warnings = ColumnFormat.ParseWarnings(reader.GetNullableString(13)),
                WarningDetails = ColumnFormat.ParseWarningCodes(reader.GetNullableString(14), ColumnFormat.ParseWarnings(reader.GetNullableString(13))),
            });
        }

        return links;
    }
}
