namespace StoreBooks.Emulators.Qbo.Traffic;

/// <summary>What one realm's <c>/v3</c> traffic came to, for tests and benchmarks (<c>GET /emulator/qbo/{realmId}/counters</c>).</summary>
/// <param name="Requests">Calls with a valid token for this realm.</param>
/// <param name="Served">Calls handed to the accounting API (dropped replies included).</param>
/// <param name="Throttled">429s given because a limit was reached.</param>
/// <param name="InjectedThrottles">429s given by fault injection.</param>
/// <param name="InjectedFailures">500/503 SystemFaults given by fault injection.</param>
/// <param name="DroppedResponses">Calls served whose reply was dropped by cutting the connection.</param>
/// <param name="Delayed">Calls that waited for injected latency.</param>
/// <param name="Unauthorized">Calls naming this realm refused with 401 (missing, unknown, expired or revoked token) or 403 (token of another realm).</param>
/// <param name="BatchRequests">Batch calls admitted.</param>
/// <param name="PeakInFlight">
/// The most calls of one app the realm would have been serving at once: the calls in flight that a call found on arrival, itself
/// included, at most (refused calls count too, so a client that overruns the limit shows by how much).
/// </param>
/// <param name="PeakInWindow">
/// The most calls the realm's request window would have held: the admitted calls of the last window that a call found on arrival,
/// itself included, at most (refused calls count too).
/// </param>
public sealed record QboTrafficCounters(
    long Requests,
    long Served,
    long Throttled,
    long InjectedThrottles,
    long InjectedFailures,
    long DroppedResponses,
    long Delayed,
    long Unauthorized,
    long BatchRequests,
    long PeakInFlight,
    long PeakInWindow);
