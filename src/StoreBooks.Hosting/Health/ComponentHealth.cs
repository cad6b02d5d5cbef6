namespace StoreBooks.Hosting.Health;

/// <summary>
/// One part of a running StoreBooks as <c>/healthz</c> reports it: its <paramref name="Name"/> ("database", "jobStorage",
/// "jobServers"), whether it works, and a short <paramref name="Detail"/> in words that carry no address, name or secret
/// ("reachable", "2 alive"). <see cref="Cause"/> is for the host's log, never for the report.
/// </summary>
public sealed record ComponentHealth(string Name, bool Healthy, string Detail)
{
    /// <summary>Why it is unhealthy, when an exception said so.</summary>
    public Exception? Cause { get; init; }
}
