using Microsoft.Data.Sqlite;
using StoreBooks.Core.Connections;

namespace StoreBooks.Storage.Sqlite;

/// <summary>
/// The <c>connections</c> table. Names are unique (exactly as typed). The store stamps <see cref="Connection.UpdatedAt"/>
/// with its clock on every write, and <see cref="Connection.CreatedAt"/> on add when the caller left it unset.
/// </summary>
internal sealed class SqliteConnectionStore : IConnectionStore
{
    private const string Columns = "id, name, source_kind, source_settings, qbo_realm_id, qbo_base_url, settings, created_at, updated_at";

    private readonly SqliteDatabase _database;
    private readonly TimeProvider _time;

    public SqliteConnectionStore(SqliteDatabase database, TimeProvider time)
    {
        _database = database;
        _time = time;
    }

    public async Task AddAsync(Connection connection, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        await using var db = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Bind(db.Command(
            $"INSERT INTO connections ({Columns}) VALUES ($id, $name, $source_kind, $source_settings, $qbo_realm_id, $qbo_base_url, $settings, $created_at, $updated_at);"),
            connection, connection.CreatedAt == default ? now : connection.CreatedAt, now);
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException e) when (e.SqliteExtendedErrorCode == SqliteCommands.UniqueViolation)
        {
            throw new ConnectionNameTakenException(connection.Name, e);
        }
        catch (SqliteException e) when (e.SqliteExtendedErrorCode == SqliteCommands.PrimaryKeyViolation)
        {
            throw new InvalidOperationException($"A connection with id {connection.Id} already exists; update it instead of adding it again.", e);
        }
    }

    public async Task<Connection?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = db.Command($"SELECT {Columns} FROM connections WHERE id = $id;").With("$id", ColumnFormat.Id(id));
        return (await ReadAsync(command, cancellationToken).ConfigureAwait(false)).SingleOrDefault();
    }

    public async Task<Connection?> FindByNameAsync(string name, CancellationToken cancellationToken)
    {
        await using var db = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = db.Command($"SELECT {Columns} FROM connections WHERE name = $name;").With("$name", name);
        return (await ReadAsync(command, cancellationToken).ConfigureAwait(false)).SingleOrDefault();
    }

    public async Task<IReadOnlyList<Connection>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = db.Command($"SELECT {Columns} FROM connections ORDER BY name;");
        return await ReadAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task UpdateAsync(Connection connection, CancellationToken cancellationToken)
    {
        await using var db = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Bind(db.Command(
            """
            UPDATE connections
               SET name = $name, source_kind = $source_kind, source_settings = $source_settings, qbo_realm_id = $qbo_realm_id,
                   qbo_base_url = $qbo_base_url, settings = $settings, updated_at = $updated_at
             WHERE id = $id;
            """),
            connection, connection.CreatedAt, _time.GetUtcNow());
        int changed;
        try
        {
            changed = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException e) when (e.SqliteExtendedErrorCode == SqliteCommands.UniqueViolation)
        {
            throw new ConnectionNameTakenException(connection.Name, e);
        }

        if (changed == 0)
        {
            throw new InvalidOperationException($"Connection {connection.Id} (\"{connection.Name}\") does not exist in the state store; add it before updating it.");
        }
    }

    private static SqliteCommand Bind(SqliteCommand command, Connection connection, DateTimeOffset createdAt, DateTimeOffset updatedAt) =>
        command
            .With("$id", ColumnFormat.Id(connection.Id))
            .With("$name", connection.Name)
            .With("$source_kind", connection.SourceKind)
            .With("$source_settings", ColumnFormat.Json(connection.SourceSettings))
            .With("$qbo_realm_id", connection.QboRealmId)
            .With("$qbo_base_url", connection.QboBaseUrl)
            .With("$settings", ColumnFormat.Json(connection.Settings))
            .With("$created_at", ColumnFormat.Time(createdAt))
            .With("$updated_at", ColumnFormat.Time(updatedAt));

    private static async Task<IReadOnlyList<Connection>> ReadAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        var connections = new List<Connection>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            connections.Add(new Connection
            {
                Id = Guid.Parse(reader.GetString(0)),
                Name = reader.GetString(1),
                SourceKind = reader.GetString(2),
                SourceSettings = ColumnFormat.ParseJsonObject(reader.GetString(3)),
                QboRealmId = reader.GetNullableString(4),
                QboBaseUrl = reader.GetNullableString(5),
                Settings = ColumnFormat.ParseJsonObject(reader.GetString(6)),
                CreatedAt = ColumnFormat.ParseTime(reader.GetString(7)),
                UpdatedAt = ColumnFormat.ParseTime(reader.GetString(8)),
            });
        }

        return connections;
    }
}
