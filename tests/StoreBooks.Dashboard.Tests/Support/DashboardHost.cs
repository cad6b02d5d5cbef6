using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using StoreBooks.Core.Connections;
using StoreBooks.Core.State;
using StoreBooks.Core.Workspaces;
using StoreBooks.Csv;
using StoreBooks.Emulators;
using StoreBooks.Hosting.Connections;
using StoreBooks.QuickBooks.OAuth;
using StoreBooks.Shopify;
using StoreBooks.WooCommerce;
using StoreBooks.Sync.Connections;
using StoreBooks.Storage;
using StoreBooks.Testing;
using StoreBooks.Web;
using StoreBooks.Web.Dashboard.Account;

namespace StoreBooks.Dashboard.Tests.Support;

/// <summary>
/// <c>storebooks serve</c> for one test: a fresh temporary home with its SQLite state store, the server on a free loopback port
/// with a fake clock (sessions expire only when the test moves it).
/// </summary>
public sealed class DashboardHost : IAsyncDisposable
{
    private readonly string _home;

    private DashboardHost(string home, IStateStore state, StoreBooksServer server, FakeTimeProvider time, EmulatorServer? emulator)
    {
        _home = home;
        State = state;
        Server = server;
        Time = time;
        Emulator = emulator;
    }

    /// <summary>The built-in emulators (QuickBooks, Shopify, WooCommerce) when the test asked for them.</summary>
    public EmulatorServer? Emulator { get; }

    public IStateStore State { get; }

    public StoreBooksServer Server { get; }

    public FakeTimeProvider Time { get; }

    /// <summary>The dashboard's root, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseUrl => Server.BaseUrl;

    /// <summary>The home folder of this host's state store.</summary>
    public string Home => _home;

    public string Url(string path) => new Uri(BaseUrl, path).AbsoluteUri;

    /// <param name="emulators">Also start the built-in emulators (QuickBooks, and the Shopify demo shop), for pages that read them.</param>
    /// <param name="emulatorOptions">The emulators' options, when the test needs another company (implies <paramref name="emulators"/>).</param>
    public static async Task<DashboardHost> StartAsync(Func<ServeOptions, ServeOptions>? configure = null, bool emulators = false, EmulatorOptions? emulatorOptions = null)
    {
        var emulator = emulators || emulatorOptions is not null ? await EmulatorServer.StartAsync(emulatorOptions ?? new EmulatorOptions { Port = 0 }) : null;
        var home = Path.Combine(Path.GetTempPath(), "storebooks-dashboard-test-" + Guid.NewGuid().ToString("N"));
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var state = await StateStore.OpenSqliteAsync(StoreBooksHome.Resolve(home, _ => null), time, CancellationToken.None);
        var options = new ServeOptions
        {
            Urls = ["http://127.0.0.1:0"],
            Time = time,
            DispatchInterval = TimeSpan.FromHours(1),
            DashboardKeysDirectory = Path.Combine(home, "dashboard-keys"),
            UploadDirectory = Path.Combine(home, "uploads"),
            // The emulator's QuickBooks (and its demo app), as storebooks connect quickbooks --url does.
            QuickBooks = emulator is null ? new QuickBooksSetup() : new QuickBooksSetup(emulator.BaseUrl.AbsoluteUri),
        };
        var server = await StoreBooksServer.StartAsync(state, configure?.Invoke(options) ?? options);
        return new DashboardHost(home, state, server, time, emulator);
    }

    /// <summary>
    /// A connection to the Shopify emulator's demo shop, joined to the QuickBooks emulator's company (tokens issued as an OAuth
    /// consent would), in <paramref name="workspace"/> or the home's first workspace. Needs <c>emulators: true</c>.
    /// </summary>
    public Task<Connection> AddConnectedShopAsync(string name = "demo-shop", Guid? workspace = null, ConnectionSettings? settings = null)
    {
        var emulator = Emulator ?? throw new InvalidOperationException("Start the host with emulators: true.");
        return AddConnectedAsync(name, ShopifySource.SourceKind,
            new JsonObject { [ShopifySource.ShopSetting] = "demo-shop.myshopify.com", [ShopifySource.BaseUrlSetting] = emulator.BaseUrl.AbsoluteUri },
            "demo-token", workspace, settings);
    }

    /// <summary>A connection to the emulator's WooCommerce site (its demo keys), joined to the emulator's QuickBooks company.</summary>
    public Task<Connection> AddConnectedWooAsync(string name = "maple-woo", ConnectionSettings? settings = null)
    {
        var emulator = Emulator ?? throw new InvalidOperationException("Start the host with emulators: true.");
        return AddConnectedAsync(name, WooCommerceSource.SourceKind, new JsonObject { [WooCommerceSource.UrlSetting] = emulator.BaseUrl.AbsoluteUri },
            new WooCommerceCredentials("ck_demo", "cs_demo").ToSecret(), null, settings);
    }

