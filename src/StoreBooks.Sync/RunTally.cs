using StoreBooks.Sync.Sales;

namespace StoreBooks.Sync;

/// <summary>
/// What a run did, counted as it goes: counts per result, refunds and payments posted, and the outcomes themselves: the first
/// <see cref="KeptOutcomes"/> that need attention (every one of them is also an issue in the run log) and the first
/// <see cref="KeptOutcomes"/> others, so a run of any length holds the same memory.
/// </summary>
public sealed class RunTally
{
    /// <summary>How many outcomes of each sort (needing attention, or not) a run keeps for its summary.</summary>
    public const int KeptOutcomes = 1_000;

    private readonly Dictionary<OrderResult, int> _results = [];
    private readonly List<OrderOutcome> _kept = [];
    private int _keptAttention;
    private int _refunds;
    private int _payments;
    private int _warned;

    public int Orders { get; private set; }

    public int Done { get; private set; }

    public bool NeedsAttention { get; private set; }

    public IReadOnlyList<OrderOutcome> Outcomes => _kept;

    public void Add(OrderOutcome outcome)
    {
        Orders++;
        Done += outcome.Result == OrderResult.Deferred ? 0 : 1;
        _results[outcome.Result] = _results.GetValueOrDefault(outcome.Result) + 1;
        _refunds += outcome.RefundsPosted;
        _payments += outcome.PaymentPosted ? 1 : 0;
        _warned += outcome.Warnings.Count > 0 ? 1 : 0;
        var attention = outcome.Result is OrderResult.Failed or OrderResult.Waiting or OrderResult.Deferred;
        NeedsAttention |= attention;

        // Outcomes with warnings are kept like those that need attention (they are worth showing), without making the run need it.
        attention |= outcome.Warnings.Count > 0;
        if (attention ? _keptAttention < KeptOutcomes : _kept.Count - _keptAttention < KeptOutcomes)
        {
            _kept.Add(outcome);
            _keptAttention += attention ? 1 : 0;
        }
    }

    /// <summary>The run's counts as the run log keeps them ("orders.posted", "refunds.posted", "payments.posted"…).</summary>
    public Dictionary<string, int> Counts()
    {
        var counts = _results.ToDictionary(r => "orders." + r.Key.ToString().ToLowerInvariant(), r => r.Value);
        counts["refunds.posted"] = _refunds;
        counts["payments.posted"] = _payments;
        counts["warnings"] = _warned;
        return counts;
    }
}
