namespace StoreBooks.Core.Connections;

/// <summary>
/// Thrown by <see cref="IConnectionStore"/> when a connection is added (or renamed) with a name another connection has.
/// The message says which name, so the command line and the web app can show it as it is.
/// </summary>
public sealed class ConnectionNameTakenException : InvalidOperationException
{
    public ConnectionNameTakenException(string name)
        : base($"A connection named \"{name}\" already exists. Choose another name, or change that connection instead.")
    {
        Name = name;
    }

    public ConnectionNameTakenException(string name, Exception innerException)
        : base($"A connection named \"{name}\" already exists. Choose another name, or change that connection instead.", innerException)
    {
        Name = name;
    }

    /// <summary>The name that is taken.</summary>
    public string Name { get; }
}
