using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace StoreBooks.QuickBooks.Http;

/// <summary>
/// What the QuickBooks client reports to whoever listens: a span per attempt sent to QBO and the calls' count and latency by
/// HTTP status (<c>error</c> when no response came). Tags are the entity and operation, never a URL, realm or body.
/// </summary>
public static class QboTelemetry
{
    /// <summary>The name of the meter and of the activity source.</summary>
    public const string Name = "StoreBooks.QuickBooks";

    private static readonly Meter Meter = new(Name);

    public static readonly ActivitySource Source = new(Name);

    /// <summary>Attempts sent to QBO, by <c>status</c>, <c>entity</c> and <c>operation</c>.</summary>
    public static readonly Counter<long> Calls = Meter.CreateCounter<long>("storebooks.qbo.calls", "{call}", "Requests sent to QuickBooks Online, by HTTP status.");

    /// <summary>How long each attempt took, by <c>status</c>.</summary>
    public static readonly Histogram<double> CallDuration = Meter.CreateHistogram<double>("storebooks.qbo.call.duration", "s", "Latency of requests to QuickBooks Online, by HTTP status.");

    /// <summary>
    /// How long requests waited for the budget shared with other processes (hosted mode: a slot and a permit from PostgreSQL),
    /// after this process's own limits let them through.
    /// </summary>
    public static readonly Histogram<double> SharedBudgetWait = Meter.CreateHistogram<double>("storebooks.qbo.shared_budget.wait.duration", "s", "Time requests waited for the QuickBooks budget shared by the processes of hosted mode.");

    /// <summary>The call's operation from a small set: a batch's ("batch request of 7 operations") is <c>batch</c>.</summary>
    public static string OperationOf(QboCall call) => call.Entity == "Batch" ? "batch" : call.Operation;

    /// <summary>Records one attempt; <paramref name="status"/> null when it got no response.</summary>
    public static void Record(QboCall call, int? status, TimeSpan elapsed)
    {
        var statusTag = new KeyValuePair<string, object?>("status", status is { } code ? code.ToString(System.Globalization.CultureInfo.InvariantCulture) : "error");
        Calls.Add(1, statusTag, new KeyValuePair<string, object?>("entity", call.Entity), new KeyValuePair<string, object?>("operation", OperationOf(call)));
        CallDuration.Record(elapsed.TotalSeconds, statusTag);
    }
}
