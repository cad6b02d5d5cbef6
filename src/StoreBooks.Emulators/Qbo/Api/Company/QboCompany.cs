using System.Globalization;
using System.Text.Json.Nodes;
using StoreBooks.Emulators.Qbo.Api.Entities;
using StoreBooks.Emulators.Qbo.Api.Json;
using StoreBooks.Emulators.Qbo.Api.RequestIds;

namespace StoreBooks.Emulators.Qbo.Api.Company;

/// <summary>
/// One realm: its settings, entities, id sequences, remembered requestids and clock. Every read and write takes
/// <see cref="Sync"/>, so one realm's writes are serialised as QBO serialises SyncTokens.
/// </summary>
internal sealed class QboCompany
{
    private readonly TimeProvider _time;
    private readonly Dictionary<string, long> _next = new(StringComparer.Ordinal);

    public QboCompany(QboCompanySettings settings, TimeProvider time, QboApiOptions options)
    {
        Settings = settings;
        Options = options;
        _time = time;
        Zone = QboTime.Zone(settings.TimeZone ?? DefaultZone(settings.Country));
        Store = new EntityStore((entity, json) => EntityCatalog.ByName(entity)?.Rules.UniqueKeys(json) ?? []);
        RequestIds = new RequestIdStore(options.RequestIdCapacity);
    }

    public object Sync { get; } = new();

    public string RealmId => Settings.RealmId;

    public QboCompanySettings Settings { get; }

    public QboApiOptions Options { get; }

    public TimeZoneInfo Zone { get; }

    public EntityStore Store { get; }

    public RequestIdStore RequestIds { get; }

    /// <summary>Next automatic DocNumber of sales forms when CustomTxnNumbers is off (QBO numbers them 1001, 1002…).</summary>
    public long NextDocNumber { get; set; } = 1001;

    public DateTimeOffset Now => TimeZoneInfo.ConvertTime(_time.GetUtcNow(), Zone);

    public DateOnly Today => DateOnly.FromDateTime(Now.DateTime);

    public bool IsUs => string.Equals(Settings.Country, "US", StringComparison.OrdinalIgnoreCase);

    public CompanyPreferences Prefs => new(Store.Get("Preferences", "1")?.Json ?? new JsonObject());

    /// <summary>US automated sales tax is on (the emulator computes tax from its one configured rate).</summary>
    public bool AutomatedSalesTax => IsUs && Prefs.PartnerTaxEnabled;

    public string NewId(string sequence)
    {
        var next = _next.GetValueOrDefault(sequence, 1);
        _next[sequence] = next + 1;
        return next.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Makes sure later ids of <paramref name="sequence"/> are above <paramref name="id"/> (after seeding or import).</summary>
    public void Reserve(string sequence, string id)
    {
        if (long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= _next.GetValueOrDefault(sequence, 1))
        {
            _next[sequence] = n + 1;
        }
    }

    public JsonObject ExportCounters()
    {
        var counters = new JsonObject { ["DocNumber"] = NextDocNumber };
        foreach (var (name, value) in _next.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            counters[name] = value;
        }

        return counters;
    }

    public void ImportCounters(JsonObject? counters)
    {
        foreach (var (name, value) in counters ?? [])
        {
            if (value is null)
            {
                continue;
            }

            if (name == "DocNumber")
            {
                NextDocNumber = value.GetValue<long>();
            }
            else
            {
                _next[name] = Math.Max(_next.GetValueOrDefault(name, 1), value.GetValue<long>());
            }
        }
    }

    private static string DefaultZone(string country) => country.ToUpperInvariant() switch
    {
        "CA" => "America/Toronto",
        "GB" or "UK" => "Europe/London",
        "AU" => "Australia/Sydney",
        _ => "America/Los_Angeles",
    };
}
