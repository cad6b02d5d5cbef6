namespace StoreBooks.Emulators.Qbo.Traffic;

/// <summary>One realm's limit windows, in-flight counts, fault switches and counters; every member is thread-safe.</summary>
internal sealed class RealmTraffic
{
    private readonly object _lock = new();
    private readonly SlidingWindow _requests = new();
    private readonly SlidingWindow _batches = new();
    private readonly Dictionary<string, SlidingWindow> _batchesByApp = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _inFlightByApp = new(StringComparer.Ordinal);
    private QboFaultSettings _faults = new();
    private Random _random = new();
    private long _requestsCount, _served, _throttled, _injectedThrottles, _injectedFailures, _dropped, _batchCount;
    private long _delayed, _unauthorized, _peakInFlight, _peakInWindow;

    public RealmTraffic(QboFaultSettings faults) => SetFaults(faults);

    public QboFaultSettings Faults
    {
        get
        {
            lock (_lock)
            {
                return _faults;
            }
        }
    }

    public void SetFaults(QboFaultSettings faults)
    {
        lock (_lock)
        {
            _faults = faults;
            _random = new Random(faults.Seed ?? Random.Shared.Next());
        }
    }

    /// <summary>Applies the limits; an admitted call holds an in-flight slot until <see cref="Release"/>.</summary>
    public Admission TryAdmit(string clientId, bool isBatch, DateTimeOffset now, QboLimits limits)
    {
        lock (_lock)
        {
            _requestsCount++;
            _inFlightByApp.TryGetValue(clientId, out var inFlight);
            _peakInFlight = Math.Max(_peakInFlight, inFlight + 1);
            _peakInWindow = Math.Max(_peakInWindow, _requests.Count(now, limits.Window) + 1);
            if (limits.MaxInFlight > 0 && inFlight >= limits.MaxInFlight)
            {
                return RefuseLocked(TimeSpan.FromSeconds(1), $"more than {limits.MaxInFlight} requests in flight for this realm and app");
            }

            if (limits.RequestsPerWindow > 0 && _requests.Count(now, limits.Window) >= limits.RequestsPerWindow)
            {
                return RefuseLocked(_requests.UntilFree(now, limits.Window, limits.RequestsPerWindow), $"{limits.RequestsPerWindow} requests per {limits.Window.TotalSeconds:0} s for this realm");
            }

            SlidingWindow? appBatches = null;
            if (isBatch)
            {
                if (!_batchesByApp.TryGetValue(clientId, out appBatches))
                {
                    _batchesByApp[clientId] = appBatches = new SlidingWindow();
                }

                if (limits.BatchesPerWindowPerApp > 0 && appBatches.Count(now, limits.Window) >= limits.BatchesPerWindowPerApp)
                {
                    return RefuseLocked(appBatches.UntilFree(now, limits.Window, limits.BatchesPerWindowPerApp), $"{limits.BatchesPerWindowPerApp} batch requests per {limits.Window.TotalSeconds:0} s for this realm and app");
                }

                if (limits.BatchesPerWindow > 0 && _batches.Count(now, limits.Window) >= limits.BatchesPerWindow)
                {
                    return RefuseLocked(_batches.UntilFree(now, limits.Window, limits.BatchesPerWindow), $"{limits.BatchesPerWindow} batch requests per {limits.Window.TotalSeconds:0} s for this realm");
                }
            }

            _requests.Add(now);
            if (appBatches is not null)
            {
                appBatches.Add(now);
                _batches.Add(now);
                _batchCount++;
            }

            _inFlightByApp[clientId] = inFlight + 1;
            return new Admission(true, TimeSpan.Zero, null);
        }
    }

    public void Release(string clientId)
    {
        lock (_lock)
        {
            _inFlightByApp[clientId] = Math.Max(0, _inFlightByApp.GetValueOrDefault(clientId) - 1);
        }
    }

    /// <summary>
    /// Draws this call's injected latency and fault; "next" counts go down as they fire. A call to another resource than the
    /// faults' <see cref="QboFaultSettings.Resource"/> gets its latency and no fault.
    /// </summary>
    public FaultPlan NextFaults(string? resource)
    {
        lock (_lock)
        {
            var f = _faults;
            var latency = f.LatencyMs + (f.LatencyJitterMs > 0 ? _random.Next(f.LatencyJitterMs + 1) : 0);

            // Draw every rate on every call so that one switch does not shift the others' sequence.
            var throttleDraw = f.ThrottleRate > 0 && _random.NextDouble() < f.ThrottleRate;
            var failDraw = f.FailRate > 0 && _random.NextDouble() < f.FailRate;
            var dropDraw = f.DropRate > 0 && _random.NextDouble() < f.DropRate;
            var kind = InjectedFault.None;
            if (f.Resource is not null && !string.Equals(f.Resource, resource, StringComparison.OrdinalIgnoreCase))
            {
                // Not a call the faults aim at.
            }
            else if (f.ThrottleNext > 0 || throttleDraw)
            {
                kind = InjectedFault.Throttle;
                _faults = f with { ThrottleNext = Math.Max(0, f.ThrottleNext - 1) };
                _injectedThrottles++;
            }
            else if (f.FailNext > 0 || failDraw)
            {
                kind = InjectedFault.Fail;
                _faults = f with { FailNext = Math.Max(0, f.FailNext - 1) };
                _injectedFailures++;
            }
            else if (f.DropNext > 0 || dropDraw)
            {
                kind = InjectedFault.Drop;
                _faults = f with { DropNext = Math.Max(0, f.DropNext - 1) };
                _dropped++;
            }

            if (kind is InjectedFault.None or InjectedFault.Drop)
            {
                _served++;
            }

            return new FaultPlan(TimeSpan.FromMilliseconds(latency), kind, f.FailStatus, f.ThrottleRetryAfterSeconds);
        }
    }

    public void CountUnauthorized() => Interlocked.Increment(ref _unauthorized);

    /// <summary>Counted once the call's delay timer exists, so a test that sees the count can move a fake clock past it.</summary>
    public void CountDelayed() => Interlocked.Increment(ref _delayed);

    public QboTrafficCounters Counters()
    {
        lock (_lock)
        {
            return new QboTrafficCounters(_requestsCount, _served, _throttled, _injectedThrottles, _injectedFailures, _dropped, Interlocked.Read(ref _delayed), Interlocked.Read(ref _unauthorized), _batchCount, _peakInFlight, _peakInWindow);
        }
    }

    public void ResetCounters()
    {
        lock (_lock)
        {
            _requestsCount = _served = _throttled = _injectedThrottles = _injectedFailures = _dropped = _batchCount = 0;
            _peakInFlight = _peakInWindow = 0;
            Interlocked.Exchange(ref _delayed, 0);
            Interlocked.Exchange(ref _unauthorized, 0);
        }
    }

    private Admission RefuseLocked(TimeSpan retryAfter, string reason)
    {
        _throttled++;
        return new Admission(false, retryAfter, reason);
    }
}

/// <summary>Whether a call passed the limits; when not, how long until it would and which limit refused it.</summary>
internal sealed record Admission(bool Admitted, TimeSpan RetryAfter, string? Reason);

/// <summary>The latency and fault one call gets.</summary>
internal sealed record FaultPlan(TimeSpan Latency, InjectedFault Kind, int FailStatus, int ThrottleRetryAfterSeconds);

internal enum InjectedFault
{
    None,
    Throttle,
    Fail,
    Drop,
}
