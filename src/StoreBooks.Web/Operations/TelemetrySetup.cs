using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using StoreBooks.Hosting.Telemetry;
using StoreBooks.QuickBooks.Http;

namespace StoreBooks.Web.Operations;

/// <summary>
/// The web host's OpenTelemetry: the sync jobs' and the QuickBooks client's meters and spans (<see cref="SyncTelemetry"/>,
/// <see cref="QboTelemetry"/>), with ASP.NET Core's and HttpClient's own, served for Prometheus at <c>/metrics</c> and sent
/// over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (traces go nowhere without it). <c>/metrics</c> holds only
/// counts and durations with no workspace, connection or customer in them; with <see cref="ServeOptions.MetricsToken"/> it
/// answers only a request bearing that token (401 otherwise), for an address reachable beyond the operators' network.
/// </summary>
internal static class TelemetrySetup
{
    public const string MetricsPath = "/metrics";

    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    // Seconds, from a fast QuickBooks call to a long first sync.
    private static readonly double[] SecondsBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800];

    public static void AddTelemetry(this IServiceCollection services)
    {
        var otlp = !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(OtlpEndpointVariable));
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("storebooks"))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(SyncTelemetry.Name, QboTelemetry.Name)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddView(instrument => instrument.Unit == "s" && instrument.Meter.Name.StartsWith("StoreBooks.", StringComparison.Ordinal)
                        ? new ExplicitBucketHistogramConfiguration { Boundaries = SecondsBuckets }
                        : null)
                    // Every scrape sees the counts as they are (the default serves a copy up to 300 ms old).
                    .AddPrometheusExporter(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0);
                if (otlp)
                {
                    metrics.AddOtlpExporter();
                }
            })
            .WithTracing(tracing =>
            {
                tracing.AddSource(SyncTelemetry.Name, QboTelemetry.Name)
                    .AddAspNetCoreInstrumentation(aspNetCore => aspNetCore.Filter = context => !IsOperationsPath(context.Request.Path))
                    .AddHttpClientInstrumentation();
                if (otlp)
                {
                    tracing.AddOtlpExporter();
                }
            });
    }

    /// <summary>Serves <c>/metrics</c>, behind the operator token when there is one; call before the dashboard's middleware.</summary>
    public static void UseMetrics(this WebApplication app, string? token)
    {
        if (token is { Length: > 0 })
        {
            var expected = Encoding.UTF8.GetBytes("Bearer " + token);
            app.Use((context, next) =>
            {
                // Every spelling the scraping endpoint answers is guarded: "/metrics" and "/metrics/", any case.
                if (!IsMetricsPath(context.Request.Path)
                    || CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(context.Request.Headers.Authorization.ToString()), expected))
                {
                    return next(context);
                }

                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                context.Response.Headers.WWWAuthenticate = "Bearer";
                return Task.CompletedTask;
            });
        }

        app.UseOpenTelemetryPrometheusScrapingEndpoint(MetricsPath);
    }

    private static bool IsMetricsPath(PathString path) =>
        path.Equals(MetricsPath, StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments(MetricsPath, StringComparison.OrdinalIgnoreCase);

    private static bool IsOperationsPath(PathString path) =>
        IsMetricsPath(path)
        || path.Equals(HealthEndpoint.Path, StringComparison.OrdinalIgnoreCase)
        || path.Equals("/health", StringComparison.OrdinalIgnoreCase);
}
