using System.CommandLine;
using StoreBooks.Cli.Common;
using StoreBooks.Cli.Connect;
using StoreBooks.Hosting.Scheduling;
using StoreBooks.Sync.Sales;

namespace StoreBooks.Cli.Sync;

/// <summary>
/// <c>storebooks dismiss ORDER</c>: the merchant says an order StoreBooks cannot post should not be posted (a test, a duplicate, a
/// row they will never fix); it is no longer read and its issue closes. <c>storebooks retry ORDER</c> takes it back.
/// </summary>
internal static class DismissCommand
{
    public static Command Create()
    {
        var connection = CommonOptions.Connection();
        var home = HomeOption.Create();
        var orders = new Argument<string[]>("ORDER")
        {
            Description = "The orders to dismiss, as storebooks status names them: \"#1043\" (a number), id:450789469 (a store id), 1043 (either, when only one fits), or a file's record such as \"orders.csv line 57\".",
            Arity = ArgumentArity.OneOrMore,
        };
        var command = new Command("dismiss", "Stop reading orders StoreBooks cannot post (refused or waiting), and close their issues.") { orders, connection, home };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse.InvocationConfiguration.Error, async () =>
        {
            await using var session = await CliSession.OpenAsync(parse.GetValue(home), cancellationToken).ConfigureAwait(false);
            var chosen = await session.ConnectionAsync(parse.GetValue(connection), cancellationToken).ConfigureAwait(false);

            // Not while a sync of the company runs: it may be posting the very order.
            await using var held = await new FileConnectionLock(session.Home.LocksDirectory).TryAcquireAsync(SyncJobs.LockKey(chosen), cancellationToken).ConfigureAwait(false)
                ?? throw new CliException($"A sync of the QuickBooks company of \"{chosen.Name}\" is running (storebooks serve, or storebooks sync); nothing was dismissed. Run this again once it ends.");
            var dismissals = new OrderDismissals(session.State, chosen.Id, TimeProvider.System);
            var code = 0;
            foreach (var order in parse.GetValue(orders) ?? [])
            {
                var result = await dismissals.DismissAsync(order, cancellationToken).ConfigureAwait(false);
                var writer = result.Found ? parse.InvocationConfiguration.Output : parse.InvocationConfiguration.Error;
                await writer.WriteLineAsync(result.Message).ConfigureAwait(false);
                code = result.Found ? code : 1;
            }

            return code;
        }));
        return command;
    }
}
