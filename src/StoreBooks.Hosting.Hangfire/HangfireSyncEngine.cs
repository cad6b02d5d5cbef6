using Hangfire;
using Hangfire.Common;
using Hangfire.Dashboard;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StoreBooks.Core.State;
using StoreBooks.Hosting.Health;
using StoreBooks.Hosting.Scheduling;

namespace StoreBooks.Hosting.Hangfire;

/// <summary>
/// Hosted mode's job engine: sync jobs in Hangfire's tables in PostgreSQL, queued through <see cref="HangfireSyncQueue"/> (one
/// per connection) and, in a process that runs jobs, run by a Hangfire server. Schedules stay in the state store: the dispatcher
/// of every process queues due connections through the same queue, and the claims make a second dispatcher harmless.
/// Open it with <see cref="OpenAsync"/>, which installs the schema.
/// </summary>
public sealed class HangfireSyncEngine : ISyncEngine, IAsyncDisposable
{
    private readonly HangfireEngineOptions _options;
    private readonly TimeProvider _time;
    private readonly JobFilterCollection _filters = [];
    private readonly IJobFilterProvider _filterProvider;

    private HangfireSyncEngine(HangfireEngineOptions options, TimeProvider time)
    {
        _options = options;
        _time = time;
        Claims = new QueuedSyncClaims(options.ConnectionString, options.Schema, options.ClaimLifetime, time);
        var storageOptions = new PostgreSqlStorageOptions
        {
            SchemaName = options.Schema,
            PrepareSchemaIfNecessary = false,
            QueuePollInterval = options.QueuePollInterval,
            InvisibilityTimeout = options.InvisibilityTimeout,
            UseSlidingInvisibilityTimeout = true,
        };
        Storage = new PostgreSqlStorage(new NpgsqlConnectionFactory(options.ConnectionString, storageOptions), storageOptions);
        _filters.Add(new QueuedSyncRelease(Claims));
        _filterProvider = new JobFilterProviderCollection(new JobFilterAttributeFilterProvider(), _filters);
        Client = new BackgroundJobClient(Storage, _filterProvider);
    }

    public JobStorage Storage { get; }

    public IBackgroundJobClient Client { get; }

    public QueuedSyncClaims Claims { get; }

    /// <summary>Installs Hangfire's schema (once, whoever starts first) and opens the engine on it.</summary>
    public static async Task<HangfireSyncEngine> OpenAsync(HangfireEngineOptions options, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ConnectionString);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.Workers);
        await HangfireSchema.InstallAsync(options.ConnectionString, options.Schema, cancellationToken).ConfigureAwait(false);
        return new HangfireSyncEngine(options, time ?? TimeProvider.System);
    }

    public void Register(IServiceCollection services, bool runJobs)
    {
        var queue = new HangfireSyncQueue(Client, Claims, Storage);
        services.AddSingleton<ISyncQueue>(queue);
        services.AddSingleton(provider => new HangfireSyncJob(
            provider.GetRequiredService<SyncJobs>(),
            provider.GetRequiredService<IStateStore>().Schedule,
            provider.GetRequiredService<TimeProvider>(),
            _options.ParkFor,
            provider.GetRequiredService<ILogger<HangfireSyncJob>>())
        {
            Slice = _options.Slice,
            NextSlices = queue,
        });
        if (runJobs)
        {
            services.AddHostedService(provider => new HangfireWorker(Storage, ServerOptions(provider)));
        }
    }

    /// <summary>The options of a Hangfire server that runs sync jobs with <paramref name="services"/>.</summary>
    public BackgroundJobServerOptions ServerOptions(IServiceProvider services)
    {
        var server = new BackgroundJobServerOptions
        {
            WorkerCount = _options.Workers,
            Queues = HangfireSyncQueue.Queues,
            SchedulePollingInterval = _options.SchedulePollInterval,
            Activator = new ServiceJobActivator(services),
            FilterProvider = _filterProvider,
        };
        if (_options.ServerName is { } name)
        {
            server.ServerName = name;
        }

        return server;
    }

    /// <summary>
    /// Hangfire's tables answer (<c>jobStorage</c>), and at least one server, in this process or another, has reported within
    /// <see cref="HangfireEngineOptions.ServerAliveWithin"/> (<c>jobServers</c>): without one, queued syncs wait for nobody.
    /// </summary>
    public async Task<IReadOnlyList<ComponentHealth>> CheckHealthAsync(CancellationToken cancellationToken)
    {
        try
        {
            // Hangfire's monitoring calls block; a database that does not answer is given up on after the caller's time.
            var servers = await Task.Run(() => Storage.GetMonitoringApi().Servers(), CancellationToken.None).WaitAsync(cancellationToken).ConfigureAwait(false);
            var now = _time.GetUtcNow().UtcDateTime;
            var alive = servers.Count(server => server.Heartbeat is { } beat && now - beat <= _options.ServerAliveWithin);
            return
            [
                new ComponentHealth("jobStorage", true, "reachable"),
                new ComponentHealth("jobServers", alive > 0, alive > 0 ? $"{alive} alive" : "none alive"),
            ];
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return [new ComponentHealth("jobStorage", false, "unreachable") { Cause = e }, new ComponentHealth("jobServers", false, "unknown")];
        }
    }

    /// <summary>Hangfire's dashboard (jobs, retries, failures, servers), without its own authorization: the host's gate is it.</summary>
    public void UseDashboard(IApplicationBuilder app)
    {
        var options = new DashboardOptions
        {
            Authorization = [],
            AsyncAuthorization = [],
            AppPath = "/",
            DashboardTitle = "StoreBooks jobs",
            // The footer would show the storage's connection string (host, database, user).
            DisplayStorageConnectionString = false,
            TimeZoneResolver = null,
        };
        app.UseMiddleware<AspNetCoreDashboardMiddleware>(Storage, options, DashboardRoutes.Routes);
    }

    public ValueTask DisposeAsync() => Claims.DisposeAsync();
}
