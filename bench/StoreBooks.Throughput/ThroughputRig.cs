using System.Diagnostics;
using System.Globalization;
using StoreBooks.Core.State;
using StoreBooks.Emulators;
using StoreBooks.Emulators.Qbo;
using StoreBooks.Emulators.Qbo.Traffic;
using StoreBooks.Emulators.Shopify;
using StoreBooks.Emulators.Stores;
using StoreBooks.Emulators.Stores.Demo;
using StoreBooks.Emulators.WooCommerce;
using StoreBooks.Storage;
using StoreBooks.Testing;

namespace StoreBooks.Throughput;

/// <summary>
/// The emulators in this process: the store (Shopify or WooCommerce, no demo data, orders generated over a wide catalogue),
/// a US QuickBooks company for StoreBooks and a second, fresh one for the baseline script; a temporary StoreBooks home
/// connected to the store and the first company through the built program; the latency and limits of the run.
/// </summary>
internal sealed class ThroughputRig : IAsyncDisposable
{
    public const string ConnectionName = "shop";
    public const string BaselineRealm = "9130350000000009";
    private static readonly TimeSpan SetupTimeout = TimeSpan.FromMinutes(5);
    private readonly string _folder;
    private readonly GeneratedCatalog _catalog;
    private readonly Dictionary<(string Realm, string Entity), int> _created = [];
    private int _generated;

    private ThroughputRig(string folder, EmulatorServer emulator, ThroughputOptions options, StorebooksProgram program, bool latency)
    {
        _folder = folder;
        Emulator = emulator;
        Options = options;
        Program = program;
        Latency = latency;
        _catalog = Catalog(options);
        emulator.Qbo.Companies.Changed += change =>
        {
            if (change.Operation == "Create")
            {
                lock (_created)
                {
                    _created[(change.RealmId, change.EntityName)] = _created.GetValueOrDefault((change.RealmId, change.EntityName)) + 1;
                }
            }
        };
    }

    public EmulatorServer Emulator { get; }

    /// <summary>
    /// The catalogue of a run: the options' customers and SKUs, but no more than a quarter (customers) and half (SKUs) of the
    /// first sync's orders, so that a small run's steady pass, too, buys mostly from customers and items the first one made.
    /// </summary>
    public static GeneratedCatalog Catalog(ThroughputOptions options) =>
        new(Math.Clamp(options.Orders / 4, 1, options.Customers), Math.Clamp(options.Orders / 2, 1, options.Skus));

    /// <summary>Sales receipts and invoices created in <paramref name="realm"/> so far.</summary>
    public int Documents(string realm) => Created(realm, "SalesReceipt") + Created(realm, "Invoice");

    /// <summary>Entities of <paramref name="entity"/> created in <paramref name="realm"/> so far.</summary>
    public int Created(string realm, string entity)
    {
        lock (_created)
        {
            return _created.GetValueOrDefault((realm, entity));
        }
    }

    public ThroughputOptions Options { get; }

    public StorebooksProgram Program { get; }

    /// <summary>Whether the added latencies apply (off for the memory runs).</summary>
    public bool Latency { get; }

    public bool IsShopify => Options.Source == "shopify";

    public string Home => Path.Combine(_folder, "home");

    public string StoreBooksRealm => QboCompanySettings.DefaultUs.RealmId;

    /// <summary>The store's fault switches and call counters.</summary>
    public StoreFaults StoreTraffic => IsShopify ? Emulator.Shopify.Faults : Emulator.WooCommerce.Faults;

    public int StoreOrderCount => IsShopify ? Emulator.Shopify.Shop.OrderCount : Emulator.WooCommerce.Store.OrderCount;

