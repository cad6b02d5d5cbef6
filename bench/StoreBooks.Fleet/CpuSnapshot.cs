using System.Diagnostics;
using System.Globalization;

namespace StoreBooks.Fleet;

/// <summary>
/// CPU time used so far (user + system, from Linux's <c>/proc</c>) by the worker processes, the web process, this process (which
/// runs the emulated shops and QuickBooks companies), every PostgreSQL backend, and the machine as a whole: two snapshots'
/// difference says where a pass's CPU went.
/// </summary>
internal sealed record CpuSnapshot(TimeSpan Workers, TimeSpan Web, TimeSpan Emulators, TimeSpan Postgres, TimeSpan MachineBusy, TimeSpan MachineTotal)
{
    private static readonly double TicksPerSecond = 100; // USER_HZ: 100 on Linux's every architecture StoreBooks runs on.

    public static CpuSnapshot Take(IEnumerable<int> workers, int? web) => new(
        Sum(workers.Select(ProcessTime)),
        web is { } id ? ProcessTime(id) : TimeSpan.Zero,
        Process.GetCurrentProcess().TotalProcessorTime,
        Sum(PostgresIds().Select(ProcessTime)),
        Machine().Busy,
        Machine().Total);

    public static CpuSnapshot operator -(CpuSnapshot end, CpuSnapshot start) => new(
        end.Workers - start.Workers,
        end.Web - start.Web,
        end.Emulators - start.Emulators,
        end.Postgres - start.Postgres,
        end.MachineBusy - start.MachineBusy,
        end.MachineTotal - start.MachineTotal);

    /// <summary>Share of the machine's CPU time that was busy.</summary>
    public double BusyShare => MachineTotal <= TimeSpan.Zero ? 0 : MachineBusy / MachineTotal;

    private static TimeSpan Sum(IEnumerable<TimeSpan> times) => times.Aggregate(TimeSpan.Zero, (a, b) => a + b);

    /// <summary>utime + stime of a process (fields 14 and 15 of /proc/PID/stat, after the command in parentheses); zero when it is gone.</summary>
    private static TimeSpan ProcessTime(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return TimeSpan.FromSeconds(ticks / TicksPerSecond);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return TimeSpan.Zero;
        }
    }

    private static IEnumerable<int> PostgresIds()
    {
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && Command(pid) is "postgres" or "postmaster")
            {
                yield return pid;
            }
        }
    }

    private static string? Command(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/comm").Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The machine's busy and total CPU time, all cores (the first line of /proc/stat).</summary>
    private static (TimeSpan Busy, TimeSpan Total) Machine()
    {
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        // user nice system idle iowait irq softirq steal (guest time is counted in user already).
        var total = fields.Take(8).Sum();
        var idle = fields[3] + fields[4];
        return (TimeSpan.FromSeconds((total - idle) / TicksPerSecond), TimeSpan.FromSeconds(total / TicksPerSecond));
    }
}
