using System.Text.Json.Serialization;
using StoreBooks.Core.Messages;

namespace StoreBooks.Core.State;

/// <summary>How a run ended.</summary>
public enum RunOutcome
{
    Running,

    /// <summary>Everything it read is in QuickBooks or deliberately skipped.</summary>
    Succeeded,

    /// <summary>It finished, but some records need the merchant's attention (see the run's issues).</summary>
    NeedsAttention,

    /// <summary>It stopped early (QuickBooks unreachable, connection revoked); the next run goes on from where it stopped.</summary>
    Failed,

    /// <summary>
    /// It never finished: the process running it stopped (killed, machine restarted). Found and marked by the next run of the
    /// connection; nothing is lost, as every write it began is settled by request id and the orders cursor had not moved.
    /// </summary>
    Abandoned,
}

/// <summary>One sync run of one connection: when, why, what it did, how it ended.</summary>
public sealed record SyncRun
{
    public required Guid Id { get; init; }

    public required Guid ConnectionId { get; init; }

    /// <summary>Why it ran: "manual", "schedule", "webhook", "retry", "demo".</summary>
    public required string Trigger { get; init; }

    public DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }

    public RunOutcome Outcome { get; init; } = RunOutcome.Running;

    /// <summary>Counts by what happened ("items.created", "sales.created", "sales.skipped", "issues"...).</summary>
    public IReadOnlyDictionary<string, int> Counts { get; init; } = new Dictionary<string, int>();

    /// <summary>Why the run failed, when it did.</summary>
    public string? Error { get; init; }

    /// <summary>
    /// <see cref="Error"/> with its code and arguments (<see cref="RunMessages"/>), for showing it in the reader's language; null
    /// when the error has no template (QuickBooks' or the store's own words, runs that failed before errors had codes): then
    /// <see cref="Error"/> is shown as it is. The CLI's JSON leaves it out: the error's text is its English.
    /// </summary>
    [JsonIgnore]
    public SyncMessage? ErrorDetail { get; init; }
}

/// <summary>
/// A record that needs the merchant's attention, in words they can act on:
/// "order #1043, line 2: SKU ABC-1 has no QuickBooks item". One open issue per record; it is resolved when the record syncs.
/// </summary>
public sealed record SyncIssue
{
    public required Guid Id { get; init; }

    public required Guid ConnectionId { get; init; }

    public Guid RunId { get; init; }

    public required LinkKind Kind { get; init; }

    public required string SourceId { get; init; }

    /// <summary>What the merchant calls the record: "order #1043", "product Organic Tee - Large".</summary>
    public required string Reference { get; init; }

    public required string Message { get; init; }

    /// <summary>
    /// <see cref="Message"/> with its code and arguments, for showing it in the reader's language; null for a message that has
    /// no template (and issues raised before messages had codes): then <see cref="Message"/> is shown as it is.
    /// The CLI's JSON leaves it out: the message's text is its English.
    /// </summary>
    [JsonIgnore]
    public SyncMessage? Detail { get; init; }

    public DateTimeOffset RaisedAt { get; init; }

    public DateTimeOffset? ResolvedAt { get; init; }
}
