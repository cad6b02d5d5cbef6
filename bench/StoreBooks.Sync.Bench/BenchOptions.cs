using System.Globalization;

namespace StoreBooks.Sync.Bench;

/// <summary>
/// Command-line options. Throughput (default): --orders N (10000) new orders, then --second-pass N (as many) more orders for
/// the same customers and items, with --latency-ms (150) added to each QuickBooks call under --ceiling (500) requests a minute.
/// Memory: --memory runs each
/// of --memory-orders (10000,100000) with no latency and no limits, and compares the sync process's peak memory.
/// </summary>
internal sealed record BenchOptions
{
    public int Orders { get; init; } = 10_000;

    public int SecondPass { get; init; } = -1;

    public int Customers { get; init; } = 300;

    public int Skus { get; init; } = 40;

    public int LatencyMs { get; init; } = 150;

    public int Ceiling { get; init; } = 500;

    public bool Memory { get; init; }

    public IReadOnlyList<int> MemoryOrders { get; init; } = [10_000, 100_000];

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            int Next() => int.Parse(args[++i], CultureInfo.InvariantCulture);
            options = args[i] switch
            {
                "--orders" => options with { Orders = Next() },
                "--second-pass" => options with { SecondPass = Next() },
                "--customers" => options with { Customers = Next() },
                "--skus" => options with { Skus = Next() },
                "--latency-ms" => options with { LatencyMs = Next() },
                "--ceiling" => options with { Ceiling = Next() },
                "--memory" => options with { Memory = true },
                "--memory-orders" => options with { Memory = true, MemoryOrders = args[++i].Split(',').Select(n => int.Parse(n, CultureInfo.InvariantCulture)).ToList() },
                _ => throw new ArgumentException(
                    $"Unknown option '{args[i]}'. Options: --orders N, --second-pass N, --customers N, --skus N, --latency-ms MS, --ceiling N, --memory, --memory-orders N,N."),
            };
        }

        return options.SecondPass < 0 ? options with { SecondPass = options.Orders } : options;
    }
}
