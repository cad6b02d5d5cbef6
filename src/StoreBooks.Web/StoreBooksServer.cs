using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StoreBooks.Core.State;
using StoreBooks.Hosting.Connections;
using StoreBooks.Hosting.Progress;
using StoreBooks.Hosting.Scheduling;
using StoreBooks.Hosting.Sources;
using StoreBooks.Hosting.Telemetry;
using StoreBooks.Hosting.Webhooks;
using StoreBooks.Sync.Connections;
using StoreBooks.Web.Dashboard;
using StoreBooks.Web.Dashboard.Security;
using StoreBooks.Web.Operations;
using StoreBooks.Web.Webhooks;

namespace StoreBooks.Web;

/// <summary>
/// <c>storebooks serve</c> in one object: the web host with the dashboard at its root (signed-in pages, see
/// <see cref="DashboardSetup"/>) and the webhook endpoints (rate-limited, no session), the dispatcher that picks due
/// connections and the local worker that runs their syncs through <see cref="SyncJobs"/>, on one state store (which the
/// caller opens and disposes). For operators, in every role: <c>/healthz</c> (<see cref="HealthEndpoint"/>), <c>/metrics</c>
/// (<see cref="TelemetrySetup"/>) and, in hosted mode where the dashboard is served, the job engine's dashboard at
/// <c>/hangfire</c> (<see cref="JobsDashboard"/>). Start it with
/// <see cref="StartAsync"/>; dispose it to stop (a running sync is cancelled and its run recorded as stopped).
/// </summary>
public sealed class StoreBooksServer : IAsyncDisposable
{
    /// <summary>The logger of ASP.NET Core's request lines, whose URLs carry query strings (kept at warnings and above).</summary>
    private const string RequestLinesCategory = "Microsoft.AspNetCore.Hosting.Diagnostics";

    private readonly WebApplication _app;
    private readonly IDisposable _queueGauge;

    private StoreBooksServer(WebApplication app, IReadOnlyList<Uri> addresses, IDisposable queueGauge)
    {
        _app = app;
        Addresses = addresses;
        _queueGauge = queueGauge;
    }

    /// <summary>Where it listens, e.g. <c>http://127.0.0.1:5080/</c>.</summary>
    public IReadOnlyList<Uri> Addresses { get; }

    /// <summary>The first address: the dashboard's, and the root of the webhook URLs.</summary>
    public Uri BaseUrl => Addresses[0];

    /// <summary>The address people and stores reach: <see cref="ServeOptions.PublicUrl"/>, else <see cref="BaseUrl"/>.</summary>
    public Uri PublicUrl => _app.Services.GetRequiredService<ServeOptions>().PublicUrl ?? BaseUrl;

    public Dispatcher Dispatcher => _app.Services.GetRequiredService<Dispatcher>();

    /// <summary>The in-process worker; absent when a job engine (<see cref="ServeOptions.Engine"/>) runs the syncs.</summary>
    public LocalWorker Worker => _app.Services.GetRequiredService<LocalWorker>();

    /// <summary>Where syncs are queued: the <see cref="Worker"/>, or the job engine's queue.</summary>
    public ISyncQueue Queue => _app.Services.GetRequiredService<ISyncQueue>();

    public SyncJobs Jobs => _app.Services.GetRequiredService<SyncJobs>();

