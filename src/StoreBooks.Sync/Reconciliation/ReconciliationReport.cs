using StoreBooks.Core.Messages;
using StoreBooks.Core.Payouts;
using StoreBooks.Core.Sources;
using StoreBooks.Sync.Reports;

namespace StoreBooks.Sync.Reconciliation;

/// <summary>
/// Reconciles a connection's store with its QuickBooks company for a period (both days included): each payout issued in it beside
/// its deposit (<see cref="PayoutChecks"/>), each day's sales, tax, shipping, discounts and refunds (<see cref="TotalsReport"/>)
/// and fees (<see cref="PayoutFees"/>), and what is still undeposited and why (<see cref="UndepositedFunds"/>). Reads only.
/// </summary>
public static class ReconciliationReport
{
    /// <summary>Longest period reconciled at once.</summary>
    public const int MaxDays = 366;

    public static async Task<PeriodReconciliation> RunAsync(SyncContext context, IStoreSource source, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        if (to < from)
        {
            throw new ArgumentException($"The period ends ({to:yyyy-MM-dd}) before it starts ({from:yyyy-MM-dd}).", nameof(to));
        }

        var company = await context.CompanyAsync(cancellationToken).ConfigureAwait(false);
        var totals = await TotalsReport.CompareByDayAsync(context, source, from, to, cancellationToken).ConfigureAwait(false);
        var ledger = await PayoutLedger.LoadAsync(context, source, from, cancellationToken).ConfigureAwait(false);
        var issues = await context.State.Runs.ListOpenIssuesAsync(context.ConnectionId, cancellationToken).ConfigureAwait(false);
        var payouts = PayoutChecks.Check(ledger, context.Settings.Payouts, context.Settings.SyncStartDate, from, to, issues);
        var fees = PayoutFees.ByDay(ledger, from, to);
        var undeposited = await new UndepositedFunds(context, source, ledger).FindAsync(from, to, cancellationToken).ConfigureAwait(false);

        var documents = totals.Days.ToDictionary(d => d.Day);
        var days = documents.Keys.Union(fees.Keys).Order().Select(day =>
        {
            var comparison = documents.TryGetValue(day, out var found) ? found.Totals : null;
            var fee = fees.GetValueOrDefault(day);
            return new ReconciledDay(day, comparison is null ? 0 : comparison.Documents + comparison.Refunds, Lines(comparison, fee.Store, fee.QuickBooks));
        }).ToList();
        var overall = Lines(totals.Overall, fees.Values.Sum(f => f.Store), fees.Values.Sum(f => f.QuickBooks));

        var clearing = await GatewayClearing.ByDayAsync(context, source, from, to, cancellationToken).ConfigureAwait(false);
        return new PeriodReconciliation(from, to, company.HomeCurrency, payouts, overall, days, undeposited)
        {
            Clearing = clearing,
            PayoutsUnavailable = !ledger.HasPayouts && (source as IPayoutSource)?.NoPayoutsReason is not null,
            PayoutsProblemDetail = ledger.Problem ?? (ledger.HasPayouts ? null
                : (source as IPayoutSource)?.NoPayoutsReason is { } reason ? reason
                : ReconcileMessages.NoPayoutSource.With(("kind", source.Kind))),
            PayoutsEnabled = context.Settings.Payouts.Enabled,
        };
    }

    /// <summary>TotalsReport's figures (zero on a day without documents), then the fees.</summary>
    private static IReadOnlyList<TotalsLine> Lines(TotalsComparison? comparison, decimal storeFees, decimal quickBooksFees)
    {
        IEnumerable<TotalsLine> lines = comparison?.Lines ?? Empty;
        return [.. lines, new TotalsLine("Fees", storeFees, quickBooksFees) { Key = "fees" }];
    }

    private static readonly TotalsLine[] Empty =
    [
        new("Sales (charged, less gift cards redeemed)", 0, 0) { Key = "sales" },
        new("Tax", 0, 0) { Key = "tax" },
        new("Shipping", 0, 0) { Key = "shipping" },
        new("Discounts", 0, 0) { Key = "discounts" },
        new("Refunds", 0, 0) { Key = "refunds" },
    ];
}
