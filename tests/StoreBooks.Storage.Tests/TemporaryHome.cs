namespace StoreBooks.Storage.Tests;

/// <summary>A StoreBooks home in a fresh temporary folder that ignores the process's environment; deleted at the end.</summary>
public sealed class TemporaryHome : IDisposable
{
    public TemporaryHome(Func<string, string?>? environment = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "storebooks-tests", Guid.NewGuid().ToString("N"));
        Home = StoreBooksHome.Resolve(directory, environment ?? (_ => null));
    }

    public StoreBooksHome Home { get; }

    public void Dispose()
    {
        try
        {
            if (Directory.Exists(Home.Directory))
            {
                Directory.Delete(Home.Directory, recursive: true);
            }
        }
        catch (IOException)
        {
            // A file still open on another platform; the temp folder is cleaned by the system.
        }
    }
}
