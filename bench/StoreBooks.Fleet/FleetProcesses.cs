using System.Globalization;
using System.Net;
using System.Net.Sockets;
using StoreBooks.Storage.Secrets;
using StoreBooks.Testing;

namespace StoreBooks.Fleet;

/// <summary>
/// The real processes of one pass, all on the pass's database with the operator's key: one <c>storebooks serve --role web</c>
/// taking webhooks, and the <c>--role worker</c> processes that run the syncs (Hangfire on PostgreSQL).
/// </summary>
internal sealed class FleetProcesses : IDisposable
{
    private readonly string _homes = Directory.CreateTempSubdirectory("storebooks-fleet-").FullName;
    private readonly FleetRig _rig;
    private readonly List<RunningProgram> _workers = [];
    private RunningProgram? _web;

    public FleetProcesses(FleetRig rig) => _rig = rig;

    public Uri? WebUrl { get; private set; }

    public IReadOnlyList<RunningProgram> Workers => _workers;

    public async Task StartWebAsync()
    {
        var port = FreePort();
        WebUrl = new Uri($"http://127.0.0.1:{port}/");
        _web = Program("web").Start(Arguments("web", $"http://127.0.0.1:{port}", 1));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        for (var waited = TimeSpan.Zero; ; waited += TimeSpan.FromMilliseconds(250))
        {
            if (_web.HasExited)
            {
                throw new InvalidOperationException($"The web process ended: {_web.Result()}");
            }

            try
            {
                // Any answer will do: it says "unhealthy" (no job server alive) until the workers start.
                using var answer = await http.GetAsync(new Uri(WebUrl, "healthz"));
                return;
            }
            catch (HttpRequestException)
            {
            }

            if (waited > TimeSpan.FromMinutes(2))
            {
                throw new TimeoutException("The web process did not answer /healthz within two minutes.");
            }

            await Task.Delay(250);
        }
    }

    public void StartWorkers(int count, int workersEach)
    {
        for (var i = 0; i < count; i++)
        {
            _workers.Add(Program($"worker-{i}").Start(Arguments("worker", "http://127.0.0.1:0", workersEach)));
        }
    }

    public IReadOnlyList<int> WorkerIds => [.. _workers.Select(w => w.Id)];

    public int? WebId => _web?.Id;

    /// <summary>Any process that has ended by itself (a crash), described.</summary>
    public string? Ended() =>
        _workers.Concat(_web is null ? [] : [_web]).FirstOrDefault(p => p.HasExited) is { } ended ? $"{ended.Command}: {ended.Result()}" : null;

    /// <summary>Peak and current resident memory of each worker process (VmHWM, VmRSS from /proc), in bytes.</summary>
    public IReadOnlyList<(long Peak, long Now)> WorkerMemory() => [.. _workers.Select(w => (Status(w.Id, "VmHWM:"), Status(w.Id, "VmRSS:")))];

    public void Dispose()
    {
        foreach (var process in _workers.Concat(_web is null ? [] : [_web]))
        {
            _ = process.KillAsync().GetAwaiter().GetResult();
            process.Dispose();
        }

        try
        {
            Directory.Delete(_homes, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private StorebooksProgram Program(string name) =>
        new(Path.Combine(_homes, name), new Dictionary<string, string> { [OperatorKeys.KeyVariable] = _rig.Key });

    private string[] Arguments(string role, string urls, int workers) =>
        ["serve", "--database", _rig.Database.ConnectionString, "--role", role, "--workers", workers.ToString(CultureInfo.InvariantCulture),
            "--dispatch-every", "1", "--urls", urls];

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static long Status(int pid, string field)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
            var kb = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
            return kb is null ? 0 : long.Parse(kb, CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
