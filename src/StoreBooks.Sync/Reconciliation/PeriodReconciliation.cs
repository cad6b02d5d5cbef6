using System.Text.Json.Serialization;
using StoreBooks.Core.Messages;
using StoreBooks.Sync.Reports;

namespace StoreBooks.Sync.Reconciliation;

/// <summary>
/// A connection's books for a period, the store's figures beside QuickBooks': each payout issued in the period beside its
/// deposit, each day's sales, tax, shipping, discounts, refunds and fees, and what StoreBooks posted that is still in
/// Undeposited Funds (or a clearing account) and why. <see cref="AllAgree"/> when every payout agrees with its deposit (or
/// needs none yet), every day's figures agree, and every document still undeposited has a reason to be.
/// </summary>
public sealed record PeriodReconciliation(
    DateOnly From,
    DateOnly To,
    string Currency,
    IReadOnlyList<PayoutCheck> Payouts,
    IReadOnlyList<TotalsLine> Overall,
    IReadOnlyList<ReconciledDay> Days,
    IReadOnlyList<UndepositedDocument> Undeposited)
{
    /// <summary>Why the payouts could not be compared (the store has no payouts StoreBooks reads, or they could not be read); null when they were.</summary>
    public string? PayoutsProblem => PayoutsProblemDetail?.Text;

    /// <summary><see cref="PayoutsProblem"/> with its code and arguments, for the dashboard's reader. The CLI's JSON leaves it out.</summary>
    [JsonIgnore]
    public SyncMessage? PayoutsProblemDetail { get; init; }

    /// <summary>Whether the store's payouts are posted as deposits (setting payouts.enabled).</summary>
    public bool PayoutsEnabled { get; init; }

    public bool PayoutsAgree => Payouts.All(p => p.Agrees);

    public bool DaysAgree => Overall.All(l => l.Agrees) && Days.All(d => d.Agrees);

    public bool UndepositedExplained => Undeposited.All(u => u.Explained);

    /// <summary>The store has no payouts StoreBooks reads and says why (a WooCommerce site without WooPayments): not a disagreement.</summary>
    public bool PayoutsUnavailable { get; init; }

    /// <summary>Per-order fee bookings of gateways whose payouts are not read (the WooCommerce Stripe plugin's), day by day.</summary>
    public IReadOnlyList<ClearingDay> Clearing { get; init; } = [];

    public bool ClearingAgrees => Clearing.All(c => c.Agrees);

    public bool AllAgree => PayoutsAgree && DaysAgree && UndepositedExplained && ClearingAgrees && (PayoutsProblem is null || !PayoutsEnabled || PayoutsUnavailable);
}

/// <summary>One day's figures, as the store has them and as QuickBooks has them: TotalsReport's, with the fees of the payouts issued that day.</summary>
public sealed record ReconciledDay(DateOnly Day, int Documents, IReadOnlyList<TotalsLine> Lines)
{
    public bool Agrees => Lines.All(l => l.Agrees);

    public TotalsLine Line(string key) => Lines.Single(l => l.Key == key);
}
