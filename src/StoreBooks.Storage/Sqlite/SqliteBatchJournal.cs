using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Data.Sqlite;
using StoreBooks.Core.State;

namespace StoreBooks.Storage.Sqlite;

/// <summary>The <c>qbo_batches</c> table: a row per batch request saved before it is sent, deleted once its answers are recorded.</summary>
internal sealed class SqliteBatchJournal : IBatchJournal
{
    private static readonly JsonSerializerOptions MemberJson = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
    private readonly SqliteDatabase _database;
    private readonly TimeProvider _time;

    public SqliteBatchJournal(SqliteDatabase database, TimeProvider time)
    {
        _database = database;
        _time = time;
    }

    public async Task OpenAsync(QboBatchRecord batch, CancellationToken cancellationToken)
    {
        await using var db = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = db.Command(
            """
            INSERT INTO qbo_batches (id, connection_id, request_id, items, members, created_at)
            VALUES ($id, $connection_id, $request_id, $items, $members, $created_at);
            """)
            .With("$id", ColumnFormat.Id(batch.Id))
            .With("$connection_id", ColumnFormat.Id(batch.ConnectionId))
            .With("$request_id", batch.RequestId)
            .With("$items", batch.Items)
            .With("$members", JsonSerializer.Serialize(batch.Members, MemberJson))
            .With("$created_at", ColumnFormat.Time(batch.CreatedAt == default ? _time.GetUtcNow() : batch.CreatedAt));
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException e) when (e.IsMissingConnection())
        {
            throw SqliteCommands.MissingConnection(batch.ConnectionId, e);
        }
    }

    public async Task<IReadOnlyList<QboBatchRecord>> ListOpenAsync(Guid connectionId, CancellationToken cancellationToken)
    {
        await using var db = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = db.Command(
            "SELECT id, request_id, items, members, created_at FROM qbo_batches WHERE connection_id = $connection_id ORDER BY created_at, id;")
            .With("$connection_id", ColumnFormat.Id(connectionId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var batches = new List<QboBatchRecord>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            batches.Add(new QboBatchRecord
            {
                Id = Guid.Parse(reader.GetString(0)),
                ConnectionId = connectionId,
                RequestId = reader.GetString(1),
                Items = reader.GetString(2),
                Members = JsonSerializer.Deserialize<List<BatchMember>>(reader.GetString(3), MemberJson) ?? [],
                CreatedAt = ColumnFormat.ParseTime(reader.GetString(4)),
            });
        }

        return batches;
    }

    public async Task CloseAsync(Guid batchId, CancellationToken cancellationToken)
    {
        await using var db = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = db.Command("DELETE FROM qbo_batches WHERE id = $id;").With("$id", ColumnFormat.Id(batchId));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
