using System.Collections;
using StoreBooks.Core.Connections;

namespace StoreBooks.Hosting.Scheduling;

/// <summary>
/// The logging scope of one sync run, so every line logged during it says whose it is: <c>WorkspaceId</c>,
/// <c>ConnectionId</c> and <c>Connection</c> (the name the merchant gave) as structured values (JSON console, OpenTelemetry),
/// and as text for the plain console. Ids and a name, never a credential.
/// </summary>
public sealed class SyncLogScope : IReadOnlyList<KeyValuePair<string, object?>>
{
    private readonly KeyValuePair<string, object?>[] _values;

    public SyncLogScope(Connection connection)
    {
        WorkspaceId = connection.WorkspaceId;
        ConnectionId = connection.Id;
        ConnectionName = connection.Name;
        _values =
        [
            new("WorkspaceId", WorkspaceId.ToString("D")),
            new("ConnectionId", ConnectionId.ToString("D")),
            new("Connection", ConnectionName),
        ];
    }

    public Guid WorkspaceId { get; }

    public Guid ConnectionId { get; }

    public string ConnectionName { get; }

    public int Count => _values.Length;

    public KeyValuePair<string, object?> this[int index] => _values[index];

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)_values).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => $"workspace {WorkspaceId:D} connection {ConnectionName} ({ConnectionId:D})";
}
