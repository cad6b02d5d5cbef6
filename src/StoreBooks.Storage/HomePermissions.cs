namespace StoreBooks.Storage;

/// <summary>Keeps the home's folders and files to their owner (Unix modes 0700 and 0600), as they hold the books' secrets.</summary>
internal static class HomePermissions
{
    /// <summary>How the home's files are opened: created readable and writable by their owner only (on Unix).</summary>
    public static FileStreamOptions OwnerOnly(FileMode mode, FileShare share)
    {
        var options = new FileStreamOptions { Mode = mode, Access = FileAccess.Write, Share = share };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = StoreBooksHome.OwnerOnlyFile;
        }

        return options;
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public static void Restrict(string path, UnixFileMode mode)
    {
        try
        {
            if ((File.GetUnixFileMode(path) & ~mode) != 0)
            {
                File.SetUnixFileMode(path, mode);
            }
        }
        catch (FileNotFoundException)
        {
            // Gone meanwhile (a WAL file SQLite removed on its last close): nothing to restrict.
        }
        catch (DirectoryNotFoundException)
        {
        }
        catch (UnauthorizedAccessException e)
        {
            throw new StoreBooksHomeException(
                $"StoreBooks cannot make {path} private to you (it belongs to another user, or its folder is read-only): {e.Message} " +
                "Use a home folder of your own with --home DIR.", e);
        }
    }
}
