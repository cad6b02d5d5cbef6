using System.Globalization;

namespace StoreBooks.Throughput;

/// <summary>
/// Command-line options: --orders N (10000) for the first sync, --steady N (2000) more for the steady-state pass,
/// --customers N (2000), --skus N (300), --source shopify|woocommerce, --qbo-latency-ms (150), --store-latency-ms (100),
/// --no-baseline (then --pause-seconds, 65, between the passes), and --memory (peak memory at --memory-orders, 10000,100000, latency and limits off).
/// </summary>
internal sealed record ThroughputOptions
{
    public int Orders { get; init; } = 10_000;

    public int Steady { get; init; } = 2_000;

    public int Customers { get; init; } = 2_000;

    public int Skus { get; init; } = 300;

    public string Source { get; init; } = "shopify";

    public int QboLatencyMs { get; init; } = 150;

    public int StoreLatencyMs { get; init; } = 100;

    public bool Baseline { get; init; } = true;

    /// <summary>Seconds to wait before the steady pass when there is no baseline between the passes (QuickBooks' minute window of pass 1 ends first).</summary>
    public int PauseSeconds { get; init; } = 65;

    public bool Memory { get; init; }

    public IReadOnlyList<int> MemoryOrders { get; init; } = [10_000, 100_000];

    public int Seed { get; init; } = 2025;

    public static ThroughputOptions Parse(string[] args)
    {
        var options = new ThroughputOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Text() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            int Next() => int.Parse(Text(), CultureInfo.InvariantCulture);
            options = args[i] switch
            {
                "--orders" => options with { Orders = Next() },
                "--steady" => options with { Steady = Next() },
                "--customers" => options with { Customers = Next() },
                "--skus" => options with { Skus = Next() },
                "--source" => options with { Source = Text() },
                "--qbo-latency-ms" => options with { QboLatencyMs = Next() },
                "--store-latency-ms" => options with { StoreLatencyMs = Next() },
                "--no-baseline" => options with { Baseline = false },
                "--pause-seconds" => options with { PauseSeconds = Next() },
                "--seed" => options with { Seed = Next() },
                "--memory" => options with { Memory = true },
                "--memory-orders" => options with { Memory = true, MemoryOrders = [.. Text().Split(',').Select(n => int.Parse(n, CultureInfo.InvariantCulture))] },
                _ => throw new ArgumentException(
                    $"Unknown option '{args[i]}'. Options: --orders N, --steady N, --customers N, --skus N, --source shopify|woocommerce, " +
                    "--qbo-latency-ms MS, --store-latency-ms MS, --no-baseline, --pause-seconds N, --seed N, --memory, --memory-orders N,N."),
            };
        }

        if (options.Source is not ("shopify" or "woocommerce"))
        {
            throw new ArgumentException($"--source must be shopify or woocommerce; got '{options.Source}'.");
        }

        return options;
    }
}
