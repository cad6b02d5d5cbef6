using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace StoreBooks.Emulators.Qbo.Api;

/// <summary>
/// The realms (QBO companies) the emulator holds. SKELETON: the accounting-API work fills in entities, rules and persistence.
/// </summary>
public sealed class QboCompanies
{
    private readonly ConcurrentDictionary<string, QboCompanySettings> _realms = new(StringComparer.Ordinal);

    public QboCompanies(QboEmulatorOptions options, TimeProvider time)
    {
        Time = time;
        foreach (var realm in options.Realms)
        {
            Create(realm);
        }
    }

    public TimeProvider Time { get; }

    /// <summary>Raised after each committed write, for webhooks and CDC.</summary>
    public event Action<QboEntityChange>? Changed;

    public IReadOnlyCollection<string> RealmIds => _realms.Keys.ToArray();

    /// <summary>The realm a fresh authorization connects to: the first one created.</summary>
    public string DefaultRealmId => _realms.Keys.Order(StringComparer.Ordinal).First();

    public bool Exists(string realmId) => _realms.ContainsKey(realmId);

    /// <summary>Creates a realm set up like a new QBO company with these choices.</summary>
    public void Create(QboCompanySettings settings) => _realms[settings.RealmId] = settings;

    /// <summary>State for <c>--data FILE</c>.</summary>
    public JsonObject Export() => new();

    public void Import(JsonObject state)
    {
    }

    internal void OnChanged(QboEntityChange change) => Changed?.Invoke(change);
}
