namespace StoreBooks.Storage.Secrets;

/// <summary>
/// <c>secret.key</c> in the StoreBooks home: the base64 key on one line, readable by its owner only.
/// Two processes starting at once agree on one key: the file is written aside, then moved into place only if none exists.
/// </summary>
internal static class SecretKeyFile
{
    public static SecretKey LoadOrCreate(string path)
    {
        if (!File.Exists(path))
        {
            TryCreate(path);
        }

        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"StoreBooks cannot read its secret key file {path}: {e.Message}", e);
        }

        return SecretKey.FromBase64(text, path);
    }

    private static void TryCreate(string path)
    {
        var key = SecretKey.Generate(path);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var stream = new FileStream(temporary, options))
            using (var writer = new StreamWriter(stream))
            {
                writer.WriteLine(key.ToBase64());
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }

            try
            {
                File.Move(temporary, path, overwrite: false);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process created the key first: use theirs.
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            if (!File.Exists(path))
            {
                throw new InvalidOperationException($"StoreBooks cannot create its secret key file {path}: {e.Message}", e);
            }
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
