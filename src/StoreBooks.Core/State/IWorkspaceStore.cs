using StoreBooks.Core.Workspaces;

namespace StoreBooks.Core.State;

/// <summary>
/// The workspaces, and the door to each one's connections: <see cref="ConnectionsOf"/> gives a view that reads and writes
/// only that workspace's connections, which is all the dashboard ever uses.
/// </summary>
public interface IWorkspaceStore
{
    /// <summary>Makes a new, empty workspace.</summary>
    Task<Workspace> CreateAsync(string name, CancellationToken cancellationToken);

    Task<Workspace?> GetAsync(Guid id, CancellationToken cancellationToken);

    Task<Workspace?> FindByNameAsync(string name, CancellationToken cancellationToken);

    /// <summary>Every workspace, the first (the one a home's connections belong to unless told otherwise) first.</summary>
    Task<IReadOnlyList<Workspace>> ListAsync(CancellationToken cancellationToken);

    Task RenameAsync(Guid id, string name, CancellationToken cancellationToken);

    /// <summary>The connections of one workspace, and none of any other's.</summary>
    IWorkspaceConnections ConnectionsOf(Guid workspaceId);
}
