using System.Globalization;

namespace StoreBooks.Soak;

/// <summary>
/// Command-line options: --minutes N (30) of load. The rest follows from it: an order every 2 s, a replayed, a forged and an
/// oversized delivery every 10 s, a fault window of 20 s in every period of minutes/6 (1 to 5 min), and --kills (5) SIGKILLs of
/// serve spread over the load (--kills 0: one lifetime, to see whether its memory levels off; --series prints every sample).
/// </summary>
internal sealed record SoakOptions
{
    public double Minutes { get; init; } = 30;

    public TimeSpan OrderEvery { get; init; } = TimeSpan.FromSeconds(2);

    public TimeSpan DirectWebhooksEvery { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan SampleEvery { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan FaultWindow { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Chance that the shop's emulator delivers a webhook twice.</summary>
    public double DuplicateProbability { get; init; } = 0.2;

    /// <summary>The size of the oversized body (serve refuses more than 2 MiB).</summary>
    public int OversizedBytes { get; init; } = 3 * 1024 * 1024;

    public TimeSpan Duration => TimeSpan.FromMinutes(Minutes);

    public TimeSpan FaultPeriod => TimeSpan.FromMinutes(Math.Clamp(Minutes / 6, 1, 5));

    /// <summary>SIGKILLs of serve spread over the load (0: one lifetime from start to end, to watch its memory).</summary>
    public int Kills { get; init; } = 5;

    /// <summary>Print every memory sample of each lifetime, not only the first and last.</summary>
    public bool Series { get; init; }

    public TimeSpan KillEvery => TimeSpan.FromMinutes(Minutes / Math.Max(1, Kills));

    public static SoakOptions Parse(string[] args)
    {
        var options = new SoakOptions();
        for (var i = 0; i < args.Length; i++)
        {
            options = args[i] switch
            {
                "--minutes" when i + 1 < args.Length && double.TryParse(args[++i], NumberStyles.Float, CultureInfo.InvariantCulture, out var m) && m > 0
                    => options with { Minutes = m },
                "--kills" when i + 1 < args.Length && int.TryParse(args[++i], NumberStyles.Integer, CultureInfo.InvariantCulture, out var k) && k >= 0
                    => options with { Kills = k },
                "--series" => options with { Series = true },
                _ => throw new ArgumentException($"Unknown or incomplete option '{args[i]}'. Options: --minutes N (default 30), --kills N (default 5; 0 for one lifetime), --series (every memory sample)."),
            };
        }

        return options;
    }
}
