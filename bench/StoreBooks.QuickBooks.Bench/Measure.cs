using System.Diagnostics;
using System.Globalization;

namespace StoreBooks.QuickBooks.Bench;

/// <summary>Timing helpers: sequential samples in microseconds, percentiles, and the busiest sliding window.</summary>
internal static class Measure
{
    public static async Task<List<double>> Sequential(int calls, Func<Task> call)
    {
        var samples = new List<double>(calls);
        for (var i = 0; i < calls; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await call();
            samples.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
        }

        return samples;
    }

    public static double Percentile(List<double> samples, double percent)
    {
        var sorted = samples.Order().ToList();
        var index = (int)Math.Clamp(Math.Ceiling(percent / 100 * sorted.Count) - 1, 0, sorted.Count - 1);
        return sorted[index];
    }

    public static void Print(string name, List<double> samples) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name,-15} mean {samples.Average(),7:F1} µs  median {Percentile(samples, 50),7:F1} µs  p99 {Percentile(samples, 99),8:F1} µs  ({samples.Count} calls)"));

    public static int BusiestWindow(List<double> completionSeconds, double windowSeconds)
    {
        var times = completionSeconds.Order().ToList();
        var best = 0;
        var from = 0;
        for (var to = 0; to < times.Count; to++)
        {
            while (times[to] - times[from] >= windowSeconds)
            {
                from++;
            }

            best = Math.Max(best, to - from + 1);
        }

        return best;
    }
}
