using System.CommandLine;
using Spectre.Console;
using StoreBooks.Cli.Common;
using StoreBooks.Cli.Connect;
using StoreBooks.Core.State;
using StoreBooks.Hosting.Scheduling;
using StoreBooks.Sync;
using StoreBooks.Sync.Preview;
using StoreBooks.Sync.Sales;

namespace StoreBooks.Cli.Sync;

/// <summary><c>storebooks sync</c> and <c>storebooks retry</c>; <c>status</c> and <c>dismiss</c> sit beside them.</summary>
internal static class SyncCommands
{
    public static void AddTo(RootCommand root)
    {
        root.Subcommands.Add(Run("sync", "Sync the connection's orders (with their customers, items, payments and refunds) into QuickBooks.", retry: false));
        root.Subcommands.Add(Run("retry", "Sync again and send again what QuickBooks refused (after you fixed it), or only the orders you name.", retry: true));
        root.Subcommands.Add(StatusCommand.Create());
        root.Subcommands.Add(DismissCommand.Create());
    }

    private static Command Run(string name, string description, bool retry)
    {
        var json = CommonOptions.Json();
        var connection = CommonOptions.Connection();
        var home = HomeOption.Create();
        var orders = new Argument<string[]>("ORDER")
        {
            Description = "Orders to take back and send again (\"#1043\", id:450789469, or 1043 when only one order fits), dismissed ones included; all refused orders when none is named.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var dryRun = new Option<bool>("--dry-run") { Description = "Show what the sync would post, create and hold back, changing nothing in QuickBooks or in StoreBooks." };
        var limit = new Option<int>("--limit") { Description = "With --dry-run: how many of the next orders to look at.", DefaultValueFactory = _ => SyncPreview.DefaultOrders };
        var command = new Command(name, description) { json, connection, home };
        if (retry)
        {
            command.Arguments.Add(orders);
        }
        else
        {
            command.Options.Add(dryRun);
            command.Options.Add(limit);
        }

        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse.InvocationConfiguration.Error, async () =>
        {
            await using var session = await CliSession.OpenAsync(parse.GetValue(home), cancellationToken).ConfigureAwait(false);
            var chosen = await session.ConnectionAsync(parse.GetValue(connection), cancellationToken).ConfigureAwait(false);
            if (!retry && parse.GetValue(dryRun))
            {
                if (parse.GetValue(limit) <= 0)
                {
                    throw new CliException($"--limit must be a positive number of orders; got {parse.GetValue(limit)}.");
                }

                var report = await SyncPreview.RunAsync(
                    await session.ContextAsync(chosen, cancellationToken).ConfigureAwait(false),
                    await session.SourceAsync(chosen, cancellationToken).ConfigureAwait(false),
                    parse.GetValue(limit),
                    cancellationToken).ConfigureAwait(false);
                if (parse.GetValue(json))
                {
                    await Output.WriteJsonAsync(parse.InvocationConfiguration.Output, report).ConfigureAwait(false);
                }
                else
                {
                    PreviewPrinter.Print(Output.Console(parse.InvocationConfiguration.Output), report);
                }

                return report.Error is null ? 0 : 1;
            }

            await using var held = await new FileConnectionLock(session.Home.LocksDirectory).TryAcquireAsync(SyncJobs.LockKey(chosen), cancellationToken).ConfigureAwait(false)
                ?? throw new CliException($"Another sync of the QuickBooks company of \"{chosen.Name}\" is running (storebooks serve, or another storebooks sync); nothing was done. It picks up these orders, or run this again once it ends.");
            var output = parse.InvocationConfiguration.Output;
            var named = retry ? parse.GetValue(orders) ?? [] : [];
            if (named.Length > 0)
            {
                var dismissals = new OrderDismissals(session.State, chosen.Id, TimeProvider.System);
                foreach (var order in named)
                {
                    var taken = await dismissals.TakeBackAsync(order, cancellationToken).ConfigureAwait(false);
                    if (!taken.Found)
                    {
                        throw new CliException(taken.Message);
                    }

                    if (!parse.GetValue(json))
                    {
                        await output.WriteLineAsync(taken.Message).ConfigureAwait(false);
                    }
                }
            }

            var context = await session.ContextAsync(chosen, cancellationToken).ConfigureAwait(false);
            var source = await session.SourceAsync(chosen, cancellationToken).ConfigureAwait(false);
            var summary = await RunWithProgressAsync(new SyncRunner(context, source), retry ? "retry" : "manual", retry && named.Length == 0, parse.GetValue(json), output, cancellationToken).ConfigureAwait(false);
            var issues = await session.State.Runs.ListOpenIssuesAsync(chosen.Id, cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                await Output.WriteJsonAsync(output, new { run = summary.Run, issues }).ConfigureAwait(false);
            }
            else
            {
                RunReport.PrintRun(Output.Console(output), summary.Run, issues);
            }

            return RunReport.ExitCode(summary.Run, issues);
        }));
        return command;
    }

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
}
