using System.Text.Json.Nodes;
using StoreBooks.Core.Connections;
using StoreBooks.Core.State;
using StoreBooks.Csv;

namespace StoreBooks.Hosting.Connections;

/// <summary>
/// The files of a CSV connection uploaded in the dashboard, as this process reads them: in hosted mode the upload went to a web
/// process's home, perhaps on another machine, and to the state store (<see cref="CsvUploads.PublishAsync"/>). Before a sync, each
/// uploaded file is copied from the state store into this process's <c>uploads/{connection}/</c> folder, unless the copy there
/// is already of the last upload, and the connection reads the copies. A connection whose files were not uploaded (paths given
/// to <c>storebooks connect csv</c>) reads them where they are.
/// </summary>
public sealed class UploadedCsvFiles(IUploadStore store, string directory)
{
    /// <summary>The files an upload may hold, by the name they are kept under.</summary>
    public static IReadOnlyList<string> Files { get; } = [CsvUploads.ProductsFile, CsvUploads.OrdersFile, CsvUploads.PayoutsFile];

    private static readonly (string Setting, string File)[] Settings =
    [
        (CsvSource.ProductsPathSetting, CsvUploads.ProductsFile),
        (CsvSource.OrdersPathSetting, CsvUploads.OrdersFile),
        (CsvSource.PayoutsPathSetting, CsvUploads.PayoutsFile),
    ];

    /// <summary>The connection as this process reads it: its uploaded files' paths pointing at up-to-date copies here.</summary>
    public async Task<Connection> LocalAsync(Connection connection, CancellationToken cancellationToken)
    {
        if (connection.SourceKind != CsvSource.SourceKind)
        {
            return connection;
        }

        var saved = await store.SavedAtAsync(connection.Id, cancellationToken).ConfigureAwait(false);
        JsonObject? settings = null;
        foreach (var (setting, file) in Settings)
        {
            if (!saved.TryGetValue(file, out var savedAt))
            {
                continue;
            }

            var local = Path.Combine(directory, connection.Id.ToString("N"), file);
            if (!IsCopyOf(local, savedAt))
            {
                // The upload was deleted or replaced meanwhile: nothing to copy, the connection reads what it names.
                if (await store.GetAsync(connection.Id, file, cancellationToken).ConfigureAwait(false) is not { } upload)
                {
                    continue;
                }

                await WriteAsync(local, upload, cancellationToken).ConfigureAwait(false);
            }

            settings ??= (JsonObject)connection.SourceSettings.DeepClone();
            settings[setting] = local;
        }

        return settings is null ? connection : connection with { SourceSettings = settings };
    }

    /// <summary>
    /// Marks the file at <paramref name="path"/> as the copy of the upload saved at <paramref name="savedAt"/> (the web process
    /// that took the upload, so a sync in the same home does not copy it again).
    /// </summary>
    public static void MarkAsCopy(string path, DateTimeOffset savedAt) => File.SetLastWriteTimeUtc(path, savedAt.UtcDateTime);

    /// <summary>A copy made from the upload saved at <paramref name="savedAt"/> carries that time as its own.</summary>
    private static bool IsCopyOf(string path, DateTimeOffset savedAt) =>
        File.Exists(path) && File.GetLastWriteTimeUtc(path) == savedAt.UtcDateTime;

    private static async Task WriteAsync(string path, StoredUpload upload, CancellationToken cancellationToken)
    {
        var folder = Path.GetDirectoryName(path)!;
        // A name of its own for each writer: two processes sharing a home may copy the same upload at once.
        var partial = $"{path}.{Guid.NewGuid():N}.partial";
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
            await File.WriteAllBytesAsync(partial, upload.Content, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var ownerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
            Directory.CreateDirectory(Path.GetDirectoryName(folder)!, ownerOnly);
            Directory.CreateDirectory(folder, ownerOnly);
            var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite };
            await using (var stream = new FileStream(partial, options))
            {
                await stream.WriteAsync(upload.Content, cancellationToken).ConfigureAwait(false);
            }
        }

        MarkAsCopy(partial, upload.SavedAt);
        // No sync ever reads a half-written copy: the whole file takes the copy's name at once.
        File.Move(partial, path, overwrite: true);
    }
}
