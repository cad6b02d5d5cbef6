using Npgsql;
using NpgsqlTypes;
using StoreBooks.Storage.Schema;

namespace StoreBooks.Storage.Postgres;

/// <summary>
/// Brings a PostgreSQL schema to the latest version: the numbered scripts both dialects share (<see cref="SchemaScripts"/>)
/// rendered for PostgreSQL, applied in order, each recorded in <c>schema_version</c>, all in one transaction that first takes a
/// transaction-level advisory lock (released by the commit or rollback, so a pooled connection is safe): of several processes
/// starting at once on an empty database, one migrates and the others wait for it, then find nothing left to do.
/// </summary>
internal static class PostgresMigrator
{
    /// <summary>First key of the migration lock, StoreBooks' own ("SBmg"); the second is the schema's name hashed.</summary>
    private const int LockClass = 0x53426D67;

    public static IReadOnlyList<Migration> Migrations { get; } = SchemaScripts.For(SqlDialect.Postgres);

    public static int LatestVersion => Migrations[^1].Version;

    public static async Task MigrateAsync(NpgsqlConnection connection, string description, TimeProvider time, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var lockSchema = connection.Command("SELECT pg_advisory_xact_lock(@class, hashtext(current_schema()));", transaction)
            .With("class", LockClass, NpgsqlDbType.Integer))
        {
            await lockSchema.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var create = connection.Command(
            "CREATE TABLE IF NOT EXISTS schema_version (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL);",
            transaction))
        {
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

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
                $"The state store {description} has schema version {newest}, written by a newer StoreBooks; this one knows versions up to {LatestVersion}. Upgrade StoreBooks to use it.");
        }

        foreach (var migration in Migrations.Where(m => !applied.Contains(m.Version)))
        {
            // Values a script may use: @now (the migration's time) and @new_id (a fresh id, e.g. for a row it creates).
            await using (var script = connection.Command(migration.Sql, transaction)
                .WithTime("now", time.GetUtcNow())
                .WithId("new_id", Guid.NewGuid()))
            {
                await script.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await using var record = connection.Command(
                "INSERT INTO schema_version (version, name, applied_at) VALUES (@version, @name, @applied_at);", transaction)
                .With("version", migration.Version, NpgsqlDbType.Integer)
                .WithText("name", migration.Name)
                .WithTime("applied_at", time.GetUtcNow());
            await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }
}
