using StoreBooks.Core.State;
using StoreBooks.Hosting.Hangfire;
using StoreBooks.Hosting.Scheduling;
using StoreBooks.Hosting.Tests.Support;
using Xunit;

namespace StoreBooks.Hosting.Tests;

/// <summary>
/// Hosted mode's Hangfire engine on the real PostgreSQL with the emulators: connections synced once each by Hangfire servers,
/// one job per connection however many ask, and a refused authorization parked instead of retried.
/// </summary>
public sealed class HangfireSyncQueueTests
{
    [Fact]
    public async Task Several_connections_are_each_synced_exactly_once_by_a_hangfire_server()
    {
        await using var rig = await HostedRig.CreateAsync();
        var connections = new List<(Guid Id, string Realm)>();
        for (var i = 1; i <= 5; i++)
        {
            var realm = $"91303600000000{i:00}";
            connections.Add(((await rig.AddConnectedShopAsync($"shop-{i}", realm)).Id, realm));
        }

        // The dispatcher finds them due (never run) and queues them; the server in the same process runs them.
        var process = await rig.StartProcessAsync(ServeRole.All);
        await rig.WaitUntilSyncedAsync(connections.Select(c => c.Id), process.Engine, TimeSpan.FromSeconds(90));
        await Task.Delay(TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken); // three more dispatcher passes: nothing is due again

        var posted = new List<string>();
        foreach (var (id, realm) in connections)
        {
            var run = Assert.Single(await rig.RunsAsync(id));
            Assert.Equal(0, run.Counts.GetValueOrDefault("orders.waiting") + run.Counts.GetValueOrDefault("orders.failed"));
            TestContext.Current.TestOutputHelper?.WriteLine($"{id}: {run.StartedAt:HH:mm:ss.fff} → {run.FinishedAt:HH:mm:ss.fff} {run.Outcome} {run.Error} {string.Join(",", run.Counts.Select(c => c.Key + "=" + c.Value))}");
            Assert.True(run.Outcome != RunOutcome.Failed, $"the run of {id} failed: {run.Error}");
            var numbers = await rig.DocNumbersAsync(realm);
            Assert.NotEmpty(numbers);
            Assert.Equal(numbers.Count, numbers.Distinct().Count());
            Assert.Equal(run.Counts["orders.posted"], numbers.Count);
            if (posted.Count == 0)
            {
                posted.AddRange(numbers.Order());
            }

            Assert.Equal(posted, numbers.Order());
        }

        Assert.Equal(5, process.Monitoring.SucceededListCount());
        Assert.Empty(await process.Engine.Claims.ListAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_webhook_storm_for_one_connection_queues_one_job_whichever_process_receives_it()
    {
        await using var rig = await HostedRig.CreateAsync();
        var connection = await rig.AddConnectedShopAsync("stormy", "9130360000000100");

        // Two web processes' queues, fifty deliveries each at once.
        await using var first = await rig.OpenEngineAsync();
        await using var second = await rig.OpenEngineAsync();
        var queues = new ISyncQueue[] { new HangfireSyncQueue(first.Client, first.Claims), new HangfireSyncQueue(second.Client, second.Claims) };
        var accepted = await Task.WhenAll(Enumerable.Range(0, 100).Select(i => Task.Run(() => queues[i % 2].TryEnqueue(connection.Id, "webhook"), TestContext.Current.CancellationToken)));

        Assert.Equal(1, accepted.Count(a => a));
        var monitoring = first.Storage.GetMonitoringApi();
        Assert.Equal(1L, monitoring.EnqueuedCount(HangfireSyncQueue.WebhookQueue));
        Assert.Equal(0L, monitoring.EnqueuedCount(HangfireSyncQueue.DefaultQueue));
        Assert.Equal([connection.Id], await first.Claims.ListAsync(TestContext.Current.CancellationToken));

        // A worker runs that one job; once it is done, the connection can be queued again.
        var worker = await rig.StartProcessAsync(ServeRole.Worker);
        await rig.WaitUntilSyncedAsync([connection.Id], worker.Engine, TimeSpan.FromSeconds(60));
        Assert.Single(await rig.RunsAsync(connection.Id));
        Assert.Equal(1L, monitoring.SucceededListCount());
        Assert.True(queues[1].TryEnqueue(connection.Id, "webhook"));
    }

    /// <summary>
    /// Hangfire.PostgreSql takes a worker's waiting jobs in the order of their queues' names, whatever order the server lists its
    /// queues in: a webhook's sync, queued after three scheduled ones, must still be the first a lone worker takes.
    /// </summary>
    [Fact]
    public async Task A_webhooks_sync_is_taken_before_scheduled_syncs_queued_earlier()
    {
        await using var rig = await HostedRig.CreateAsync();
        var scheduled = new List<Guid>();
        for (var i = 1; i <= 3; i++)
        {
            scheduled.Add((await rig.AddConnectedShopAsync($"scheduled-{i}", $"91303800000000{i:00}")).Id);
        }

        var hooked = (await rig.AddConnectedShopAsync("hooked", "9130380000000099")).Id;
        await using (var web = await rig.OpenEngineAsync())
        {
            var queue = new HangfireSyncQueue(web.Client, web.Claims);
            foreach (var id in scheduled)
            {
                Assert.True(queue.TryEnqueue(id, "schedule"));
            }

            Assert.True(queue.TryEnqueue(hooked, "webhook"));
        }

        var worker = await rig.StartProcessAsync(ServeRole.Worker, "lone-worker", workers: 1);
        await rig.WaitUntilSyncedAsync([.. scheduled, hooked], worker.Engine, TimeSpan.FromSeconds(180));
        var starts = new Dictionary<Guid, DateTimeOffset>();
        foreach (var id in scheduled.Append(hooked))
        {
            starts[id] = Assert.Single(await rig.RunsAsync(id)).StartedAt;
        }

        Assert.True(starts[hooked] < scheduled.Min(id => starts[id]),
            $"the webhook's sync started at {starts[hooked]:HH:mm:ss.fff}, the scheduled ones at {string.Join(", ", scheduled.Select(id => starts[id].ToString("HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture)))}");
    }

    [Fact]
    public async Task Two_hangfire_servers_on_one_database_post_every_order_of_twenty_connections_exactly_once()
    {
        await using var rig = await HostedRig.CreateAsync();
        var connections = new List<(Guid Id, string Realm)>();
        for (var i = 1; i <= 20; i++)
        {
            var realm = $"91303700000000{i:00}";
            connections.Add(((await rig.AddConnectedShopAsync($"shop-{i}", realm)).Id, realm));
        }

        var a = await rig.StartProcessAsync(ServeRole.Worker, "worker-a");
        var b = await rig.StartProcessAsync(ServeRole.Worker, "worker-b");
        await rig.WaitUntilSyncedAsync(connections.Select(c => c.Id), a.Engine, TimeSpan.FromSeconds(420));
        await Task.Delay(TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken);

        IReadOnlyList<string>? first = null;
        foreach (var (id, realm) in connections)
        {
            var run = Assert.Single(await rig.RunsAsync(id));
            Assert.Equal(0, run.Counts.GetValueOrDefault("orders.waiting") + run.Counts.GetValueOrDefault("orders.failed"));
            TestContext.Current.TestOutputHelper?.WriteLine($"{id}: {run.StartedAt:HH:mm:ss.fff} → {run.FinishedAt:HH:mm:ss.fff} {run.Outcome} {run.Error} {string.Join(",", run.Counts.Select(c => c.Key + "=" + c.Value))}");
            Assert.True(run.Outcome != RunOutcome.Failed, $"the run of {id} failed: {run.Error}");
            var numbers = (await rig.DocNumbersAsync(realm)).Order().ToList();
            Assert.NotEmpty(numbers);
            Assert.Equal(numbers.Count, numbers.Distinct().Count());
            Assert.Equal(run.Counts["orders.posted"], numbers.Count);
            first ??= numbers;
            Assert.Equal(first, numbers);
        }

        // Both servers took jobs: Hangfire records which server processed each.
        var monitoring = a.Monitoring;
        Assert.Equal(20L, monitoring.SucceededListCount());
        var servers = monitoring.SucceededJobs(0, 100)
            .SelectMany(job => monitoring.JobDetails(job.Key).History)
            .Where(state => state.StateName == "Processing")
            .Select(state => state.Data["ServerId"].Split(':')[0])
            .ToHashSet();
        Assert.Equal(["worker-a", "worker-b"], servers.Order());
    }

    [Fact]
    public async Task A_refused_quickbooks_authorization_parks_the_connection_instead_of_retrying()
    {
        await using var rig = await HostedRig.CreateAsync();
        var connection = await rig.AddConnectedShopAsync("revoked", "9130380000000001");
        Assert.True(rig.Emulator.Qbo.OAuth.Revoke(rig.Emulator.Qbo.Options.ClientId, rig.LastIssued!.RefreshToken));

        var process = await rig.StartProcessAsync(ServeRole.All);
        await rig.WaitUntilSyncedAsync([connection.Id], process.Engine, TimeSpan.FromSeconds(60));

        var run = Assert.Single(await rig.RunsAsync(connection.Id));
        Assert.Equal(RunOutcome.Failed, run.Outcome);
        Assert.Contains("Reconnect", run.Error, StringComparison.Ordinal);
        var schedule = await rig.State.Schedule.GetAsync(connection.Id, TestContext.Current.CancellationToken);
        Assert.True(schedule!.NextSyncAt > DateTimeOffset.UtcNow.AddHours(12), $"next sync at {schedule.NextSyncAt}");
        var stats = process.Monitoring.GetStatistics();
        Assert.True(stats.Succeeded == 1 && stats.Scheduled == 0 && stats.Failed == 0, $"succeeded {stats.Succeeded}, scheduled {stats.Scheduled}, failed {stats.Failed}");
    }

    [Fact]
    public void Stops_are_sorted_into_retry_park_or_nothing()
    {
        Assert.Equal(SyncStop.None, SyncStops.Of(null));
        Assert.Equal(SyncStop.AuthorizationRevoked, SyncStops.Of(new StoreBooks.QuickBooks.OAuth.QboReconnectRequiredException("c", "refresh token revoked")));
        Assert.Equal(SyncStop.Transient, SyncStops.Of(new HttpRequestException("connection refused")));
        Assert.Equal(SyncStop.None, SyncStops.Of(new InvalidOperationException("a bug")));
    }
}
