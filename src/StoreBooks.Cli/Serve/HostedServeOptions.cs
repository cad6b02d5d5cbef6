using System.CommandLine;
using StoreBooks.Cli.Common;
using StoreBooks.Core.State;
using StoreBooks.Hosting.Hangfire;
using StoreBooks.Hosting.Scheduling;
using StoreBooks.Storage;
using StoreBooks.Storage.Secrets;

namespace StoreBooks.Cli.Serve;

/// <summary>
/// <c>serve --database</c>, <c>--key-file</c> and <c>--role</c>: hosted mode, where every process keeps its state in one
/// PostgreSQL database. Credentials are protected by the database's Data Protection key ring, which the operator's key opens
/// (<c>STOREBOOKS_KEY</c> or <c>--key-file</c>; the same in every process); the dashboard's cookie keys are in the same ring and
/// uploaded CSV files in the database, so a process's home only holds its own copies of those files.
/// </summary>
internal sealed class HostedServeOptions
{
    public const string DatabaseVariable = "STOREBOOKS_DATABASE";

    public Option<string?> Database { get; } = new("--database")
    {
        Description = $"Keep all state in this PostgreSQL database (an Npgsql connection string; default: ${DatabaseVariable}) instead of " +
            "the home's SQLite file: hosted mode, for several serve processes on one database. Needs the operator's key " +
            $"(${OperatorKeys.KeyVariable} or --key-file).",
        HelpName = "CONNECTION",
    };

    public Option<string?> KeyFile { get; } = new("--key-file")
    {
        Description = $"With --database: a file holding the key that opens the database's key ring (32 random bytes in base64, as " +
            $"openssl rand -base64 32 prints; default: ${OperatorKeys.KeyVariable}). Keys being rotated out go in ${OperatorKeys.PreviousKeysVariable}.",
        HelpName = "FILE",
    };

    public Option<ServeRole> Role { get; } = new("--role")
    {
        Description = "With --database: web serves the dashboard and webhooks and only queues syncs; worker runs syncs and serves " +
            "only /health, /healthz and /metrics; all does both (default).",
        HelpName = "web|worker|all",
        DefaultValueFactory = _ => ServeRole.All,
    };

    public Option<int> LostJobAfter { get; } = new("--lost-job-after")
    {
        Description = "With --database: a sync whose process died (killed, its machine lost) is run again by another worker after " +
            "this many seconds. A live process keeps its syncs however long they run.",
        HelpName = "SECONDS",
        DefaultValueFactory = _ => (int)new HangfireEngineOptions { ConnectionString = "" }.InvisibilityTimeout.TotalSeconds,
    };

    public Option<int> SliceOrders { get; } = new("--slice-orders")
    {
        Description = "With --database: a sync job sends at most this many orders to QuickBooks, then queues the rest of its store " +
            "behind the other connections, so a large backfill does not hold a worker while small stores wait (0: run to the end).",
        HelpName = "N",
        DefaultValueFactory = _ => StoreBooks.Sync.SyncSlice.Default.Orders,
    };

    public Option<int> SliceSeconds { get; } = new("--slice-seconds")
    {
        Description = "With --database: a sync job also hands over to the next after about this many seconds.",
        HelpName = "SECONDS",
        DefaultValueFactory = _ => (int)StoreBooks.Sync.SyncSlice.Default.Duration.TotalSeconds,
    };

    public IEnumerable<Option> All => [Database, KeyFile, Role, LostJobAfter, SliceOrders, SliceSeconds];

    /// <summary>The slice a hosted sync job works in, from <c>--slice-orders</c> and <c>--slice-seconds</c>; null runs each sync to its end.</summary>
    public StoreBooks.Sync.SyncSlice? Slice(ParseResult parse)
    {
        var (orders, seconds) = (parse.GetValue(SliceOrders), parse.GetValue(SliceSeconds));
        if (orders < 0 || seconds < 1)
        {
            throw new CliException("--slice-orders must be 0 or more and --slice-seconds at least 1.");
        }

        return orders == 0 ? null : new StoreBooks.Sync.SyncSlice(orders, TimeSpan.FromSeconds(seconds));
    }

    /// <summary>The connection string of hosted mode, from <c>--database</c> or <c>STOREBOOKS_DATABASE</c>; null on a single machine.</summary>
    public string? ConnectionString(ParseResult parse) =>
        parse.GetValue(Database) is { Length: > 0 } given ? given
        : Environment.GetEnvironmentVariable(DatabaseVariable) is { Length: > 0 } configured ? configured
        : null;

    /// <summary>
    /// Opens the PostgreSQL state store with the operator's keys; a database that cannot be reached, or a key that is missing or
    /// does not open the key ring, is a <see cref="CliException"/> saying so.
    /// </summary>
    public static async Task<IStateStore> OpenAsync(string connectionString, string? keyFile, CancellationToken cancellationToken)
    {
        try
        {
            return await StateStore.OpenPostgresAsync(connectionString, OperatorKeys.Load(keyFile), TimeProvider.System, cancellationToken).ConfigureAwait(false);
        }
        catch (KeyRingException e)
        {
            throw new CliException(e.Message);
        }
        catch (InvalidOperationException e)
        {
            throw new CliException($"{e.Message} (from --database or ${DatabaseVariable})");
        }
        catch (ArgumentException e)
        {
            throw new CliException($"--database is not a PostgreSQL connection string such as Host=db;Database=storebooks;Username=storebooks;Password=…: {e.Message}");
        }
    }

    /// <summary>Hangfire's tables installed (once, whichever process starts first) and the engine that queues and runs syncs there.</summary>
    public static async Task<HangfireSyncEngine> OpenEngineAsync(string connectionString, int workers, TimeSpan lostJobAfter, StoreBooks.Sync.SyncSlice? slice, CancellationToken cancellationToken)
    {
        try
        {
            var options = new HangfireEngineOptions { ConnectionString = connectionString, Workers = workers, InvisibilityTimeout = lostJobAfter, Slice = slice };
            return await HangfireSyncEngine.OpenAsync(options, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Npgsql.NpgsqlException e)
        {
            throw new CliException($"StoreBooks cannot install its job tables in the PostgreSQL database (from --database or ${DatabaseVariable}): {e.Message}");
        }
    }
}
