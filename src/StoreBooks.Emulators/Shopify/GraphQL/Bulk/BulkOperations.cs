using System.Security.Cryptography;

namespace StoreBooks.Emulators.Shopify.GraphQL;

/// <summary>
/// The shop's bulk operations and their files, in a temp folder of this emulator's own (deleted on reset and disposal).
/// A file is written by a background task, so an export of 100,000 orders streams to disk and never sits in memory.
/// </summary>
internal sealed class BulkOperations(ShopifyEmulatorOptions options, TimeProvider time) : IDisposable
{
    /// <summary>Shopify keeps <c>url</c> and <c>partialDataUrl</c> for seven days.</summary>
    public static readonly TimeSpan UrlLifetime = TimeSpan.FromDays(7);

    private readonly Lock _gate = new();
    private readonly List<BulkOperation> _operations = [];
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "storebooks-shopify-bulk", Guid.NewGuid().ToString("N"));
    private long _next = 4_410_000_000;

    public BulkOperation? Find(long number)
    {
        lock (_gate)
        {
            return _operations.FirstOrDefault(o => o.Number == number);
        }
    }

    /// <summary>The newest bulk query (what <c>currentBulkOperation</c> answers).</summary>
    public BulkOperation? Current()
    {
        lock (_gate)
        {
            return _operations.Count == 0 ? null : _operations[^1];
        }
    }

    /// <summary>
    /// Starts a bulk query whose file <paramref name="write"/> fills, unless <paramref name="limit"/> are running already:
    /// then null and the id of a running one.
    /// </summary>
    public BulkOperation? TryStart(string query, int limit, Action<BulkOperation, Stream, CancellationToken> write, out string? running)
    {
        BulkOperation operation;
        lock (_gate)
        {
            var now = time.GetUtcNow();
            var busy = _operations.Where(o => o.Observe(now, options).Running).ToList();
            if (busy.Count >= limit)
            {
                running = busy[0].Id;
                return null;
            }

            Directory.CreateDirectory(_folder);
            var number = ++_next;
            operation = new BulkOperation(number, query, now, Path.Combine(_folder, $"{number}.jsonl"), Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)));
            _operations.Add(operation);
            running = null;
        }

        var token = operation.Cancellation.Token;
        operation.Writer = Task.Run(
            () =>
            {
                try
                {
                    using var file = new FileStream(operation.FilePath, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16);
                    write(operation, file, token);
                    file.Flush();
                    operation.FileSize = file.Length;
                }
                catch (OperationCanceledException) when (token.IsCancellationRequested)
                {
                    // Cancelled: the operation ends CANCELED.
                }
                finally
                {
                    operation.WrittenAt = time.GetUtcNow();
                }
            },
            CancellationToken.None);
        return operation;
    }

    /// <summary>Asks a running operation to stop; false when it has already finished.</summary>
    public bool Cancel(BulkOperation operation)
    {
        lock (_gate)
        {
            if (!operation.Observe(time.GetUtcNow(), options).Running || operation.CancelRequestedAt is not null)
            {
                return false;
            }

            operation.CancelRequestedAt = time.GetUtcNow();
        }

        operation.Cancellation.Cancel();
        return true;
    }

    /// <summary>Forgets every operation and deletes their files.</summary>
    public void Reset()
    {
        List<BulkOperation> all;
        lock (_gate)
        {
            all = [.. _operations];
            _operations.Clear();
        }

        foreach (var operation in all)
        {
            operation.Cancellation.Cancel();
            try
            {
                operation.Writer.Wait(TimeSpan.FromSeconds(10));
            }
            catch (AggregateException)
            {
                // A failed writer has nothing more to clean than its file.
            }

            File.Delete(operation.FilePath);
            operation.Cancellation.Dispose();
        }
    }

    public void Dispose()
    {
        Reset();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
