using System.CommandLine;
using System.Text.Json.Nodes;
using StoreBooks.Core.Connections;
using StoreBooks.Csv;
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
            name,
            home,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(
            parse.GetRequiredValue(products), parse.GetRequiredValue(orders), parse.GetValue(name) ?? "csv", parse.GetValue(home),
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(
        string productsArgument, string ordersArgument, string name, string? homeArgument, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        name = name.Trim();
        if (name.Length == 0)
        {
            await error.WriteLineAsync("--name must not be empty.").ConfigureAwait(false);
            return 2;
        }

        var options = new CsvSourceOptions { ProductsPath = Path.GetFullPath(productsArgument), OrdersPath = Path.GetFullPath(ordersArgument) };
        var summary = await CsvExportCheck.RunAsync(options, cancellationToken).ConfigureAwait(false);
        if (summary.FileErrors.Count > 0)
        {
            foreach (var fileError in summary.FileErrors)
            {
                await error.WriteLineAsync(fileError).ConfigureAwait(false);
            }

            await error.WriteLineAsync("Nothing was saved.").ConfigureAwait(false);
            return 1;
        }

        var home = StoreBooksHome.Resolve(homeArgument);
        await using var store = await StateStore.OpenSqliteAsync(home, cancellationToken).ConfigureAwait(false);
        var existing = await store.Connections.FindByNameAsync(name, cancellationToken).ConfigureAwait(false);
        if (existing is not null && existing.SourceKind != CsvSource.SourceKind)
        {
            await error.WriteLineAsync(
                $"Connection \"{name}\" reads from {existing.SourceKind}, not from CSV files. Choose another name with --name.").ConfigureAwait(false);
            return 1;
        }

        var settings = existing?.SourceSettings.DeepClone().AsObject() ?? [];
        settings[CsvSource.ProductsPathSetting] = options.ProductsPath;
        settings[CsvSource.OrdersPathSetting] = options.OrdersPath;
        string verb;
        try
        {
            if (existing is null)
            {
                var connection = new Connection { Id = Guid.NewGuid(), Name = name, SourceKind = CsvSource.SourceKind, SourceSettings = settings };
                await store.Connections.AddAsync(connection, cancellationToken).ConfigureAwait(false);
                verb = "created";
            }
            else
            {
                await store.Connections.UpdateAsync(existing with { SourceSettings = settings }, cancellationToken).ConfigureAwait(false);
                verb = "updated";
            }
        }
        catch (ConnectionNameTakenException e)
        {
            await error.WriteLineAsync(e.Message).ConfigureAwait(false);
            return 1;
        }

        await output.WriteLineAsync($"Connection \"{name}\" {verb} in {home.DatabasePath}").ConfigureAwait(false);
        await output.WriteLineAsync($"  products: {options.ProductsPath} ({summary.Products} products, {summary.Variants} sellable variants)").ConfigureAwait(false);
        await output.WriteLineAsync($"  orders:   {options.OrdersPath} ({summary.Orders} orders)").ConfigureAwait(false);
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
