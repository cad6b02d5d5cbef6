using StoreBooks.Core.State;
using StoreBooks.Core.Workspaces;
using StoreBooks.Storage.Sql;

namespace StoreBooks.Storage.Stores;

/// <summary>The <c>workspaces</c> table; <see cref="ConnectionsOf"/> hands out views limited to one workspace's connections.</summary>
internal sealed class WorkspaceStore : IWorkspaceStore
{
    private const string Columns = "id, name, created_at";

    private readonly StoreDialect _sql;
    private readonly TimeProvider _time;

    public WorkspaceStore(StoreDialect sql, TimeProvider time)
    {
        _sql = sql;
        _time = time;
    }

    public async Task<Workspace> CreateAsync(string name, CancellationToken cancellationToken)
    {
        var workspace = new Workspace { Id = Guid.NewGuid(), Name = RequireName(name), CreatedAt = _sql.Kept(_time.GetUtcNow()) };
        await using var db = await _sql.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = db.Command($"INSERT INTO workspaces ({Columns}) VALUES (@id, @name, @created_at);")
            .WithId("id", workspace.Id)
            .WithText("name", workspace.Name)
            .WithTime("created_at", workspace.CreatedAt);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return workspace;
    }

    public async Task<Workspace?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await _sql.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = db.Command($"SELECT {Columns} FROM workspaces WHERE id = @id;").WithId("id", id);
        return (await ReadAsync(command, cancellationToken).ConfigureAwait(false)).SingleOrDefault();
    }

    public async Task<Workspace?> FindByNameAsync(string name, CancellationToken cancellationToken)
    {
        await using var db = await _sql.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = db.Command($"SELECT {Columns} FROM workspaces WHERE name = @name ORDER BY created_at, id LIMIT 1;")
            .WithText("name", name.Trim());
        return (await ReadAsync(command, cancellationToken).ConfigureAwait(false)).SingleOrDefault();
    }

    public async Task<IReadOnlyList<Workspace>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await _sql.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = db.Command($"SELECT {Columns} FROM workspaces ORDER BY created_at, id;");
        return await ReadAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task RenameAsync(Guid id, string name, CancellationToken cancellationToken)
    {
        await using var db = await _sql.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = db.Command("UPDATE workspaces SET name = @name WHERE id = @id;")
            .WithId("id", id)
            .WithText("name", RequireName(name));
        if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
        {
            throw new InvalidOperationException($"Workspace {id} does not exist in the state store.");
        }
    }

    public IWorkspaceConnections ConnectionsOf(Guid workspaceId) => ConnectionStore.Of(_sql, _time, workspaceId);

    private static string RequireName(string name) =>
        string.IsNullOrWhiteSpace(name) ? throw new ArgumentException("A workspace needs a name, such as the business's.", nameof(name)) : name.Trim();

    private static async Task<IReadOnlyList<Workspace>> ReadAsync(StoreCommand command, CancellationToken cancellationToken)
    {
        var workspaces = new List<Workspace>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            workspaces.Add(new Workspace { Id = reader.GetId(0), Name = reader.GetString(1), CreatedAt = reader.GetTime(2) });
        }

        return workspaces;
    }
}
