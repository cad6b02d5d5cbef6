using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;
using StoreBooks.Core.State;
using StoreBooks.Storage.Postgres;
using StoreBooks.Storage.Secrets;
using StoreBooks.Storage.Sqlite;

namespace StoreBooks.Storage.Moving;

/// <summary>
/// <c>storebooks migrate --from-home</c>: moves a single-machine home (its SQLite state store and secret key) into one workspace of
/// a hosted PostgreSQL database, every row as it is (same ids, links, cursors, runs, issues, schedule, users), so the next sync
/// from the database carries on where the home stopped and posts nothing twice. Credentials are decrypted with the home's key
/// and protected again with the database's key ring.
/// </summary>
/// <remarks>
/// All of it is one PostgreSQL transaction: a failure (a name or email the database already has, a credential the home's key
/// does not open) leaves the database as it was. The workspace must have no connections (it is made when it does not exist),
/// so running it twice refuses the second time instead of copying twice.
/// </remarks>
public static class HomeMove
{
    /// <summary>The tables moved, parents first; <c>workspace_id</c> columns point at the target workspace.</summary>
    private static readonly string[] Tables =
    [
        "connections", "credentials", "cursors", "links", "webhook_inbox", "sync_runs", "sync_issues", "sync_schedule", "qbo_batches", "users", "csv_uploads",
    ];

    /// <summary>
    /// Tables that are the database's own, not a home's: never moved (the QuickBooks budget the processes share, qbo_realm_*,
    /// exists in PostgreSQL only).
    /// </summary>
    private static readonly string[] NotMoved = ["workspaces", "schema_version", "data_protection_keys", "qbo_realm_permits", "qbo_realm_slots"];

    /// <summary>First key of the move's advisory lock ("SBmv"): two moves into one database take turns.</summary>
    private const int LockClass = 0x53426D76;

    public static async Task<HomeMoveReport> MoveAsync(
        StoreBooksHome home, string connectionString, OperatorKeys keys, string? workspaceName, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!File.Exists(home.DatabasePath))
        {
            throw new HomeMoveException($"There is no StoreBooks home to move at {home.Directory}: it has no storebooks.db. Give the folder the home is in with --from-home.");
        }

