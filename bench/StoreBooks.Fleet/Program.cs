using System.Globalization;
using StoreBooks.Fleet;

// Hosted mode under a fleet of connections: per pass a fresh PostgreSQL database with --connections (1,000) connections, each to
// a QuickBooks company of its own, most reading a shop of --orders (3) orders and --large (4) reading a backfill of --large-orders
// (1,500); --qbo-latency-ms (150) on every QuickBooks call and --store-latency-ms (100) on every Shopify call, both sides' limits
// on; a web process for the webhooks and --processes (1,2,4) real `storebooks serve --role worker` processes of --workers (8)
// syncs each. The baseline is the first pass (one worker process), measured in the same run.
var options = FleetOptions.Parse(args);
var invariant = CultureInfo.InvariantCulture;
Console.WriteLine(string.Create(invariant,
    $"Fleet: {options.Connections:N0} connections ({options.SmallConnections:N0} shops of {options.Orders} orders, {options.Large} backfills of {options.LargeOrders:N0}), " +
    $"{options.QboLatencyMs} ms per QuickBooks call, {options.StoreLatencyMs} ms per Shopify call, {Environment.ProcessorCount} cores on this machine."));
var passes = new List<PassFigures>();
foreach (var processes in options.Processes)
{
    Console.WriteLine(string.Create(invariant, $"Pass with {processes} worker process(es)…"));
    var pass = await FleetPass.RunAsync(options, processes);
    pass.Print();
    passes.Add(pass);
}

if (passes.Count > 1)
{
    var baseline = passes[0];
    Console.WriteLine();
    Console.WriteLine(string.Create(invariant, $"Scaling against {baseline.Processes} worker process(es), same run:"));
    foreach (var pass in passes.Skip(1))
    {
        Console.WriteLine(string.Create(invariant,
            $"  {pass.Processes} processes: connections/min {pass.ConnectionsPerMinute / baseline.ConnectionsPerMinute:F2}×, orders/min {pass.OrdersPerMinute / baseline.OrdersPerMinute:F2}×, " +
            $"longest small wait {pass.LongestSmallWaitToDone.TotalSeconds / baseline.LongestSmallWaitToDone.TotalSeconds:F2}×, webhook p95 {pass.WebhookP95.TotalSeconds / Math.Max(0.001, baseline.WebhookP95.TotalSeconds):F2}×"));
    }
}
