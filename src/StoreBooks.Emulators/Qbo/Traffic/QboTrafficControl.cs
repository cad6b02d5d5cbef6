using System.Collections.Concurrent;

namespace StoreBooks.Emulators.Qbo.Traffic;

/// <summary>QBO's limits per realm (and app) and the per-realm fault switches and counters that <see cref="QboGate"/> applies.</summary>
public sealed class QboTrafficControl
{
    private readonly ConcurrentDictionary<string, RealmTraffic> _realms = new(StringComparer.Ordinal);
    private readonly QboFaultSettings _initialFaults;

    public QboTrafficControl(QboEmulatorOptions options)
    {
        Limits = options.Limits;
        _initialFaults = options.Faults;
    }

    /// <summary>The limits in force (the same for every realm).</summary>
    public QboLimits Limits { get; }

    /// <summary>The faults this realm injects now, with "next" counts as far as they have counted down.</summary>
    public QboFaultSettings GetFaults(string realmId) => For(realmId).Faults;

    /// <summary>Replaces this realm's faults; the random draws restart from the new seed.</summary>
    public void SetFaults(string realmId, QboFaultSettings faults)
    {
        var problem = faults.Problem();
        if (problem is not null)
        {
            throw new ArgumentException(problem, nameof(faults));
        }

        For(realmId).SetFaults(faults);
    }

    public QboTrafficCounters GetCounters(string realmId) => For(realmId).Counters();

    public void ResetCounters(string realmId) => For(realmId).ResetCounters();

    internal RealmTraffic For(string realmId) => _realms.GetOrAdd(realmId, _ => new RealmTraffic(_initialFaults));
}
