using System.Globalization;

namespace StoreBooks.Fleet;

/// <summary>
/// Command-line options: --connections N (1000), --orders N (3) per small shop, --large N (4) connections with a backfill of
/// --large-orders N (1500) each, --processes 1,2,4 (worker processes per pass), --workers N (8) syncs at once per process,
/// --qbo-latency-ms (150), --store-latency-ms (100), --webhooks N (40) timed deliveries, --timeout-minutes (30) per pass.
/// PostgreSQL: STOREBOOKS_BENCH_POSTGRES or STOREBOOKS_TEST_POSTGRES (an admin connection string; a database is made per pass).
/// </summary>
internal sealed record FleetOptions
{
    public int Connections { get; init; } = 1_000;

    public int Orders { get; init; } = 3;

    public int Large { get; init; } = 4;

    public int LargeOrders { get; init; } = 1_500;

    public IReadOnlyList<int> Processes { get; init; } = [1, 2, 4];

    public int Workers { get; init; } = 8;

    public int QboLatencyMs { get; init; } = 150;

    public int StoreLatencyMs { get; init; } = 100;

    public int Webhooks { get; init; } = 40;

    public int TimeoutMinutes { get; init; } = 30;

    public int SmallConnections => Connections - Large;

    public static FleetOptions Parse(string[] args)
    {
        var options = new FleetOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Text() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            int Next() => int.Parse(Text(), CultureInfo.InvariantCulture);
            options = args[i] switch
            {
                "--connections" => options with { Connections = Next() },
                "--orders" => options with { Orders = Next() },
                "--large" => options with { Large = Next() },
                "--large-orders" => options with { LargeOrders = Next() },
                "--processes" => options with { Processes = [.. Text().Split(',').Select(n => int.Parse(n, CultureInfo.InvariantCulture))] },
                "--workers" => options with { Workers = Next() },
                "--qbo-latency-ms" => options with { QboLatencyMs = Next() },
                "--store-latency-ms" => options with { StoreLatencyMs = Next() },
                "--webhooks" => options with { Webhooks = Next() },
                "--timeout-minutes" => options with { TimeoutMinutes = Next() },
                _ => throw new ArgumentException(
                    $"Unknown option '{args[i]}'. Options: --connections N, --orders N, --large N, --large-orders N, --processes 1,2,4, --workers N, " +
                    "--qbo-latency-ms MS, --store-latency-ms MS, --webhooks N, --timeout-minutes N."),
            };
        }

        if (options.Large >= options.Connections || options.Connections < 1 || options.Processes.Count == 0 || options.Processes.Any(p => p < 1))
        {
            throw new ArgumentException("Give at least one connection, fewer large ones than connections, and process counts of 1 or more.");
        }

        return options;
    }
}
