namespace StoreBooks.Sync.Payouts;

/// <summary>What became of one payout in a run.</summary>
public enum PayoutResult
{
    /// <summary>Its deposit was made in QuickBooks this run.</summary>
    Deposited,

    /// <summary>It waits for something StoreBooks has not posted yet (an order, a refund, a payment); a later run deposits it.</summary>
    Waiting,

    /// <summary>It cannot be posted as it is (it does not add up, an account is missing, QuickBooks refused it); an issue says what to do.</summary>
    Refused,

    /// <summary>QuickBooks could not be reached; the next run finishes it without writing it twice.</summary>
    Deferred,
}

/// <summary>One payout's outcome: its reference ("payout 623721858 of 2026-03-04"), the result, why, and what was changed to fit.</summary>
public sealed record PayoutOutcome(string PayoutId, string Reference, PayoutResult Result, string? Message = null)
{
    /// <summary>The QuickBooks deposit's id, once made.</summary>
    public string? DepositId { get; init; }

    /// <summary>What the merchant should know about a deposit that was made (a difference line, a sale StoreBooks did not post).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}

/// <summary>The payouts part of a run: each payout's outcome, and a problem that stopped the whole part (settings, the source).</summary>
public sealed record PayoutRun(IReadOnlyList<PayoutOutcome> Outcomes, string? Problem)
{
    public int Count(PayoutResult result) => Outcomes.Count(o => o.Result == result);

    public bool NeedsAttention => Problem is not null || Outcomes.Any(o => o.Result != PayoutResult.Deposited);

    /// <summary>
    /// The run log's counts: "payouts.deposited", "payouts.waiting", "payouts.refused", "payouts.deferred", and "payouts.warnings"
    /// (deposits made with something to say: a difference line, a sale StoreBooks did not post).
    /// </summary>
    public IEnumerable<KeyValuePair<string, int>> Counts() =>
        Enum.GetValues<PayoutResult>().Select(r => new KeyValuePair<string, int>("payouts." + r.ToString().ToLowerInvariant(), Count(r)))
            .Append(new("payouts.warnings", Outcomes.Count(o => o.Warnings.Count > 0)));
}
