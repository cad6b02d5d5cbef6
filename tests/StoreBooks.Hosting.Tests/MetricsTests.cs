using StoreBooks.Core.State;
using StoreBooks.Hosting.Scheduling;
using StoreBooks.Hosting.Telemetry;
using StoreBooks.Hosting.Tests.Support;
using Xunit;

namespace StoreBooks.Hosting.Tests;

/// <summary>
/// The meters' instruments are process-wide, and a server's <c>/metrics</c> counts every measurement made while it runs: these
/// tests run alone, after the others, so the counts they read are their own runs'.
/// </summary>
[CollectionDefinition(nameof(MetricsCollection), DisableParallelization = true)]
public sealed class MetricsCollection;

/// <summary>
/// <c>/metrics</c> after a hosted sync on the real PostgreSQL and the emulators: the run, its orders, its QuickBooks calls, its
/// lock wait and the queue, with the values the run log and the emulator's counters have.
/// </summary>
[Collection(nameof(MetricsCollection))]
public sealed class MetricsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Metrics_after_a_sync_count_its_run_orders_quickbooks_calls_and_lock_wait()
    {
        const string realm = "9130390000000001";
        await using var rig = await HostedRig.CreateAsync();
        var connection = await rig.AddConnectedShopAsync("measured", realm);
        var process = await rig.StartProcessAsync(ServeRole.All, "metrics-a");
        using var http = new HttpClient { BaseAddress = process.Server.BaseUrl };
        await rig.WaitUntilSyncedAsync([connection.Id], process.Engine, TimeSpan.FromSeconds(90));

        var run = Assert.Single(await rig.RunsAsync(connection.Id));
        Assert.NotEqual(RunOutcome.Failed, run.Outcome);
        var posted = run.Counts["orders.posted"];
        Assert.True(posted > 0, "the run posted orders");
        var scrape = new PrometheusText(await http.GetStringAsync("metrics", Ct));
        TestContext.Current.TestOutputHelper?.WriteLine(scrape.Text);

        // The run: one, with its outcome and trigger, and its duration observed once.
        var outcome = SyncTelemetry.OutcomeName(run.Outcome);
        Assert.Equal(1, scrape.Sum("storebooks_sync_runs_total"));
        Assert.Equal(1, scrape.Sum("storebooks_sync_runs_total", ("outcome", outcome), ("trigger", run.Trigger)));
        Assert.Equal(1, scrape.Sum("storebooks_sync_run_duration_seconds_count", ("outcome", outcome)));
        Assert.True(scrape.Sum("storebooks_sync_run_duration_seconds_sum") > 0);

        // Its orders, as the run log counts them.
        Assert.Equal(posted, scrape.Sum("storebooks_sync_orders_total", ("result", "posted")));
        Assert.Equal(run.Counts.GetValueOrDefault("orders.failed"), scrape.Sum("storebooks_sync_orders_total", ("result", "failed")));
        Assert.Equal(run.Counts.GetValueOrDefault("orders.waiting"), scrape.Sum("storebooks_sync_orders_total", ("result", "waiting")));
        Assert.Equal(run.Counts.Where(c => c.Key.StartsWith("orders.", StringComparison.Ordinal)).Sum(c => c.Value), scrape.Sum("storebooks_sync_orders_total"));

        // Every QuickBooks call the emulator served for the company, by status, and each one's latency.
        var served = rig.Emulator.Qbo.Traffic.GetCounters(realm);
        Assert.Equal(served.Requests, scrape.Sum("storebooks_qbo_calls_total"));
        Assert.Equal(served.Requests, scrape.Sum("storebooks_qbo_calls_total", ("status", "200")));
        Assert.Equal(served.Requests, scrape.Sum("storebooks_qbo_call_duration_seconds_count"));
        Assert.Contains("Item", scrape.LabelValues("storebooks_qbo_calls_total", "entity"));
        // A batch's size is not a label value: each value comes from a small set.
        Assert.Equal(served.BatchRequests, scrape.Sum("storebooks_qbo_calls_total", ("entity", "Batch"), ("operation", "batch")));
        Assert.DoesNotContain(scrape.LabelValues("storebooks_qbo_calls_total", "operation"), operation => operation.Contains(' ', StringComparison.Ordinal));

        // The company's lock, taken once without waiting for another run; nothing queued now.
        Assert.Equal(1, scrape.Sum("storebooks_connection_lock_wait_duration_seconds_count", ("acquired", "true")));
        Assert.Equal(0, scrape.Sum("storebooks_connection_lock_wait_duration_seconds_count", ("acquired", "false")));
        Assert.True(scrape.Has("storebooks_sync_queued"), "the queue gauge is reported");
        Assert.Equal(0, scrape.Sum("storebooks_sync_queued"));

        // No connection, workspace or realm in any series.
        Assert.DoesNotContain(connection.Id.ToString(), scrape.Text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(realm, scrape.Text, StringComparison.Ordinal);
    }
}
