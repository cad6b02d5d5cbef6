namespace StoreBooks.Core.State;

/// <summary>What a link joins: a store record of this kind to the QuickBooks record made from it.</summary>
public enum LinkKind
{
    /// <summary>A store product or variant, and its QuickBooks Item.</summary>
    Item,

    /// <summary>A store customer (or the generic customer), and its QuickBooks Customer.</summary>
    Customer,

    /// <summary>An order, and its SalesReceipt or Invoice.</summary>
    Sale,

    /// <summary>An order's payment, and the QuickBooks Payment applied to its invoice.</summary>
    Payment,

    /// <summary>A refund, and its RefundReceipt (or CreditMemo).</summary>
    Refund,

    /// <summary>An account StoreBooks needed and created (a gift-card liability account), keyed by its purpose.</summary>
    Account,

    /// <summary>A payment method StoreBooks created for a store gateway, keyed by the gateway.</summary>
    PaymentMethod,

    /// <summary>A payment provider's payout (keyed by its id), and the QuickBooks Deposit made of it.</summary>
    Payout,
}

/// <summary>Where a link stands.</summary>
public enum LinkState
{
    /// <summary>Reserved before a QuickBooks write; the write may or may not have happened. A rerun replays its request id.</summary>
    Pending,

    /// <summary>The QuickBooks record exists and is recorded here.</summary>
    Done,

    /// <summary>QuickBooks or StoreBooks refused it; an open issue says why. A retry after a fix makes a new attempt.</summary>
    Failed,

    /// <summary>
    /// Waiting for something: the merchant (an item to create in QuickBooks in manual mode), or QuickBooks, which could not take
    /// a record the order needs; every run retries it.
    /// </summary>
    Waiting,

    /// <summary>Deliberately not synced (a test order, an order cancelled before posting, a status the connection skips).</summary>
    Skipped,

    /// <summary>
    /// Not due yet: an order whose status the connection does not sync yet (unpaid). Nothing for the merchant to do; the store
    /// changes the order when it is paid, and the next run reads it then.
    /// </summary>
    NotDue,

    /// <summary>The merchant dismissed it (<c>storebooks dismiss</c>): it is not read again unless they retry it by name.</summary>
    Dismissed,
}

/// <summary>
/// One synced record (an OCA-style binding): unique per (connection, kind, source id). It is written before each QuickBooks
/// write, and its <see cref="RequestId"/> is the QuickBooks <c>requestid</c> of that write, so a crash and a rerun never create
/// a second record.
/// </summary>
public sealed record Link
{
    public required Guid Id { get; init; }

    public required Guid ConnectionId { get; init; }

    public required LinkKind Kind { get; init; }

    /// <summary>The store's id of the record.</summary>
    public required string SourceId { get; init; }

    public LinkState State { get; init; } = LinkState.Pending;

    /// <summary>The QuickBooks Id, once known.</summary>
    public string? QboId { get; init; }

    /// <summary>The QuickBooks SyncToken last seen.</summary>
    public string? QboSyncToken { get; init; }

    /// <summary>
    /// Incremented when a failed record is retried after a fix, so the retry gets a fresh request id
    /// (QBO would replay the old fault for the old one).
    /// </summary>
    public int Attempt { get; init; } = 1;

    /// <summary>Hash of what StoreBooks last sent, to tell an order changed in the store from one already in QuickBooks.</summary>
    public string? Fingerprint { get; init; }

    /// <summary>JSON of what StoreBooks set when it created the QuickBooks record (name, type, accounts), never changed afterwards.</summary>
    public string? CreatedWith { get; init; }

    /// <summary>Why it is Failed, Waiting, NotDue, Skipped or Dismissed, in words a merchant can act on.</summary>
    public string? Message { get; init; }

    /// <summary>What the merchant calls the record ("order #1043"), for listings and for finding it by name.</summary>
    public string? Reference { get; init; }

    /// <summary>
    /// What StoreBooks changed to fit QuickBooks when it last posted the record (a memo cut, an email left out): it posted, and
    /// these say how. Empty when nothing was changed.
    /// </summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>
    /// <see cref="Warnings"/> with their codes and arguments (<see cref="Messages.WarningMessages"/>), one for each, to show them in
    /// the reader's language; empty when not known (a warning without a code is shown as its English text).
    /// </summary>
    public IReadOnlyList<Messages.SyncMessage> WarningDetails { get; init; } = [];

    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The QuickBooks <c>requestid</c> of this link's current write attempt (36 characters at most).</summary>
    public string RequestId => $"{Id:N}-{Attempt}";

    /// <summary>Value equality, the warnings compared item by item (a record alone would compare the list by reference).</summary>
    public bool Equals(Link? other) =>
        other is not null
        && Id == other.Id
        && ConnectionId == other.ConnectionId
        && Kind == other.Kind
        && SourceId == other.SourceId
        && State == other.State
        && QboId == other.QboId
        && QboSyncToken == other.QboSyncToken
        && Attempt == other.Attempt
        && Fingerprint == other.Fingerprint
        && CreatedWith == other.CreatedWith
        && Message == other.Message
        && Reference == other.Reference
        && Warnings.SequenceEqual(other.Warnings)
        && UpdatedAt == other.UpdatedAt;

    public override int GetHashCode() => HashCode.Combine(Id, State, Attempt, QboId, UpdatedAt);
}
