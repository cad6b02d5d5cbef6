namespace StoreBooks.Hosting.Tests.Support;

/// <summary>Home folders for serve processes on a database (only their logs and locks; their state is in the database), removed at the end.</summary>
internal sealed class TemporaryHomes : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("storebooks-processes-").FullName;

    public string New(string name) => Directory.CreateDirectory(Path.Combine(_root, name)).FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
