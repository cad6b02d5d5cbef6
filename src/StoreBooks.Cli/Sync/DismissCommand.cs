using System.CommandLine;
using StoreBooks.Cli.Common;
using StoreBooks.Cli.Connect;
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
            Description = "The orders to dismiss, as storebooks status names them (\"1043\", \"#1043\", or a file line such as \"orders.csv line 57\").",
            Arity = ArgumentArity.OneOrMore,
        };
        var command = new Command("dismiss", "Stop reading orders StoreBooks cannot post (refused or waiting), and close their issues.") { orders, connection, home };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse.InvocationConfiguration.Error, async () =>
        {
            await using var session = await CliSession.OpenAsync(parse.GetValue(home), cancellationToken).ConfigureAwait(false);
            var chosen = await session.ConnectionAsync(parse.GetValue(connection), cancellationToken).ConfigureAwait(false);
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
