using System.Globalization;

namespace StoreBooks.QuickBooks.Bench;

/// <summary>Command-line options: --calls N (overhead samples), --seconds N (throughput run), --callers N, --full-window.</summary>
internal sealed record BenchOptions(int OverheadCalls, int ThroughputSeconds, int Callers, bool FullWindow)
{
    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions(5000, 60, 20, false);
        for (var i = 0; i < args.Length; i++)
        {
            options = args[i] switch
            {
                "--calls" => options with { OverheadCalls = int.Parse(args[++i], CultureInfo.InvariantCulture) },
                "--seconds" => options with { ThroughputSeconds = int.Parse(args[++i], CultureInfo.InvariantCulture) },
                "--callers" => options with { Callers = int.Parse(args[++i], CultureInfo.InvariantCulture) },
                "--full-window" => options with { FullWindow = true },
                _ => throw new ArgumentException($"Unknown option '{args[i]}'. Options: --calls N, --seconds N, --callers N, --full-window."),
            };
        }

        return options;
    }
}