    /// <param name="limits">QuickBooks' and the store's real limits (throughput), or every limit off (memory).</param>
    public static async Task<ThroughputRig> StartAsync(ThroughputOptions options, bool limits)
    {
        var folder = Path.Combine(Path.GetTempPath(), "storebooks-throughput-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var qboLimits = limits ? new QboLimits() : new QboLimits { RequestsPerWindow = 0, MaxInFlight = 0, BatchesPerWindow = 0, BatchesPerWindowPerApp = 0 };
        var shopify = new ShopifyEmulatorOptions { DemoData = false };
        if (!limits)
        {
            shopify = shopify with { RestBucketSize = 1_000_000, RestLeakPerSecond = 1_000_000, GraphQLMaximumAvailable = 1_000_000, GraphQLRestoreRate = 1_000_000 };
        }

        var emulator = await EmulatorServer.StartAsync(new EmulatorOptions
        {
            Port = 0,
            Qbo = new QboEmulatorOptions
            {
                Limits = qboLimits,
                Realms = [QboCompanySettings.DefaultUs, QboCompanySettings.DefaultUs with { RealmId = BaselineRealm, CompanyName = "Baseline script company" }],
            },
            Shopify = shopify,
            WooCommerce = new WooCommerceEmulatorOptions { DemoData = false },
        });

        // StoreBooks' own QuickBooks budget: QuickBooks' 500 a minute, or out of the way when the emulator's limits are off.
        var environment = limits ? new Dictionary<string, string>() : new Dictionary<string, string>
        {
            ["STOREBOOKS_QBO_REQUESTS_PER_MINUTE"] = "100000000",
            ["STOREBOOKS_QBO_MAX_IN_FLIGHT"] = "64",
        };
        return new ThroughputRig(folder, emulator, options, new StorebooksProgram(Path.Combine(folder, "home"), environment), latency: limits);
    }

    /// <summary>
    /// Places <paramref name="count"/> more orders, spread from <paramref name="from"/> to <paramref name="to"/>, by the
    /// catalogue's customers (one in eight a guest) for its SKUs; computed in this process, not posted one by one.
    /// </summary>
    public void AddOrders(int count, DateTimeOffset from, DateTimeOffset to)
    {
        var generator = OrderPlanGenerator.Between(Options.Seed, _generated, count, from, to, _catalog);
        _ = IsShopify ? Emulator.Shopify.AddGeneratedOrders(generator) : Emulator.WooCommerce.AddGeneratedOrders(generator);
        _generated += count;
    }

    /// <summary>Connects the home as a merchant would: the store, QuickBooks, and settings that create missing items automatically.</summary>
    public async Task ConnectAsync()
    {
        var url = Emulator.BaseUrl.AbsoluteUri;
        await RunCleanAsync(IsShopify
            ? ["connect", "shopify", "--shop", "emu-shop", "--token", "demo-token", "--url", url, "--name", ConnectionName]
            : ["connect", "woocommerce", "--url", url, "--key", "ck_demo", "--secret", "cs_demo", "--name", ConnectionName]);
        await RunCleanAsync("connect", "quickbooks", "--url", url, "--timeout", "30");
        await RunCleanAsync("settings", "set", "syncStartDate=2000-01-01", "products.mode=Automatic", "products.createAs=NonInventory",
            "products.incomeAccount=Sales of Product Income", "products.expenseAccount=Cost of Goods Sold");
    }

    /// <summary>Turns the added latencies on (both sides) and zeroes the counters of <paramref name="realm"/> and the store.</summary>
    public void StartPass(string realm)
    {
        Emulator.Qbo.Traffic.SetFaults(realm, new QboFaultSettings { LatencyMs = Latency ? Options.QboLatencyMs : 0 });
        StoreTraffic.Apply(new FaultSettings { LatencyMs = Latency ? Options.StoreLatencyMs : 0 });
        Emulator.Qbo.Traffic.ResetCounters(realm);
        StoreTraffic.ResetCounters();
    }

    /// <summary>
    /// Runs the built <c>storebooks sync</c>, sampling its peak resident memory every 50 ms and printing progress every
    /// <paramref name="progressEvery"/>.
    /// </summary>
    public async Task<PassFigures> SyncAsync(string label, int orders, TimeSpan progressEvery)
    {
        StartPass(StoreBooksRealm);
        var postedBefore = await PostedAsync();
        var documentsBefore = Documents(StoreBooksRealm);
        var (customersBefore, itemsBefore) = (Created(StoreBooksRealm, "Customer"), Created(StoreBooksRealm, "Item"));
        var watch = Stopwatch.StartNew();
        using var sync = Program.Start("sync");
        long peak = 0;
        var nextReport = progressEvery;
        while (!sync.HasExited)
        {
            peak = Math.Max(peak, PeakResidentBytes(sync.Id));
            if (watch.Elapsed >= nextReport)
            {
                nextReport += progressEvery;
                var c = Emulator.Qbo.Traffic.GetCounters(StoreBooksRealm);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  … {watch.Elapsed.TotalSeconds,6:F0} s: QuickBooks {c.Served:N0} served ({c.BatchRequests:N0} batch, {c.Throttled + c.InjectedThrottles:N0} × 429); store {StoreTraffic.Calls:N0} calls; {Documents(StoreBooksRealm) - documentsBefore:N0} sales receipts and invoices created"));
            }

            await Task.Delay(50);
        }

        var result = sync.Result();
        watch.Stop();
        var counters = Emulator.Qbo.Traffic.GetCounters(StoreBooksRealm);
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var run = Array.FindIndex(lines, l => l.StartsWith("Run ", StringComparison.Ordinal));
        var summary = run < 0 ? "" : string.Join(' ', lines.Skip(run).Take(2).Select(l => l.Trim()));
        var detail = result.ExitCode is 0 or 3 ? null : (result.Error.Length > 0 ? result.Error : result.Output);
        return new PassFigures(label, orders, await PostedAsync() - postedBefore, watch.Elapsed, counters.Served, counters.BatchRequests,
            counters.Throttled + counters.InjectedThrottles, StoreTraffic.Calls, StoreTraffic.Throttled, peak, result.ExitCode, summary, detail)
        {
            CustomersCreated = Created(StoreBooksRealm, "Customer") - customersBefore,
            ItemsCreated = Created(StoreBooksRealm, "Item") - itemsBefore,
        };
    }

    /// <summary>How many store orders the home holds as posted (sale links done).</summary>
    public async Task<int> PostedAsync()
    {
        await using var state = await StateStore.OpenSqliteAsync(StoreBooksHome.Resolve(Home), CancellationToken.None);
        var connection = await state.Connections.FindByNameAsync(ConnectionName, CancellationToken.None);
        return connection is null ? 0 : (await state.Links.ListAsync(connection.Id, LinkKind.Sale, LinkState.Done, CancellationToken.None)).Count;
    }

    public async ValueTask DisposeAsync()
    {
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
        var result = await Program.RunAsync(SetupTimeout, CancellationToken.None, arguments);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"storebooks {string.Join(' ', arguments)} failed during set-up: {result}");
        }
    }

    /// <summary>The process's high-water mark of resident memory (VmHWM in /proc/PID/status); 0 once it has ended.</summary>
    private static long PeakResidentBytes(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return 0;
    }
}
