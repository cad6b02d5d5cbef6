using System.Diagnostics;
using System.Globalization;
using StoreBooks.Emulators;
using StoreBooks.Emulators.Qbo;
using StoreBooks.Emulators.Qbo.Traffic;
using StoreBooks.Testing;

namespace StoreBooks.Sync.Bench;

/// <summary>What one <c>storebooks sync</c> run cost: its wall time, the QuickBooks calls it made, its process's peak memory.</summary>
internal sealed record PassResult(int NewOrders, TimeSpan Wall, long Requests, long Served, long Throttled, long PeakBytes, ProgramResult Program);

/// <summary>
/// The emulator in this process (one US company), a temporary StoreBooks home connected to it through the built program
/// (<c>connect csv</c>, <c>connect quickbooks --url</c>, <c>settings set</c>), and the store's exports beside it.
/// </summary>
internal sealed class BenchStore : IAsyncDisposable
{
    private readonly string _folder;
    private readonly EmulatorServer _emulator;
    private readonly StorebooksProgram _program;

    private BenchStore(string folder, EmulatorServer emulator, StorebooksProgram program)
    {
        _folder = folder;
        _emulator = emulator;
        _program = program;
    }

    private string RealmId => _emulator.Qbo.Companies.DefaultRealmId;

    private string OrdersPath => Path.Combine(_folder, "orders.csv");

    /// <param name="limits">The emulator's limits.</param>
    /// <param name="clientRequestsPerMinute">StoreBooks' own budget (QuickBooks' 500 unless the emulator's ceiling differs).</param>
    public static async Task<BenchStore> StartAsync(QboLimits limits, int clientRequestsPerMinute)
    {
        var folder = Path.Combine(Path.GetTempPath(), "storebooks-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var emulator = await EmulatorServer.StartAsync(new EmulatorOptions { Port = 0, Qbo = new QboEmulatorOptions { Limits = limits } });
        var program = new StorebooksProgram(Path.Combine(folder, "home"), new Dictionary<string, string>
        {
            ["STOREBOOKS_QBO_REQUESTS_PER_MINUTE"] = clientRequestsPerMinute.ToString(CultureInfo.InvariantCulture),
        });
        return new BenchStore(folder, emulator, program);
    }

    /// <summary>Writes the store's exports and connects the home to them and to the emulator's company.</summary>
    public async Task ConnectAsync(GeneratedStore store)
    {
        var products = Path.Combine(_folder, "products.csv");
        store.WriteProducts(products);
        store.WriteOrders(OrdersPath);
        var timeout = TimeSpan.FromMinutes(2);
        Expect(await _program.RunAsync(timeout, CancellationToken.None, "connect", "csv", "--products", products, "--orders", OrdersPath, "--name", "bench"));
        Expect(await _program.RunAsync(timeout, CancellationToken.None, "connect", "quickbooks", "--url", _emulator.BaseUrl.AbsoluteUri));
        Expect(await _program.RunAsync(timeout, CancellationToken.None,
            "settings", "set", "syncStartDate=2024-01-01", "products.mode=Automatic", "products.createAs=NonInventory",
            "products.incomeAccount=Sales of Product Income", "products.expenseAccount=Cost of Goods Sold"));
    }

    /// <summary>Exports the store's orders again (the history and the new ones), as a merchant would before the next sync.</summary>
    public void WriteOrders(GeneratedStore store) => store.WriteOrders(OrdersPath);

    /// <summary>Runs <c>storebooks sync</c> with this latency on every QuickBooks call, sampling the process's peak resident memory.</summary>
    public async Task<PassResult> SyncAsync(int newOrders, int latencyMs)
    {
        _emulator.Qbo.Traffic.SetFaults(RealmId, new QboFaultSettings { LatencyMs = latencyMs });
        _emulator.Qbo.Traffic.ResetCounters(RealmId);
        var watch = Stopwatch.StartNew();
        using var sync = _program.Start("sync");
        long peak = 0;
        while (!sync.HasExited)
        {
            peak = Math.Max(peak, PeakResidentBytes(sync.Id));
            await Task.Delay(50);
        }

        var result = sync.Result();
        watch.Stop();
        _emulator.Qbo.Traffic.SetFaults(RealmId, new QboFaultSettings());
        var counters = _emulator.Qbo.Traffic.GetCounters(RealmId);
        return new PassResult(newOrders, watch.Elapsed, counters.Requests, counters.Served, counters.Throttled + counters.InjectedThrottles, peak, result);
    }

    public async ValueTask DisposeAsync()
    {
        await _emulator.DisposeAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
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

    private static void Expect(ProgramResult result)
    {
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"A set-up command failed: {result}");
        }
    }
}