        // Opening the home brings its schema to this StoreBooks' version, as the database's is; its key must be there.
        await (await StateStore.OpenSqliteAsync(home, time, cancellationToken).ConfigureAwait(false)).DisposeAsync().ConfigureAwait(false);
        var homeCipher = new CredentialCipher(home.LoadOrCreateSecretKey());
        var source = new SqliteDatabase(home.DatabasePath);
        try
        {
            await using var target = await PostgresStateStore.OpenAsync(connectionString, keys, time, cancellationToken).ConfigureAwait(false);
            await using var sqlite = await source.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var db = await target.Database.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await db.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (var lockMoves = db.Command("SELECT pg_advisory_xact_lock(@class, hashtext(current_schema()));", transaction).With("class", LockClass, NpgsqlDbType.Integer))
            {
                await lockMoves.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            var columns = await ColumnsAsync(db, transaction, cancellationToken).ConfigureAwait(false);
            if (columns.Keys.Except(Tables).Except(NotMoved).FirstOrDefault() is { } unknown)
            {
                throw new HomeMoveException($"The database has a table this StoreBooks does not know how to move ({unknown}); move the home with the StoreBooks version that made the database.");
            }

            var (workspaceId, name, created) = await TargetWorkspaceAsync(sqlite, db, transaction, workspaceName, target.Description, time, cancellationToken).ConfigureAwait(false);
            await RefuseClashesAsync(sqlite, db, transaction, target.Description, cancellationToken).ConfigureAwait(false);

            var rows = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var table in Tables)
            {
                var credentials = table == "credentials" ? new CredentialCopy(homeCipher, target.KeyRing.Credentials) : null;
                rows[table] = await CopyAsync(sqlite, db, table, columns[table], workspaceId, credentials, cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return new HomeMoveReport(workspaceId, name, created, rows);
        }
        finally
        {
            source.ClosePooledConnections();
        }
    }

    /// <summary>The PostgreSQL columns of every table in the schema, with their types (identity columns left out: the database numbers them).</summary>
    private static async Task<Dictionary<string, List<(string Name, string Type)>>> ColumnsAsync(NpgsqlConnection db, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var columns = new Dictionary<string, List<(string, string)>>(StringComparer.Ordinal);
        await using var command = db.Command(
            """
            SELECT c.table_name, c.column_name, c.data_type
              FROM information_schema.columns c JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
             WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE' AND c.is_identity = 'NO'
             ORDER BY c.table_name, c.ordinal_position;
            """,
            transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var table = reader.GetString(0);
            if (!columns.TryGetValue(table, out var list))
            {
                columns[table] = list = [];
            }

            list.Add((reader.GetString(1), reader.GetString(2)));
        }

        return columns;
    }

    /// <summary>The workspace the home goes into: the one named (the home's own name when none is given), made when missing, refused when it has connections.</summary>
    private static async Task<(Guid Id, string Name, bool Created)> TargetWorkspaceAsync(
        SqliteConnection sqlite, NpgsqlConnection db, NpgsqlTransaction transaction, string? workspaceName, string description, TimeProvider time, CancellationToken cancellationToken)
    {
        var homeWorkspace = "StoreBooks";
        var homeCreatedAt = time.GetUtcNow();
        await using (var select = sqlite.Command("SELECT name, created_at FROM workspaces ORDER BY created_at, id LIMIT 1;"))
        await using (var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                homeWorkspace = reader.GetString(0);
                homeCreatedAt = ColumnFormat.ParseTime(reader.GetString(1));
            }
        }

        var name = string.IsNullOrWhiteSpace(workspaceName) ? homeWorkspace : workspaceName.Trim();
        Guid? existing = null;
        await using (var find = db.Command("SELECT id FROM workspaces WHERE name = @name ORDER BY created_at, id LIMIT 1 FOR UPDATE;", transaction).WithText("name", name))
        {
            existing = await find.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as Guid?;
        }

        if (existing is { } id)
        {
            var names = new List<string>();
            await using (var list = db.Command("SELECT name FROM connections WHERE workspace_id = @id ORDER BY name;", transaction).WithId("id", id))
            await using (var reader = await list.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    names.Add(reader.GetString(0));
                }
            }

            if (names.Count > 0)
            {
                throw new HomeMoveException(
                    $"The workspace \"{name}\" in {description} already has {names.Count} connection(s) ({string.Join(", ", names)}): a home moves only into " +
                    "a workspace without connections, so nothing is copied twice. Nothing was changed. Choose another workspace with --workspace NAME " +
                    "(it is made when it does not exist).");
            }

            return (id, name, false);
        }

