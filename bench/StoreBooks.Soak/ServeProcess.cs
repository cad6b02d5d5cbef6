using System.Diagnostics;
using System.Globalization;
using StoreBooks.Testing;

namespace StoreBooks.Soak;

/// <summary>One reading of the serve process: resident memory (VmRSS) and open file descriptors.</summary>
internal sealed record Sample(TimeSpan Age, long RssBytes, int OpenFiles);

/// <summary>One serve process from start to its SIGKILL (or the end), with its samples.</summary>
internal sealed class Lifetime(int pid)
{
    public int Pid { get; } = pid;

    public List<Sample> Samples { get; } = [];

    public Stopwatch Age { get; } = Stopwatch.StartNew();

    /// <summary>How it ended when it was not killed by us (a crash), or null.</summary>
    public string? Crash { get; set; }
}

/// <summary>
/// <c>storebooks serve</c> on the soak's home and fixed address, as a child process: started and waited for (its /health
/// answering), sampled from /proc, killed with SIGKILL and started again on the same home and port.
/// </summary>
internal sealed class ServeProcess(SoakRig rig) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = rig.ServeUrl, Timeout = TimeSpan.FromSeconds(5) };
    private RunningProgram? _running;

    public List<Lifetime> Lifetimes { get; } = [];

    public int Kills { get; private set; }

    public bool Up => _running is { HasExited: false };

    /// <summary>Starts serve and waits until it answers /health (a new process when the port is not free yet).</summary>
    public async Task StartAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            var running = rig.Program.Start("serve", "--urls", rig.ServeUrl.AbsoluteUri.TrimEnd('/'), "--dispatch-every", "5");
            var until = DateTime.UtcNow.AddSeconds(60);
            while (!running.HasExited && DateTime.UtcNow < until)
            {
                try
                {
                    using var health = await _http.GetAsync(new Uri("health", UriKind.Relative));
                    if (health.IsSuccessStatusCode)
                    {
                        _running = running;
                        var lifetime = new Lifetime(running.Id);
                        Lifetimes.Add(lifetime);
                        Console.WriteLine($"  serve is up, pid {running.Id}");
                        SampleNow();
                        return;
                    }
                }
                catch (HttpRequestException)
                {
                }
                catch (TaskCanceledException)
                {
                }

                await Task.Delay(100);
            }

            var result = running.HasExited ? running.Result().ToString() : "still not answering /health after 60 s";
            running.Dispose();
            if (attempt == 3)
            {
                throw new InvalidOperationException($"storebooks serve did not start on {rig.ServeUrl}: {result}");
            }

            Console.WriteLine($"  serve did not start (attempt {attempt}), trying again: {result.Split('\n').FirstOrDefault(l => l.Length > 0 && !l.StartsWith("exit", StringComparison.Ordinal))}");
            await Task.Delay(2000);
        }
    }

    /// <summary>
    /// SIGKILL: serve ends at once, wherever it is. Its last sample is taken just before. Counted in <see cref="Kills"/> unless
    /// it is the stop at the end of the soak.
    /// </summary>
    public async Task KillAsync(bool count = true)
    {
        if (_running is null)
        {
            return;
        }

        CheckAlive();
        SampleNow();
        if (await _running.KillAsync() && count)
        {
            Kills++;
        }

        _running.Dispose();
        _running = null;
    }

    /// <summary>Reads the running process's VmRSS and /proc/PID/fd; notes a crash when it has ended by itself.</summary>
    public void SampleNow()
    {
        if (_running is null || !CheckAlive())
        {
            return;
        }

        var lifetime = Lifetimes[^1];
        try
        {
            var rss = File.ReadLines($"/proc/{lifetime.Pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            var bytes = long.Parse(rss["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
            var files = Directory.GetFileSystemEntries($"/proc/{lifetime.Pid}/fd").Length;
            lock (lifetime.Samples)
            {
                lifetime.Samples.Add(new Sample(lifetime.Age.Elapsed, bytes, files));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
        }
    }

    public void Dispose()
    {
        _running?.Dispose();
        _http.Dispose();
    }

    /// <summary>False (and the crash recorded with what serve printed last) when the process ended without being killed.</summary>
    private bool CheckAlive()
    {
        if (_running is null || !_running.HasExited)
        {
            return true;
        }

        var lifetime = Lifetimes[^1];
        if (lifetime.Crash is null)
        {
            var result = _running.Result();
            var tail = string.Join('\n', (result.Error + result.Output).Split('\n').TakeLast(15));
            lifetime.Crash = $"serve (pid {lifetime.Pid}) ended by itself with exit code {result.ExitCode} after {lifetime.Age.Elapsed.TotalSeconds:F0} s:\n{tail}";
            Console.WriteLine("  " + lifetime.Crash);
        }

        return false;
    }
}
