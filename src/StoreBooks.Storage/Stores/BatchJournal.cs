using System.Data.Common;
using System.Text.Json;
using System.Text.Json.Serialization;
using StoreBooks.Core.State;
using StoreBooks.Storage.Sql;

namespace StoreBooks.Storage.Stores;

/// <summary>
/// The <c>qbo_batches</c> table: a row per batch request saved before it is sent, deleted once its answers are recorded. The
/// items are kept as text, exactly as sent; the members as JSON.
/// </summary>
internal sealed class BatchJournal : IBatchJournal
{
    private static readonly JsonSerializerOptions MemberJson = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
    private readonly StoreDialect _sql;
    private readonly TimeProvider _time;

    public BatchJournal(StoreDialect sql, TimeProvider time)
    {
        _sql = sql;
        _time = time;
    }

    public async Task OpenAsync(QboBatchRecord batch, CancellationToken cancellationToken)
    {
        await using var db = await _sql.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = db.Command(
            """
            INSERT INTO qbo_batches (id, connection_id, request_id, items, members, created_at)
            VALUES (@id, @connection_id, @request_id, @items, @members, @created_at);
            """)
            .WithId("id", batch.Id)
            .WithId("connection_id", batch.ConnectionId)
            .WithText("request_id", batch.RequestId)
            .WithText("items", batch.Items)
            .WithJson("members", JsonSerializer.Serialize(batch.Members, MemberJson))
            .WithTime("created_at", batch.CreatedAt == default ? _time.GetUtcNow() : batch.CreatedAt);
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbException e) when (_sql.IsForeignKeyViolation(e))
        {
            throw StoreDialect.MissingConnection(batch.ConnectionId, e);
        }
    }

    public async Task<IReadOnlyList<QboBatchRecord>> ListOpenAsync(Guid connectionId, CancellationToken cancellationToken)
    {
        await using var db = await _sql.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = db.Command(
            "SELECT id, request_id, items, members, created_at FROM qbo_batches WHERE connection_id = @connection_id ORDER BY created_at, id;")
            .WithId("connection_id", connectionId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var batches = new List<QboBatchRecord>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            batches.Add(new QboBatchRecord
            {
                Id = reader.GetId(0),
                ConnectionId = connectionId,
                RequestId = reader.GetString(1),
                Items = reader.GetString(2),
                Members = JsonSerializer.Deserialize<List<BatchMember>>(reader.GetString(3), MemberJson) ?? [],
                CreatedAt = reader.GetTime(4),
            });
        }

        return batches;
    }

    public async Task CloseAsync(Guid batchId, CancellationToken cancellationToken)
    {
        await using var db = await _sql.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = db.Command("DELETE FROM qbo_batches WHERE id = @id;").WithId("id", batchId);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
