using StoreBooks.Core.Messages;

namespace StoreBooks.Sync.Sales;

/// <summary>What happened to one order in a run.</summary>
public enum OrderResult
{
    /// <summary>Its document (and payment, refunds) went to QuickBooks in this run.</summary>
    Posted,

    /// <summary>It changed in the store after posting; its document was updated.</summary>
    Updated,

    /// <summary>
    /// Its document was already in QuickBooks, made by StoreBooks before (a fresh or restored state store): found by its number
    /// and StoreBooks' marker, and linked. Nothing was posted in this run.
    /// </summary>
    Adopted,

    /// <summary>Already in QuickBooks as it is now; nothing to do (refunds new since are posted).</summary>
    Unchanged,

    /// <summary>Deliberately not synced: before the start date, a test order, cancelled before posting.</summary>
    Skipped,

    /// <summary>Not in a synced status yet (unpaid); it syncs when it gets there.</summary>
    NotYet,

    /// <summary>Waits for the merchant (an item to create in QuickBooks in manual mode); it syncs on a later run once fixed.</summary>
    Waiting,

    /// <summary>Refused (bad data, a mapping missing, QuickBooks said no); an issue says why; a retry after a fix posts it.</summary>
    Failed,

    /// <summary>QuickBooks could not be reached; the next run finishes it with the same requestid.</summary>
    Deferred,
}

/// <summary>One order's outcome with the money figures the run sums up (what the store says, what QuickBooks has).</summary>
public sealed record OrderOutcome(string SourceId, OrderResult Result, string? Message = null)
{
    /// <summary><see cref="Message"/> with its code and arguments, to show it in the reader's language; null when it has none.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public SyncMessage? Detail { get; init; }

    public int RefundsPosted { get; init; }

    public bool PaymentPosted { get; init; }

    /// <summary>What StoreBooks changed to fit QuickBooks (a memo cut, an email left out): the order posted, and these say how.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary><see cref="Warnings"/> with their codes and arguments, to show them in the reader's language.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<SyncMessage> WarningDetails { get; init; } = [];

    /// <summary>QuickBooks requests this order cost, for the run's figures.</summary>
    public int Writes { get; init; }
}
