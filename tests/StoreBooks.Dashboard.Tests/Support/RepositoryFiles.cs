namespace StoreBooks.Dashboard.Tests.Support;

/// <summary>Files of this repository, found from the test's build folder.</summary>
internal static class RepositoryFiles
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
