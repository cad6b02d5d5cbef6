using System.Globalization;
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

    /// <summary>A waiting or refused payout's reason as its open issue's message says it, when the issue says the same words.</summary>
    private static PayoutCheck WithDetail(PayoutCheck check, SyncIssue? issue) =>
        check.Standing is PayoutStanding.WaitingForOrder or PayoutStanding.Refused && issue is { Detail: { } detail } && detail.Text == check.Why
            ? check with { Detail = detail }
            : check;

    private static PayoutCheck Check(StorePayout payout, PayoutLedger ledger, PayoutSettings settings, DateOnly? startDate)
    {
        var reference = DepositComposer.Reference(payout);
        var link = ledger.Links.GetValueOrDefault(payout.SourceId);
        PayoutCheck Result(PayoutStanding standing, string why, string? depositId = null, decimal? amount = null) =>
            new(payout.SourceId, reference, payout.IssuedOn, payout.Status, payout.Amount, depositId, amount, standing, why);

        switch (payout.State)
        {
            case StorePayoutState.Scheduled or StorePayoutState.InTransit:
                return Result(PayoutStanding.NotPaidYet, $"{reference} is {Words(payout.Status)}: no deposit is due until it is paid.");
            case StorePayoutState.Failed or StorePayoutState.Canceled:
                return link is { State: LinkState.Skipped, QboId: { } holder }
                    ? Result(PayoutStanding.Failed, $"{reference} {Words(payout.Status)}; its money came again in a later payout, on deposit {holder}.", holder)
                    : Result(PayoutStanding.Failed, $"{reference} {Words(payout.Status)}: no deposit of its own; its money comes again in a later payout.");
            case StorePayoutState.Other:
                return Result(PayoutStanding.NotPaidYet, $"{reference} has the status \"{payout.Status}\", which is not paid: no deposit is due.");
        }

        if (link is { State: LinkState.Done, QboId: { } depositId })
        {
            if (ledger.Deposits.GetValueOrDefault(depositId) is not { } deposit)
            {
                return Result(PayoutStanding.DepositDeleted,
                    $"StoreBooks made deposit {depositId} of {reference}, and QuickBooks no longer has it (deleted in QuickBooks): {Money(payout.Amount)} is missing from the bank account.", depositId);
            }

            var total = deposit.TotalAmt ?? 0;
            return total == payout.Amount
                ? Result(PayoutStanding.Agrees, $"Deposit {depositId} is {Money(total)}, the payout's amount.", depositId, total)
                : Result(PayoutStanding.AmountDiffers,
                    $"Deposit {depositId} is {Money(total)} in QuickBooks, the payout {Money(payout.Amount)}: {Money(payout.Amount - total)} apart (the deposit was changed in QuickBooks).", depositId, total);
        }

        if (link is { State: LinkState.Dismissed })
        {
            return Result(PayoutStanding.NotPostedByStoreBooks, $"{reference} was dismissed ({link.Message ?? "by the merchant"}): StoreBooks posts no deposit for it.");
        }

        if (!settings.Enabled)
        {
            return Result(PayoutStanding.PayoutsNotEnabled,
                $"{reference} has no deposit in QuickBooks: payouts are not posted (payouts.enabled is off). Turn them on, or deposit {Money(payout.Amount)} by hand.");
        }

        var start = settings.StartDate ?? startDate;
        if (start is { } day && payout.IssuedOn < day)
        {
            return Result(PayoutStanding.NotPostedByStoreBooks, $"{reference} was issued before the payouts' start date {day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}: StoreBooks posts no deposit for it.");
        }

        return link switch
        {
            { State: LinkState.Waiting } => Result(PayoutStanding.WaitingForOrder, link.Message ?? $"{reference} waits for one of its orders to be in QuickBooks."),
            { State: LinkState.Failed } => Result(PayoutStanding.Refused, link.Message ?? $"{reference} was refused: see its issue."),
            { State: LinkState.Pending } => Result(PayoutStanding.NotDepositedYet, $"{reference}: its deposit is being written; the next sync finishes it."),
            _ => Result(PayoutStanding.NotDepositedYet, $"{reference} is paid and has no deposit yet: no sync has looked at it since; the next one deposits it."),
        };
    }

    private static string Words(string status) => status.Replace('_', ' ').ToLowerInvariant();

    private static string Money(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);
}
