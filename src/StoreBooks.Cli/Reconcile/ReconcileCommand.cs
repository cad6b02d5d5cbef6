using System.CommandLine;
using System.Globalization;
using StoreBooks.Cli.Common;
using StoreBooks.Cli.Connect;
using StoreBooks.Sync.Reconciliation;

namespace StoreBooks.Cli.Reconcile;

/// <summary>
/// <c>storebooks reconcile --from DATE --to DATE</c>: the period's payouts beside their QuickBooks deposits, each day's figures
/// beside QuickBooks', and what is still undeposited and why. Exit code 0 when everything agrees, 3 when something differs
/// (as <c>sync</c> says "needs attention"), 1 when the report could not be made.
/// </summary>
internal static class ReconcileCommand
{
    public const int Differs = 3;

    public static Command Create()
    {
        var from = new Option<string>("--from") { Description = "First day of the period (YYYY-MM-DD), included.", HelpName = "DATE", Required = true };
        var to = new Option<string>("--to") { Description = "Last day of the period (YYYY-MM-DD), included.", HelpName = "DATE", Required = true };
        var json = CommonOptions.Json();
        var csv = new Option<bool>("--csv") { Description = "Print one CSV table (a row per payout, per day's figure, per undeposited document) instead of tables." };
        var connection = CommonOptions.Connection();
        var home = HomeOption.Create();
        var command = new Command("reconcile", "Reconcile a period: the store's payouts beside QuickBooks' deposits, each day's sales, tax, shipping, discounts, refunds and fees beside QuickBooks', and what is still in Undeposited Funds and why.")
        {
            from, to, json, csv, connection, home,
        };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse.InvocationConfiguration.Error, async () =>
        {
            var first = Day(parse.GetValue(from), "--from");
            var last = Day(parse.GetValue(to), "--to");
            if (first > last)
            {
                throw new CliException($"--from {Text(first)} is after --to {Text(last)}: the period must start on or before its last day.");
            }

            if (last.DayNumber - first.DayNumber >= ReconciliationReport.MaxDays)
            {
                throw new CliException($"The period from {Text(first)} to {Text(last)} is too long: reconcile at most {ReconciliationReport.MaxDays} days at once.");
            }

            if (parse.GetValue(json) && parse.GetValue(csv))
            {
                throw new CliException("Choose one of --json and --csv.");
            }

            await using var session = await CliSession.OpenAsync(parse.GetValue(home), cancellationToken).ConfigureAwait(false);
            var chosen = await session.ConnectionAsync(parse.GetValue(connection), cancellationToken).ConfigureAwait(false);
            var context = await session.ContextAsync(chosen, cancellationToken).ConfigureAwait(false);
            var source = await session.SourceAsync(chosen, cancellationToken).ConfigureAwait(false);
            var report = await ReconciliationReport.RunAsync(context, source, first, last, cancellationToken).ConfigureAwait(false);

            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
            {
                await Output.WriteJsonAsync(output, new { connection = chosen.Name, report }).ConfigureAwait(false);
            }
            else if (parse.GetValue(csv))
            {
                await ReconcileCsv.WriteAsync(output, report).ConfigureAwait(false);
            }
            else
            {
                ReconcilePrinter.Print(Output.Console(output), chosen.Name, report);
            }

            return report.AllAgree ? 0 : Differs;
        }));
        return command;
    }

    private static DateOnly Day(string? value, string option) =>
        DateOnly.TryParseExact(value?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : throw new CliException($"{option} \"{value}\" is not a date: write it as YYYY-MM-DD (for example 2026-03-01).");

    private static string Text(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
