using StoreBooks.Core.Messages;
using StoreBooks.Core.Payouts;
using StoreBooks.Core.State;
using StoreBooks.Sync.Payouts;

namespace StoreBooks.Sync.Reconciliation;

/// <summary>
/// Each payout issued in a period beside the QuickBooks deposit its link names: the deposit's <c>TotalAmt</c> against the
/// payout's amount; and, for a payout without a deposit, why there is none (not paid yet, failed, waiting for an order, payouts
/// off, refused, deleted in QuickBooks).
/// </summary>
internal static class PayoutChecks
{
    /// <param name="issues">The connection's open issues: a waiting or refused payout's reason is its issue's message (in the reader's language).</param>
    public static IReadOnlyList<PayoutCheck> Check(PayoutLedger ledger, PayoutSettings settings, DateOnly? startDate, DateOnly from, DateOnly to, IReadOnlyList<SyncIssue> issues)
    {
        var payoutIssues = issues.Where(i => i.Kind == LinkKind.Payout).GroupBy(i => i.SourceId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
        return ledger.Payouts.Where(p => p.IssuedOn >= from && p.IssuedOn <= to)
            .OrderBy(p => p.IssuedOn).ThenBy(p => p.SourceId, StringComparer.Ordinal)
            .Select(p => WithDetail(Check(p, ledger, settings, startDate), payoutIssues.GetValueOrDefault(p.SourceId))).ToList();
    }

    /// <summary>
    /// A waiting or refused payout's reason as its open issue's message says it, when the issue says the same words (a link's
    /// message has no code: its issue's message carries it).
    /// </summary>
    private static PayoutCheck WithDetail(PayoutCheck check, SyncIssue? issue) =>
        check.Standing is PayoutStanding.WaitingForOrder or PayoutStanding.Refused && issue is { Detail: { } detail } && detail.Text == check.Why
            ? check with { Detail = detail }
            : check;

    private static PayoutCheck Check(StorePayout payout, PayoutLedger ledger, PayoutSettings settings, DateOnly? startDate)
    {
        var reference = DepositComposer.Reference(payout);
        var payoutRef = DepositComposer.ReferenceMessage(payout);
        var link = ledger.Links.GetValueOrDefault(payout.SourceId);
        PayoutCheck Result(PayoutStanding standing, SyncMessage why, string? depositId = null, decimal? amount = null) =>
            new(payout.SourceId, reference, payout.IssuedOn, payout.Status, payout.Amount, depositId, amount, standing, why.Text) { Detail = why };

        // A reason kept on the link (the sync's words, without their code): its open issue gives them with their code (WithDetail);
        // without such an issue, a French page says the general reason in French rather than the sync's words in English.
        PayoutCheck Kept(PayoutStanding standing, string why, SyncMessage general) =>
            new(payout.SourceId, reference, payout.IssuedOn, payout.Status, payout.Amount, null, null, standing, why) { Detail = general };

        switch (payout.State)
        {
            case StorePayoutState.Scheduled or StorePayoutState.InTransit:
                return Result(PayoutStanding.NotPaidYet, ReconcileMessages.NotPaidYet.With(("payout", payoutRef), ("status", Words(payout.Status))));
            case StorePayoutState.Failed or StorePayoutState.Canceled:
                return link is { State: LinkState.Skipped, QboId: { } holder }
                    ? Result(PayoutStanding.Failed, ReconcileMessages.FailedCameAgain.With(("payout", payoutRef), ("status", Words(payout.Status)), ("deposit", holder)), holder)
                    : Result(PayoutStanding.Failed, ReconcileMessages.Failed.With(("payout", payoutRef), ("status", Words(payout.Status))));
            case StorePayoutState.Other:
                return Result(PayoutStanding.NotPaidYet, ReconcileMessages.OtherStatus.With(("payout", payoutRef), ("status", payout.Status)));
        }

        if (link is { State: LinkState.Done, QboId: { } depositId })
        {
            if (ledger.Deposits.GetValueOrDefault(depositId) is not { } deposit)
            {
                return Result(PayoutStanding.DepositDeleted,
                    ReconcileMessages.DepositDeleted.With(("deposit", depositId), ("payout", payoutRef), ("amount", Money(payout.Amount))), depositId);
            }

            var total = deposit.TotalAmt ?? 0;
            return total == payout.Amount
                ? Result(PayoutStanding.Agrees, ReconcileMessages.Agrees.With(("deposit", depositId), ("amount", Money(total))), depositId, total)
                : Result(PayoutStanding.AmountDiffers, ReconcileMessages.AmountDiffers.With(
                    ("deposit", depositId), ("total", Money(total)), ("amount", Money(payout.Amount)), ("difference", Money(payout.Amount - total))), depositId, total);
        }

        if (link is { State: LinkState.Dismissed })
        {
            return Result(PayoutStanding.NotPostedByStoreBooks,
                ReconcileMessages.Dismissed.With(("payout", payoutRef), ("why", link.Message ?? (MessageArg)ReconcileMessages.ByTheMerchant.With())));
        }

        if (!settings.Enabled)
        {
            return Result(PayoutStanding.PayoutsNotEnabled, ReconcileMessages.PayoutsOff.With(("payout", payoutRef), ("amount", Money(payout.Amount))));
        }

        var start = settings.StartDate ?? startDate;
        if (start is { } day && payout.IssuedOn < day)
        {
            return Result(PayoutStanding.NotPostedByStoreBooks, ReconcileMessages.BeforeStart.With(("payout", payoutRef), ("day", SettingsMessages.Day(day))));
        }

        return link switch
        {
            { State: LinkState.Waiting, Message: { } waits } => Kept(PayoutStanding.WaitingForOrder, waits, ReconcileMessages.Waits.With(("payout", payoutRef))),
            { State: LinkState.Waiting } => Result(PayoutStanding.WaitingForOrder, ReconcileMessages.Waits.With(("payout", payoutRef))),
            { State: LinkState.Failed, Message: { } refused } => Kept(PayoutStanding.Refused, refused, ReconcileMessages.Refused.With(("payout", payoutRef))),
            { State: LinkState.Failed } => Result(PayoutStanding.Refused, ReconcileMessages.Refused.With(("payout", payoutRef))),
            { State: LinkState.Pending } => Result(PayoutStanding.NotDepositedYet, ReconcileMessages.BeingWritten.With(("payout", payoutRef))),
            _ => Result(PayoutStanding.NotDepositedYet, ReconcileMessages.NotDepositedYet.With(("payout", payoutRef))),
        };
    }

    private static string Words(string status) => status.Replace('_', ' ').ToLowerInvariant();

    private static MessageArg Money(decimal amount) => MessageArg.Number(amount, "0.00");
}
