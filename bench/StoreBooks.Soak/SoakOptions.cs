using System.Globalization;

namespace StoreBooks.Soak;

/// <summary>
/// Command-line options: --minutes N (30) of load. The rest follows from it: an order every 2 s, a replayed, a forged and an
/// oversized delivery every 10 s, a fault window of 20 s in every period of minutes/6 (1 to 5 min), and a SIGKILL of serve
/// every minutes/5.
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

    public TimeSpan KillEvery => TimeSpan.FromMinutes(Minutes / 5);

    public static SoakOptions Parse(string[] args)
    {
        var options = new SoakOptions();
        for (var i = 0; i < args.Length; i++)
        {
            options = args[i] switch
            {
                "--minutes" when i + 1 < args.Length && double.TryParse(args[++i], NumberStyles.Float, CultureInfo.InvariantCulture, out var m) && m > 0
                    => options with { Minutes = m },
                _ => throw new ArgumentException($"Unknown or incomplete option '{args[i]}'. Options: --minutes N (default 30)."),
            };
        }

        return options;
    }
}
