namespace StoreBooks.QuickBooks.Http;

/// <summary>How replayable calls are retried after 429, 5xx, timeouts and network faults.</summary>
public sealed record QboRetryOptions
{
    /// <summary>Retries after the first attempt.</summary>
    public int MaxRetryAttempts { get; init; } = 5;

    /// <summary>First back-off after a 5xx or network fault; doubles each time, with jitter.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Wait after a 429 that has no Retry-After header (Intuit: "wait 60 seconds before retrying").</summary>
    public TimeSpan ThrottledDelay { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Longest wait honoured from a Retry-After header.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Limit for one attempt (QBO ends requests after 120 s).</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(120);
}
