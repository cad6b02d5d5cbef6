using System.Diagnostics;
using StoreBooks.Core.State;
using StoreBooks.Hosting.Scheduling;
using StoreBooks.Hosting.Tests.Support;
using Xunit;

namespace StoreBooks.Hosting.Tests;

/// <summary>
/// Two worker processes on one database share two hundred connections, each a small shop: every connection synced by one job,
/// its orders in its QuickBooks company once each, and both processes took jobs.
/// </summary>
public sealed class ManyConnectionsTests
{
    private const int Connections = 200;

    [Fact]
    public async Task Two_worker_processes_share_two_hundred_connections_and_post_each_ones_orders_exactly_once()
    {
        var cancel = TestContext.Current.CancellationToken;
        // A shop of a few generated orders, read by every connection as its own shop.
        await using var rig = await HostedRig.CreateAsync(o => o with { Shopify = o.Shopify with { DemoData = false, GeneratedOrders = 3 } });
        var connections = new List<(Guid Id, string Realm)>();
        for (var i = 1; i <= Connections; i++)
        {
            var realm = $"9130420000000{i:000}";
            connections.Add(((await rig.AddConnectedShopAsync($"shop-{i}", realm)).Id, realm));
        }

        var clock = Stopwatch.StartNew();
        var a = await rig.StartProcessAsync(ServeRole.Worker, "worker-a", workers: 4);
        var b = await rig.StartProcessAsync(ServeRole.Worker, "worker-b", workers: 4);
        await rig.WaitUntilSyncedAsync(connections.Select(c => c.Id), a.Engine, TimeSpan.FromSeconds(600));
        var took = clock.Elapsed;

        IReadOnlyList<string>? first = null;
        foreach (var (id, realm) in connections)
        {
            var run = Assert.Single(await rig.RunsAsync(id));
            Assert.True(run.Outcome == RunOutcome.Succeeded, $"the run of {id} ended {run.Outcome}: {run.Error}");
            var numbers = (await rig.DocNumbersAsync(realm)).Order().ToList();
            Assert.NotEmpty(numbers);
            Assert.Equal(numbers.Count, numbers.Distinct().Count());
            Assert.Equal(run.Counts["orders.posted"], numbers.Count);
            first ??= numbers;
            Assert.Equal(first, numbers);
        }

        var monitoring = a.Monitoring;
        Assert.Equal(Connections, monitoring.SucceededListCount());
        var servers = monitoring.SucceededJobs(0, Connections)
            .SelectMany(job => monitoring.JobDetails(job.Key).History)
            .Where(state => state.StateName == "Processing")
            .Select(state => state.Data["ServerId"].Split(':')[0])
            .ToHashSet();
        Assert.Equal(["worker-a", "worker-b"], servers.Order());
        Assert.Empty(await a.Engine.Claims.ListAsync(cancel));
        TestContext.Current.TestOutputHelper?.WriteLine($"{Connections} connections of {first!.Count} orders each synced by two workers in {took.TotalSeconds:0} s.");
    }
}
