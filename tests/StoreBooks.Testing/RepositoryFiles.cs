namespace StoreBooks.Testing;

/// <summary>Files of this repository (the demo store's exports) found from the test's build folder.</summary>
public static class RepositoryFiles
{
    public static string Path(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "StoreBooks.slnx")))
            {
                return System.IO.Path.Combine(dir.FullName, relative);
            }
        }

        throw new FileNotFoundException($"StoreBooks.slnx not found above {AppContext.BaseDirectory}");
    }
}
