using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using StoreBooks.Core.State;
using StoreBooks.Emulators;
using StoreBooks.Emulators.Qbo.Traffic;
using StoreBooks.Emulators.Stores;
using StoreBooks.Storage;
using StoreBooks.Testing;

namespace StoreBooks.Soak;

/// <summary>
/// The emulators in this process (the demo Shopify shop and a US QuickBooks company, QuickBooks' real limits), a temporary
/// StoreBooks home connected to both through the built program, a loopback receiver subscribed beside serve (it keeps real
/// deliveries to replay), and the fixed address serve listens on across restarts.
/// </summary>
internal sealed class SoakRig : IAsyncDisposable
{
    public const string ConnectionName = "shop";
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(5);
    private readonly string _folder;

    private SoakRig(string folder, EmulatorServer emulator, SoakOptions options)
    {
        _folder = folder;
        Emulator = emulator;
        Options = options;
        Program = new StorebooksProgram(Home);
        Receiver = new WebhookReceiver();
        ServeUrl = new Uri($"http://127.0.0.1:{FreePort()}/");
    }

    public EmulatorServer Emulator { get; }

    public SoakOptions Options { get; }

    public StorebooksProgram Program { get; }

    /// <summary>Gets the same orders/create deliveries as serve, so the load can replay real ones.</summary>
    public WebhookReceiver Receiver { get; }

    public string Home => Path.Combine(_folder, "home");

    public Uri ServeUrl { get; }

    public Guid ConnectionId { get; private set; }

    /// <summary>serve's Shopify webhook address for the connection.</summary>
    public Uri ShopifyWebhookUrl => new(ServeUrl, $"webhooks/shopify/{ConnectionId}");

    public string RealmId => Emulator.Qbo.Companies.DefaultRealmId;

    /// <summary>Paid orders of the demo shop that the first sync posted: the models of the orders the load places.</summary>
    public IReadOnlyList<JsonObject> Templates { get; private set; } = [];

    public static async Task<SoakRig> StartAsync(SoakOptions options)
    {
        var folder = Path.Combine(Path.GetTempPath(), "storebooks-soak-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var emulator = await EmulatorServer.StartAsync(new EmulatorOptions { Port = 0 });
        emulator.Shopify.Webhooks.Dispatcher.DuplicateProbability = options.DuplicateProbability;
        return new SoakRig(folder, emulator, options);
    }

    /// <summary>
    /// Connects the home as a merchant would (connect shopify, connect quickbooks, settings, webhooks set), syncs the demo shop
    /// once, picks the order models, and subscribes serve's address and the receiver to the shop's order topics.
    /// </summary>
    public async Task ConnectAsync()
    {
        var url = Emulator.BaseUrl.AbsoluteUri;
        await RunCleanAsync("connect", "shopify", "--shop", "emu-shop", "--token", "demo-token", "--url", url, "--name", ConnectionName);
        await RunCleanAsync("connect", "quickbooks", "--url", url, "--timeout", "30");
        await RunCleanAsync("settings", "set", "syncStartDate=2000-01-01", "products.mode=Automatic", "products.incomeAccount=Sales of Product Income");
        await RunCleanAsync("webhooks", "set", "--connection", ConnectionName, "--shopify-secret", Emulator.Shopify.Options.ClientSecret);
        await RunCleanAsync("sync");

        HashSet<string> posted;
        await using (var state = await OpenStateAsync())
        {
            var connection = await state.Connections.FindByNameAsync(ConnectionName, CancellationToken.None)
                ?? throw new InvalidOperationException($"connect shopify made no connection \"{ConnectionName}\".");
            ConnectionId = connection.Id;
            posted = (await state.Links.ListAsync(connection.Id, LinkKind.Sale, LinkState.Done, CancellationToken.None)).Select(l => l.SourceId).ToHashSet();
        }

        using var admin = ShopifyAdmin();
        var orders = (await admin.GetFromJsonAsync<JsonObject>("orders.json?status=any&financial_status=paid&limit=250"))!["orders"]!.AsArray();
        Templates = [.. orders.OfType<JsonObject>()
            .Where(o => posted.Contains(((long)o["id"]!).ToString(CultureInfo.InvariantCulture)) && (o["refunds"] as JsonArray ?? []).Count == 0 && o["cancelled_at"] is null)
            .Select(Strip)];
        if (Templates.Count == 0)
        {
            throw new InvalidOperationException("The first sync posted none of the demo shop's paid orders; there is nothing to model orders on.");
        }

        await SubscribeAsync(admin, ShopifyWebhookUrl, "orders/create", "orders/paid");
        await SubscribeAsync(admin, Receiver.Url, "orders/create");
    }

    /// <summary>Faults on: a share of Shopify's API calls fail, and QuickBooks answers 500s, 429s and drops replies after committing.</summary>
    public void FaultsOn()
    {
        Emulator.Shopify.Faults.Apply(new FaultSettings { FailProbability = 0.3, FailStatus = 500 });
        Emulator.Qbo.Traffic.SetFaults(RealmId, new QboFaultSettings { FailRate = 0.15, ThrottleRate = 0.15, DropRate = 0.05 });
    }

    public void FaultsOff()
    {
        Emulator.Shopify.Faults.Reset();
        Emulator.Qbo.Traffic.SetFaults(RealmId, new QboFaultSettings());
    }

    public Task<IStateStore> OpenStateAsync() => StateStore.OpenSqliteAsync(StoreBooksHome.Resolve(Home), CancellationToken.None);

    public async Task<ProgramResult> RunAsync(params string[] arguments) => await Program.RunAsync(CommandTimeout, CancellationToken.None, arguments);

    public async ValueTask DisposeAsync()
    {
        Receiver.Dispose();
        await Emulator.DisposeAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task RunCleanAsync(params string[] arguments)
    {
        var result = await RunAsync(arguments);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"storebooks {string.Join(' ', arguments)} failed during set-up: {result}");
        }
    }

    private HttpClient ShopifyAdmin()
    {
        var admin = new HttpClient { BaseAddress = new Uri(Emulator.BaseUrl, "admin/api/2025-07/") };
        admin.DefaultRequestHeaders.Add("X-Shopify-Access-Token", "demo-token");
        return admin;
    }

    private static async Task SubscribeAsync(HttpClient admin, Uri address, params string[] topics)
    {
        foreach (var topic in topics)
        {
            using var created = await admin.PostAsJsonAsync("webhooks.json", new { webhook = new { topic, address = address.ToString(), format = "json" } });
            if (created.StatusCode != HttpStatusCode.Created)
            {
                throw new InvalidOperationException($"Subscribing {address} to {topic} got {(int)created.StatusCode}: {await created.Content.ReadAsStringAsync()}");
            }
        }
    }

    /// <summary>An order without what the shop gives each new order (ids, numbers, dates, tokens).</summary>
    private static JsonObject Strip(JsonObject order)
    {
        var model = (JsonObject)order.DeepClone();
        foreach (var key in new[] { "id", "admin_graphql_api_id", "created_at", "updated_at", "processed_at", "order_number", "number", "token", "checkout_id", "checkout_token", "cart_token", "name" })
        {
            model.Remove(key);
        }

        return model;
    }

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }
}
