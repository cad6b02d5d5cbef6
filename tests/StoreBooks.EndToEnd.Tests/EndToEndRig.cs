using System.Globalization;
using StoreBooks.Core.State;
using StoreBooks.Emulators;
using StoreBooks.Emulators.Qbo;
using StoreBooks.Emulators.Qbo.Api;
using StoreBooks.Emulators.Qbo.Traffic;
using StoreBooks.EndToEnd.Tests.Qbo;
using StoreBooks.Storage;
using StoreBooks.Testing;

namespace StoreBooks.EndToEnd.Tests;

/// <summary>
/// The QuickBooks emulator in the test process on loopback (a US company, its per-minute limit raised so a test takes
/// seconds, not the real ceiling's minutes), a temporary folder with a generated store's exports, one StoreBooks home that
/// every child process shares, and the built program run on it with a request budget to match the emulator.
/// </summary>
internal sealed class EndToEndRig : IAsyncDisposable
{
    /// <summary>The connection's name in the home.</summary>
    public const string ConnectionName = "shop";

    private const int RequestsPerMinute = 100_000;
    private readonly string _folder;
    private readonly Dictionary<string, int> _created = new(StringComparer.Ordinal);
    private IStateStore? _state;

    private EndToEndRig(string folder, EmulatorServer emulator, GeneratedStore store)
    {
        _folder = folder;
        Emulator = emulator;
        Store = store;
        Program = new StorebooksProgram(Home, new Dictionary<string, string>
        {
            ["STOREBOOKS_QBO_REQUESTS_PER_MINUTE"] = RequestsPerMinute.ToString(CultureInfo.InvariantCulture),
        });
        Emulator.Qbo.Companies.Changed += Count;
    }

    public EmulatorServer Emulator { get; }

    public GeneratedStore Store { get; }

    public StorebooksProgram Program { get; }

    public string Home => Path.Combine(_folder, "home");

    public string RealmId => Emulator.Qbo.Companies.DefaultRealmId;

    /// <summary>Calls to the company's <c>/v3</c> API so far (refused and faulted ones included).</summary>
    public long Requests => Emulator.Qbo.Traffic.GetCounters(RealmId).Requests;

    public QboTrafficCounters Counters => Emulator.Qbo.Traffic.GetCounters(RealmId);

