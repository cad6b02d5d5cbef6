using System.CommandLine;
using Spectre.Console;
using StoreBooks.Cli.Common;
using StoreBooks.Cli.Connect;
using StoreBooks.Core.State;
using StoreBooks.Hosting.Scheduling;
using StoreBooks.Sync;
using StoreBooks.Sync.Sales;

namespace StoreBooks.Cli.Sync;

/// <summary><c>storebooks sync</c>, <c>storebooks retry</c> and <c>storebooks status</c>.</summary>
internal static class SyncCommands
{
    public static void AddTo(RootCommand root)
    {
        root.Subcommands.Add(Run("sync", "Sync the connection's orders (with their customers, items, payments and refunds) into QuickBooks.", retry: false));
        root.Subcommands.Add(Run("retry", "Sync again, retrying the orders that failed (after you fixed what their issues say).", retry: true));
        root.Subcommands.Add(Status());
    }

    private static Command Run(string name, string description, bool retry)
    {
        var json = CommonOptions.Json();
        var connection = CommonOptions.Connection();
        var home = HomeOption.Create();
        var command = new Command(name, description) { json, connection, home };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse.InvocationConfiguration.Error, async () =>
        {
            await using var session = await CliSession.OpenAsync(parse.GetValue(home), cancellationToken).ConfigureAwait(false);
            var chosen = await session.ConnectionAsync(parse.GetValue(connection), cancellationToken).ConfigureAwait(false);
            await using var held = await new FileConnectionLock(session.Home.LocksDirectory).TryAcquireAsync(SyncJobs.LockKey(chosen), cancellationToken).ConfigureAwait(false)
                ?? throw new CliException($"Another sync of the QuickBooks company of \"{chosen.Name}\" is running (storebooks serve, or another storebooks sync); nothing was done. It picks up these orders, or run this again once it ends.");
            var context = await session.ContextAsync(chosen, cancellationToken).ConfigureAwait(false);
            var source = await session.SourceAsync(chosen, cancellationToken).ConfigureAwait(false);
            var output = parse.InvocationConfiguration.Output;
            var summary = await RunWithProgressAsync(new SyncRunner(context, source), retry ? "retry" : "manual", retry, parse.GetValue(json), output, cancellationToken).ConfigureAwait(false);
            var issues = await session.State.Runs.ListOpenIssuesAsync(chosen.Id, cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                await Output.WriteJsonAsync(output, new { run = summary.Run, issues }).ConfigureAwait(false);
            }
            else
            {
                PrintRun(Output.Console(output), summary.Run, issues);
            }

            return ExitCode(summary.Run);
        }));
        return command;
    }

    /// <summary>0 when everything synced, 3 when some records need attention, 1 when the run stopped early.</summary>
    public static int ExitCode(SyncRun run) => run.Outcome switch
    {
        RunOutcome.Succeeded => 0,
        RunOutcome.NeedsAttention => 3,
        _ => 1,
    };

    public static async Task<SyncSummary> RunWithProgressAsync(SyncRunner runner, string trigger, bool retry, bool quiet, TextWriter output, CancellationToken cancellationToken)
    {
        if (quiet || Console.IsOutputRedirected)
        {
            return await runner.RunAsync(trigger, retry, null, cancellationToken).ConfigureAwait(false);
        }

        SyncSummary? summary = null;
        await Output.Console(output).Status().StartAsync("Reading orders...", async status =>
        {
            var progress = new Progress<SyncProgress>(p => status.Status($"{p.Stage}: {p.OrdersDone} of {p.OrdersRead} orders done"));
            summary = await runner.RunAsync(trigger, retry, progress, cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
        return summary!;
    }

    public static void PrintRun(IAnsiConsole console, SyncRun run, IReadOnlyList<SyncIssue> issues)
    {
        var counts = string.Join(", ", run.Counts.Where(c => c.Value != 0).OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key} {c.Value}"));
        console.WriteLine($"Run {run.StartedAt:yyyy-MM-dd HH:mm:ss} ({run.Trigger}): {Describe(run.Outcome)}.");
        if (counts.Length > 0)
        {
            console.WriteLine($"  {counts}");
        }

        if (run.Error is not null)
        {
            console.WriteLine($"Stopped: {run.Error}");
        }

        if (issues.Count == 0)
        {
            console.WriteLine("Nothing needs your attention.");
            return;
        }

        console.WriteLine($"{issues.Count} record(s) need your attention (fix them, then run storebooks retry):");
        foreach (var issue in issues.OrderBy(i => i.Reference, StringComparer.Ordinal))
        {
            console.WriteLine($"- {issue.Message}");
        }
    }

    private static string Describe(RunOutcome outcome) => outcome switch
    {
        RunOutcome.Succeeded => "everything synced",
        RunOutcome.NeedsAttention => "finished; some records need attention",
        RunOutcome.Failed => "stopped early",
        _ => "still running",
    };

    private static Command Status()
    {
        var json = CommonOptions.Json();
        var connection = CommonOptions.Connection();
        var home = HomeOption.Create();
        var runs = new Option<int>("--runs") { Description = "How many recent runs to show.", DefaultValueFactory = _ => 5 };
        var command = new Command("status", "Show the connection's recent runs and the records that need attention.") { runs, json, connection, home };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse.InvocationConfiguration.Error, async () =>
        {
            await using var session = await CliSession.OpenAsync(parse.GetValue(home), cancellationToken).ConfigureAwait(false);
            var chosen = await session.ConnectionAsync(parse.GetValue(connection), cancellationToken).ConfigureAwait(false);
            var recent = await session.State.Runs.ListRunsAsync(chosen.Id, parse.GetValue(runs), cancellationToken).ConfigureAwait(false);
            var issues = await session.State.Runs.ListOpenIssuesAsync(chosen.Id, cancellationToken).ConfigureAwait(false);
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
            {
                await Output.WriteJsonAsync(output, new { connection = chosen.Name, runs = recent, issues }).ConfigureAwait(false);
                return 0;
            }

            var console = Output.Console(output);
            var table = new Table().AddColumns("Started", "Trigger", "Outcome", "Duration", "Counts");
            foreach (var run in recent)
            {
                table.AddRow(
                    run.StartedAt.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
                    Output.Cell(run.Trigger),
                    Output.Cell(Describe(run.Outcome) + (run.Error is null ? "" : $": {run.Error}")),
                    run.FinishedAt is { } f ? $"{(f - run.StartedAt).TotalSeconds:0.0} s" : "",
                    Output.Cell(string.Join(", ", run.Counts.Where(c => c.Value != 0).OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key} {c.Value}"))));
            }

            console.WriteLine($"Connection \"{chosen.Name}\"");
            console.Write(table);
            if (issues.Count == 0)
            {
                console.WriteLine("Nothing needs your attention.");
            }
            else
            {
                console.WriteLine($"{issues.Count} record(s) need your attention (fix them, then run storebooks retry):");
                foreach (var issue in issues.OrderBy(i => i.Reference, StringComparer.Ordinal))
                {
                    console.WriteLine($"- {issue.Message}");
                }
            }

            return 0;
        }));
        return command;
    }
}
