using System.Text.Json.Serialization;

namespace StoreBooks.Emulators.Stores;

/// <summary>
/// Fault switches for one store emulator, changed at run time through its admin endpoint:
/// added latency, a burst of 500/503 answers, a burst of 429s, and a seeded random failure rate.
/// </summary>
public sealed class StoreFaults
{
    private readonly Lock _gate = new();
    private Random _random;
    private FaultSettings _settings = new();
    private long _calls;
    private long _throttled;

    public StoreFaults(int seed) => _random = new Random(seed);

    /// <summary>The switches now in force.</summary>
    public FaultSettings Current
    {
        get
        {
            lock (_gate)
            {
                return _settings;
            }
        }
    }

    /// <summary>Replaces every switch (a null field keeps its current value).</summary>
    public FaultSettings Apply(FaultSettings change)
    {
        lock (_gate)
        {
            _settings = new FaultSettings
            {
                LatencyMs = change.LatencyMs ?? _settings.LatencyMs,
                FailNext = change.FailNext ?? _settings.FailNext,
                FailStatus = change.FailStatus ?? _settings.FailStatus,
                ThrottleNext = change.ThrottleNext ?? _settings.ThrottleNext,
                FailProbability = change.FailProbability ?? _settings.FailProbability,
                Seed = change.Seed ?? _settings.Seed,
            };
            if (change.Seed is { } seed)
            {
                _random = new Random(seed);
            }

            return _settings;
        }
    }

    /// <summary>Requests that reached the store's API since the last <see cref="ResetCounters"/> (each one asks <see cref="Next"/>).</summary>
    public long Calls => Interlocked.Read(ref _calls);

    /// <summary>Requests the store throttled (429, injected or by its rate limit) since the last <see cref="ResetCounters"/>.</summary>
    public long Throttled => Interlocked.Read(ref _throttled);

    public void ResetCounters()
    {
        Interlocked.Exchange(ref _calls, 0);
        Interlocked.Exchange(ref _throttled, 0);
    }

    /// <summary>Counts one throttled request (the store's gate calls this for each 429 it answers).</summary>
    public void CountThrottled() => Interlocked.Increment(ref _throttled);

    /// <summary>Turns every fault off.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _settings = new FaultSettings();
        }
    }

    /// <summary>Decides the fate of one request: the latency to add and the injected status, if any.</summary>
    public FaultDecision Next()
    {
        Interlocked.Increment(ref _calls);
        lock (_gate)
        {
            var latency = TimeSpan.FromMilliseconds(_settings.LatencyMs ?? 0);
            if (_settings.ThrottleNext is > 0)
            {
                _settings = _settings with { ThrottleNext = _settings.ThrottleNext - 1 };
                return new FaultDecision(latency, 429);
            }

            if (_settings.FailNext is > 0)
            {
                _settings = _settings with { FailNext = _settings.FailNext - 1 };
                return new FaultDecision(latency, _settings.FailStatus ?? 500);
            }

            if (_settings.FailProbability is > 0 and var p && _random.NextDouble() < p)
            {
                return new FaultDecision(latency, _settings.FailStatus ?? 500);
            }

            return new FaultDecision(latency, null);
        }
    }
}

/// <summary>The fault switches as JSON (<c>latencyMs</c>, <c>failNext</c>, <c>failStatus</c>, <c>throttleNext</c>, <c>failProbability</c>, <c>seed</c>).</summary>
public sealed record FaultSettings
{
    [JsonPropertyName("latencyMs")] public int? LatencyMs { get; init; }

    /// <summary>How many of the next requests fail with <see cref="FailStatus"/>.</summary>
    [JsonPropertyName("failNext")] public int? FailNext { get; init; }

    /// <summary>500 or 503 (default 500).</summary>
    [JsonPropertyName("failStatus")] public int? FailStatus { get; init; }

    /// <summary>How many of the next requests are answered 429 regardless of the rate limit.</summary>
    [JsonPropertyName("throttleNext")] public int? ThrottleNext { get; init; }

    /// <summary>Chance (0..1) that any request fails with <see cref="FailStatus"/>, drawn from a seeded generator.</summary>
    [JsonPropertyName("failProbability")] public double? FailProbability { get; init; }

    [JsonPropertyName("seed")] public int? Seed { get; init; }
}

/// <summary>What <see cref="StoreFaults.Next"/> decided for one request.</summary>
public readonly record struct FaultDecision(TimeSpan Latency, int? Status);
