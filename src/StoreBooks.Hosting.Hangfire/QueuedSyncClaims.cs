using Npgsql;

namespace StoreBooks.Hosting.Hangfire;

/// <summary>
/// The table that keeps one job per connection: <c>queued_syncs</c>, a row per connection whose job is queued, running or
/// waiting for a retry. A queue claims the row before it makes the job (the primary key lets one claim win, whichever process
/// asks) and the job's end (succeeded, failed for good, deleted) gives it back; a claim older than the lifetime is taken over.
/// </summary>
public sealed class QueuedSyncClaims : IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly string _table;
    private readonly TimeSpan _lifetime;
    private readonly TimeProvider _time;

    public QueuedSyncClaims(string connectionString, string schema, TimeSpan lifetime, TimeProvider time)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (string.IsNullOrEmpty(builder.ApplicationName))
        {
            builder.ApplicationName = "StoreBooks";
        }

        _dataSource = NpgsqlDataSource.Create(builder);
        _table = TableOf(schema);
        _lifetime = lifetime;
        _time = time;
    }

    /// <summary>The statement that makes the table (run once with Hangfire's schema).</summary>
    public static string CreateTableSql(string schema) =>
        $"CREATE TABLE IF NOT EXISTS {TableOf(schema)} (connection_id uuid PRIMARY KEY, claimed_at timestamptz NOT NULL);";

    /// <summary>Claims the connection's one job; false when a live claim holds it.</summary>
    public bool TryClaim(Guid connectionId)
    {
        var now = _time.GetUtcNow();
        using var connection = _dataSource.OpenConnection();
        using var command = new NpgsqlCommand(
            $"""
            INSERT INTO {_table} AS q (connection_id, claimed_at) VALUES (@id, @now)
            ON CONFLICT (connection_id) DO UPDATE SET claimed_at = excluded.claimed_at WHERE q.claimed_at < @stale;
            """,
            connection);
        command.Parameters.AddWithValue("id", connectionId);
        command.Parameters.AddWithValue("now", now);
        command.Parameters.AddWithValue("stale", now - _lifetime);
        return command.ExecuteNonQuery() == 1;
    }

    /// <summary>
    /// Keeps the connection's claim for the job that carries on the sync (its next slice), as fresh as a new one: a backfill in
    /// many slices may last longer than <see cref="QueuedSyncClaims"/>' lifetime, but each slice's job is younger.
    /// </summary>
    public void Renew(Guid connectionId)
    {
        using var connection = _dataSource.OpenConnection();
        using var command = new NpgsqlCommand(
            $"INSERT INTO {_table} AS q (connection_id, claimed_at) VALUES (@id, @now) ON CONFLICT (connection_id) DO UPDATE SET claimed_at = excluded.claimed_at;",
            connection);
        command.Parameters.AddWithValue("id", connectionId);
        command.Parameters.AddWithValue("now", _time.GetUtcNow());
        command.ExecuteNonQuery();
    }

    /// <summary>Gives the connection's claim back: its job ended.</summary>
    public void Release(Guid connectionId)
    {
        using var connection = _dataSource.OpenConnection();
        using var command = new NpgsqlCommand($"DELETE FROM {_table} WHERE connection_id = @id;", connection);
        command.Parameters.AddWithValue("id", connectionId);
        command.ExecuteNonQuery();
    }

    /// <summary>Connections claimed now.</summary>
    public async Task<IReadOnlyList<Guid>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand($"SELECT connection_id FROM {_table} ORDER BY claimed_at;", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var claimed = new List<Guid>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            claimed.Add(reader.GetGuid(0));
        }

        return claimed;
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    private static string TableOf(string schema) => $"\"{schema.Replace("\"", "\"\"", StringComparison.Ordinal)}\".queued_syncs";
}
