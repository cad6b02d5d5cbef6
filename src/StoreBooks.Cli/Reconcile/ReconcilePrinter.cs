using System.Globalization;
using Spectre.Console;
using StoreBooks.Cli.Common;
using StoreBooks.Sync.Reconciliation;

namespace StoreBooks.Cli.Reconcile;

/// <summary>How <c>storebooks reconcile</c> shows a period to a person: the verdict, then a table per part.</summary>
internal static class ReconcilePrinter
{
    /// <summary>The figures shown in columns; every figure that differs is named in the agreement column.</summary>
    private static readonly string[] Columns = ["sales", "refunds", "fees"];

    public static void Print(IAnsiConsole console, string connection, PeriodReconciliation report)
    {
        console.WriteLine($"Connection \"{connection}\", from {Day(report.From)} to {Day(report.To)} ({report.Currency}).");
        console.WriteLine(report.AllAgree
            ? "Everything agrees: every payout with its deposit, every day's figures, and everything still undeposited has its reason."
            : $"Something differs: {Verdict(report)}.");

        console.WriteLine();
        console.WriteLine("Payouts");
        if (report.PayoutsProblem is { } problem)
        {
            console.WriteLine(problem);
        }
        else if (report.Payouts.Count == 0)
        {
            console.WriteLine("No payout issued in this period.");
        }
        else
        {
            var payouts = new Table().AddColumns("Payout", "Issued", "Status", "Store", "QuickBooks", "Difference", "Agreement");
            foreach (var p in report.Payouts)
            {
                payouts.AddRow(Output.Cell(p.PayoutId), Day(p.IssuedOn), Output.Cell(p.Status), Money(p.StoreAmount),
                    p.QuickBooksAmount is { } q ? $"{Money(q)} (deposit {Output.Cell(p.DepositId)})" : "no deposit",
                    Money(p.Difference), Output.Cell(p.Agrees ? $"Agrees: {p.Why}" : $"DIFFERS: {p.Why}"));
            }

            console.Write(payouts);
        }

        console.WriteLine();
        console.WriteLine("The whole period");
        var overall = new Table().AddColumns("Figure", "Store", "QuickBooks", "Agreement");
        foreach (var line in report.Overall)
        {
            overall.AddRow(Output.Cell(line.Measure), Money(line.Store), Money(line.QuickBooks), line.Agrees ? "Agrees" : $"DIFFERS by {Money(line.Store - line.QuickBooks)}");
        }

        console.Write(overall);

        console.WriteLine();
        console.WriteLine("Day by day (the store's figures; where QuickBooks differs, both)");
        if (report.Days.Count == 0)
        {
            console.WriteLine("No document or payout in this period.");
        }
        else
        {
            var days = new Table().AddColumns(["Day", "Docs", .. Columns.Select(Heading), "Agreement"]);
            foreach (var day in report.Days)
            {
                var differing = day.Lines.Where(l => !l.Agrees).Select(l => $"{l.Key} {Money(l.Store)} vs {Money(l.QuickBooks)}");
                days.AddRow([Day(day.Day), day.Documents.ToString(CultureInfo.InvariantCulture), .. Columns.Select(m => Money(day.Line(m).Store)),
                    day.Agrees ? "Agrees" : $"DIFFERS: {string.Join("; ", differing)}"]);
            }

            console.Write(days);
        }

        console.WriteLine();
        console.WriteLine("Still in Undeposited Funds (or a clearing account)");
        if (report.Undeposited.Count == 0)
        {
            console.WriteLine("Nothing StoreBooks posted in this period is waiting for a deposit.");
        }
        else
        {
            var held = new Table().AddColumns("Date", "Document", "Account", "Amount", "Why");
            foreach (var u in report.Undeposited)
            {
                held.AddRow(u.Date is { } d ? Day(d) : "", Output.Cell($"{u.Entity} {u.DocumentId}"), Output.Cell(u.Account), Money(u.Amount),
                    Output.Cell(u.Explained ? u.Why : $"DIFFERS: {u.Why}"));
            }

            console.Write(held);
            console.WriteLine($"{report.Undeposited.Count} document(s), {Money(report.Undeposited.Sum(u => u.Amount))} in all.");
        }

        if (report.Clearing.Count > 0)
        {
            console.WriteLine();
            console.WriteLine("Fees booked per order, and the nets in the gateway's clearing account (match the gateway's bank deposits against these days)");
            var clearing = new Table().AddColumns("Day", "Gateway", "Orders", "Fees", "Net", "Agreement");
            foreach (var c in report.Clearing)
            {
                clearing.AddRow(Day(c.Day), Output.Cell(c.Gateway), c.Orders.ToString(CultureInfo.InvariantCulture), Money(c.StoreFees), Money(c.StoreNet),
                    c.Agrees ? "Agrees" : $"DIFFERS: QuickBooks fees {Money(c.QuickBooksFees)}, net {Money(c.QuickBooksNet)}");
            }

            console.Write(clearing);
            console.WriteLine($"{Money(report.Clearing.Sum(c => c.QuickBooksNet))} reached the clearing accounts in this period.");
        }
    }

    private static string Verdict(PeriodReconciliation report)
    {
        var parts = new List<string>();
        var payouts = report.Payouts.Count(p => !p.Agrees);
        if (payouts > 0)
        {
            parts.Add($"{payouts} payout(s) and their deposits");
        }

        var days = report.Days.Count(d => !d.Agrees);
        if (days > 0 || !report.Overall.All(l => l.Agrees))
        {
            parts.Add($"the figures of {days} day(s)");
        }

        var missing = report.Undeposited.Count(u => !u.Explained);
        if (missing > 0)
        {
            parts.Add($"{missing} document(s) left out of their payout's deposit");
        }

        var clearing = report.Clearing.Count(c => !c.Agrees);
        if (clearing > 0)
        {
            parts.Add($"the per-order fees of {clearing} day(s)");
        }

        if (report.PayoutsProblem is not null && report.PayoutsEnabled && !report.PayoutsUnavailable)
        {
            parts.Add("the payouts could not be read");
        }

        return string.Join("; ", parts);
    }

    private static string Heading(string measure) => char.ToUpperInvariant(measure[0]) + measure[1..];

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Money(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);
}
