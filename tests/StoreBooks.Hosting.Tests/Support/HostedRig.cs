using System.Diagnostics;
using System.Text.Json.Nodes;
using Hangfire;
using Hangfire.Storage;
using StoreBooks.Core.Connections;
using StoreBooks.Core.Products;
using StoreBooks.Core.State;
using StoreBooks.Emulators;
using StoreBooks.Emulators.Qbo;
using StoreBooks.Emulators.Qbo.OAuth;
using StoreBooks.Hosting.Hangfire;
using StoreBooks.Hosting.QuickBooksLimits;
using StoreBooks.Hosting.Scheduling;
using StoreBooks.QuickBooks.OAuth;
using StoreBooks.Shopify;
using StoreBooks.Storage;
using StoreBooks.Storage.Postgres;
using StoreBooks.Storage.Secrets;
using StoreBooks.Sync.Connections;
using StoreBooks.Testing;
using StoreBooks.Web;

namespace StoreBooks.Hosting.Tests.Support;

/// <summary>
/// Hosted mode on one machine: a database of its own, the emulators on loopback (one Shopify shop, as many QuickBooks companies as
/// connections), connections joined to them, and "processes" started on the database: each its own state store, Hangfire engine
/// and <see cref="StoreBooksServer"/>, as <c>storebooks serve --database</c> makes them.
/// </summary>
public sealed class HostedRig : IAsyncDisposable
{
    private readonly List<HostedProcess> _processes = [];

    private HostedRig(TestDatabase database, EmulatorServer emulator, IStateStore state, OperatorKeys key)
    {
        Key = key;
        Database = database;
        Emulator = emulator;
        State = state;
    }

    public TestDatabase Database { get; }

    public EmulatorServer Emulator { get; }

    /// <summary>The state store the test reads and sets up through (a process of its own).</summary>
    public IStateStore State { get; }

    public OperatorKeys Key { get; }

    /// <param name="configure">Changes the emulators' options.</param>
    /// <param name="keyBase64">The secret key (base64), to give child processes the same one; a new key when null.</param>
    public static async Task<HostedRig> CreateAsync(Func<EmulatorOptions, EmulatorOptions>? configure = null, string? keyBase64 = null)
    {
        var database = await TestDatabase.CreateAsync();
        // Twenty connections read this one shop, as twenty shops would be read: each shop has a query-cost bucket and a REST
        // call bucket of its own, so the one shop's buckets are as large as twenty.
        var emulatorOptions = new EmulatorOptions
        {
            Port = 0,
            Shopify = new() { GraphQLMaximumAvailable = 1_000_000, GraphQLRestoreRate = 1_000_000, RestBucketSize = 40 * 20, RestLeakPerSecond = 2 * 20 },
        };
        var emulator = await EmulatorServer.StartAsync(configure?.Invoke(emulatorOptions) ?? emulatorOptions);
        var key = OperatorKeys.Of(keyBase64 is null ? SecretKey.Generate("the hosted tests' key") : SecretKey.FromBase64(keyBase64, "the hosted tests' key"));
        var state = await StateStore.OpenPostgresAsync(database.ConnectionString, key, TimeProvider.System, CancellationToken.None);
        return new HostedRig(database, emulator, state, key);
    }

    /// <summary>
    /// A connection to the emulator's shop, joined to a QuickBooks company of its own (<paramref name="realm"/>, made here), in the
    /// rig's database or in <paramref name="into"/> (a home's SQLite store, say).
    /// </summary>
    public Task<Connection> AddConnectedShopAsync(string name, string realm, IStateStore? into = null) => AddConnectedAsync(
        name,
        realm,
        ShopifySource.SourceKind,
        new JsonObject { [ShopifySource.ShopSetting] = "demo-shop.myshopify.com", [ShopifySource.BaseUrlSetting] = Emulator.BaseUrl.AbsoluteUri },
        "demo-token",
        into);

