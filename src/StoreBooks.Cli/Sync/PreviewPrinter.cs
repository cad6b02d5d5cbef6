using System.Globalization;
using Spectre.Console;
using StoreBooks.Cli.Common;
using StoreBooks.Sync.Preview;

namespace StoreBooks.Cli.Sync;

/// <summary>How <c>storebooks sync --dry-run</c> tells what the next sync would do.</summary>
internal static class PreviewPrinter
{
    public static void Print(IAnsiConsole console, PreviewReport report)
    {
        console.WriteLine("Dry run: nothing was sent to QuickBooks and nothing was recorded. The next sync would do this:");
        if (report.Error is not null)
        {
            console.WriteLine($"It would stop early: {report.Error}");
        }

        var orders = report.MoreOrders ? $"the first {report.OrdersRead} orders (there are more; --limit N looks at more)" : $"{report.OrdersRead} order(s)";
        console.WriteLine($"Looked at {orders}.");
        if (report.Documents.Count == 0)
        {
            console.WriteLine("No document to post.");
        }
        else
        {
            var table = new Table().AddColumns("Document", "Number", "Date", "Customer", "Lines", "Tax", "Total");
            foreach (var d in report.Documents)
            {
                var lines = string.Join("; ", d.Lines.Select(l => l.Quantity is { } q ? $"{q.ToString("0.##", CultureInfo.InvariantCulture)} × {l.What} {Money(l.Amount)}" : $"{l.What} {Money(l.Amount)}"));
                table.AddRow(
                    Output.Cell(d.Operation == "create" ? d.Kind : $"{d.Kind} ({d.Operation})"), Output.Cell(d.Number), Output.Cell(d.Date), Output.Cell(d.Customer),
                    Output.Cell(lines), Output.Cell(d.Tax is { } tax ? Money(tax) : ""), Output.Cell(Money(d.Total)));
            }

            console.Write(table);
        }

        foreach (var group in report.NewRecords.GroupBy(r => r.Entity, StringComparer.Ordinal))
        {
            console.WriteLine($"New {group.Key} records: {string.Join(", ", group.Select(r => r.Name))}");
        }

        if (report.Held.Count > 0)
        {
            console.WriteLine($"{report.Held.Count} order(s) would not post:");
            foreach (var hold in report.Held)
            {
                console.WriteLine($"- {hold.Order} ({hold.Result}): {hold.Reason}");
            }
        }
    }

    private static string Money(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);
}