    private async Task<Connection> AddConnectedAsync(string name, string kind, JsonObject sourceSettings, string storeSecret, Guid? workspace, ConnectionSettings? settings)
    {
        var emulator = Emulator ?? throw new InvalidOperationException("Start the host with emulators: true.");
        // The dispatcher's first look (at start) is over: a connection it has never run is due, so it would sync this one unasked.
        for (var waited = 0; Server.Dispatcher.Passes == 0; waited += 20)
        {
            if (waited > 30_000)
            {
                throw new TimeoutException("The dispatcher made no pass in 30 seconds.");
            }

            await Task.Delay(20);
        }

        var realm = emulator.Qbo.Companies.DefaultRealmId;
        var connection = new Connection
        {
            Id = Guid.NewGuid(),
            Name = name,
            SourceKind = kind,
            SourceSettings = sourceSettings,
            QboRealmId = realm,
            QboBaseUrl = emulator.BaseUrl.AbsoluteUri,
            Settings = (settings ?? new ConnectionSettings()).ToJson(),
            CreatedAt = Time.GetUtcNow(),
            UpdatedAt = Time.GetUtcNow(),
        };
        var store = workspace is { } id ? State.Workspaces.ConnectionsOf(id) : State.Connections;
        await store.AddAsync(connection, CancellationToken.None);
        await EmulatedCredentials.SaveAsync(emulator, State, connection, storeSecret);
        return (await State.Connections.GetAsync(connection.Id, CancellationToken.None))!;
    }

    /// <summary>
    /// A connection reading CSV exports (as <c>storebooks connect csv</c> saves one), joined to the QuickBooks emulator's company.
    /// Needs <c>emulators: true</c>.
    /// </summary>
    public async Task<Connection> AddConnectedCsvAsync(string name, string productsPath, string ordersPath, string? payoutsPath = null, ConnectionSettings? settings = null)
    {
        await WaitForDispatcherAsync();
        var connection = new Connection
        {
            Id = Guid.NewGuid(),
            Name = name,
            SourceKind = CsvSource.SourceKind,
            SourceSettings = new JsonObject
            {
                [CsvSource.ProductsPathSetting] = productsPath,
                [CsvSource.OrdersPathSetting] = ordersPath,
                [CsvSource.PayoutsPathSetting] = payoutsPath,
            },
            Settings = (settings ?? new ConnectionSettings()).ToJson(),
            CreatedAt = Time.GetUtcNow(),
            UpdatedAt = Time.GetUtcNow(),
        };
        await State.Connections.AddAsync(connection, CancellationToken.None);
        return await JoinQuickBooksAsync(connection);
    }

    /// <summary>
    /// Joins a connection to the QuickBooks emulator's company, with tokens issued as an OAuth consent would (a connection added
    /// on the dashboard, which the test cannot take through Intuit's consent page). Needs <c>emulators: true</c>.
    /// </summary>
    public async Task<Connection> JoinQuickBooksAsync(Connection connection)
    {
        var emulator = Emulator ?? throw new InvalidOperationException("Start the host with emulators: true.");
        var realm = emulator.Qbo.Companies.DefaultRealmId;
        await State.Connections.UpdateAsync(connection with { QboRealmId = realm, QboBaseUrl = emulator.BaseUrl.AbsoluteUri, UpdatedAt = Time.GetUtcNow() }, CancellationToken.None);
        await QuickBooksApp.SaveAsync(State.Credentials, connection.Id, QuickBooksApp.Demo, CancellationToken.None);
        var issued = emulator.Qbo.OAuth.IssueTokens(realm);
        await QboTokenKeeper.SaveNewConnectionAsync(
            new CredentialTokenStore(State.Credentials),
            connection.Id.ToString(),
            new QboTokenSet(issued.AccessToken, issued.RefreshToken, issued.AccessTokenExpiresAt, null, realm),
            CancellationToken.None);
        return (await State.Connections.GetAsync(connection.Id, CancellationToken.None))!;
    }

    /// <summary>The dispatcher's first look (at start) is over: a connection it has never run is due, so it would sync a new one unasked.</summary>
    private async Task WaitForDispatcherAsync()
    {
        for (var waited = 0; Server.Dispatcher.Passes == 0; waited += 20)
        {
            if (waited > 30_000)
            {
                throw new TimeoutException("The dispatcher made no pass in 30 seconds.");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>Adds a connection (not joined to QuickBooks) to <paramref name="workspace"/>, or to the home's first workspace.</summary>
    public async Task<Connection> AddConnectionAsync(string name, string kind = "shopify", Guid? workspace = null, string? realmId = null)
    {
        var connection = new Connection
        {
            Id = Guid.NewGuid(),
            Name = name,
            SourceKind = kind,
            SourceSettings = new JsonObject { ["shop"] = $"{name}.myshopify.com" },
            QboRealmId = realmId,
        };
        var store = workspace is { } id ? State.Workspaces.ConnectionsOf(id) : State.Connections;
        await store.AddAsync(connection, CancellationToken.None);
        return (await State.Connections.GetAsync(connection.Id, CancellationToken.None))!;
    }

    /// <summary>A new workspace with one owner, as <c>storebooks users add --workspace</c> makes them.</summary>
    public async Task<(Workspace Workspace, WorkspaceUser Owner)> AddWorkspaceAsync(string name, string email, string password)
    {
        var workspace = await State.Workspaces.CreateAsync(name, CancellationToken.None);
        var owner = new WorkspaceUser
        {
            Id = Guid.NewGuid(),
            WorkspaceId = workspace.Id,
            Email = email,
            PasswordHash = new PasswordHashing().Hash(password),
            Role = WorkspaceRole.Owner,
        };
        await State.Users.AddAsync(owner, CancellationToken.None);
        return (workspace, owner);
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        await State.DisposeAsync();
        if (Emulator is not null)
        {
            await Emulator.DisposeAsync();
        }

        try
        {
            Directory.Delete(_home, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
