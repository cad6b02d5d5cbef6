using System.Text;

namespace StoreBooks.Hosting.Scheduling;

/// <summary>
/// The lock of one machine: a file per key in a folder of the StoreBooks home, held open exclusively (an OS lock, released when
/// the holder ends, even by a crash). <c>storebooks serve</c> and a <c>storebooks sync</c> started beside it take the same files,
/// so two runs never write to one QuickBooks company at once.
/// </summary>
public sealed class FileConnectionLock : IConnectionLock
{
    private readonly string _folder;

    public FileConnectionLock(string folder)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        _folder = folder;
    }

    public ValueTask<IAsyncDisposable?> TryAcquireAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        cancellationToken.ThrowIfCancellationRequested();
        Directory.CreateDirectory(_folder);
        var path = Path.Combine(_folder, FileName(key));
        try
        {
            var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 1, FileOptions.None);
            return ValueTask.FromResult<IAsyncDisposable?>(file);
        }
        catch (IOException e) when (IsHeldElsewhere(e))
        {
            return ValueTask.FromResult<IAsyncDisposable?>(null);
        }
    }

    /// <summary>
    /// The lock is taken: EWOULDBLOCK from flock (11 on Linux, 35 on macOS), or a Windows sharing or lock violation. Anything else
    /// (a read-only home, too many open files) is an error to report, not a busy company.
    /// </summary>
    private static bool IsHeldElsewhere(IOException e) =>
        e.HResult is 11 or 35 || (e.HResult & 0xFFFF) is 32 or 33;

    /// <summary>"qbo-realm:9130…" → "qbo-realm_9130….lock": letters, digits, '-' and '.' kept, anything else '_'.</summary>
    private static string FileName(string key)
    {
        var name = new StringBuilder(key.Length + 5);
        foreach (var c in key)
        {
            name.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '_');
        }

        return name.Append(".lock").ToString();
    }
}
