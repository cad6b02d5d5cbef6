namespace StoreBooks.Core.Workspaces;

/// <summary>What a user may do in their workspace.</summary>
public enum WorkspaceRole
{
    /// <summary>Made the workspace (or was made owner): everything, including adding users.</summary>
    Owner,

    /// <summary>A bookkeeper or staff member: the workspace's connections, but not its users.</summary>
    Member,
}
