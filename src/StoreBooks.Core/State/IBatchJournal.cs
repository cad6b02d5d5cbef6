namespace StoreBooks.Core.State;

/// <summary>
/// QuickBooks batch requests saved before they are sent: their items exactly as sent, their <c>requestid</c>, and which link each
/// item writes. A batch still open after a crash or a lost reply is sent again as it was, under the same requestid, so QuickBooks
/// replays its first answer instead of writing twice; then its links are brought up to date and it is closed.
/// </summary>
public interface IBatchJournal
{
    /// <summary>Records a batch about to be sent (before the request leaves).</summary>
    Task OpenAsync(QboBatchRecord batch, CancellationToken cancellationToken);

    /// <summary>The connection's batches not closed yet, oldest first.</summary>
    Task<IReadOnlyList<QboBatchRecord>> ListOpenAsync(Guid connectionId, CancellationToken cancellationToken);

    /// <summary>Closes a batch once every item's answer is recorded in its link.</summary>
    Task CloseAsync(Guid batchId, CancellationToken cancellationToken);
}

/// <summary>
/// One saved batch: <see cref="Items"/> is the JSON array of <c>BatchItemRequest</c> items exactly as sent, <see cref="RequestId"/>
/// the requestid it went under (36 characters at most), and <see cref="Members"/> the link each item writes.
/// </summary>
public sealed record QboBatchRecord
{
    public required Guid Id { get; init; }

    public required Guid ConnectionId { get; init; }

    public required string RequestId { get; init; }

    public required string Items { get; init; }

    public required IReadOnlyList<BatchMember> Members { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>
/// The link one batch item writes: its bId in the batch, the link, the attempt the write belongs to (an answer for an older
/// attempt is not applied), the QuickBooks entity, and the fingerprint of the document sent (kept on the link once it is done).
/// </summary>
public sealed record BatchMember(string BId, Guid LinkId, LinkKind Kind, string SourceId, int Attempt, string Entity, string? Fingerprint);
