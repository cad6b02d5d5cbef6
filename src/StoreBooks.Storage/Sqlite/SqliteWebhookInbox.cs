using Microsoft.Data.Sqlite;
using StoreBooks.Core.State;

namespace StoreBooks.Storage.Sqlite;

/// <summary>
/// The <c>webhook_inbox</c> table: its unique (connection, provider, event id) is what makes a duplicate a duplicate; the
/// <c>body_sha256</c> of a delivery's first event is what makes a replay under a fresh event id one.
/// </summary>
internal sealed class SqliteWebhookInbox : IWebhookInbox
{
    private readonly SqliteDatabase _database;

    public SqliteWebhookInbox(SqliteDatabase database)
    {
        _database = database;
    }

    public async Task<WebhookAdmission> AddAsync(WebhookDelivery delivery, DateTimeOffset replaysSince, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(delivery.Provider);
        ArgumentException.ThrowIfNullOrWhiteSpace(delivery.EventId);
        await using var db = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);

        // One statement: an INSERT takes the write lock before it reads, so the replay lookup and the insert see the same rows.
        // Only a delivery that was itself new can be replayed, so the window runs from the first one, however often it is replayed.
        await using var command = db.Command(
            """
            INSERT INTO webhook_inbox (connection_id, provider, event_id, topic, received_at, body_sha256, replay_of)
            VALUES ($connection_id, $provider, $event_id, $topic, $received_at, $body_sha256,
                (SELECT event_id FROM webhook_inbox
                  WHERE $body_sha256 IS NOT NULL AND connection_id = $connection_id AND provider = $provider
                    AND body_sha256 = $body_sha256 AND topic IS $topic AND replay_of IS NULL AND received_at >= $since
                  ORDER BY received_at, rowid LIMIT 1))
            ON CONFLICT (connection_id, provider, event_id) DO NOTHING
            RETURNING replay_of;
            """)
            .With("$connection_id", ColumnFormat.Id(delivery.ConnectionId))
            .With("$provider", delivery.Provider)
            .With("$event_id", delivery.EventId)
            .With("$topic", delivery.Topic)
            .With("$received_at", ColumnFormat.Time(delivery.ReceivedAt))
            .With("$body_sha256", delivery.BodyHash)
            .With("$since", ColumnFormat.Time(replaysSince));
        try
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return WebhookAdmission.SeenEvent;
            }

            return reader.IsDBNull(0) ? WebhookAdmission.New : WebhookAdmission.Replay;
        }
        catch (SqliteException e) when (e.IsMissingConnection())
        {
            throw SqliteCommands.MissingConnection(delivery.ConnectionId, e);
        }
    }

    public async Task RemoveAsync(Guid connectionId, string provider, string eventId, CancellationToken cancellationToken)
    {
        await using var db = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = db.Command(
            "DELETE FROM webhook_inbox WHERE connection_id = $connection_id AND provider = $provider AND event_id = $event_id;")
            .With("$connection_id", ColumnFormat.Id(connectionId))
            .With("$provider", provider)
            .With("$event_id", eventId);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<WebhookDelivery>> ListRecentAsync(Guid connectionId, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        await using var db = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = db.Command(
            """
            SELECT provider, event_id, topic, received_at, body_sha256, replay_of FROM webhook_inbox
             WHERE connection_id = $connection_id ORDER BY received_at DESC, rowid DESC LIMIT $limit;
            """)
            .With("$connection_id", ColumnFormat.Id(connectionId))
            .With("$limit", limit);
        var deliveries = new List<WebhookDelivery>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            deliveries.Add(new WebhookDelivery(
                connectionId,
                reader.GetString(0),
                reader.GetString(1),
                reader.GetNullableString(2),
                ColumnFormat.ParseTime(reader.GetString(3)),
                reader.GetNullableString(4),
                reader.GetNullableString(5)));
        }

        return deliveries;
    }

    public async Task<int> PurgeAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        await using var db = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = db.Command("DELETE FROM webhook_inbox WHERE received_at < $before;")
            .With("$before", ColumnFormat.Time(before));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
