using Hangfire.PostgreSql;
using Npgsql;
using StoreBooks.Hosting.Scheduling;

namespace StoreBooks.Hosting.Hangfire;

/// <summary>
/// Installs Hangfire's tables and the claims table once, before any server starts: several processes starting at once take turns
/// on an advisory lock (Hangfire's own installer, run from several at once, trips over itself), on a connection of its own.
/// </summary>
public static class HangfireSchema
{
    public static async Task InstallAsync(string connectionString, string schema, CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, ApplicationName = "StoreBooks install" };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        var key = PostgresConnectionLock.KeyOf("hangfire-schema:" + schema);
        await using (var command = new NpgsqlCommand("SELECT pg_advisory_lock(@key);", connection))
        {
            command.Parameters.AddWithValue("key", key);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        PostgreSqlObjectsInstaller.Install(connection, schema);
        await using (var command = new NpgsqlCommand(QueuedSyncClaims.CreateTableSql(schema) + "SELECT pg_advisory_unlock(@key);", connection))
        {
            command.Parameters.AddWithValue("key", key);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
