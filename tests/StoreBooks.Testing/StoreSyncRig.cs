using System.CommandLine;
using System.Text;
using System.Text.Json.Nodes;
using StoreBooks.Cli;
using StoreBooks.Core.State;
using StoreBooks.Emulators;
using StoreBooks.Emulators.Qbo;
using StoreBooks.Storage;
using Xunit;

namespace StoreBooks.Testing;

/// <summary>
/// A store (the Shopify or WooCommerce emulator) and a QuickBooks company in one emulator, and a StoreBooks home connecting them:
/// documents are loaded into the store, synced by the <c>storebooks</c> commands run in-process, and the books read back with a
/// raw client.
/// </summary>
public sealed class StoreSyncRig : IAsyncDisposable
{
    public const string Shopify = "shopify";
    public const string WooCommerce = "woocommerce";

    private readonly string _home = Path.Combine(Path.GetTempPath(), "storebooks-store-sync-" + Guid.NewGuid().ToString("N"));
    private readonly string _platform;

    private StoreSyncRig(EmulatorServer emulator, string realmId, string platform)
    {
        Emulator = emulator;
        Books = new QboBooks(emulator, realmId);
        _platform = platform;
    }

    public EmulatorServer Emulator { get; }

    public QboBooks Books { get; }

    /// <param name="platform"><see cref="Shopify"/> or <see cref="WooCommerce"/>: the store StoreBooks connects to (its demo data until <see cref="LoadOnlyAsync"/>).</param>
    public static async Task<StoreSyncRig> StartAsync(string platform, QboCompanySettings company) =>
        new(await EmulatorServer.StartAsync(new EmulatorOptions { Port = 0, Qbo = new QboEmulatorOptions { Realms = [company] } }), company.RealmId, platform);

    /// <summary>Empties the store (no demo data) and loads these documents, as the REST API would return them.</summary>
    public async Task LoadOnlyAsync(CancellationToken cancellationToken, params string[] documents)
    {
        await AdminAsync("reset", """{"demo":false,"generateOrders":0}""", cancellationToken);
        if (_platform == Shopify)
        {
            await AdminAsync("limits/reset", "{}", cancellationToken);
        }

        foreach (var document in documents)
        {
            await AdminAsync("seed", document, cancellationToken);
        }
    }

    /// <summary>
    /// Connects the store and QuickBooks, sets the settings a merchant starting out would (every order since 2000, items created
    /// for the products sold), runs <c>storebooks sync</c> and answers <c>storebooks status --json</c>.
    /// </summary>
    public async Task<JsonNode> SyncAsync(CancellationToken cancellationToken)
    {
        var url = Emulator.BaseUrl.AbsoluteUri;
        string[] connect = _platform == Shopify
            ? ["connect", "shopify", "--shop", "emu-shop", "--token", "demo-token", "--url", url, "--name", "shop"]
            : ["connect", "woocommerce", "--url", url, "--key", "ck_demo", "--secret", "cs_demo", "--name", "shop"];
        await RunCleanAsync(cancellationToken, connect);
        await RunCleanAsync(cancellationToken, "connect", "quickbooks", "--url", url, "--timeout", "30");
        await RunCleanAsync(cancellationToken, "settings", "set", "syncStartDate=2000-01-01", "products.mode=Automatic", "products.incomeAccount=Sales of Product Income");
        var sync = await RunAsync(cancellationToken, "sync");
        Assert.True(sync.Code is 0 or 3, $"storebooks sync: exit code {sync.Code}\n{sync.Error}{sync.Output}");
        var status = await RunCleanAsync(cancellationToken, "status", "--json");
        return JsonNode.Parse(status)!;
    }

    public async Task<(int Code, string Output, string Error)> RunAsync(CancellationToken cancellationToken, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await StoreBooksCli.RunAsync([.. args, "--home", _home], output, error, cancellationToken);
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>What the home's state holds for one store record of the connection <c>status --json</c> names: its link, or null.</summary>
    public async Task<Link?> LinkAsync(JsonNode status, LinkKind kind, string sourceId, CancellationToken cancellationToken)
    {
        var connectionId = Guid.Parse((string)status["runs"]![0]!["connectionId"]!, System.Globalization.CultureInfo.InvariantCulture);
        await using var state = await StateStore.OpenSqliteAsync(StoreBooksHome.Resolve(_home), cancellationToken);
        return await state.Links.FindAsync(connectionId, kind, sourceId, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        Books.Dispose();
        await Emulator.DisposeAsync();
        if (Directory.Exists(_home))
        {
            Directory.Delete(_home, recursive: true);
        }
    }

    private async Task<string> RunCleanAsync(CancellationToken cancellationToken, params string[] args)
    {
        var (code, output, error) = await RunAsync(cancellationToken, args);
        Assert.True(code == 0, $"storebooks {string.Join(' ', args)}: exit code {code}\n{error}{output}");
        return output;
    }

    private async Task AdminAsync(string path, string json, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = Emulator.BaseUrl };
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri($"emulator/{_platform}/" + path, UriKind.Relative), content, cancellationToken);
        response.EnsureSuccessStatusCode();
    }
}
