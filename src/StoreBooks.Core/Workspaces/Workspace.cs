namespace StoreBooks.Core.Workspaces;

/// <summary>
/// A business using StoreBooks: its users and its connections. A home on one machine has one (made when its state store is
/// first opened); hosted mode serves many from one database, and no workspace ever sees another's connections.
/// </summary>
public sealed record Workspace
{
    public required Guid Id { get; init; }

    /// <summary>The business's name as its owner gave it ("Maple Leaf Goods").</summary>
    public required string Name { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
}
