using Microsoft.Data.Sqlite;
using StoreBooks.Storage.Schema;

namespace StoreBooks.Storage.Sqlite;

/// <summary>
/// Brings a SQLite file to the latest schema: the numbered scripts both dialects share (<see cref="SchemaScripts"/>) rendered
/// for SQLite, applied in order, each recorded in <c>schema_version</c>. Runs inside one <c>BEGIN IMMEDIATE</c>
/// transaction, so two processes opening a new file at once apply each script once; re-running it on a current file does nothing.
/// </summary>
internal static class SqliteMigrator
{
    /// <summary>The scripts this build knows, in order.</summary>
    public static IReadOnlyList<Migration> Migrations { get; } = SchemaScripts.For(SqlDialect.Sqlite);

    public static int LatestVersion => Migrations[^1].Version;

    public static async Task MigrateAsync(SqliteConnection connection, TimeProvider time, CancellationToken cancellationToken)
    {
        // WAL lets the CLI read while a server writes; the mode is kept in the file.
        await using (var wal = connection.Command("PRAGMA journal_mode = WAL;"))
        {
            await wal.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var create = connection.Command(
            "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);"))
        {
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using var transaction = connection.BeginTransaction(deferred: false);
        var applied = new HashSet<int>();
        await using (var select = connection.Command("SELECT version FROM schema_version;", transaction))
        await using (var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                applied.Add(reader.GetInt32(0));
            }
        }

        var newest = applied.Count == 0 ? 0 : applied.Max();
        if (newest > LatestVersion)
        {
            throw new InvalidOperationException(
                $"The state store {connection.DataSource} has schema version {newest}, written by a newer StoreBooks; this one knows versions up to {LatestVersion}. Upgrade StoreBooks to use it.");
        }

        foreach (var migration in Migrations.Where(m => !applied.Contains(m.Version)))
        {
            // Values a script may use: $now (the migration's time) and $new_id (a fresh id, e.g. for a row it creates).
            await using (var script = connection.Command(migration.Sql, transaction)
                .With("$now", ColumnFormat.Time(time.GetUtcNow()))
                .With("$new_id", ColumnFormat.Id(Guid.NewGuid())))
            {
                await script.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await using var record = connection.Command(
                "INSERT INTO schema_version (version, name, applied_at) VALUES ($version, $name, $applied_at);", transaction)
                .With("$version", migration.Version)
                .With("$name", migration.Name)
                .With("$applied_at", ColumnFormat.Time(time.GetUtcNow()));
            await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }
}
