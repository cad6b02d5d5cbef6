using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using StoreBooks.Emulators.Qbo.Api;
using StoreBooks.Emulators.Qbo.OAuth;
using StoreBooks.Emulators.Qbo.Traffic;
using StoreBooks.Emulators.Qbo.Webhooks;

namespace StoreBooks.Emulators.Qbo;

/// <summary>
/// QuickBooks Online Accounting API v3 and Intuit's OAuth 2.0, as one emulated system.
/// <list type="bullet">
/// <item><see cref="Companies"/>: the realms, their entities and QBO's rules and arithmetic (<c>Api/</c>).</item>
/// <item><see cref="OAuth"/>: authorize, token, revoke, and the bearer tokens checked on every call (<c>OAuth/</c>).</item>
/// <item><see cref="Traffic"/>: QBO's request limits and the fault switches (<c>Traffic/</c>).</item>
/// <item><see cref="Webhooks"/>: signed change notifications (<c>Webhooks/</c>).</item>
/// </list>
/// </summary>
public sealed class QboEmulator : IAsyncDisposable
{
    private readonly object _realmLock = new();
    private QboDataFile? _dataFile;

    public QboEmulator(QboEmulatorOptions options, TimeProvider time)
    {
        Options = options;
        Time = time;
        Companies = new QboCompanies(options, time);
        OAuth = new IntuitOAuthServer(options, Companies, time);
        Traffic = new QboTrafficControl(options);
        Webhooks = new QboWebhookSender(options, Companies, time);
    }

    public QboEmulatorOptions Options { get; }

    public TimeProvider Time { get; }

    public QboCompanies Companies { get; }

    public IntuitOAuthServer OAuth { get; }

    public QboTrafficControl Traffic { get; }

    public QboWebhookSender Webhooks { get; }

    /// <summary>Set once the server listens; endpoints named in the discovery document are built from it.</summary>
    public Uri BaseUrl { get; internal set; } = new("http://127.0.0.1/");

    /// <summary>The settings of every realm, by realm id.</summary>
    public IReadOnlyCollection<QboCompanySettings> RealmSettings => Companies.RealmIds.Select(Companies.Settings).ToArray();

    /// <summary>Full path of the data file in use, or null when state is in memory only.</summary>
    public string? DataFilePath => _dataFile?.FullPath;

    /// <summary>Creates a realm set up like a new QBO company with these choices; a realm id already in use is refused.</summary>
    public QboCompanySettings CreateRealm(QboCompanySettings settings)
    {
        if (string.IsNullOrWhiteSpace(settings.RealmId))
        {
            throw new ArgumentException("A realm needs a RealmId.", nameof(settings));
        }

        lock (_realmLock)
        {
            if (Companies.Exists(settings.RealmId))
            {
                throw new InvalidOperationException($"Realm {settings.RealmId} already exists.");
            }

            Companies.Create(settings);
        }

        _dataFile?.MarkChanged();
        return settings;
    }

    /// <summary>An unused realm id in the style of QBO's (16 digits).</summary>
    public string NextRealmId()
    {
        for (var n = 1L; ; n++)
        {
            var id = (9130350000000000L + n).ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (!Companies.Exists(id))
            {
                return id;
            }
        }
    }

    /// <summary>Writes the data file now (it is also written after changes and at shutdown); no-op without one.</summary>
    public void SaveData() => _dataFile?.Save();

    /// <summary>Loads the data file and starts the webhook sender; called once before the server listens.</summary>
    internal void Start()
    {
        if (Options.DataFile is { } path)
        {
            var dataFile = new QboDataFile(path, this);
            try
            {
                dataFile.Load();
            }
            catch
            {
                dataFile.Dispose();
                throw;
            }

            // Only a file that loaded is ever written: a file that failed to load is left as it was.
            _dataFile = dataFile;
            Companies.Changed += _ => dataFile.MarkChanged();
            OAuth.Changed += dataFile.MarkChanged;
        }

        Webhooks.Start();
    }

    /// <summary>Stops webhooks and writes the data file a last time.</summary>
    public async ValueTask DisposeAsync()
    {
        await Webhooks.DisposeAsync().ConfigureAwait(false);
        if (_dataFile is not null)
        {
            _dataFile.Dispose();
            try
            {
                _dataFile.Save();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                await Console.Error.WriteLineAsync($"StoreBooks emulator: could not save {_dataFile.FullPath} at shutdown: {e.Message}. Changes since the last save are lost.").ConfigureAwait(false);
            }
        }
    }

    internal void Map(WebApplication app)
    {
        DiscoveryEndpoint.Map(app, this);
        OAuthEndpoints.Map(app, this);
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments("/v3", StringComparison.Ordinal),
            branch => branch.Use((context, next) => QboGate.InvokeAsync(context, next, this)));
        AccountingApi.Map(app, this);
        AdminEndpoints.Map(app, this);
    }
}
