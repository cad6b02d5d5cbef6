namespace StoreBooks.Emulators.Qbo.Traffic;

/// <summary>
/// QBO's request limits (Intuit's "Limits and throttles" page), answered with a 429 ThrottleExceeded fault (code 3001).
/// Every per-minute limit is a sliding window: a request is refused while the last <see cref="Window"/> already holds
/// the limit's number of admitted requests (refused ones do not count). A limit of 0 or less is off.
/// </summary>
public sealed record QboLimits
{
    /// <summary>Requests per window per realm, all apps together (QBO: 500 a minute); a batch request counts once, whatever its items.</summary>
    public int RequestsPerWindow { get; init; } = 500;

    /// <summary>
    /// Requests being served at once per realm and app (QBO: "10 concurrent", newer wording "10 per second";
    /// the emulator meters concurrency only).
    /// </summary>
    public int MaxInFlight { get; init; } = 10;

    /// <summary>Batch requests per window per realm and app (QBO: 40 a minute).</summary>
    public int BatchesPerWindowPerApp { get; init; } = 40;

    /// <summary>Batch requests per window per realm, all apps together (QBO: 120 a minute).</summary>
    public int BatchesPerWindow { get; init; } = 120;

    /// <summary>The length of the sliding window (QBO: one minute).</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Send <c>Retry-After</c> (whole seconds until the window admits again; 1 for the in-flight limit) with each 429.
    /// QBO documents no such header, only "wait 60 seconds", so a client must cope without it: turn this off to check.
    /// </summary>
    public bool SendRetryAfter { get; init; } = true;
}
