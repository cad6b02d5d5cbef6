using StoreBooks.Core.State;
using StoreBooks.Emulators.Qbo.Traffic;
using StoreBooks.Hosting.Scheduling;
using StoreBooks.Hosting.Sources;
using StoreBooks.Hosting.Tests.Support;
using StoreBooks.Storage;
using StoreBooks.Sync;
using StoreBooks.Sync.Connections;
using Xunit;

namespace StoreBooks.Hosting.Tests;

/// <summary>
/// A large store's backfill in slices: each run stops after its slice and saves where the next goes on, every order ends in
/// QuickBooks exactly once whatever stops between or inside the slices, and on a single Hangfire worker the small stores queued
/// behind a large one are synced before the large one's backfill is done.
/// </summary>
public sealed class SlicedSyncTests
{
    private const int Generated = 300;
    private const int SliceOrders = 50;

    [Fact]
    public async Task A_backfill_in_slices_of_fifty_posts_every_order_once_across_slices_and_a_stop_between_or_inside_slices_loses_nothing()
    {
        var cancel = TestContext.Current.CancellationToken;
        await using var rig = await HostedRig.CreateAsync(o => o with { Shopify = o.Shopify with { GeneratedOrders = Generated } });
        const string slicedRealm = "9130400000000001";
        const string controlRealm = "9130400000000002";
        var sliced = await rig.AddConnectedShopAsync("sliced", slicedRealm);
        var control = await rig.AddConnectedShopAsync("control", controlRealm);
        var slice = new SyncSlice(SliceOrders, TimeSpan.FromHours(1));

        // Each "process" has its own state store and jobs, as a worker of hosted mode has; a new one is a restart.
        var process = await ProcessAsync(rig);
        var results = new List<SyncJobResult>();
        var stoppedInside = false;
        var triedInside = false;
        for (var i = 0; results.Count == 0 || results[^1].MoreToDo; i++)
        {
            Assert.True(i < 40, $"the backfill did not end in 40 slices ({results.Count} ran)");
            if (i == 2)
            {
                // Between two slices the worker goes away; another one takes the next slice from the saved position.
                await process.DisposeAsync();
                process = await ProcessAsync(rig);
            }

            if (i == 3 && !triedInside)
            {
                triedInside = true;
                // Inside a slice the worker stops (its job cancelled) once some of the slice's documents are in QuickBooks: the
                // run is closed, and the next slice, in a new process, goes on from what was saved.
                rig.Emulator.Qbo.Traffic.SetFaults(slicedRealm, new QboFaultSettings { LatencyMs = 150 });
                var before = (await rig.DocNumbersAsync(slicedRealm)).Count;
                using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
                var running = process.Jobs.RunAsync(sliced.Id, "schedule", slice, stop.Token);
                await HostedRig.WaitUntilAsync(async () => running.IsCompleted || (await rig.DocNumbersAsync(slicedRealm)).Count > before, TimeSpan.FromSeconds(60), "the slice to post a document");
                await stop.CancelAsync();
                try
                {
                    results.Add(await running);
                }
                catch (OperationCanceledException)
                {
                    stoppedInside = true;
                }

                rig.Emulator.Qbo.Traffic.SetFaults(slicedRealm, new QboFaultSettings());
                await process.DisposeAsync();
                process = await ProcessAsync(rig);
                continue;
            }

            results.Add(await process.Jobs.RunAsync(sliced.Id, "schedule", slice, cancel));
        }

        var controlResult = await process.Jobs.RunAsync(control.Id, "schedule", cancel);
        await process.DisposeAsync();

        Assert.All(results, r => Assert.True(r.Status == SyncJobStatus.Ran && r.StoppedBy is null && r.Run!.Outcome != RunOutcome.Failed, $"a slice ended {r.Run?.Outcome}: {r.Run?.Error}"));
        Assert.False(controlResult.MoreToDo);
        Assert.Equal(RunOutcome.Succeeded, controlResult.Run!.Outcome);

        // Every slice stopped at its size, and the backfill took as many slices as its orders need.
        var posted = results.Select(r => r.Run!.Counts.GetValueOrDefault("orders.posted")).ToList();
        Assert.All(posted, p => Assert.InRange(p, 0, SliceOrders));
        var controlPosted = controlResult.Run.Counts["orders.posted"];
        Assert.True(controlPosted > 4 * SliceOrders, $"the control posted {controlPosted} orders");
        Assert.True(results.Count(r => r.MoreToDo) >= controlPosted / SliceOrders - 1, $"{results.Count} slices for {controlPosted} orders");

        // Every order once: the documents are those of the unsliced control, none twice, and what the slices say they posted.
        var numbers = await rig.DocNumbersAsync(slicedRealm);
        Assert.Equal(numbers.Count, numbers.Distinct().Count());
        Assert.Equal((await rig.DocNumbersAsync(controlRealm)).Order(), numbers.Order());
        var runs = await rig.RunsAsync(sliced.Id, 100);
        foreach (var run in runs.OrderBy(r => r.StartedAt))
        {
            TestContext.Current.TestOutputHelper?.WriteLine($"{run.Outcome} {run.Error} {string.Join(",", run.Counts.Select(c => c.Key + "=" + c.Value))}");
        }

        // A stopped slice may not count what it had in flight (the next finds it done in QuickBooks, unchanged): at most a slice.
        var counted = runs.Sum(r => r.Counts.GetValueOrDefault("orders.posted"));
        if (stoppedInside)
        {
            Assert.InRange(counted, numbers.Count - SliceOrders, numbers.Count);
        }
        else
        {
            Assert.Equal(numbers.Count, counted);
        }

        Assert.Equal(controlPosted, numbers.Count);
        Assert.True(runs.All(r => r.Outcome != RunOutcome.Running));
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{controlPosted} orders; {results.Count} slices posted {string.Join(", ", posted)}; a slice stopped inside: {stoppedInside}; {runs.Count} runs recorded.");
    }

