namespace StoreBooks.Storage.Secrets;

/// <summary>
/// <c>secret.key</c> in the StoreBooks home: the base64 key on one line, readable by its owner only (mode 0600).
/// It is created with an exclusive create, so of two processes starting at once exactly one writes it and both use that key;
/// a reader that finds it still being written waits for the writer.
/// </summary>
internal static class SecretKeyFile
{
    /// <summary>Characters of a base64 32-byte key.</summary>
    private const int KeyText = 44;

    private static readonly TimeSpan WriterWait = TimeSpan.FromMilliseconds(20);
    private const int WriterWaits = 50;

    public static SecretKey LoadOrCreate(string path)
    {
        if (!File.Exists(path))
        {
            TryCreate(path);
        }

        for (var attempt = 0; ; attempt++)
        {
            var text = Read(path);
            if (text.Trim().Length < KeyText && attempt < WriterWaits)
            {
                Thread.Sleep(WriterWait); // another process has created the file and is writing the key
                continue;
            }

            return SecretKey.FromBase64(text, path);
        }
    }

    private static string Read(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StoreBooksHomeException($"StoreBooks cannot read its secret key file {path}: {e.Message}", e);
        }
    }

    private static void TryCreate(string path)
    {
        var options = HomePermissions.OwnerOnly(FileMode.CreateNew, FileShare.Read);

        FileStream stream;
        try
        {
            stream = new FileStream(path, options);
        }
        catch (IOException) when (File.Exists(path))
        {
            return; // another process created it first: use theirs
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StoreBooksHomeException($"StoreBooks cannot create its secret key file {path}: {e.Message}", e);
        }

        using (stream)
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(SecretKey.Generate(path).ToBase64() + "\n");
            writer.Flush();
            stream.Flush(flushToDisk: true);
        }
    }
}
