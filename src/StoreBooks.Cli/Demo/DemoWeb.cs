using StoreBooks.Cli.Common;
using StoreBooks.Emulators;
using StoreBooks.Emulators.Qbo;
using StoreBooks.Hosting.Connections;
using StoreBooks.Storage;
using StoreBooks.Web;

namespace StoreBooks.Cli.Demo;

/// <summary>
/// <c>storebooks demo --web</c>: the demo by hand in a browser. The emulators start on loopback (QuickBooks with the Canadian
/// company), and the dashboard is served on a fresh home with QuickBooks = the emulator and its demo Intuit app, so a first-time
/// user creates the owner's account, adds the demo store by uploading its CSV files (written into the home), connects QuickBooks
/// through the emulator's consent page, sets up products, syncs and compares the totals. Ctrl+C stops it and removes a
/// temporary home.
/// </summary>
internal static class DemoWeb
{
    /// <summary>A free port on this machine: nothing to clash with a <c>storebooks serve</c> or an emulator already running.</summary>
    public const string DefaultUrl = "http://127.0.0.1:0";

    public static async Task<int> RunAsync(string? homeArgument, string? productsFile, string? ordersFile, string url, TextWriter output, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var address) || address.Scheme is not ("http" or "https"))
        {
            throw new CliException($"--urls {url} is not an address such as {DefaultUrl}.");
        }

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
            var (products, orders, _) = productsFile is not null && ordersFile is not null
                ? (Path.GetFullPath(productsFile), Path.GetFullPath(ordersFile), null)
                : DemoCommand.ExtractDemoStore(home.Directory);

            StoreBooksServer server;
            try
            {
                server = await StoreBooksServer.StartAsync(state, new ServeOptions
                {
                    Urls = [url],
                    LockDirectory = home.LocksDirectory,
                    UploadDirectory = Path.Combine(home.Directory, "uploads"),
                    // The emulator's QuickBooks with its demo Intuit app, as the tests and connect quickbooks --url use it.
                    QuickBooks = new QuickBooksSetup(emulator.BaseUrl.AbsoluteUri),
                }, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (IOException e)
            {
                throw new CliException($"The demo could not listen on {url}: {e.Message} Choose another address with --urls (port 0 picks a free one).");
            }

            await using (server.ConfigureAwait(false))
            {
                foreach (var line in Banner(server.BaseUrl, emulator, home.Directory, products, orders, temporary))
                {
                    await output.WriteLineAsync(line).ConfigureAwait(false);
                }

                await server.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
            }

            await output.WriteLineAsync(temporary ? "The demo stopped; its temporary home was removed." : $"The demo stopped; its state stays in {home.Directory}.").ConfigureAwait(false);
            return 0;
        }
        finally
        {
            if (temporary)
            {
                DemoCommand.TryDelete(homeDirectory);
            }
        }
    }

    private static IEnumerable<string> Banner(Uri dashboard, EmulatorServer emulator, string home, string products, string orders, bool temporary)
    {
        var settings = DemoStore.Settings;
        yield return $"StoreBooks demo dashboard: {dashboard} (Ctrl+C stops it{(temporary ? " and removes its temporary home" : "")})";
        yield return $"QuickBooks emulator:       {emulator.BaseUrl} (a Canadian company; its consent page approves at once)";
        yield return $"StoreBooks home:           {home}";
        yield return "In the browser:";
        yield return "  1. Create the owner's account (any email and a password of your choice).";
        yield return "  2. Add a store > CSV export, and upload the demo store's two files:";
        yield return $"       products: {products}";
        yield return $"       orders:   {orders}";
        yield return "  3. On the connection's page, Connect QuickBooks (the emulator's company).";
        yield return $"  4. Products: automatic items matched on SKU, created as non-inventory, income account \"{settings.Products.IncomeAccount}\", " +
            $"expense account \"{settings.Products.ExpenseAccount}\", sales from {settings.SyncStartDate:yyyy-MM-dd}.";
        yield return $"     Sales: tax {string.Join(", ", settings.Sales.TaxCodes.Select(t => $"\"{t.Key}\" = QuickBooks tax code \"{t.Value}\""))}.";
        yield return "  5. Sync now, then Totals: the store's totals beside QuickBooks'.";
    }
}
