using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using StoreBooks.QuickBooks.OAuth;

namespace StoreBooks.QuickBooks.Http;

/// <summary>
/// Builds the handler chain every Accounting API request goes through, outermost first:
/// retry (Polly via Microsoft.Extensions.Http.Resilience, deciding with <see cref="QboRetryClassifier"/>) →
/// bearer token and refresh on 401 (<see cref="QboAuthHandler"/>) → per-realm limits (<see cref="QboThrottleHandler"/>) →
/// per-attempt logging (<see cref="QboLoggingHandler"/>) → the network.
/// </summary>
public static class QboHttpPipeline
{
    public static HttpMessageHandler Create(QboTokenKeeper tokens, QboRealmLimits limits, QboRetryOptions retry, ILogger logger, TimeProvider time, HttpMessageHandler? network = null)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(retry);
        var resilience = new ResilienceHandler(BuildRetryPipeline(retry))
        {
            InnerHandler = new QboAuthHandler(tokens)
            {
                InnerHandler = new QboThrottleHandler(limits)
                {
                    InnerHandler = new QboLoggingHandler(logger, time)
                    {
                        InnerHandler = network is null ? CreateNetworkHandler() : new SharedNetworkHandler(network),
                    },
                },
            },
        };
        return resilience;
    }

    /// <summary>A caller's network handler, possibly shared by several clients: not disposed with the client.</summary>
    private sealed class SharedNetworkHandler(HttpMessageHandler network) : DelegatingHandler(network)
    {
        protected override void Dispose(bool disposing)
        {
            // The caller owns the shared handler.
        }
    }

    /// <summary>The socket handler used when none is given: pooled connections recycled every few minutes (DNS changes).</summary>
    public static SocketsHttpHandler CreateNetworkHandler() => new()
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
        MaxConnectionsPerServer = 64,
    };

    /// <summary>Retry (replayable requests only) around a per-attempt timeout.</summary>
    public static ResiliencePipeline<HttpResponseMessage> BuildRetryPipeline(QboRetryOptions retry)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage>();
        if (retry.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                Name = "qbo-retry",
                MaxRetryAttempts = retry.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = retry.BaseDelay,
                MaxDelay = retry.MaxRetryAfter,
                ShouldHandle = args => ValueTask.FromResult(
                    QboRetryClassifier.ShouldRetry(args.Context.GetRequestMessage(), args.Outcome.Result, args.Outcome.Exception)),
                DelayGenerator = args => ValueTask.FromResult(ThrottleDelay(args.Outcome.Result, retry)),
            });
        }

        return builder.AddTimeout(retry.AttemptTimeout).Build();
    }

    /// <summary>
    /// The wait before retrying a 429: the Retry-After header when present (capped), otherwise
    /// <see cref="QboRetryOptions.ThrottledDelay"/>. Null (the exponential back-off) for everything else.
    /// </summary>
    public static TimeSpan? ThrottleDelay(HttpResponseMessage? response, QboRetryOptions retry)
    {
        if (response?.StatusCode != HttpStatusCode.TooManyRequests && response?.Headers.RetryAfter is null)
        {
            return null;
        }

        TimeSpan? wait = response!.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - DateTimeOffset.UtcNow,
            _ => null,
        };
        if (wait is { } header)
        {
            return header < TimeSpan.Zero ? TimeSpan.Zero : header > retry.MaxRetryAfter ? retry.MaxRetryAfter : header;
        }

        return response.StatusCode == HttpStatusCode.TooManyRequests ? retry.ThrottledDelay : null;
    }
}
