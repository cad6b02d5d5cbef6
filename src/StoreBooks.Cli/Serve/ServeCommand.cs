using System.CommandLine;
using System.Net;
using Microsoft.Extensions.Logging;
using StoreBooks.Cli.Common;
using StoreBooks.Cli.Connect;
using StoreBooks.Hosting.QuickBooksLimits;
using StoreBooks.Hosting.Scheduling;
using StoreBooks.QuickBooks.Http;
using StoreBooks.Storage;
using StoreBooks.Storage.Postgres;
using StoreBooks.Web;

namespace StoreBooks.Cli.Serve;

/// <summary>
/// <c>storebooks serve</c>: runs every connection's scheduled syncs, receives Shopify, WooCommerce and QuickBooks webhooks
/// (each a nudge to sync soon) and serves the dashboard at its root address, on 127.0.0.1 unless <c>--urls</c> says otherwise,
/// until Ctrl+C. The dashboard's cookie keys are kept in the home's <c>dashboard-keys</c> folder, so sessions survive a restart.
/// </summary>
internal static class ServeCommand
{
    /// <summary>The token <c>/metrics</c> asks for (none: open); an environment variable, so it stays off the process list.</summary>
    public const string MetricsTokenVariable = "STOREBOOKS_METRICS_TOKEN";

