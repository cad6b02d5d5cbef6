using System.Data.Common;
using StoreBooks.Core.Connections;
using StoreBooks.Core.State;
using StoreBooks.Storage.Sql;
using StoreBooks.Storage.Sqlite;

namespace StoreBooks.Storage.Stores;

/// <summary>
/// The <c>connections</c> table, whole (the home's view) or one workspace's (<see cref="IWorkspaceConnections"/>: every
/// statement then also matches <c>workspace_id</c>). Names are unique (exactly as typed). The store stamps
/// <see cref="Connection.UpdatedAt"/> with its clock on every write, and <see cref="Connection.CreatedAt"/> on add when the
/// caller left it unset. A connection added without a workspace goes to the first one; an update never changes it.
/// </summary>
internal sealed class ConnectionStore : IWorkspaceConnections
{
    private const string Columns = "id, name, source_kind, source_settings, qbo_realm_id, qbo_base_url, settings, created_at, updated_at, workspace_id";

    /// <summary>The workspace a connection added without one goes to.</summary>
    private const string FirstWorkspace = "(SELECT id FROM workspaces ORDER BY created_at, id LIMIT 1)";

    private readonly StoreDialect _sql;
    private readonly TimeProvider _time;
    private readonly Guid? _workspace;

    /// <summary>The whole table.</summary>
    public ConnectionStore(StoreDialect sql, TimeProvider time)
        : this(sql, time, workspace: null)
    {
    }

    private ConnectionStore(StoreDialect sql, TimeProvider time, Guid? workspace)
    {
        _sql = sql;
        _time = time;
        _workspace = workspace;
    }

    /// <summary>The workspace this view is limited to (<see cref="Guid.Empty"/> for the whole table).</summary>
    public Guid WorkspaceId => _workspace ?? Guid.Empty;

    /// <summary><c>AND workspace_id = @workspace</c> in a workspace's view, nothing in the whole table's.</summary>
    private string InWorkspace => _workspace is null ? "" : " AND workspace_id = @workspace";

    /// <summary>A view of <paramref name="workspaceId"/>'s connections only.</summary>
    public static ConnectionStore Of(StoreDialect sql, TimeProvider time, Guid workspaceId) =>
        workspaceId == Guid.Empty
            ? throw new ArgumentException("A workspace view needs a workspace id.", nameof(workspaceId))
            : new ConnectionStore(sql, time, workspaceId);

    public async Task AddAsync(Connection connection, CancellationToken cancellationToken)
    {
        if (_workspace is { } own && connection.WorkspaceId != Guid.Empty && connection.WorkspaceId != own)
        {
            throw new InvalidOperationException(
                $"Connection \"{connection.Name}\" names workspace {connection.WorkspaceId}, but it is being added to workspace {own}; add it through that workspace's own view.");
        }

        var workspace = _workspace ?? (connection.WorkspaceId == Guid.Empty ? null : connection.WorkspaceId);
        var now = _time.GetUtcNow();
        await using var db = await _sql.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Bind(db.Command(
            $"INSERT INTO connections ({Columns}) VALUES (@id, @name, @source_kind, @source_settings, @qbo_realm_id, @qbo_base_url, @settings, @created_at, @updated_at, coalesce(@workspace_id, {FirstWorkspace}));"),
            connection, connection.CreatedAt == default ? now : connection.CreatedAt, now)
            .WithId("workspace_id", workspace);
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbException e) when (_sql.IsUniqueViolation(e, "connections_name_unique"))
        {
            throw new ConnectionNameTakenException(connection.Name, e);
        }
        catch (DbException e) when (_sql.IsPrimaryKeyViolation(e, "connections"))
        {
            throw new InvalidOperationException($"A connection with id {connection.Id} already exists; update it instead of adding it again.", e);
        }
        catch (DbException e) when (_sql.IsForeignKeyViolation(e))
        {
            throw new InvalidOperationException($"Workspace {workspace} does not exist in the state store; create it before adding connections to it.", e);
        }
    }

    public async Task<Connection?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await _sql.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Scoped(db.Command($"SELECT {Columns} FROM connections WHERE id = @id{InWorkspace};").WithId("id", id));
        return (await ReadAsync(command, cancellationToken).ConfigureAwait(false)).SingleOrDefault();
    }

    public async Task<Connection?> FindByNameAsync(string name, CancellationToken cancellationToken)
    {
        await using var db = await _sql.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Scoped(db.Command($"SELECT {Columns} FROM connections WHERE name = @name{InWorkspace};").WithText("name", name));
        return (await ReadAsync(command, cancellationToken).ConfigureAwait(false)).SingleOrDefault();
    }

    public async Task<IReadOnlyList<Connection>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await _sql.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Scoped(db.Command($"SELECT {Columns} FROM connections WHERE 1 = 1{InWorkspace} ORDER BY {_sql.Ordinal("name")};"));
        return await ReadAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task UpdateAsync(Connection connection, CancellationToken cancellationToken)
    {
        await using var db = await _sql.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Scoped(Bind(db.Command(
            $"""
            UPDATE connections
               SET name = @name, source_kind = @source_kind, source_settings = @source_settings, qbo_realm_id = @qbo_realm_id,
                   qbo_base_url = @qbo_base_url, settings = @settings, updated_at = @updated_at
             WHERE id = @id{InWorkspace};
            """),
            connection, connection.CreatedAt, _time.GetUtcNow()));
        int changed;
        try
        {
            changed = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbException e) when (_sql.IsUniqueViolation(e, "connections_name_unique"))
        {
            throw new ConnectionNameTakenException(connection.Name, e);
        }

        if (changed == 0)
        {
            throw new InvalidOperationException(_workspace is null
                ? $"Connection {connection.Id} (\"{connection.Name}\") does not exist in the state store; add it before updating it."
                : $"Connection {connection.Id} (\"{connection.Name}\") does not exist in this workspace; add it before updating it.");
        }
    }

    private StoreCommand Scoped(StoreCommand command) =>
        _workspace is { } workspace ? command.WithId("workspace", workspace) : command;

    private static StoreCommand Bind(StoreCommand command, Connection connection, DateTimeOffset createdAt, DateTimeOffset updatedAt) =>
        command
            .WithId("id", connection.Id)
            .WithText("name", connection.Name)
            .WithText("source_kind", connection.SourceKind)
            .WithJson("source_settings", ColumnFormat.Json(connection.SourceSettings))
            .WithText("qbo_realm_id", connection.QboRealmId)
            .WithText("qbo_base_url", connection.QboBaseUrl)
            .WithJson("settings", ColumnFormat.Json(connection.Settings))
            .WithTime("created_at", createdAt)
            .WithTime("updated_at", updatedAt);

    private static async Task<IReadOnlyList<Connection>> ReadAsync(StoreCommand command, CancellationToken cancellationToken)
    {
        var connections = new List<Connection>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            connections.Add(new Connection
            {
                Id = reader.GetId(0),
                Name = reader.GetString(1),
                SourceKind = reader.GetString(2),
                SourceSettings = ColumnFormat.ParseJsonObject(reader.GetString(3)),
                QboRealmId = reader.GetNullableString(4),
                QboBaseUrl = reader.GetNullableString(5),
                Settings = ColumnFormat.ParseJsonObject(reader.GetString(6)),
                CreatedAt = reader.GetTime(7),
                UpdatedAt = reader.GetTime(8),
                WorkspaceId = reader.IsDBNull(9) ? Guid.Empty : reader.GetId(9),
            });
        }

        return connections;
    }
}