        var created = Guid.NewGuid();
        await using var insert = db.Command("INSERT INTO workspaces (id, name, created_at) VALUES (@id, @name, @created_at);", transaction)
            .WithId("id", created)
            .WithText("name", name)
            .WithTime("created_at", homeCreatedAt);
        await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return (created, name, true);
    }

    /// <summary>Connection names and user emails are unique across the database: a home's that another workspace has already stops the move, named.</summary>
    private static async Task RefuseClashesAsync(SqliteConnection sqlite, NpgsqlConnection db, NpgsqlTransaction transaction, string description, CancellationToken cancellationToken)
    {
        var connections = await ReadColumnAsync(sqlite, "SELECT name FROM connections;", cancellationToken).ConfigureAwait(false);
        var emails = await ReadColumnAsync(sqlite, "SELECT normalized_email FROM users;", cancellationToken).ConfigureAwait(false);
        await using (var clash = db.Command("SELECT name FROM connections WHERE name = ANY(@names) ORDER BY name;", transaction).With("names", connections.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text))
        await using (var reader = await clash.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                throw new HomeMoveException(
                    $"{description} already has a connection named \"{reader.GetString(0)}\" (connection names are unique in the database). Nothing was changed. " +
                    "Rename the home's connection first, or move the home into the database that connection came from.");
            }
        }

        await using (var clash = db.Command("SELECT email FROM users WHERE normalized_email = ANY(@emails) ORDER BY email;", transaction).With("emails", emails.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text))
        await using (var reader = await clash.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                throw new HomeMoveException(
                    $"{description} already has a user with the email {reader.GetString(0)} (an email signs in to one workspace). Nothing was changed. " +
                    "Remove that user from the home (storebooks users) or from the database first.");
            }
        }
    }

    private static async Task<int> CopyAsync(
        SqliteConnection sqlite, NpgsqlConnection db, string table, List<(string Name, string Type)> columns, Guid workspaceId, CredentialCopy? credentials, CancellationToken cancellationToken)
    {
        var names = string.Join(", ", columns.Select(c => c.Name));
        var copied = 0;
        await using var select = sqlite.Command($"SELECT {names} FROM {table} ORDER BY rowid;");
        await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var import = await db.BeginBinaryImportAsync($"COPY {table} ({names}) FROM STDIN (FORMAT BINARY);", cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            await import.StartRowAsync(cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < columns.Count; i++)
            {
                var (name, type) = columns[i];
                var value = name == "workspace_id" ? workspaceId
                    : credentials is not null && name == "secret" ? credentials.Reprotect(reader)
                    : reader.IsDBNull(i) ? null
                    : Convert(reader.GetValue(i), type, table, name);
                if (value is null)
                {
                    await import.WriteNullAsync(cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await import.WriteAsync(value, TypeOf(type), cancellationToken).ConfigureAwait(false);
                }
            }

            copied++;
        }

        await import.CompleteAsync(cancellationToken).ConfigureAwait(false);
        return copied;
    }

    private static object Convert(object value, string type, string table, string column) => type switch
    {
        "uuid" => Guid.Parse((string)value),
        "timestamp with time zone" => PostgresTime.Floor(ColumnFormat.ParseTime((string)value)),
        "bigint" => System.Convert.ToInt64(value, CultureInfo.InvariantCulture),
        "integer" => System.Convert.ToInt32(value, CultureInfo.InvariantCulture),
        "bytea" => (byte[])value,
        "text" or "jsonb" => value as string ?? System.Convert.ToString(value, CultureInfo.InvariantCulture)!,
        _ => throw new HomeMoveException($"The column {table}.{column} has a type this StoreBooks does not know how to move ({type})."),
    };

    private static NpgsqlDbType TypeOf(string type) => type switch
    {
        "uuid" => NpgsqlDbType.Uuid,
        "timestamp with time zone" => NpgsqlDbType.TimestampTz,
        "bigint" => NpgsqlDbType.Bigint,
        "integer" => NpgsqlDbType.Integer,
        "bytea" => NpgsqlDbType.Bytea,
        "jsonb" => NpgsqlDbType.Jsonb,
        _ => NpgsqlDbType.Text,
    };

    private static async Task<List<string>> ReadColumnAsync(SqliteConnection sqlite, string sql, CancellationToken cancellationToken)
    {
        var values = new List<string>();
        await using var command = sqlite.Command(sql);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    /// <summary>A credential row's secret: opened with the home's key, protected again with the database's key ring.</summary>
    private sealed class CredentialCopy(CredentialCipher home, ICredentialProtector hosted)
    {
        public byte[] Reprotect(SqliteDataReader row)
        {
            var connectionId = Guid.Parse(row.GetString(row.GetOrdinal("connection_id")));
            var system = row.GetString(row.GetOrdinal("system"));
            var version = row.GetInt64(row.GetOrdinal("version"));
            string value;
            try
            {
                value = home.Decrypt(connectionId, system, version, (byte[])row.GetValue(row.GetOrdinal("secret")));
            }
            catch (UnreadableCredentialException e)
            {
                throw new HomeMoveException($"{e.Message} Nothing was moved: the home's credentials must all open with its key (storebooks doctor --home DIR checks them).", e);
            }

            return hosted.Encrypt(connectionId, system, value);
        }
    }
}