    /// <summary>Starts listening and dispatching. <paramref name="sources"/> makes each connection's store source (the default kinds when null).</summary>
    public static async Task<StoreBooksServer> StartAsync(IStateStore state, ServeOptions options, SourceFactory? sources = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.WebhookPermits);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxWebhookBytes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.SignInPermits);
        if (options.Urls.Count == 0)
        {
            throw new ArgumentException("Give at least one address to listen on, such as http://127.0.0.1:5080.", nameof(options));
        }

        var publicUrl = options.PublicUrl is { } given ? PublicAddress.Parse(given.OriginalString) : null;
        options = options with { PublicUrl = publicUrl };

        // No configuration files are read from the working folder, so nothing is watched there: by default the host watches its
        // content root (the folder serve was started in) and every folder under it for appsettings changes.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ContentRootPath = AppContext.BaseDirectory,
            Args = ["--hostBuilder:reloadConfigOnChange=false"],
        });
        builder.WebHost.UseUrls([.. options.Urls]);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = options.MaxWebhookBytes + 1L);
        builder.Logging.ClearProviders();
        options.Logging?.Invoke(builder.Logging);
        // ASP.NET Core's request lines ("Request starting/finished") carry the whole URL, query string included, and Intuit's
        // redirect to /quickbooks/callback has the authorization code there: those lines are never written, whatever level the
        // operator asks for (this rule comes last, so it wins over one as specific).
        builder.Logging.AddFilter(RequestLinesCategory, level => level >= LogLevel.Warning);

        var services = builder.Services;
        services.AddSingleton(state);
        services.AddSingleton(options);
        services.AddSingleton(options.Time);
        // Uploaded CSV files are read from this process's copies of what the state store keeps (the upload may be another machine's).
        services.AddSingleton(sources ?? new SourceFactory(time: options.Time, uploads: options.UploadDirectory is { } uploads ? new UploadedCsvFiles(state.Uploads, uploads) : null));
        services.AddSingleton(provider => new QuickBooksConnections(state, options.Time, provider.GetRequiredService<ILoggerFactory>(), options.QboLimits, options.QboRetry, options.QboSharedBudget));
        services.AddSingleton(options.ConnectionLock ?? (options.LockDirectory is { } locks ? new FileConnectionLock(locks) : new InProcessConnectionLock()));
        services.AddSingleton<DispatchSignal>();
        services.AddSingleton<ISyncProgressBoard, InProcessSyncProgressBoard>();
        services.AddSingleton(provider => new SyncJobs(
            state,
            provider.GetRequiredService<QuickBooksConnections>(),
            provider.GetRequiredService<SourceFactory>(),
            provider.GetRequiredService<IConnectionLock>(),
            options.Time,
            provider.GetRequiredService<ILoggerFactory>(),
            provider.GetRequiredService<ISyncProgressBoard>()));
        if (options.Engine is { } engine)
        {
            engine.Register(services, runJobs: options.Role != ServeRole.Web);
        }
        else
        {
            services.AddSingleton(provider => new LocalWorker(
                provider.GetRequiredService<SyncJobs>(), provider.GetRequiredService<DispatchSignal>(), provider.GetRequiredService<ILogger<LocalWorker>>(), options.Workers));
            services.AddSingleton<ISyncQueue>(provider => provider.GetRequiredService<LocalWorker>());
            services.AddHostedService(provider => provider.GetRequiredService<LocalWorker>());
        }

        services.AddSingleton(new DispatcherOptions { Interval = options.DispatchInterval, InboxRetention = options.InboxRetention, RunRetention = options.RunRetention });
        services.AddSingleton<Dispatcher>();
        services.AddHostedService(provider => provider.GetRequiredService<Dispatcher>());
        services.AddSingleton<WebhookIntake>();
        services.AddSingleton<WebhookSecretReader>();
        services.AddTelemetry();
        var web = options.Role != ServeRole.Worker;
        if (web)
        {
            services.AddDashboard(options);
        }

        services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(SignInRateLimit.Name, new SignInRateLimit(options));
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = async (context, token) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(options.WebhookRateWindow.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                await context.HttpContext.Response.WriteAsync("Too many webhook deliveries to this address; try again later.", token).ConfigureAwait(false);
            };
            // Per sender and address: a flood of unsigned posts from one machine does not starve a store's real deliveries.
            limiter.AddPolicy(WebhooksApi.RateLimitPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                $"{context.Connection.RemoteIpAddress} {context.Request.Path.Value?.ToLowerInvariant()}",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = options.WebhookPermits, Window = options.WebhookRateWindow, QueueLimit = 0 }));
        });

        var app = builder.Build();
        if (publicUrl is not null)
        {
            app.UsePublicAddress(publicUrl);
        }

        app.UseMetrics(options.MetricsToken);
        if (web)
        {
            app.UseDashboard();
            if (options.Engine is { } jobEngine)
            {
                app.MapJobsDashboard(jobEngine);
            }
        }

        app.UseRateLimiter();
        app.MapGet("/health", () => Results.Text("ok"));
        app.MapHealthz();
        if (web)
        {
            app.MapWebhooks();
            app.MapDashboard();
        }

        var queue = app.Services.GetRequiredService<ISyncQueue>();
        var queueGauge = SyncTelemetry.ObserveQueue(queue.QueuedCount);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            queueGauge.Dispose();
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Select(a => new Uri(a.EndsWith('/') ? a : a + "/"))
            .ToList();
        return new StoreBooksServer(app, addresses, queueGauge);
    }

    /// <summary>Waits until the host is told to stop (Ctrl+C, SIGTERM).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken) => _app.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        _queueGauge.Dispose();
        await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
