using System.CommandLine;
using System.Globalization;
using System.Reflection;
using Spectre.Console;
using StoreBooks.Cli.Common;
using StoreBooks.Cli.Sync;
using StoreBooks.Core.Connections;
using StoreBooks.Core.Products;
using StoreBooks.Csv;
using StoreBooks.Emulators;
using StoreBooks.Emulators.Qbo;
using StoreBooks.QuickBooks;
using StoreBooks.QuickBooks.OAuth;
using StoreBooks.Storage;
using StoreBooks.Sync;
using StoreBooks.Sync.Company;
using StoreBooks.Sync.Connections;
using StoreBooks.Sync.Reports;

namespace StoreBooks.Cli.Demo;

/// <summary>
/// <c>storebooks demo</c>: the whole job on the embedded defaults. A QuickBooks emulator (a Canadian company) starts on loopback,
/// a state store is made in a fresh home, the demo store (a CSV export of our own) is connected, QuickBooks is authorized through
/// the real OAuth flow, items are created by the product rules, and every order is synced. It ends with the store's totals beside
/// QuickBooks', and exits 0 only when they agree and nothing failed.
/// </summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var home = new Option<string?>("--home") { Description = "Keep the demo's state in this folder (default: a new temporary folder, removed at the end).", HelpName = "DIR" };
        var products = new Option<string?>("--products") { Description = "Use this product export instead of the built-in demo store.", HelpName = "FILE" };
        var orders = new Option<string?>("--orders") { Description = "Use this orders export instead of the built-in demo store.", HelpName = "FILE" };
        var web = new Option<bool>("--web") { Description = "Serve the dashboard on the emulators instead, to do the same by hand in a browser (Ctrl+C stops it)." };
        var urls = new Option<string>("--urls")
        {
            Description = $"With --web: the address to serve the dashboard at (default {DemoWeb.DefaultUrl}: a free port on this machine).",
            HelpName = "URL",
            DefaultValueFactory = _ => DemoWeb.DefaultUrl,
        };
        var command = new Command("demo", "Run the whole sync on the embedded defaults (SQLite and the QuickBooks emulator) and compare the store's totals with QuickBooks'.")
        {
            home, products, orders, web, urls,
        };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse.InvocationConfiguration.Error, () => parse.GetValue(web)
            ? DemoWeb.RunAsync(parse.GetValue(home), parse.GetValue(products), parse.GetValue(orders), parse.GetValue(urls)!, parse.InvocationConfiguration.Output, cancellationToken)
            : RunAsync(parse.GetValue(home), parse.GetValue(products), parse.GetValue(orders), parse.InvocationConfiguration.Output, cancellationToken)));
        return command;
    }

    private static async Task<int> RunAsync(string? homeArgument, string? productsFile, string? ordersFile, TextWriter output, CancellationToken cancellationToken)
    {
        var console = Output.Console(output);
        var temporary = homeArgument is null;
        var homeDirectory = homeArgument ?? Path.Combine(Path.GetTempPath(), "storebooks-demo-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            await using var emulator = await EmulatorServer.StartAsync(new EmulatorOptions
            {
                Port = 0,
                Qbo = new QboEmulatorOptions { Realms = [QboCompanySettings.DefaultCanada] },
            }, cancellationToken).ConfigureAwait(false);
            var home = StoreBooksHome.Resolve(homeDirectory);
            await using var state = await StateStore.OpenSqliteAsync(home, cancellationToken).ConfigureAwait(false);
            console.WriteLine($"QuickBooks emulator: {emulator.BaseUrl} (realm {emulator.Qbo.Companies.DefaultRealmId}, a Canadian company)");
            console.WriteLine($"StoreBooks home:     {home.Directory}");

            var (productsPath, ordersPath, payoutsPath) = productsFile is not null && ordersFile is not null
                ? (Path.GetFullPath(productsFile), Path.GetFullPath(ordersFile), null)
                : ExtractDemoStore(home.Directory);
            var connection = await ConnectAsync(state, emulator.BaseUrl, productsPath, ordersPath, payoutsPath, console, cancellationToken).ConfigureAwait(false);

            await using var connections = new QuickBooksConnections(state);
            using var client = await connections.ClientForAsync(connection, cancellationToken).ConfigureAwait(false);
            var company = await QuickBooksCompany.LoadAsync(client, cancellationToken).ConfigureAwait(false);
            var problems = ProductSettingsCheck.Check(DemoStore.Settings.Products, DemoStore.Settings.SyncStartDate, company.TracksInventory, company.LedgerAccounts, out _);
            if (problems.Count > 0)
            {
                throw new CliException("The demo's product settings do not fit the company: " + string.Join(" ", problems.Select(p => p.Message)));
            }

            var context = new SyncContext(connection, client, state);
            var source = CsvSource.FromConnection(connection);
            console.WriteLine("Syncing the demo store's orders into QuickBooks...");
            var summary = await SyncCommands.RunWithProgressAsync(new SyncRunner(context, source), "demo", retry: false, quiet: false, output, cancellationToken).ConfigureAwait(false);
            var issues = await state.Runs.ListOpenIssuesAsync(connection.Id, cancellationToken).ConfigureAwait(false);
            RunReport.PrintRun(console, summary.Run, issues);

            var comparison = await TotalsReport.CompareAsync(new SyncContext(connection, client, state), source, cancellationToken).ConfigureAwait(false);
            var table = new Table().AddColumns("", "Store", "QuickBooks", "");
            foreach (var line in comparison.Lines)
            {
                table.AddRow(Output.Cell(line.Measure), Money(line.Store), Money(line.QuickBooks), line.Agrees ? "agree" : "DIFFER");
            }

            console.WriteLine($"Documents created: {comparison.Documents} sales receipts, {comparison.Refunds} refund receipts; {summary.Count(global::StoreBooks.Sync.Sales.OrderResult.Skipped)} orders skipped " +
                $"(test, cancelled before posting, before the start date), {summary.Count(global::StoreBooks.Sync.Sales.OrderResult.NotYet)} not paid yet.");
            console.Write(table);
            var payoutsAgree = await DemoPayouts.CompareAsync(console, source, client, cancellationToken).ConfigureAwait(false);
            var ok = comparison.Agrees && payoutsAgree && summary.Run.Outcome == Core.State.RunOutcome.Succeeded;
            console.WriteLine(ok
                ? "The store's totals and QuickBooks' agree to the cent, and nothing failed."
                : "The demo found a difference or a failure: see above.");
            return ok ? 0 : 1;
        }
        finally
        {
            if (temporary)
            {
                TryDelete(homeDirectory);
            }
        }
    }

    private static async Task<Connection> ConnectAsync(
        Core.State.IStateStore state, Uri emulatorUrl, string productsPath, string ordersPath, string? payoutsPath, IAnsiConsole console, CancellationToken cancellationToken)
    {
        var existing = await state.Connections.FindByNameAsync("demo", cancellationToken).ConfigureAwait(false);
        var connection = existing ?? new Connection
        {
            Id = Guid.NewGuid(),
            Name = "demo",
            SourceKind = CsvSource.SourceKind,
            CreatedAt = DateTimeOffset.UtcNow,
        };
        connection = connection with
        {
            SourceSettings = new() { [CsvSource.ProductsPathSetting] = productsPath, [CsvSource.OrdersPathSetting] = ordersPath, [CsvSource.PayoutsPathSetting] = payoutsPath },
            Settings = DemoStore.Settings.ToJson(),
            UpdatedAt = DateTimeOffset.UtcNow,
        };
        if (existing is null)
        {
            await state.Connections.AddAsync(connection, cancellationToken).ConfigureAwait(false);
        }

        // Intuit's OAuth flow, end to end: the emulator approves at once and redirects to our loopback listener.
        using var http = new HttpClient();
        var environment = QboEnvironment.At(emulatorUrl);
        using var flow = await QboConnectFlow.StartAsync(http, environment, QuickBooksApp.Demo, cancellationToken: cancellationToken).ConfigureAwait(false);
        var completing = flow.CompleteAsync(new CredentialTokenStore(state.Credentials), connection.Id.ToString(), cancellationToken);
        using (var approval = await http.GetAsync(flow.AuthorizeUrl, cancellationToken).ConfigureAwait(false))
        {
            approval.EnsureSuccessStatusCode();
        }

        var connected = await completing.ConfigureAwait(false);
        await QuickBooksApp.SaveAsync(state.Credentials, connection.Id, QuickBooksApp.Demo, cancellationToken).ConfigureAwait(false);
        connection = connection with { QboRealmId = connected.RealmId, QboBaseUrl = emulatorUrl.AbsoluteUri };
        await state.Connections.UpdateAsync(connection, cancellationToken).ConfigureAwait(false);
        console.WriteLine($"Connected the demo store to QuickBooks company {connected.RealmId} through Intuit's OAuth flow (tokens stored encrypted).");
        return connection;
    }

    /// <summary>Writes the built-in demo store (our own CSV exports, embedded in this program) into the home.</summary>
    internal static (string Products, string Orders, string? Payouts) ExtractDemoStore(string home)
    {
        var folder = Path.Combine(home, "demo-store");
        Directory.CreateDirectory(folder);
        var assembly = Assembly.GetExecutingAssembly();
        string Extract(string name)
        {
            var path = Path.Combine(folder, name);
            using var resource = assembly.GetManifestResourceStream("demo/" + name) ?? throw new InvalidOperationException($"The demo file {name} is not embedded in this build.");
            using var file = File.Create(path);
            resource.CopyTo(file);
            return path;
        }

        return (Extract("products.csv"), Extract("orders.csv"), Extract("payouts.csv"));
    }

    private static string Money(decimal value) => value.ToString("#,##0.00", CultureInfo.InvariantCulture);

    internal static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
