using System.Security.Cryptography;
using StoreBooks.Core.State;
using StoreBooks.Emulators.Qbo.Traffic;
using StoreBooks.Hosting.Tests.Support;
using StoreBooks.Testing;
using Xunit;

namespace StoreBooks.Hosting.Tests;

/// <summary>
/// Two real <c>storebooks serve --role worker</c> processes on one PostgreSQL database: the first is killed with SIGKILL in the
/// middle of a sync, the second runs the job again and finishes it, and QuickBooks ends with every order once. The killed process
/// held QuickBooks slots of the company in the shared budget when it died: the second works in what is left until their leases
/// run out, and the company never has more than 10 calls in flight.
/// </summary>
public sealed class KilledWorkerTests
{
    private const string Realm = "9130390000000001";

    [Fact]
    public async Task A_worker_killed_mid_sync_leaves_its_job_to_another_process_which_posts_the_rest_and_nothing_twice()
    {
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        await using var rig = await HostedRig.CreateAsync(keyBase64: key);
        var connection = await rig.AddConnectedShopAsync("killed-mid-sync", Realm);
        // Every QuickBooks call of this company takes a while, so the sync is still posting when the first worker dies.
        rig.Emulator.Qbo.Traffic.SetFaults(Realm, new QboFaultSettings { LatencyMs = 400 });

        using var homes = new TemporaryHomes();
        var first = Worker(rig, key, homes.New("first"));
        using var firstProcess = first.Start(WorkerArguments(rig));
        await HostedRig.WaitUntilAsync(
            async () => (await rig.DocNumbersAsync(Realm)).Count >= 2 && await HeldSlotsAsync(rig) > 0,
            TimeSpan.FromSeconds(120),
            "the first worker to post two documents while holding QuickBooks slots",
            () => Task.FromResult(firstProcess.HasExited ? firstProcess.Result().ToString() : "running"));
        Assert.True(await firstProcess.KillAsync(), $"the first worker had ended by itself: {firstProcess.Result()}");
        var deadSlots = await HeldSlotsAsync(rig);
        var atKill = await rig.DocNumbersAsync(Realm);
        var killedRun = Assert.Single(await rig.RunsAsync(connection.Id));
        Assert.Equal(RunOutcome.Running, killedRun.Outcome);

        var second = Worker(rig, key, homes.New("second"));
        using var secondProcess = second.Start(WorkerArguments(rig));
        await using var engine = await rig.OpenEngineAsync();
        await HostedRig.WaitUntilAsync(
            async () => (await rig.RunsAsync(connection.Id)).Any(r => r.Id != killedRun.Id && r.Outcome != RunOutcome.Running) &&
                (await engine.Claims.ListAsync(CancellationToken.None)).Count == 0,
            TimeSpan.FromSeconds(180),
            "the second worker to finish the sync",
            () => Task.FromResult(secondProcess.HasExited ? secondProcess.Result().ToString() : "running"));
        await secondProcess.KillAsync();

        // The killed process's slots were never given back; they expired, and the company stayed within QuickBooks' 10 in flight.
        Assert.InRange(deadSlots, 1, 10);
        Assert.InRange(rig.Emulator.Qbo.Traffic.GetCounters(Realm).PeakInFlight, 1, 10);
        Assert.Equal(0, rig.Emulator.Qbo.Traffic.GetCounters(Realm).Throttled);

        var runs = await rig.RunsAsync(connection.Id);
        var finished = Assert.Single(runs, r => r.Id != killedRun.Id);
        Assert.True(finished.Outcome == RunOutcome.Succeeded, $"the second worker's run ended {finished.Outcome}: {finished.Error}");
        Assert.Equal(0, finished.Counts.GetValueOrDefault("orders.waiting") + finished.Counts.GetValueOrDefault("orders.failed"));
        Assert.Equal(RunOutcome.Abandoned, runs.Single(r => r.Id == killedRun.Id).Outcome);

        var numbers = await rig.DocNumbersAsync(Realm);
        Assert.Equal(numbers.Count, numbers.Distinct().Count());
        Assert.Superset(atKill.ToHashSet(), numbers.ToHashSet());
        Assert.True(numbers.Count > atKill.Count, $"the second worker posted nothing after the kill ({atKill.Count} documents then, {numbers.Count} now)");
        // Every order of the shop is in QuickBooks once: the same documents a connection synced without a kill ends with.
        var control = await rig.AddConnectedShopAsync("never-killed", "9130390000000002");
        var control2 = Worker(rig, key, homes.New("control"));
        using var controlProcess = control2.Start(WorkerArguments(rig));
        await HostedRig.WaitUntilAsync(async () => (await rig.RunsAsync(control.Id)).Any(r => r.Outcome != RunOutcome.Running), TimeSpan.FromSeconds(180),
            "the control connection to sync", () => Task.FromResult(controlProcess.HasExited ? controlProcess.Result().ToString() : "running"));
        var controlRun = (await rig.RunsAsync(control.Id)).First(r => r.Outcome != RunOutcome.Running);
        Assert.True(controlRun.Outcome == RunOutcome.Succeeded, $"the control run ended {controlRun.Outcome}: {controlRun.Error}");
        Assert.Equal((await rig.DocNumbersAsync("9130390000000002")).Order(), numbers.Order());
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{atKill.Count} documents when the first worker was killed holding {deadSlots} QuickBooks slot(s); {numbers.Count} after the second finished; " +
            $"the second run posted {finished.Counts.GetValueOrDefault("orders.posted")}.");
    }

    /// <summary>The company's unexpired slots in the shared QuickBooks budget (calls in flight, whoever holds them).</summary>
    private static Task<long> HeldSlotsAsync(HostedRig rig) =>
        rig.Database.ScalarAsync<long>($"SELECT count(*) FROM qbo_realm_slots WHERE realm_id = '{Realm}' AND expires_at > clock_timestamp();");

    private static string[] WorkerArguments(HostedRig rig) =>
        ["serve", "--database", rig.Database.ConnectionString, "--role", "worker", "--workers", "2", "--dispatch-every", "1", "--lost-job-after", "5", "--urls", "http://127.0.0.1:0"];

    private static StorebooksProgram Worker(HostedRig rig, string key, string home) =>
        new(home, new Dictionary<string, string> { [StoreBooks.Storage.Secrets.OperatorKeys.KeyVariable] = key });
}
