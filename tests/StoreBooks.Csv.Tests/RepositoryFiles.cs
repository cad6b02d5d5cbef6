namespace StoreBooks.Csv.Tests;

/// <summary>Files of this repository (the demo data set), found from the test's output folder.</summary>
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

        throw new InvalidOperationException($"No StoreBooks.slnx above {AppContext.BaseDirectory}.");
    }
}
