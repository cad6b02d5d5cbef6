namespace StoreBooks.Emulators.Qbo.Traffic;

/// <summary>
/// Faults one realm injects into its <c>/v3</c> calls, switchable while the emulator runs
/// (<c>GET/PUT /emulator/qbo/{realmId}/faults</c>). A "next" count fires on that many coming calls and counts down;
/// a rate fires on each call with that probability, drawn from a generator seeded with <see cref="Seed"/>, so a given
/// seed and call sequence always faults the same calls. At most one fault per call: throttle, then failure, then drop.
/// </summary>
public sealed record QboFaultSettings
{
    /// <summary>Added to every call before it is served.</summary>
    public int LatencyMs { get; init; }

    /// <summary>Up to this much more latency, uniformly drawn per call.</summary>
    public int LatencyJitterMs { get; init; }

    /// <summary>The next N calls fail with <see cref="FailStatus"/> and QBO's SystemFault (code 10000).</summary>
    public int FailNext { get; init; }

    /// <summary>Probability (0–1) that a call fails with <see cref="FailStatus"/>.</summary>
    public double FailRate { get; init; }

    /// <summary>500 or 503.</summary>
    public int FailStatus { get; init; } = 500;

    /// <summary>The next N calls get QBO's 429 ThrottleExceeded fault (code 3001).</summary>
    public int ThrottleNext { get; init; }

    /// <summary>Probability (0–1) that a call gets a 429.</summary>
    public double ThrottleRate { get; init; }

    /// <summary>Retry-After seconds sent with injected 429s (when the limits send Retry-After at all).</summary>
    public int ThrottleRetryAfterSeconds { get; init; } = 1;

    /// <summary>The next N calls are served (writes are committed) and then the connection is cut before any byte of the reply.</summary>
    public int DropNext { get; init; }

    /// <summary>Probability (0–1) that a call is served and its reply dropped.</summary>
    public double DropRate { get; init; }

    /// <summary>Seed of the rate draws and the jitter; a random seed when null.</summary>
    public int? Seed { get; init; }

    /// <summary>What is wrong with these settings, or null when they are usable.</summary>
    public string? Problem()
    {
        if (LatencyMs < 0 || LatencyJitterMs < 0)
        {
            return "latencyMs and latencyJitterMs must be 0 or more.";
        }

        if (FailNext < 0 || ThrottleNext < 0 || DropNext < 0)
        {
            return "failNext, throttleNext and dropNext must be 0 or more.";
        }

        foreach (var (name, rate) in new[] { ("failRate", FailRate), ("throttleRate", ThrottleRate), ("dropRate", DropRate) })
        {
            if (rate is < 0 or > 1 || double.IsNaN(rate))
            {
                return $"{name} must be a probability from 0 to 1; got {rate}.";
            }
        }

        if (FailStatus is not (500 or 503))
        {
            return $"failStatus must be 500 or 503; got {FailStatus}.";
        }

        return ThrottleRetryAfterSeconds < 0 ? "throttleRetryAfterSeconds must be 0 or more." : null;
    }
}