    /// <summary>
    /// A connection reading the emulator's <paramref name="kind"/> store with <paramref name="storeSecret"/>, joined to a QuickBooks
    /// company of its own (<paramref name="realm"/>, made here) with tokens the emulator issued, in the rig's database or in
    /// <paramref name="into"/>.
    /// </summary>
    /// <param name="id">The connection's id (a new one when null), as a dashboard upload names its folder before saving it.</param>
    public async Task<Connection> AddConnectedAsync(string name, string realm, string kind, JsonObject sourceSettings, string storeSecret, IStateStore? into = null, Guid? id = null)
    {
        var state = into ?? State;
        if (!Emulator.Qbo.Companies.RealmIds.Contains(realm))
        {
            Emulator.Qbo.Companies.Create(QboCompanySettings.DefaultUs with { RealmId = realm });
        }

        var now = DateTimeOffset.UtcNow;
        var connection = new Connection
        {
            Id = id ?? Guid.NewGuid(),
            Name = name,
            SourceKind = kind,
            SourceSettings = sourceSettings,
            QboRealmId = realm,
            QboBaseUrl = Emulator.BaseUrl.AbsoluteUri,
            // Items made as orders need them (income account 13, the emulator's Sales of Product Income), so every order is posted.
            Settings = new ConnectionSettings { Products = new ProductSettings { Mode = ItemMode.Automatic, IncomeAccount = "13" } }.ToJson(),
            CreatedAt = now,
            UpdatedAt = now,
        };
        await state.Connections.AddAsync(connection, CancellationToken.None);
        var issued = await EmulatedCredentials.SaveAsync(Emulator, state, connection, storeSecret);
        LastIssued = issued;
        return connection;
    }

    /// <summary>The tokens the last <see cref="AddConnectedShopAsync"/> issued (to revoke them).</summary>
    public IssuedTokens? LastIssued { get; private set; }

    /// <summary>An engine on the rig's database without a server: what a web process queues through.</summary>
    /// <param name="slice">The most one job does before queuing the rest (the engine's default when null).</param>
    public async Task<HangfireSyncEngine> OpenEngineAsync(string? serverName = null, int workers = 3, TimeSpan? parkFor = null, StoreBooks.Sync.SyncSlice? slice = null)
    {
        return await HangfireSyncEngine.OpenAsync(new HangfireEngineOptions
        {
            ConnectionString = Database.ConnectionString,
            Workers = workers,
            QueuePollInterval = TimeSpan.FromMilliseconds(200),
            SchedulePollInterval = TimeSpan.FromSeconds(1),
            ServerName = serverName,
            ParkFor = parkFor ?? TimeSpan.FromDays(1),
            Slice = slice ?? StoreBooks.Sync.SyncSlice.Default,
        });
    }

    /// <summary>Starts one serve process on the database; <paramref name="configure"/> changes its options.</summary>
    public async Task<HostedProcess> StartProcessAsync(ServeRole role, string? serverName = null, int workers = 3, Func<ServeOptions, ServeOptions>? configure = null, StoreBooks.Sync.SyncSlice? slice = null)
    {
        var state = await StateStore.OpenPostgresAsync(Database.ConnectionString, Key, TimeProvider.System, CancellationToken.None);
        var engine = await OpenEngineAsync(serverName, workers, slice: slice);
        // As serve --database does: every QuickBooks client of the process keeps the limits together with the other processes.
        var qboBudget = new PostgresRealmBudget(Database.ConnectionString);
        var options = new ServeOptions
        {
            Urls = ["http://127.0.0.1:0"],
            DispatchInterval = TimeSpan.FromSeconds(1),
            Role = role,
            Engine = engine,
            ConnectionLock = new PostgresConnectionLock(Database.ConnectionString),
            DashboardKeyRing = state is PostgresStateStore hosted ? hosted.ShareKeyRing : null,
            QboSharedBudget = qboBudget,
        };
        var server = await StoreBooksServer.StartAsync(state, configure?.Invoke(options) ?? options);
        var process = new HostedProcess(state, engine, server, qboBudget);
        _processes.Add(process);
        return process;
    }

    /// <summary>The connection's runs, newest first.</summary>
    public Task<IReadOnlyList<SyncRun>> RunsAsync(Guid connectionId) => State.Runs.ListRunsAsync(connectionId, 20, CancellationToken.None);

    /// <summary>The connection's runs, up to <paramref name="most"/>, newest first.</summary>
    public Task<IReadOnlyList<SyncRun>> RunsAsync(Guid connectionId, int most) => State.Runs.ListRunsAsync(connectionId, most, CancellationToken.None);

