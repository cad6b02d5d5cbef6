using System.Globalization;
using StoreBooks.Sync.Reconciliation;

namespace StoreBooks.Cli.Reconcile;

/// <summary>
/// <c>reconcile --csv</c>: one table, a row per payout, per figure of the period and of each day, and per undeposited document,
/// with the columns <c>section,date,reference,measure,store,quickbooks,difference,agrees,why</c> (amounts with a dot, days
/// YYYY-MM-DD; an amount QuickBooks has none of is empty).
/// </summary>
internal static class ReconcileCsv
{
    public const string Header = "section,date,reference,measure,store,quickbooks,difference,agrees,why";

    public static async Task WriteAsync(TextWriter output, PeriodReconciliation report)
    {
        await output.WriteLineAsync(Header).ConfigureAwait(false);
        foreach (var p in report.Payouts)
        {
            await RowAsync(output, "payout", p.IssuedOn, p.Reference, p.Status, p.StoreAmount, p.QuickBooksAmount, p.Difference, p.Agrees, p.Why).ConfigureAwait(false);
        }

        foreach (var line in report.Overall)
        {
            await RowAsync(output, "period", null, $"{Day(report.From)}..{Day(report.To)}", line.Key, line.Store, line.QuickBooks, line.Store - line.QuickBooks, line.Agrees, "").ConfigureAwait(false);
        }

        foreach (var day in report.Days)
        {
            foreach (var line in day.Lines)
            {
                await RowAsync(output, "day", day.Day, "", line.Key, line.Store, line.QuickBooks, line.Store - line.QuickBooks, line.Agrees, "").ConfigureAwait(false);
            }
        }

        foreach (var u in report.Undeposited)
        {
            await RowAsync(output, "undeposited", u.Date, $"{u.Entity} {u.DocumentId}", u.Reason.ToString(), u.Amount, null, null, u.Explained, $"{u.Why} ({u.Account})").ConfigureAwait(false);
        }
    }

    private static Task RowAsync(TextWriter output, string section, DateOnly? date, string reference, string measure, decimal store, decimal? quickBooks, decimal? difference, bool agrees, string why) =>
        output.WriteLineAsync(string.Join(',',
            section, date is { } d ? Day(d) : "", Field(reference), Field(measure), Money(store), quickBooks is { } q ? Money(q) : "",
            difference is { } x ? Money(x) : "", agrees ? "true" : "false", Field(why)));

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Money(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>A field quoted when it holds a comma, a quote or a line break (RFC 4180).</summary>
    private static string Field(string text) =>
        text.IndexOfAny([',', '"', '\n', '\r']) < 0 ? text : "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
