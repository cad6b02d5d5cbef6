using StoreBooks.Core.Payouts;
using StoreBooks.Sync.Reconciliation;

namespace StoreBooks.Web.Dashboard.Reconcile;

/// <summary>Resource keys of the Reconcile page's words that come from the report.</summary>
public static class ReconcileText
{
    /// <summary>A compared figure's name ("sales", "fees"…).</summary>
    public static string MeasureKey(string measure) => "Reconcile_Measure_" + measure;

    public static string StandingKey(PayoutStanding standing) => "Reconcile_Standing_" + standing;

    public static string ReasonKey(UndepositedReason reason) => "Reconcile_Reason_" + reason;

    /// <summary>A payout's status in words common to every provider ("paid", "in_transit" → InTransit).</summary>
    public static string StatusKey(string status) => "Reconcile_Status_" + StorePayoutStates.From(status);

    /// <summary>"SalesReceipt", "Payment", "RefundReceipt".</summary>
    public static string EntityKey(string entity) => "Reconcile_Entity_" + entity;

    /// <summary>
    /// Standings whose report text names what to do (an order a payout waits for, QuickBooks' refusal): shown beside the words, in the
    /// reader's language when the payout's open issue gives its message (<see cref="PayoutCheck.Detail"/>).
    /// </summary>
    public static bool HasDetail(PayoutStanding standing) => standing is PayoutStanding.WaitingForOrder or PayoutStanding.Refused;
}
