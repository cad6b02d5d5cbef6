using System.Globalization;

namespace StoreBooks.Emulators.Shopify.GraphQL;

/// <summary>
/// One bulk query: its query, the JSONL file a background writer fills, and the counts it has reached. Its status is not
/// stored but read off the emulator's clock (<see cref="Observe"/>): CREATED for <see cref="ShopifyEmulatorOptions.BulkQueryStartDelay"/>,
/// RUNNING until <see cref="ShopifyEmulatorOptions.BulkQueryRunTime"/> has passed and the file is written, then COMPLETED
/// (EXPIRED seven days later); CANCELING then CANCELED once cancelled; FAILED if the writer failed.
/// </summary>
internal sealed class BulkOperation(long number, string query, DateTimeOffset createdAt, string filePath, string signature)
{
    private long _objects;
    private long _roots;

    public long Number { get; } = number;

    public string Id => "gid://shopify/BulkOperation/" + Number.ToString(CultureInfo.InvariantCulture);

    public string Query { get; } = query;

    public DateTimeOffset CreatedAt { get; } = createdAt;

    /// <summary>The JSONL file on disk (a temp file of the emulator's own folder).</summary>
    public string FilePath { get; } = filePath;

    /// <summary>The secret part of the file's URL: whoever has the URL may download, without the access token.</summary>
    public string Signature { get; } = signature;

    public CancellationTokenSource Cancellation { get; } = new();

    public Task Writer { get; set; } = Task.CompletedTask;

    /// <summary>The clock's time when the writer finished.</summary>
    public DateTimeOffset? WrittenAt { get; set; }

    public long? FileSize { get; set; }

    public DateTimeOffset? CancelRequestedAt { get; set; }

    public void Counted(bool root)
    {
        Interlocked.Increment(ref _objects);
        if (root)
        {
            Interlocked.Increment(ref _roots);
        }
    }

    /// <summary>What a poll at <paramref name="now"/> sees.</summary>
    public BulkState Observe(DateTimeOffset now, ShopifyEmulatorOptions options)
    {
        var objects = Interlocked.Read(ref _objects);
        var roots = Interlocked.Read(ref _roots);
        if (CancelRequestedAt is not null)
        {
            return Writer.IsCompleted
                ? new BulkState("CANCELED", null, objects, roots, null, null, null)
                : new BulkState("CANCELING", null, objects, roots, null, null, null);
        }

        if (now < CreatedAt + options.BulkQueryStartDelay)
        {
            return new BulkState("CREATED", null, 0, 0, null, null, null);
        }

        var due = CreatedAt + options.BulkQueryRunTime;
        if (now >= due && !Writer.IsCompleted)
        {
            // The clock says done but the file is still being written (real time): wait a little, so that a client on a
            // fast clock does not spin; past that it sees RUNNING and polls again.
            try
            {
                Writer.Wait(TimeSpan.FromSeconds(5));
            }
            catch (AggregateException)
            {
                // Seen below as FAILED.
            }
        }

        objects = Interlocked.Read(ref _objects);
        roots = Interlocked.Read(ref _roots);
        if (Writer.IsFaulted)
        {
            return new BulkState("FAILED", "INTERNAL_SERVER_ERROR", objects, roots, null, objects > 0 ? FileSize : null, null) { Partial = objects > 0 };
        }

        if (now < due || !Writer.IsCompleted)
        {
            return new BulkState("RUNNING", null, objects, roots, null, null, null);
        }

        var completedAt = WrittenAt is { } written && written > due ? written : due;
        if (now >= completedAt + BulkOperations.UrlLifetime)
        {
            return new BulkState("EXPIRED", null, objects, roots, FileSize, null, completedAt);
        }

        // An export with no objects has no file to download [U: Shopify answers url null then].
        return new BulkState("COMPLETED", null, objects, roots, objects > 0 ? FileSize : null, objects > 0 ? FileSize : null, completedAt) { HasUrl = objects > 0 };
    }
}

/// <summary>A bulk operation as one poll sees it.</summary>
internal sealed record BulkState(string Status, string? ErrorCode, long Objects, long Roots, long? FileSize, long? PartialSize, DateTimeOffset? CompletedAt)
{
    public bool HasUrl { get; init; }

    public bool Partial { get; init; }

    /// <summary>Still counting against the number of bulk queries that may run at once.</summary>
    public bool Running => Status is "CREATED" or "RUNNING" or "CANCELING";
}
