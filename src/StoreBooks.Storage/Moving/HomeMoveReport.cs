namespace StoreBooks.Storage.Moving;

/// <summary>What <see cref="HomeMove"/> moved: into which workspace, and how many rows of each table.</summary>
public sealed record HomeMoveReport(Guid WorkspaceId, string WorkspaceName, bool WorkspaceCreated, IReadOnlyDictionary<string, int> Rows)
{
    public int this[string table] => Rows.GetValueOrDefault(table);
}
