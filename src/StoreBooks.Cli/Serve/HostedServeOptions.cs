using System.CommandLine;
using StoreBooks.Cli.Common;
using StoreBooks.Core.State;
using StoreBooks.Hosting.Hangfire;
using StoreBooks.Hosting.Scheduling;
using StoreBooks.Storage;

namespace StoreBooks.Cli.Serve;

/// <summary>
/// <c>serve --database</c> and <c>--role</c>: hosted mode, where every process keeps its state in one PostgreSQL database.
/// What the home still provides there (the secret key that encrypts credentials, the dashboard's cookie keys, the uploads folder)
/// stays in the home for now: every process of one deployment needs the same secret key (the home's or
/// <c>STOREBOOKS_SECRET_KEY</c>).
/// </summary>
internal sealed class HostedServeOptions
{
    public const string DatabaseVariable = "STOREBOOKS_DATABASE";

    public Option<string?> Database { get; } = new("--database")
    {
        Description = $"Keep all state in this PostgreSQL database (an Npgsql connection string; default: ${DatabaseVariable}) instead of " +
            "the home's SQLite file: hosted mode, for several serve processes on one database. The secret key, dashboard keys and " +
            "uploads still come from the home (give every process the same secret key).",
        HelpName = "CONNECTION",
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

    public IEnumerable<Option> All => [Database, Role, LostJobAfter];

    /// <summary>The connection string of hosted mode, from <c>--database</c> or <c>STOREBOOKS_DATABASE</c>; null on a single machine.</summary>
    public string? ConnectionString(ParseResult parse) =>
        parse.GetValue(Database) is { Length: > 0 } given ? given
        : Environment.GetEnvironmentVariable(DatabaseVariable) is { Length: > 0 } configured ? configured
        : null;

    /// <summary>Opens the PostgreSQL state store, with the home's secret key; a database that cannot be reached is a <see cref="CliException"/>.</summary>
    public static async Task<IStateStore> OpenAsync(string connectionString, StoreBooksHome home, CancellationToken cancellationToken)
    {
        try
        {
            return await StateStore.OpenPostgresAsync(connectionString, home.LoadOrCreateSecretKey(), TimeProvider.System, cancellationToken).ConfigureAwait(false);
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
    public static async Task<HangfireSyncEngine> OpenEngineAsync(string connectionString, int workers, TimeSpan lostJobAfter, CancellationToken cancellationToken)
    {
        try
        {
            var options = new HangfireEngineOptions { ConnectionString = connectionString, Workers = workers, InvisibilityTimeout = lostJobAfter };
            return await HangfireSyncEngine.OpenAsync(options, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Npgsql.NpgsqlException e)
        {
            throw new CliException($"StoreBooks cannot install its job tables in the PostgreSQL database (from --database or ${DatabaseVariable}): {e.Message}");
        }
    }
}
