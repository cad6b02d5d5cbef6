using StoreBooks.Core.Connections;

namespace StoreBooks.Core.State;

/// <summary>
/// One workspace's connections. Reads find only its connections (another workspace's id or name is "not found"), adds put
/// connections in it, and an update of a connection that is not its own fails as if that connection did not exist.
/// </summary>
public interface IWorkspaceConnections : IConnectionStore
{
    Guid WorkspaceId { get; }
}
