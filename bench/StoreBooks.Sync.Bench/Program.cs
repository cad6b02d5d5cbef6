using System.Globalization;
using StoreBooks.Emulators.Qbo.Traffic;
using StoreBooks.Sync.Bench;
using StoreBooks.Testing;

// storebooks sync benchmark: the built program syncs a generated store (Shopify CSV exports) into the emulator in this process.
//   throughput (default): --orders new orders (customers and items created on the way), then --second-pass more orders for the
//       same customers and items, with 150 ms added to each QuickBooks call under QuickBooks' 500 requests a minute (the emulator
//       and StoreBooks' own budget alike). Prints orders a minute, requests per order, and the ratio to the ceiling.
//   memory (--memory): the same sync of 10,000 and 100,000 orders with no latency and no limits; prints the peak memory of each.
var options = BenchOptions.Parse(args);
var invariant = CultureInfo.InvariantCulture;
var firstOrder = new DateTimeOffset(2024, 1, 1, 9, 0, 0, TimeSpan.FromHours(-5));
const int Seed = 2024;

if (options.Memory)
{
    Console.WriteLine("Peak memory of storebooks sync: no added latency, the emulator's limits off and StoreBooks' budget raised, so only the number of orders changes.");
    Console.WriteLine($"{options.Customers} customers, {options.Skus} SKUs; peak resident memory of the sync process (VmHWM, sampled every 50 ms).");
    foreach (var count in options.MemoryOrders)
    {
        await using var bench = await BenchStore.StartAsync(new QboLimits { RequestsPerWindow = 0, MaxInFlight = 0, BatchesPerWindow = 0, BatchesPerWindowPerApp = 0 }, 100_000_000);
        var store = GeneratedStore.Create(count, options.Customers, options.Skus, Seed, firstOrder, TimeSpan.FromMinutes(1));
        await bench.ConnectAsync(store);
        var pass = await bench.SyncAsync(count, latencyMs: 0);
        Print($"{count:N0} orders", pass, null);
    }

    return;
}

var ceiling = options.Ceiling;
var latency = options.LatencyMs;
Console.WriteLine(string.Create(invariant,
    $"Throughput of storebooks sync: {latency} ms added to each QuickBooks call, ceiling {ceiling} requests a minute for the company (the emulator's and StoreBooks' budget)."));
Console.WriteLine("A run shorter than a few minutes is flattered by the first minute, whose whole budget may go at once.");
await using (var bench = await BenchStore.StartAsync(new QboLimits { RequestsPerWindow = ceiling, MaxInFlight = 10 }, ceiling))
{
    var store = GeneratedStore.Create(options.Orders, options.Customers, options.Skus, Seed, firstOrder);
    await bench.ConnectAsync(store);
    var first = await bench.SyncAsync(options.Orders, latency);
    Print($"Pass 1: {options.Orders:N0} new orders, their {store.Orders.Select(o => o.Customer).Distinct().Count()} customers and {store.Orders.SelectMany(o => o.Lines).Select(l => l.Product).Distinct().Count()} items created on the way", first, ceiling);
    if (options.SecondPass > 0)
    {
        var more = store.WithMoreOrders(options.SecondPass, Seed, store.Orders[^1].CreatedAt.AddMinutes(7));
        bench.WriteOrders(more);
        var second = await bench.SyncAsync(options.SecondPass, latency);
        Print($"Pass 2: {options.SecondPass:N0} new orders for existing customers and items (the export holds the first {options.Orders:N0} too)", second, ceiling);
    }
}

void Print(string title, PassResult pass, int? ceiling)
{
    var minutes = pass.Wall.TotalMinutes;
    var ordersPerMinute = pass.NewOrders / minutes;
    var requestsPerMinute = pass.Served / minutes;
    Console.WriteLine();
    Console.WriteLine(title);
    Console.WriteLine(string.Create(invariant, $"  exit code {pass.Program.ExitCode}; wall time {pass.Wall.TotalSeconds:F1} s (process start to exit)"));
    Console.WriteLine(string.Create(invariant, $"  orders a minute:       {ordersPerMinute:F0}"));
    Console.WriteLine(string.Create(invariant, $"  QuickBooks requests:   {pass.Served:N0} served ({pass.Requests:N0} sent, {pass.Throttled:N0} answered 429) = {(double)pass.Served / pass.NewOrders:F3} per order"));
    if (ceiling is not null)
    {
        Console.WriteLine(string.Create(invariant, $"  requests a minute:     {requestsPerMinute:F0} = {requestsPerMinute / ceiling * 100:F1} % of the {ceiling}/min ceiling"));
        Console.WriteLine(string.Create(invariant, $"  orders a minute / ceiling: {ordersPerMinute / ceiling * 100:F1} % (100 % = one order per request allowed)"));
    }

    Console.WriteLine(string.Create(invariant, $"  peak memory of the sync process: {pass.PeakBytes / 1024.0 / 1024.0:F1} MiB"));
    var lines = pass.Program.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    var run = Array.FindIndex(lines, l => l.StartsWith("Run ", StringComparison.Ordinal));
    Console.WriteLine($"  storebooks: {(run < 0 ? "" : string.Join(' ', lines.Skip(run).Take(2).Select(l => l.Trim())))}");
    if (pass.Program.ExitCode != 0)
    {
        Console.WriteLine(pass.Program.Error.Length > 0 ? pass.Program.Error : pass.Program.Output);
    }
}
