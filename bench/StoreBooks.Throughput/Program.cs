using System.Diagnostics;
using System.Globalization;
using StoreBooks.Throughput;

// storebooks sync throughput from the real source path: the store emulator (Shopify, or WooCommerce with --source woocommerce)
// into the QuickBooks emulator, both in this process, with --qbo-latency-ms (150) added to every QuickBooks call and
// --store-latency-ms (100) to every store call, and both sides' limits on (QuickBooks: 500 requests a minute, 10 in flight,
// 40 batches a minute per app, 120 per company; Shopify: the REST leaky bucket and the GraphQL cost bucket).
//   pass 1 "first sync": --orders (10,000) orders over --customers (2,000) and --skus (300), a fresh home, the built
//       `storebooks sync`; every customer and item is new.
//   pass 2 "steady state": --steady (2,000) more orders by the same customers for the same items, `storebooks sync` again.
//   baseline (unless --no-baseline): a sequential hand-written script against a fresh company, the same two passes.
// --memory: peak memory of the sync process at 10,000 and 100,000 orders (--memory-orders), latency and limits off.
var options = ThroughputOptions.Parse(args);
var invariant = CultureInfo.InvariantCulture;
var progress = TimeSpan.FromSeconds(10);
var source = options.Source == "shopify" ? "Shopify" : "WooCommerce";

if (options.Memory)
{
    Console.WriteLine($"Peak memory of storebooks sync from the {source} emulator: no added latency, every limit off, so only the number of orders changes.");
    Console.WriteLine($"{options.Customers:N0} customers, {options.Skus:N0} SKUs (fewer for fewer orders); peak resident memory of the sync process (VmHWM, sampled every 50 ms).");
    var peaks = new List<(int Orders, PassFigures Pass)>();
    foreach (var count in options.MemoryOrders)
    {
        await using var rig = await ThroughputRig.StartAsync(options with { Orders = count }, limits: false);
        var now = DateTimeOffset.UtcNow;
        rig.AddOrders(count, now.AddDays(-60), now.AddDays(-3));
        await rig.ConnectAsync();
        Console.WriteLine($"{count:N0} orders placed; syncing…");
        var pass = await rig.SyncAsync($"{count:N0} orders", count, progress);
        pass.Print();
        peaks.Add((count, pass));
    }

    if (peaks.Count >= 2 && peaks[0].Pass.PeakBytes > 0)
    {
        var (first, last) = (peaks[0], peaks[^1]);
        Console.WriteLine();
        Console.WriteLine(string.Create(invariant,
            $"Peak memory {last.Orders:N0} / {first.Orders:N0} orders: {(double)last.Pass.PeakBytes / first.Pass.PeakBytes:F2}×   (target: about flat, ≈ 1×)"));
    }

    return;
}

Console.WriteLine(string.Create(invariant,
    $"Throughput of storebooks sync from the {source} emulator into the QuickBooks emulator: {options.QboLatencyMs} ms added to every QuickBooks call, {options.StoreLatencyMs} ms to every store call,"));
Console.WriteLine("QuickBooks' limits on (500 requests a minute, 10 in flight, 40 batch calls a minute per app, 120 per company) and the store's own.");
await using (var rig = await ThroughputRig.StartAsync(options, limits: true))
{
    var start = DateTimeOffset.UtcNow;
    var seeding = Stopwatch.StartNew();
    rig.AddOrders(options.Orders, start.AddDays(-60), start.AddDays(-3));
    Console.WriteLine(string.Create(invariant,
        $"Placed {rig.StoreOrderCount:N0} orders ({ThroughputRig.Catalog(options).CustomerCount:N0} customers, {ThroughputRig.Catalog(options).SkuCount:N0} SKUs, one order in eight a guest's) in {seeding.Elapsed.TotalSeconds:F1} s; connecting a fresh home…"));
    await rig.ConnectAsync();

    Console.WriteLine($"Pass 1, storebooks sync of {options.Orders:N0} orders…");
    var first = await rig.SyncAsync($"StoreBooks, pass 1 (first sync): {options.Orders:N0} orders, every customer and item new", options.Orders, progress);
    first.Print();
    await using var script = options.Baseline ? await BaselineScript.StartAsync(rig) : null;
    PassFigures? firstBaseline = null;
    if (script is not null)
    {
        Console.WriteLine($"Pass 1, baseline script over the same {options.Orders:N0} orders (fresh company)…");
        firstBaseline = await script.RunAsync($"Baseline script, pass 1: {options.Orders:N0} orders", options.Orders, progress);
        firstBaseline.Print();
    }

    PassFigures? steady = null;
    PassFigures? steadyBaseline = null;
    if (options.Steady > 0)
    {
        if (script is null && options.PauseSeconds > 0)
        {
            // With a baseline, its pass 1 keeps QuickBooks' minute window of StoreBooks' pass 1 from reaching pass 2; without one, wait it out.
            Console.WriteLine($"Waiting {options.PauseSeconds} s, so that pass 1's requests are out of QuickBooks' one-minute window…");
            await Task.Delay(TimeSpan.FromSeconds(options.PauseSeconds));
        }

        // After every change of the first orders (refunds come two days after an order), before now.
        rig.AddOrders(options.Steady, start.AddHours(-20), DateTimeOffset.UtcNow.AddMinutes(-1));
        Console.WriteLine();
        Console.WriteLine($"Placed {options.Steady:N0} more orders by the same customers for the same items. Pass 2, storebooks sync…");
        steady = await rig.SyncAsync($"StoreBooks, pass 2 (steady state): {options.Steady:N0} new orders, customers and items known", options.Steady, progress);
        steady.Print();
        if (script is not null)
        {
            Console.WriteLine($"Pass 2, baseline script over the same {options.Steady:N0} orders…");
            steadyBaseline = await script.RunAsync($"Baseline script, pass 2: {options.Steady:N0} orders", options.Steady, progress);
            steadyBaseline.Print();
        }
    }

    Console.WriteLine();
    Console.WriteLine("Summary (targets are printed, not asserted)");
    SummaryLine("first sync", first, firstBaseline, "≥ 500 orders/min");
    if (steady is not null)
    {
        SummaryLine("steady state", steady, steadyBaseline, "≥ 1,000 orders/min and ≥ 3× baseline");
    }
}

void SummaryLine(string name, PassFigures storebooks, PassFigures? baseline, string target)
{
    var ratio = baseline is null ? "" : string.Create(invariant, $"; baseline {baseline.OrdersPerMinute:F0}/min ({baseline.RequestsPerOrder:F2} requests/order) → {storebooks.OrdersPerMinute / baseline.OrdersPerMinute:F2}× baseline");
    Console.WriteLine(string.Create(invariant,
        $"  {name,-13} StoreBooks {storebooks.OrdersPerMinute:F0} orders/min ({storebooks.RequestsPerOrder:F2} requests/order, {storebooks.PeakBytes / 1024.0 / 1024.0:F0} MiB peak){ratio}   target {target}"));
}