    /// <summary>
    /// A second emulator whose Shopify shop holds <paramref name="generatedOrders"/> generated orders besides the demo ones (a large
    /// store to backfill), with buckets as large as the rig's; its QuickBooks is not used. Dispose it after the rig's processes.
    /// </summary>
    public static Task<EmulatorServer> StartLargeShopAsync(int generatedOrders) => EmulatorServer.StartAsync(new EmulatorOptions
    {
        Port = 0,
        Shopify = new() { GeneratedOrders = generatedOrders, GraphQLMaximumAvailable = 1_000_000, GraphQLRestoreRate = 1_000_000, RestBucketSize = 40 * 20, RestLeakPerSecond = 2 * 20 },
    });

    /// <summary>A connection to the shop of <paramref name="shop"/> (another emulator than the rig's), joined to a QuickBooks company of the rig.</summary>
    public Task<Connection> AddConnectedShopAsync(string name, string realm, EmulatorServer shop) => AddConnectedAsync(
        name,
        realm,
        ShopifySource.SourceKind,
        new JsonObject { [ShopifySource.ShopSetting] = "demo-shop.myshopify.com", [ShopifySource.BaseUrlSetting] = shop.BaseUrl.AbsoluteUri },
        "demo-token");

    /// <summary>Waits until every connection has a finished run and no claim is left (nothing queued, running or waiting).</summary>
    public async Task WaitUntilSyncedAsync(IEnumerable<Guid> connections, HangfireSyncEngine engine, TimeSpan timeout)
    {
        var ids = connections.ToList();
        await WaitUntilAsync(
            async () =>
            {
                foreach (var id in ids)
                {
                    if ((await RunsAsync(id)).All(r => r.Outcome == RunOutcome.Running))
                    {
                        return false;
                    }
                }

                // The claim goes back as the job's last state is written, just before Hangfire commits it.
                var stats = engine.Storage.GetMonitoringApi().GetStatistics();
                return (await engine.Claims.ListAsync(CancellationToken.None)).Count == 0 && stats.Enqueued + stats.Processing + stats.Scheduled == 0;
            },
            timeout,
            $"{ids.Count} connection(s) to sync",
            async () =>
            {
                var finished = 0;
                foreach (var id in ids)
                {
                    finished += (await RunsAsync(id)).Count(r => r.Outcome != RunOutcome.Running);
                }

                var stats = engine.Storage.GetMonitoringApi().GetStatistics();
                var claims = await engine.Claims.ListAsync(CancellationToken.None);
                return $"Finished runs: {finished}; claims: {claims.Count}; jobs enqueued {stats.Enqueued}, processing {stats.Processing}, " +
                    $"scheduled {stats.Scheduled}, succeeded {stats.Succeeded}, failed {stats.Failed}, deleted {stats.Deleted}; servers {stats.Servers}.";
            });
    }

    /// <summary>The DocNumbers of the sales documents (receipts and invoices) in <paramref name="realm"/>, one entry per document.</summary>
    public async Task<IReadOnlyList<string>> DocNumbersAsync(string realm)
    {
        using var books = new StoreBooks.Testing.QboBooks(Emulator, realm);
        var documents = (await books.AllAsync("SalesReceipt", CancellationToken.None)).Concat(await books.AllAsync("Invoice", CancellationToken.None));
        return documents.Select(d => (string?)d["DocNumber"] ?? "").ToList();
    }

    public static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what, Func<Task<string>>? describe = null)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"Waited {timeout.TotalSeconds:0} s for {what}.{(describe is null ? "" : " " + await describe())}");
            }

            await Task.Delay(200);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            await process.DisposeAsync();
        }

        await State.DisposeAsync();
        await Emulator.DisposeAsync();
        await Database.DisposeAsync();
    }
}

/// <summary>One serve process of the rig: its state store, Hangfire engine and server.</summary>
public sealed record HostedProcess(IStateStore State, HangfireSyncEngine Engine, StoreBooksServer Server, PostgresRealmBudget? QboBudget = null) : IAsyncDisposable
{
    public IMonitoringApi Monitoring => Engine.Storage.GetMonitoringApi();

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        if (QboBudget is not null)
        {
            await QboBudget.DisposeAsync();
        }

        await Engine.DisposeAsync();
        await State.DisposeAsync();
    }
}
