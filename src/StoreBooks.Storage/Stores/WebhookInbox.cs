using System.Data.Common;
using StoreBooks.Core.State;
using StoreBooks.Storage.Sql;

namespace StoreBooks.Storage.Stores;

/// <summary>
/// The <c>webhook_inbox</c> table: its unique (connection, provider, event id) is what makes a duplicate a duplicate; the
/// <c>body_sha256</c> of a delivery's first event is what makes a replay under a fresh event id one. The replay lookup and the
/// insert are one statement in a write transaction. SQLite's takes the file's write lock, so they see the same rows; PostgreSQL
/// runs two such inserts side by side, each blind to the other's uncommitted row, so a delivery with a body hash there first takes
/// a lock on (connection, provider, body hash) and the second waits, then sees the first.
/// </summary>
internal sealed class WebhookInbox : IWebhookInbox
{
    /// <summary>The lock class of the body locks, StoreBooks' own ("SBwh"); the key is the body's identity.</summary>
    private const int LockClass = 0x53427768;

    private readonly StoreDialect _sql;

    public WebhookInbox(StoreDialect sql)
    {
        _sql = sql;
    }

    public async Task<WebhookAdmission> AddAsync(WebhookDelivery delivery, DateTimeOffset replaysSince, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(delivery.Provider);
        ArgumentException.ThrowIfNullOrWhiteSpace(delivery.EventId);
        await using var db = await _sql.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await db.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        if (delivery.BodyHash is { } body)
        {
            await _sql.LockKeyAsync(transaction, LockClass, $"{delivery.ConnectionId:D} {delivery.Provider} {body}", cancellationToken).ConfigureAwait(false);
        }

        // Only a delivery that was itself new can be replayed, so the window runs from the first one, however often it is replayed.
        await using var command = db.Command(
            $"""
            INSERT INTO webhook_inbox (connection_id, provider, event_id, topic, received_at, body_sha256, replay_of)
            VALUES (@connection_id, @provider, @event_id, @topic, @received_at, @body_sha256,
                (SELECT event_id FROM webhook_inbox
                  WHERE @body_sha256 IS NOT NULL AND connection_id = @connection_id AND provider = @provider
                    AND body_sha256 = @body_sha256 AND topic IS NOT DISTINCT FROM @topic AND replay_of IS NULL AND received_at >= @since
                  ORDER BY received_at, {_sql.ArrivalOrder} LIMIT 1))
            ON CONFLICT (connection_id, provider, event_id) DO NOTHING
            RETURNING replay_of;
            """,
            transaction)
            .WithId("connection_id", delivery.ConnectionId)
            .WithText("provider", delivery.Provider)
            .WithText("event_id", delivery.EventId)
            .WithText("topic", delivery.Topic)
            .WithTime("received_at", delivery.ReceivedAt)
            .WithText("body_sha256", delivery.BodyHash)
            .WithTime("since", replaysSince);
        try
        {
            WebhookAdmission admission;
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                admission = !await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? WebhookAdmission.SeenEvent
                    : reader.IsDBNull(0) ? WebhookAdmission.New
                    : WebhookAdmission.Replay;
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return admission;
        }
        catch (DbException e) when (_sql.IsForeignKeyViolation(e))
        {
            throw StoreDialect.MissingConnection(delivery.ConnectionId, e);
        }
    }

    public async Task RemoveAsync(Guid connectionId, string provider, string eventId, CancellationToken cancellationToken)
    {
        await using var db = await _sql.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = db.Command(
            "DELETE FROM webhook_inbox WHERE connection_id = @connection_id AND provider = @provider AND event_id = @event_id;")
            .WithId("connection_id", connectionId)
            .WithText("provider", provider)
            .WithText("event_id", eventId);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<WebhookDelivery>> ListRecentAsync(Guid connectionId, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        await using var db = await _sql.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = db.Command(
            $"""
            SELECT provider, event_id, topic, received_at, body_sha256, replay_of FROM webhook_inbox
             WHERE connection_id = @connection_id ORDER BY received_at DESC, {_sql.ArrivalOrder} DESC LIMIT @limit;
            """)
            .WithId("connection_id", connectionId)
            .WithLong("limit", limit);
        var deliveries = new List<WebhookDelivery>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            deliveries.Add(new WebhookDelivery(
                connectionId,
                reader.GetString(0),
                reader.GetString(1),
                reader.GetNullableString(2),
                reader.GetTime(3),
                reader.GetNullableString(4),
                reader.GetNullableString(5)));
        }

        return deliveries;
    }

    public async Task<int> PurgeAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        await using var db = await _sql.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = db.Command("DELETE FROM webhook_inbox WHERE received_at < @before;").WithTime("before", before);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