    public static Command Create()
    {
        var urls = new Option<string>("--urls")
        {
            Description = $"Addresses to listen on, separated by ';' (default {ServeOptions.DefaultUrl}: this machine only; put a public address behind an HTTPS proxy).",
            HelpName = "URLS",
            DefaultValueFactory = _ => ServeOptions.DefaultUrl,
        };
        var every = new Option<int>("--dispatch-every")
        {
            Description = "Seconds between two looks for due connections (a webhook is acted on at once).",
            HelpName = "SECONDS",
            DefaultValueFactory = _ => 15,
        };
        var workers = new Option<int>("--workers")
        {
            Description = "Syncs of different QuickBooks companies that may run at once.",
            HelpName = "N",
            DefaultValueFactory = _ => 4,
        };
        var keepRuns = new Option<int>("--keep-runs-days")
        {
            Description = "Days the run log keeps runs and resolved issues (each connection's last run and open issues are always kept); 0 keeps them all.",
            HelpName = "DAYS",
            DefaultValueFactory = _ => 90,
        };
        var home = HomeOption.Create();
        var quickBooks = new ServeQuickBooksOptions();
        var hosted = new HostedServeOptions();
        var command = new Command(
            "serve",
            "Run scheduled syncs for every connection, receive webhooks from Shopify, WooCommerce and QuickBooks (each asks for a " +
            "sync soon; the schedule catches whatever a webhook missed), and serve the dashboard at the first address.")
        {
            urls, every, workers, keepRuns, home,
        };
        foreach (var option in quickBooks.All.Concat(hosted.All))
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse.InvocationConfiguration.Error, async () =>
        {
            var addresses = (parse.GetValue(urls) ?? ServeOptions.DefaultUrl).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            foreach (var address in addresses)
            {
                if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                {
                    throw new CliException($"--urls {address} is not an address such as {ServeOptions.DefaultUrl}.");
                }
            }

            if (parse.GetValue(every) <= 0 || parse.GetValue(workers) <= 0 || parse.GetValue(hosted.LostJobAfter) <= 0)
            {
                throw new CliException("--dispatch-every, --workers and --lost-job-after must be at least 1.");
            }

            if (parse.GetValue(keepRuns) < 0)
            {
                throw new CliException("--keep-runs-days must be 0 (keep every run) or more.");
            }

            var slice = hosted.Slice(parse);

            var qboSetup = await quickBooks.ReadSetupAsync(parse, cancellationToken).ConfigureAwait(false);
            var publicUrl = quickBooks.ReadPublicUrl(parse);
            var output = parse.InvocationConfiguration.Output;
            var storeHome = StoreBooksHome.Resolve(parse.GetValue(home));
            var database = hosted.ConnectionString(parse);
            if (database is null && parse.GetValue(hosted.Role) != ServeRole.All)
            {
                throw new CliException($"--role needs --database (or ${HostedServeOptions.DatabaseVariable}): without it serve runs everything in one process.");
            }

            await using var state = database is null
                ? await StateStore.OpenSqliteAsync(storeHome, cancellationToken).ConfigureAwait(false)
                : await HostedServeOptions.OpenAsync(database, parse.GetValue(hosted.KeyFile), cancellationToken).ConfigureAwait(false);
            // Every QuickBooks client of this process keeps the per-company limits together with the other processes on the database.
            var qboLimits = QboBudget.FromEnvironment() ?? new QboLimitsOptions();
            await using var qboShared = database is null ? null : new PostgresRealmBudget(database, qboLimits);
            await using var engine = database is null ? null : await HostedServeOptions.OpenEngineAsync(database, parse.GetValue(workers), TimeSpan.FromSeconds(parse.GetValue(hosted.LostJobAfter)), slice, cancellationToken).ConfigureAwait(false);
            StoreBooksServer server;
            try
            {
                server = await StoreBooksServer.StartAsync(state, new ServeOptions
                {
                    Urls = addresses,
                    DispatchInterval = TimeSpan.FromSeconds(parse.GetValue(every)),
                    Workers = parse.GetValue(workers),
                    RunRetention = parse.GetValue(keepRuns) is > 0 and var days ? TimeSpan.FromDays(days) : null,
                    LockDirectory = storeHome.LocksDirectory,
                    ConnectionLock = database is null ? null : new PostgresConnectionLock(database),
                    QboLimits = qboLimits,
                    QboSharedBudget = qboShared,
                    Engine = engine,
                    Role = database is null ? ServeRole.All : parse.GetValue(hosted.Role),
                    DashboardKeysDirectory = Path.Combine(storeHome.Directory, "dashboard-keys"),
                    DashboardKeyRing = state is PostgresStateStore shared ? shared.ShareKeyRing : null,
                    UploadDirectory = Path.Combine(storeHome.Directory, "uploads"),
                    QuickBooks = qboSetup,
                    PublicUrl = publicUrl,
                    MetricsToken = Environment.GetEnvironmentVariable(MetricsTokenVariable) is { Length: > 0 } metricsToken ? metricsToken : null,
                    Logging = logging =>
                    {
                        logging.AddSimpleConsole(console =>
                        {
                            console.SingleLine = true;
                            // A sync's lines carry its workspace and connection.
                            console.IncludeScopes = true;
                            console.TimestampFormat = "HH:mm:ss ";
                        });
                        logging.SetMinimumLevel(LogLevel.Information);
                        logging.AddFilter("Microsoft", LogLevel.Warning);
                        logging.AddFilter("System.Net.Http", LogLevel.Warning);
                        // Keys kept in the owner-only home folder, not encrypted again at rest: expected, not worth a warning on every start.
                        logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);
                    },
                }, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (IOException e)
            {
                throw new CliException($"StoreBooks could not listen on {string.Join(", ", addresses)}: {e.Message} Choose another address with --urls.");
            }

            await using (server.ConfigureAwait(false))
            {
                await output.WriteLineAsync($"StoreBooks is serving {(database is null ? storeHome.Directory : "its PostgreSQL database")} on {string.Join(", ", server.Addresses)} (Ctrl+C stops it).").ConfigureAwait(false);
                var firstStart = !await state.Users.AnyAsync(cancellationToken).ConfigureAwait(false);
                if (database is not null && parse.GetValue(hosted.Role) == ServeRole.Worker)
                {
                    await output.WriteLineAsync($"Worker: runs the queued syncs; no dashboard or webhooks here ({server.BaseUrl}healthz says whether it is healthy).").ConfigureAwait(false);
                }
                else
                {
                    await output.WriteLineAsync($"Dashboard: {server.PublicUrl}{(firstStart ? " (first start: open it to create the owner's account)" : "")}").ConfigureAwait(false);
                    foreach (var line in ServeQuickBooksOptions.Describe(qboSetup, server.PublicUrl, publicUrl is not null))
                    {
                        await output.WriteLineAsync(line).ConfigureAwait(false);
                    }
                }

                if (server.Addresses.Any(a => !IsLoopback(a)))
                {
                    await output.WriteLineAsync("It listens beyond this machine: put it behind an HTTPS proxy; stores only send webhooks to https addresses.").ConfigureAwait(false);
                }

                var connections = await state.Connections.ListAsync(cancellationToken).ConfigureAwait(false);
                if (connections.Count == 0)
                {
                    await output.WriteLineAsync("There is no connection yet: add one with storebooks connect, and this server picks it up.").ConfigureAwait(false);
                }

                foreach (var connection in connections)
                {
                    var setup = await WebhookSetup.DescribeAsync(state, connection, server.PublicUrl, cancellationToken).ConfigureAwait(false);
                    foreach (var line in setup.Describe())
                    {
                        await output.WriteLineAsync(line).ConfigureAwait(false);
                    }
                }

                if (publicUrl is null)
                {
                    await output.WriteLineAsync("Stores need the public address of these URLs (see storebooks webhooks show --url, or give --public-url).").ConfigureAwait(false);
                }

                await server.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
            }

            await output.WriteLineAsync("StoreBooks stopped serving.").ConfigureAwait(false);
            return 0;
        }));
        return command;
    }

    private static bool IsLoopback(Uri address) =>
        address.IsLoopback || (IPAddress.TryParse(address.IdnHost, out var ip) && IPAddress.IsLoopback(ip));
}
