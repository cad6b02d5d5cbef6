using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using StoreBooks.Emulators.Qbo.Api.Company;
using StoreBooks.Emulators.Qbo.Api.Json;

namespace StoreBooks.Emulators.Qbo.Api;

/// <summary>
/// The realms (QBO companies) the emulator holds: each set up like a new QBO company from its
/// <see cref="QboCompanySettings"/>, its whole state exportable as JSON (for <c>--data FILE</c>), and a
/// <see cref="Changed"/> notification after every committed write (webhooks, CDC).
/// </summary>
public sealed class QboCompanies
{
    /// <summary>The <c>format</c> marker of <see cref="Export"/>'s document.</summary>
    public const string StateFormat = "storebooks-qbo-emulator";

    private static readonly JsonSerializerOptions SettingsJson = new() { WriteIndented = false };

    private readonly ConcurrentDictionary<string, QboCompany> _realms = new(StringComparer.Ordinal);
    private readonly QboApiOptions _options;

    public QboCompanies(QboEmulatorOptions options, TimeProvider time)
    {
        Time = time;
        _options = options.Api;
        foreach (var realm in options.Realms)
        {
            Create(realm);
        }
    }

    public TimeProvider Time { get; }

    /// <summary>Raised after each committed write (outside the realm's lock), for webhooks and CDC.</summary>
    public event Action<QboEntityChange>? Changed;

    public IReadOnlyCollection<string> RealmIds => _realms.Keys.Order(StringComparer.Ordinal).ToArray();

    /// <summary>The realm a fresh authorization connects to: the first one created (lowest id).</summary>
    public string DefaultRealmId => _realms.Keys.Order(StringComparer.Ordinal).First();

    public bool Exists(string realmId) => _realms.ContainsKey(realmId);

    /// <summary>The settings a realm was created with.</summary>
    public QboCompanySettings Settings(string realmId) => Find(realmId)?.Settings ?? throw new KeyNotFoundException("No realm " + realmId);

    /// <summary>Creates (or replaces) a realm set up like a new QBO company with these choices.</summary>
    public void Create(QboCompanySettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var company = new QboCompany(settings, Time, _options);
        CompanySeed.Populate(company);
        _realms[settings.RealmId] = company;
    }

    /// <summary>
    /// Every realm's settings, entities, id counters, deletions and remembered requestids:
    /// <c>{"format":"storebooks-qbo-emulator","version":1,"realms":[…]}</c>.
    /// </summary>
    public JsonObject Export()
    {
        var realms = new JsonArray();
        foreach (var realmId in RealmIds)
        {
            var company = _realms[realmId];
            lock (company.Sync)
            {
                var entities = new JsonObject();
                foreach (var name in company.Store.EntityNames.Order(StringComparer.Ordinal))
                {
                    entities[name] = new JsonArray([.. company.Store.All(name).Select(r => (JsonNode)r.Json.DeepClone())]);
                }

                var deleted = new JsonArray();
                foreach (var t in company.Store.Deleted)
                {
                    deleted.Add(new JsonObject { ["entity"] = t.EntityName, ["id"] = t.Id, ["at"] = t.DeletedAt.ToString("O") });
                }

                realms.Add(new JsonObject
                {
                    ["settings"] = JsonSerializer.SerializeToNode(company.Settings, SettingsJson),
                    ["counters"] = company.ExportCounters(),
                    ["entities"] = entities,
                    ["deleted"] = deleted,
                    ["requestIds"] = company.RequestIds.Export(),
                });
            }
        }

        return new JsonObject { ["format"] = StateFormat, ["version"] = 1, ["realms"] = realms };
    }

    /// <summary>
    /// Loads realms from <see cref="Export"/>'s document, replacing realms with the same id (others stay as they are).
    /// Entities are taken as stored, so a realm can also be seeded with objects the API cannot create (bundles).
    /// </summary>
    public void Import(JsonObject state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state["format"]?.GetValue<string>() != StateFormat)
        {
            throw new InvalidDataException($"Not a StoreBooks QBO emulator state document: \"format\" must be \"{StateFormat}\".");
        }

        foreach (var realm in state["realms"]?.AsArray().OfType<JsonObject>() ?? [])
        {
            var settings = realm["settings"]?.Deserialize<QboCompanySettings>(SettingsJson)
                ?? throw new InvalidDataException("A realm in the state document has no \"settings\".");
            var company = new QboCompany(settings, Time, _options);
            company.ImportCounters(realm["counters"] as JsonObject);
            foreach (var (entity, list) in realm["entities"] as JsonObject ?? [])
            {
                var definition = Entities.EntityCatalog.ByName(entity)
                    ?? throw new InvalidDataException($"Unknown entity \"{entity}\" in the state document.");
                foreach (var json in list?.AsArray().OfType<JsonObject>() ?? [])
                {
                    var id = json.Str("Id") ?? throw new InvalidDataException($"A {entity} in the state document has no Id.");
                    var updated = QboTime.TryParseDateTime(json.Obj("MetaData")?.Str("LastUpdatedTime"), out var at) ? at : company.Now;
                    company.Store.Put(definition.Name, new EntityRecord(id, (JsonObject)json.DeepClone(), updated));
                    company.Reserve(definition.IdSequence, id);
                }
            }

            foreach (var t in realm["deleted"]?.AsArray().OfType<JsonObject>() ?? [])
            {
                company.Store.Deleted.Add(new Tombstone(t.Str("entity")!, t.Str("id")!, DateTimeOffset.Parse(t.Str("at")!, System.Globalization.CultureInfo.InvariantCulture)));
            }

            company.RequestIds.Import(realm["requestIds"] as JsonArray);
            _realms[settings.RealmId] = company;
        }
    }

    internal QboCompany? Find(string realmId) => _realms.GetValueOrDefault(realmId);

    internal void OnChanged(QboEntityChange change) => Changed?.Invoke(change);
}
