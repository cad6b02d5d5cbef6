namespace StoreBooks.QuickBooks;

/// <summary>
/// Per-call options of a write. <see cref="RequestId"/> is QBO's <c>requestid</c>: QBO answers a repeated id with the
/// original response instead of writing twice, so the caller chooses it once per intended write (and keeps it, e.g. in
/// the link row) and every retry of that write reuses it.
/// </summary>
public sealed record QboRequestOptions
{
    /// <summary>Unique per company and intended write; at most 50 characters (36 for batch calls). A UUID fits.</summary>
    public required string RequestId { get; init; }

    public static QboRequestOptions WithRequestId(string requestId) => new() { RequestId = requestId };

    /// <summary>A new random request id (use when nothing needs to survive a crash, e.g. a one-off CLI command).</summary>
    public static QboRequestOptions NewRequestId() => new() { RequestId = Guid.NewGuid().ToString("N") };

    internal string Validated(int maxLength = 50)
    {
        if (string.IsNullOrWhiteSpace(RequestId))
        {
            throw new ArgumentException("A QBO write needs a requestid (QboRequestOptions.RequestId) so a retry cannot write twice.", nameof(RequestId));
        }

        if (RequestId.Length > maxLength)
        {
            throw new ArgumentException($"QBO accepts a requestid of at most {maxLength} characters here; '{RequestId}' has {RequestId.Length}.", nameof(RequestId));
        }

        return RequestId;
    }
}
