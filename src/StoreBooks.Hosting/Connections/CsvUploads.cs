using StoreBooks.Core.State;

namespace StoreBooks.Hosting.Connections;

/// <summary>One file a merchant uploaded: its name as they had it, its size, and its bytes.</summary>
public sealed record CsvUpload(string FileName, long Length, Func<Stream> Open);

/// <summary>What is wrong with an uploaded file, before it is read as an export.</summary>
public enum CsvUploadProblem
{
    Missing,
    NotCsv,
    TooLarge,
}

/// <summary>A refused upload: which file (<c>products</c>, <c>orders</c> or <c>payouts</c>), why, and the name it was uploaded with.</summary>
public sealed record CsvUploadRefusal(string File, CsvUploadProblem Problem, string FileName);

/// <summary>
/// Where the dashboard keeps the CSV exports merchants upload: one folder per connection under the home's <c>uploads</c>
/// (<c>uploads/{connection id}/products.csv</c>, <c>orders.csv</c> and, when given, <c>payouts.csv</c>, readable by the owner only),
/// the paths a CSV connection reads. Files are kept only when the connection is saved; refused files are deleted.
/// </summary>
public sealed class CsvUploads(string directory, long maxFileBytes)
{
    public const string ProductsFile = "products.csv";
    public const string OrdersFile = "orders.csv";

    /// <summary>The optional payment transactions export (the connection's <c>payoutsPath</c>).</summary>
    public const string PayoutsFile = "payouts.csv";

    public long MaxFileBytes { get; } = maxFileBytes;

    public string FolderOf(Guid connectionId) => Path.Combine(directory, connectionId.ToString("N"));

    /// <summary>
    /// What is wrong with the uploads before anything is written (none: they may be saved). The payouts file is optional: an
    /// absent one (<see cref="IsGiven"/> false) is no refusal, one that is given must be a CSV file of the allowed size.
    /// </summary>
    public IReadOnlyList<CsvUploadRefusal> Check(CsvUpload? products, CsvUpload? orders, CsvUpload? payouts = null) =>
        [.. Refusal("products", products), .. Refusal("orders", orders), .. IsGiven(payouts) ? Refusal("payouts", payouts) : []];

    /// <summary>True when a file was chosen (a file field left empty sends no name and no bytes).</summary>
    public static bool IsGiven(CsvUpload? upload) => upload is not null && (upload.Length > 0 || !string.IsNullOrWhiteSpace(upload.FileName));

    /// <summary>Writes both files into the connection's folder (replacing what was there); answers their paths.</summary>
    public async Task<(string Products, string Orders)> SaveAsync(Guid connectionId, CsvUpload products, CsvUpload orders, CancellationToken cancellationToken)
    {
        var (productsPath, ordersPath, _) = await SaveAsync(connectionId, products, orders, null, cancellationToken).ConfigureAwait(false);
        return (productsPath, ordersPath);
    }

    /// <summary>Writes the files into the connection's folder (replacing what was there); answers their paths (no payouts path without a payouts file).</summary>
    public async Task<(string Products, string Orders, string? Payouts)> SaveAsync(
        Guid connectionId, CsvUpload products, CsvUpload orders, CsvUpload? payouts, CancellationToken cancellationToken)
    {
        var folder = FolderOf(connectionId);
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
        }
        else
        {
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var productsPath = Path.Combine(folder, ProductsFile);
        var ordersPath = Path.Combine(folder, OrdersFile);
        await CopyAsync(products, productsPath, cancellationToken).ConfigureAwait(false);
        await CopyAsync(orders, ordersPath, cancellationToken).ConfigureAwait(false);
        string? payoutsPath = null;
        if (IsGiven(payouts))
        {
            payoutsPath = Path.Combine(folder, PayoutsFile);
            await CopyAsync(payouts!, payoutsPath, cancellationToken).ConfigureAwait(false);
        }

        return (productsPath, ordersPath, payoutsPath);
    }

    /// <summary>
    /// Keeps the connection's saved files in the state store (once the connection exists), so a process on another machine, which
    /// has not got this folder, makes its own copy of them when it syncs (<see cref="UploadedCsvFiles"/>).
    /// </summary>
    public async Task PublishAsync(IUploadStore store, Guid connectionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        foreach (var file in UploadedCsvFiles.Files)
        {
            var path = Path.Combine(FolderOf(connectionId), file);
            if (File.Exists(path))
            {
                var content = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
                var savedAt = await store.SaveAsync(connectionId, file, content, cancellationToken).ConfigureAwait(false);
                UploadedCsvFiles.MarkAsCopy(path, savedAt);
            }
        }
    }

    /// <summary>Deletes a connection's uploaded files (its check refused them, or it was not saved).</summary>
    public void Forget(Guid connectionId)
    {
        var folder = FolderOf(connectionId);
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private IEnumerable<CsvUploadRefusal> Refusal(string file, CsvUpload? upload)
    {
        if (upload is null || upload.Length == 0 || string.IsNullOrWhiteSpace(upload.FileName))
        {
            yield return new CsvUploadRefusal(file, CsvUploadProblem.Missing, upload?.FileName ?? "");
        }
        else if (!string.Equals(Path.GetExtension(upload.FileName), ".csv", StringComparison.OrdinalIgnoreCase))
        {
            yield return new CsvUploadRefusal(file, CsvUploadProblem.NotCsv, Path.GetFileName(upload.FileName));
        }
        else if (upload.Length > MaxFileBytes)
        {
            yield return new CsvUploadRefusal(file, CsvUploadProblem.TooLarge, Path.GetFileName(upload.FileName));
        }
    }

    private async Task CopyAsync(CsvUpload upload, string path, CancellationToken cancellationToken)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Options = FileOptions.Asynchronous };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using var source = upload.Open();
        await using var target = new FileStream(path, options);
        var buffer = new byte[81920];
        long written = 0;
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            written += read;
            if (written > MaxFileBytes)
            {
                throw new InvalidDataException($"{Path.GetFileName(upload.FileName)} is larger than {MaxFileBytes} bytes.");
            }

            await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
        }
    }
}
