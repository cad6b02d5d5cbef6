using System.Globalization;

namespace StoreBooks.Throughput;

/// <summary>What one pass cost: its orders, wall time, QuickBooks and store traffic, and (for storebooks sync) peak memory.</summary>
/// <param name="Orders">Orders the store held that were new to this pass.</param>
/// <param name="Posted">Orders the pass recorded as posted (StoreBooks' sale links done; the script's documents).</param>
/// <param name="Served">QuickBooks calls served (a batch counts once).</param>
/// <param name="Throttled">QuickBooks 429s.</param>
/// <param name="StoreThrottled">Store 429s (REST leaky bucket) and GraphQL THROTTLED answers.</param>
/// <param name="PeakBytes">Peak resident memory of the sync process (VmHWM); 0 for the script, which runs in this process.</param>
internal sealed record PassFigures(
    string Label,
    int Orders,
    int Posted,
    TimeSpan Wall,
    long Served,
    long Batches,
    long Throttled,
    long StoreCalls,
    long StoreThrottled,
    long PeakBytes,
    int ExitCode,
    string Summary,
    string? Detail)
{
    public int CustomersCreated { get; init; }

    public int ItemsCreated { get; init; }

    public double OrdersPerMinute => Orders / Wall.TotalMinutes;

    public double RequestsPerOrder => Orders == 0 ? 0 : (double)Served / Orders;

    public void Print()
    {
        var invariant = CultureInfo.InvariantCulture;
        Console.WriteLine();
        Console.WriteLine(Label);
        Console.WriteLine(string.Create(invariant, $"  orders a minute:        {OrdersPerMinute:F0}   ({Orders:N0} orders in {Wall.TotalSeconds:F1} s wall time; {Posted:N0} posted)"));
        Console.WriteLine(string.Create(invariant, $"  QuickBooks requests:    {Served:N0} = {RequestsPerOrder:F3} per order; {Batches:N0} batch calls; {Throttled:N0} answered 429"));
        Console.WriteLine(string.Create(invariant, $"  created in QuickBooks:  {CustomersCreated:N0} customers, {ItemsCreated:N0} items"));
        Console.WriteLine(string.Create(invariant, $"  store calls:            {StoreCalls:N0} ({StoreThrottled:N0} throttled)"));
        if (PeakBytes > 0)
        {
            Console.WriteLine(string.Create(invariant, $"  peak memory (sync):     {PeakBytes / 1024.0 / 1024.0:F1} MiB"));
        }

        if (Summary.Length > 0 || ExitCode != 0)
        {
            Console.WriteLine($"  exit code {ExitCode}; storebooks: {Summary}");
        }

        if (Detail is not null)
        {
            Console.WriteLine(Detail);
        }
    }
}