    /// <summary>Starts the emulator with one company (<paramref name="company"/>, else the default US one) and writes the store's exports.</summary>
    public static async Task<EndToEndRig> StartAsync(GeneratedStore store, CancellationToken cancellationToken, QboCompanySettings? company = null, Emulators.Shopify.ShopifyEmulatorOptions? shopify = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "storebooks-e2e-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var emulator = await EmulatorServer.StartAsync(new EmulatorOptions
        {
            Port = 0,
            Shopify = shopify ?? new(),
            Qbo = new QboEmulatorOptions
            {
                Realms = [company ?? QboCompanySettings.DefaultUs],
                Limits = new QboLimits { RequestsPerWindow = RequestsPerMinute },
            },
        }, cancellationToken).ConfigureAwait(false);
        store.WriteProducts(Path.Combine(folder, "products.csv"));
        store.WriteOrders(Path.Combine(folder, "orders.csv"));
        return new EndToEndRig(folder, emulator, store);
    }

    /// <summary>Records of <paramref name="entity"/> created in QuickBooks so far (counted as the emulator commits them).</summary>
    public int Created(string entity)
    {
        lock (_created)
        {
            return _created.GetValueOrDefault(entity);
        }
    }

    /// <summary><c>connect csv</c>, <c>connect quickbooks --url</c> (the OAuth flow against the emulator), then <c>settings set</c>.</summary>
    public async Task ConnectAsync(CancellationToken cancellationToken, params string[] settings)
    {
        var timeout = TimeSpan.FromMinutes(1);
        await ExpectSuccessAsync(await Program.RunAsync(timeout, cancellationToken,
            "connect", "csv", "--products", Path.Combine(_folder, "products.csv"), "--orders", Path.Combine(_folder, "orders.csv"), "--name", ConnectionName).ConfigureAwait(false)).ConfigureAwait(false);
        await ExpectSuccessAsync(await Program.RunAsync(timeout, cancellationToken,
            "connect", "quickbooks", "--url", Emulator.BaseUrl.AbsoluteUri, "--connection", ConnectionName).ConfigureAwait(false)).ConfigureAwait(false);
        await ExpectSuccessAsync(await Program.RunAsync(timeout, cancellationToken, ["settings", "set", .. settings, "--connection", ConnectionName]).ConfigureAwait(false)).ConfigureAwait(false);
    }

    /// <summary>
    /// <c>connect shopify</c> to the emulator's shop (orders read through GraphQL), <c>connect quickbooks --url</c>, then
    /// <c>settings set</c>.
    /// </summary>
    public async Task ConnectShopifyAsync(CancellationToken cancellationToken, params string[] settings)
    {
        var timeout = TimeSpan.FromMinutes(1);
        await ExpectSuccessAsync(await Program.RunAsync(timeout, cancellationToken,
            "connect", "shopify", "--shop", "emu-shop", "--token", "demo-token", "--url", Emulator.BaseUrl.AbsoluteUri, "--name", ConnectionName).ConfigureAwait(false)).ConfigureAwait(false);
        await ExpectSuccessAsync(await Program.RunAsync(timeout, cancellationToken,
            "connect", "quickbooks", "--url", Emulator.BaseUrl.AbsoluteUri, "--connection", ConnectionName).ConfigureAwait(false)).ConfigureAwait(false);
        await ExpectSuccessAsync(await Program.RunAsync(timeout, cancellationToken, ["settings", "set", .. settings, "--connection", ConnectionName]).ConfigureAwait(false)).ConfigureAwait(false);
    }

    /// <summary>Switches the company's injected faults (latency, failures, throttles, dropped replies), seeded.</summary>
    public void SetFaults(QboFaultSettings faults) => Emulator.Qbo.Traffic.SetFaults(RealmId, faults);

    public QboLedger Ledger() => new(Emulator, RealmId);

    /// <summary>The links of the connection in the shared home (read while no child process runs).</summary>
    public async Task<IReadOnlyList<Link>> LinksAsync(LinkKind kind, CancellationToken cancellationToken)
    {
        _state ??= await StateStore.OpenSqliteAsync(StoreBooksHome.Resolve(Home), cancellationToken).ConfigureAwait(false);
        var connection = await _state.Connections.FindByNameAsync(ConnectionName, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"No connection {ConnectionName} in {Home}.");
        return await _state.Links.ListAsync(connection.Id, kind, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>QuickBooks batch requests the home's journal holds open (sent or about to be, their answers not recorded yet).</summary>
    public async Task<int> OpenBatchesAsync(CancellationToken cancellationToken)
    {
        _state ??= await StateStore.OpenSqliteAsync(StoreBooksHome.Resolve(Home), cancellationToken).ConfigureAwait(false);
        var connection = await _state.Connections.FindByNameAsync(ConnectionName, cancellationToken).ConfigureAwait(false);
        return connection is null ? 0 : (await _state.Batches.ListOpenAsync(connection.Id, cancellationToken).ConfigureAwait(false)).Count;
    }

    public async ValueTask DisposeAsync()
    {
        Emulator.Qbo.Companies.Changed -= Count;
        if (_state is not null)
        {
            await _state.DisposeAsync().ConfigureAwait(false);
        }

        await Emulator.DisposeAsync().ConfigureAwait(false);
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static Task ExpectSuccessAsync(ProgramResult result) =>
        result.ExitCode == 0 ? Task.CompletedTask : throw new InvalidOperationException($"A set-up command failed: {result}");

    private void Count(QboEntityChange change)
    {
        if (change.RealmId != RealmId || change.Operation != "Create")
        {
            return;
        }

        lock (_created)
        {
            _created[change.EntityName] = _created.GetValueOrDefault(change.EntityName) + 1;
        }
    }
}
