using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using StoreBooks.Cli.Common;
using StoreBooks.Cli.Connect;
using StoreBooks.Core.State;

namespace StoreBooks.Cli.Sync;

/// <summary>
/// <c>storebooks status</c>: the recent runs, the records that need attention, the orders left waiting and why, the orders a rule
/// skipped and which rule, and the orders posted with a warning.
/// </summary>
internal static class StatusCommand
{
    private const int Listed = 50;

    public static Command Create()
    {
        var json = CommonOptions.Json();
        var connection = CommonOptions.Connection();
        var home = HomeOption.Create();
        var runs = new Option<int>("--runs") { Description = "How many recent runs to show (1 or more).", DefaultValueFactory = _ => 5 };
        runs.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
            {
                result.AddError("--runs must be 1 or more: it is how many recent runs to show.");
            }
        });
        var command = new Command("status", "Show the connection's recent runs, the records that need attention, and the orders waiting, skipped or posted with a warning.") { runs, json, connection, home };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse.InvocationConfiguration.Error, async () =>
        {
            await using var session = await CliSession.OpenAsync(parse.GetValue(home), cancellationToken).ConfigureAwait(false);
            var chosen = await session.ConnectionAsync(parse.GetValue(connection), cancellationToken).ConfigureAwait(false);
            var state = session.State;
            var recent = await state.Runs.ListRunsAsync(chosen.Id, parse.GetValue(runs), cancellationToken).ConfigureAwait(false);
            var issues = await state.Runs.ListOpenIssuesAsync(chosen.Id, cancellationToken).ConfigureAwait(false);
            var counts = await state.Links.CountAsync(chosen.Id, LinkKind.Sale, cancellationToken).ConfigureAwait(false);
            var waiting = (await state.Links.ListRecentAsync(chosen.Id, LinkKind.Sale, LinkState.NotDue, Listed, cancellationToken).ConfigureAwait(false))
                .Concat(await state.Links.ListRecentAsync(chosen.Id, LinkKind.Sale, LinkState.Waiting, Listed, cancellationToken).ConfigureAwait(false))
                .OrderByDescending(l => l.UpdatedAt).Take(Listed).Select(OrderEntry.Of).ToList();
            var skipped = (await state.Links.ListRecentAsync(chosen.Id, LinkKind.Sale, LinkState.Skipped, Listed, cancellationToken).ConfigureAwait(false)).Select(OrderEntry.Of).ToList();
            var dismissed = (await state.Links.ListRecentAsync(chosen.Id, LinkKind.Sale, LinkState.Dismissed, Listed, cancellationToken).ConfigureAwait(false)).Select(OrderEntry.Of).ToList();
            var warned = (await state.Links.ListWarnedAsync(chosen.Id, LinkKind.Sale, Listed, cancellationToken).ConfigureAwait(false)).Select(OrderEntry.Of).ToList();
            var orders = new OrderCounts(
                counts[LinkState.Done], counts[LinkState.NotDue] + counts[LinkState.Waiting], counts[LinkState.Skipped], counts[LinkState.Failed],
                counts[LinkState.Dismissed], counts[LinkState.Pending], counts.Warned);

            var deposits = await state.Links.CountAsync(chosen.Id, LinkKind.Payout, cancellationToken).ConfigureAwait(false);
            var payouts = new PayoutCounts(deposits[LinkState.Done], deposits[LinkState.Waiting], deposits[LinkState.Failed], deposits[LinkState.Pending]);

            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
            {
                await Output.WriteJsonAsync(output, new { connection = chosen.Name, runs = recent, issues, orders, payouts, waiting, skipped, dismissed, warnings = warned }).ConfigureAwait(false);
                return 0;
            }

            var console = Output.Console(output);
            console.WriteLine($"Connection \"{chosen.Name}\"");
            PrintRuns(console, recent);
            console.WriteLine($"Orders: {orders.Posted} posted ({orders.Warned} with a warning), {orders.Waiting} waiting, {orders.Skipped} skipped by a rule, {orders.Refused} refused, {orders.Dismissed} dismissed, {orders.InFlight} being written.");
            if (payouts.Deposited + payouts.Waiting + payouts.Refused + payouts.InFlight > 0)
            {
                console.WriteLine($"Payouts: {payouts.Deposited} deposited, {payouts.Waiting} waiting for their orders, {payouts.Refused} refused, {payouts.InFlight} being written (each one waiting or refused is an issue below).");
            }

            RunReport.PrintIssues(console, issues);
            PrintOrders(console, "Waiting (nothing to do: the next run posts them once the store says they are due)", waiting, orders.Waiting);
            PrintOrders(console, "Skipped by a rule", skipped, orders.Skipped);
            PrintOrders(console, "Dismissed (storebooks retry ORDER takes one back)", dismissed, orders.Dismissed);
            PrintOrders(console, "Posted with a warning", warned, orders.Warned);
            return 0;
        }));
        return command;
    }

    private static void PrintRuns(IAnsiConsole console, IReadOnlyList<SyncRun> recent)
    {
        var table = new Table().AddColumns("Started", "Trigger", "Outcome", "Duration", "Counts");
        foreach (var run in recent)
        {
            table.AddRow(
                run.StartedAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                Output.Cell(run.Trigger),
                Output.Cell(RunReport.Describe(run.Outcome) + (run.Error is null ? "" : $": {run.Error}")),
                run.FinishedAt is { } f ? string.Create(CultureInfo.InvariantCulture, $"{(f - run.StartedAt).TotalSeconds:0.0} s") : "",
                Output.Cell(RunReport.Counts(run)));
        }

        console.Write(table);
    }

    private static void PrintOrders(IAnsiConsole console, string title, IReadOnlyList<OrderEntry> entries, int total)
    {
        if (total == 0)
        {
            return;
        }

        console.WriteLine(total > entries.Count ? $"{title}: {total}, the latest {entries.Count}:" : $"{title}: {total}");
        foreach (var entry in entries)
        {
            var why = entry.Warnings.Count > 0 ? string.Join("; ", entry.Warnings) : entry.Reason;
            console.WriteLine($"- {entry.Reference}: {why}");
        }
    }

    /// <summary>How many orders stand where.</summary>
    private sealed record PayoutCounts(int Deposited, int Waiting, int Refused, int InFlight);

    private sealed record OrderCounts(int Posted, int Waiting, int Skipped, int Refused, int Dismissed, int InFlight, int Warned);

    /// <summary>One order in a listing: what the merchant calls it, and why it stands there.</summary>
    private sealed record OrderEntry(string SourceId, string Reference, string State, string? Reason, IReadOnlyList<string> Warnings, string? QboId, DateTimeOffset UpdatedAt)
    {
        public static OrderEntry Of(StoreBooks.Core.State.Link link) => new(
            link.SourceId,
            link.Reference ?? $"order {link.SourceId}",
            link.State switch
            {
                LinkState.NotDue or LinkState.Waiting => "waiting",
                LinkState.Skipped => "skipped",
                LinkState.Dismissed => "dismissed",
                LinkState.Done => "posted",
                LinkState.Failed => "refused",
                _ => "in flight",
            },
            link.Message,
            link.Warnings,
            link.QboId,
            link.UpdatedAt);
    }
}