    [Fact]
    public async Task On_one_hangfire_worker_small_stores_queued_behind_a_large_backfill_are_synced_before_it_is_done()
    {
        var cancel = TestContext.Current.CancellationToken;
        await using var rig = await HostedRig.CreateAsync();
        await using var largeShop = await HostedRig.StartLargeShopAsync(Generated);
        var large = await rig.AddConnectedShopAsync("large", "9130410000000001", largeShop);
        // The large store's QuickBooks answers slowly, so its first slice still runs when the small stores are queued.
        rig.Emulator.Qbo.Traffic.SetFaults("9130410000000001", new QboFaultSettings { LatencyMs = 100 });

        // One worker: the large store's first slice takes it; the small stores are queued meanwhile (due: never run).
        var worker = await rig.StartProcessAsync(ServeRole.All, "single", workers: 1, slice: new SyncSlice(SliceOrders, TimeSpan.FromHours(1)));
        await HostedRig.WaitUntilAsync(async () => (await rig.RunsAsync(large.Id)).Count > 0, TimeSpan.FromSeconds(60), "the large store's first slice to start");
        var small = new List<Guid>();
        for (var i = 1; i <= 3; i++)
        {
            small.Add((await rig.AddConnectedShopAsync($"small-{i}", $"91304100000000{i + 1:00}")).Id);
        }

        await rig.WaitUntilSyncedAsync([large.Id, .. small], worker.Engine, TimeSpan.FromSeconds(300));
        var largeRuns = (await rig.RunsAsync(large.Id, 100)).OrderBy(r => r.StartedAt).ToList();
        Assert.True(largeRuns.Count >= 3, $"the large store's backfill ran in {largeRuns.Count} slice(s)");
        Assert.All(largeRuns, r => Assert.True(r.Outcome == RunOutcome.Succeeded, $"a slice of the large store ended {r.Outcome}: {r.Error}"));

        // The small stores' runs all ended before the large store's second slice began: its rest went to the back of the queue.
        foreach (var id in small)
        {
            var run = Assert.Single(await rig.RunsAsync(id));
            Assert.True(run.Outcome == RunOutcome.Succeeded, $"a small store's run ended {run.Outcome}: {run.Error}");
            Assert.True(run.FinishedAt <= largeRuns[1].StartedAt, $"a small store's run ended at {run.FinishedAt:HH:mm:ss.fff}, after the large store's second slice began at {largeRuns[1].StartedAt:HH:mm:ss.fff}");
        }

        // The large store's orders are in QuickBooks once each, and one job at most was queued for it at any time: every job is done.
        var numbers = await rig.DocNumbersAsync("9130410000000001");
        Assert.Equal(numbers.Count, numbers.Distinct().Count());
        Assert.Equal(numbers.Count, largeRuns.Sum(r => r.Counts.GetValueOrDefault("orders.posted")));
        Assert.True(numbers.Count > 4 * SliceOrders, $"{numbers.Count} documents");
        Assert.Equal(largeRuns.Count + small.Count, worker.Monitoring.SucceededListCount());
        Assert.Empty(await worker.Engine.Claims.ListAsync(cancel));
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"large store: {numbers.Count} orders in {largeRuns.Count} slices ({string.Join(", ", largeRuns.Select(r => r.Counts.GetValueOrDefault("orders.posted")))}).");
    }

    private static async Task<JobsProcess> ProcessAsync(HostedRig rig)
    {
        var state = await StateStore.OpenPostgresAsync(rig.Database.ConnectionString, rig.Key, TimeProvider.System, CancellationToken.None);
        return new JobsProcess(state, new SyncJobs(state, new QuickBooksConnections(state), new SourceFactory(), new InProcessConnectionLock()));
    }

    private sealed record JobsProcess(IStateStore State, SyncJobs Jobs) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => State.DisposeAsync();
    }
}
