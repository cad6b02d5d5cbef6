using System.CommandLine;
using StoreBooks.Csv;
using StoreBooks.Hosting.Connections;
using StoreBooks.Storage;

namespace StoreBooks.Cli.Connect;

/// <summary>
/// <c>storebooks connect csv</c>: creates or updates a connection that reads Shopify's product and orders CSV exports.
/// The files are checked first; their absolute paths are saved in the connection's source settings.
/// </summary>
internal static class ConnectCsvCommand
{
    /// <summary>Problems shown after a check; the sync reports all of them.</summary>
    private const int ProblemsShown = 5;

    public static Command Create()
    {
        var products = new Option<string>("--products")
        {
            Description = "Shopify's product export (Products → Export), a CSV file.",
            HelpName = "FILE",
            Required = true,
        };
        var orders = new Option<string>("--orders")
        {
            Description = "Shopify's orders export (Orders → Export), a CSV file.",
            HelpName = "FILE",
            Required = true,
        };
        var payouts = new Option<string?>("--payouts")
        {
            Description = "Optional: Shopify's payment transactions export (Finance → Payouts → Export transactions), for payouts.enabled: each paid payout becomes one QuickBooks deposit.",
            HelpName = "FILE",
        };
        var name = new Option<string>("--name")
        {
            Description = "A short name for this connection; an existing csv connection with this name is updated.",
            HelpName = "NAME",
            DefaultValueFactory = _ => "csv",
        };
        var home = HomeOption.Create();

        var command = new Command(
            "csv",
            "Read a store from Shopify's CSV exports: the product file and the orders file. The files are checked, then the connection " +
            "is saved in the StoreBooks home with their absolute paths; export newer files to the same paths and sync again.")
        {
            products,
            orders,
            payouts,
            name,
            home,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(
            parse.GetRequiredValue(products), parse.GetRequiredValue(orders), parse.GetValue(payouts), parse.GetValue(name) ?? "csv", parse.GetValue(home),
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(
        string productsArgument, string ordersArgument, string? payoutsArgument, string name, string? homeArgument, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        name = name.Trim();
        if (name.Length == 0)
        {
            await error.WriteLineAsync("--name must not be empty.").ConfigureAwait(false);
            return 2;
        }

        var options = new CsvSourceOptions
        {
            ProductsPath = Path.GetFullPath(productsArgument),
            OrdersPath = Path.GetFullPath(ordersArgument),
            PayoutsPath = payoutsArgument is null ? null : Path.GetFullPath(payoutsArgument),
        };
        var check = await StoreConnector.CheckCsvAsync(options, cancellationToken).ConfigureAwait(false);
        if (!check.Passed)
        {
            await ConnectReport.RefusedAsync(check.Refusals, error).ConfigureAwait(false);
            return 1;
        }

        var summary = check.Info!;
        var home = StoreBooksHome.Resolve(homeArgument);
        await using var store = await StateStore.OpenSqliteAsync(home, cancellationToken).ConfigureAwait(false);
        var result = await StoreConnector.SaveCsvAsync(store.Connections, name, options, SaveMode.CreateOrUpdate, cancellationToken).ConfigureAwait(false);
        if (!await ConnectReport.SavedAsync(result, error).ConfigureAwait(false))
        {
            return 1;
        }

        var verb = result.Created ? "created" : "updated";
        await output.WriteLineAsync($"Connection \"{name}\" {verb} in {home.DatabasePath}").ConfigureAwait(false);
        await output.WriteLineAsync($"  products: {options.ProductsPath} ({summary.Products} products, {summary.Variants} sellable variants)").ConfigureAwait(false);
        await output.WriteLineAsync($"  orders:   {options.OrdersPath} ({summary.Orders} orders)").ConfigureAwait(false);
        if (options.PayoutsPath is { } payoutsPath)
        {
            await output.WriteLineAsync($"  payouts:  {payoutsPath} ({summary.Payouts} payouts; set payouts.enabled=true and payouts.bankAccount to deposit them)").ConfigureAwait(false);
        }
        if (summary.Problems.Count == 0)
        {
            await output.WriteLineAsync("Every row of both files was read.").ConfigureAwait(false);
        }
        else
        {
            await output.WriteLineAsync($"{summary.Problems.Count} row(s) cannot be read; each sync reports them and reads the rest:").ConfigureAwait(false);
            foreach (var problem in summary.Problems.Take(ProblemsShown))
            {
                await output.WriteLineAsync($"  {problem.Message}").ConfigureAwait(false);
            }

            if (summary.Problems.Count > ProblemsShown)
            {
                await output.WriteLineAsync($"  ... and {summary.Problems.Count - ProblemsShown} more.").ConfigureAwait(false);
            }
        }

        return 0;
    }
}
