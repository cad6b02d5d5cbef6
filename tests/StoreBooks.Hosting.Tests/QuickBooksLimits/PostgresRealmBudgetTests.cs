using StoreBooks.Hosting.QuickBooksLimits;
using StoreBooks.Hosting.Tests.Support;
using Xunit;

namespace StoreBooks.Hosting.Tests.QuickBooksLimits;

/// <summary>
/// QuickBooks' per-company limits kept across processes through PostgreSQL: two processes' budgets (each its own
/// <see cref="StoreBooks.QuickBooks.Http.QboRealmLimits"/>, clients and connection pool, one database) call one company of the
/// emulator at once, and the emulator's own counters say whether the company ever saw more than its limits.
/// </summary>
public sealed class PostgresRealmBudgetTests
{
    private const int CallsEach = 60;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_processes_sharing_the_budget_stay_within_the_companys_limits()
    {
        await using var rig = await SharedBudgetRig.CreateAsync(Ct);
        var first = await rig.ProcessClientAsync(rig.Budget(), Ct);
        var second = await rig.ProcessClientAsync(rig.Budget(), Ct);

        var throttled = await rig.HammerAsync(first, second, CallsEach, Ct);
        var counters = rig.Counters;
        Report(counters, throttled, "shared budget");

        Assert.Equal(0, throttled);
        Assert.Equal(0, counters.Throttled);
        Assert.Equal(2 * CallsEach, counters.Served);
        Assert.InRange(counters.PeakInFlight, 1, SharedBudgetRig.EmulatorLimits.MaxInFlight);
        Assert.InRange(counters.PeakInWindow, 1, SharedBudgetRig.EmulatorLimits.RequestsPerWindow);
        // Nothing is left held once every response has been read (each slot's row deleted).
        Assert.Equal(0L, await rig.Database.ScalarAsync<long>("SELECT count(*) FROM qbo_realm_slots;"));
    }

    [Fact]
    public async Task Two_processes_each_with_only_its_own_budget_overrun_the_company()
    {
        // The control for the test above: the same traffic, each process keeping the limits alone, exceeds them.
        await using var rig = await SharedBudgetRig.CreateAsync(Ct);
        var first = await rig.ProcessClientAsync(shared: null, Ct);
        var second = await rig.ProcessClientAsync(shared: null, Ct);

        var throttled = await rig.HammerAsync(first, second, CallsEach, Ct);
        var counters = rig.Counters;
        Report(counters, throttled, "each process alone");

        Assert.True(throttled > 0, "two processes with 10 in flight each should have drawn 429s from a company that allows 10");
        Assert.Equal(throttled, counters.Throttled);
        Assert.True(
            counters.PeakInFlight > SharedBudgetRig.EmulatorLimits.MaxInFlight || counters.PeakInWindow > SharedBudgetRig.EmulatorLimits.RequestsPerWindow,
            $"the company should have been asked for more than its limits (peak in flight {counters.PeakInFlight}, peak in window {counters.PeakInWindow})");
    }

    [Fact]
    public async Task Two_processes_sharing_the_budget_stay_within_the_companys_batch_window_and_alone_they_overrun_it()
    {
        const int batchesEach = 8;
        await using var shared = await SharedBudgetRig.CreateAsync(Ct);
        var throttled = await shared.HammerBatchesAsync(
            await shared.ProcessClientAsync(shared.Budget(), Ct), await shared.ProcessClientAsync(shared.Budget(), Ct), batchesEach, Ct);
        var counters = shared.Counters;
        Report(counters, throttled, "shared budget, batches");

        await using var alone = await SharedBudgetRig.CreateAsync(Ct);
        var controlThrottled = await alone.HammerBatchesAsync(
            await alone.ProcessClientAsync(shared: null, Ct), await alone.ProcessClientAsync(shared: null, Ct), batchesEach, Ct);
        Report(alone.Counters, controlThrottled, "each process alone, batches");

        // 4 batch requests per 2 s for the company: shared, every batch is admitted; each process alone, they draw 429s.
        Assert.Equal(0, throttled);
        Assert.Equal(0, counters.Throttled);
        Assert.Equal(2 * batchesEach, counters.BatchRequests);
        Assert.True(controlThrottled > 0, "two processes with 4 batches per window each should have drawn 429s from a company that allows 4");
    }

    [Fact]
    public async Task A_killed_holders_slots_come_back_when_their_lease_expires()
    {
        await using var rig = await SharedBudgetRig.CreateAsync(Ct);
        var lease = TimeSpan.FromSeconds(2);
        var killed = rig.Budget(slotLease: lease);
        var held = new List<IAsyncDisposable>();
        for (var i = 0; i < SharedBudgetRig.ClientLimits.MaxInFlight; i++)
        {
            held.Add(await killed.TakeSlotAsync(rig.RealmId, Ct));
        }

        // The process dies mid-request: it stops renewing and never gives its slots back.
        await killed.DisposeAsync();
        var expiries = await rig.Database.ScalarAsync<DateTime[]>($"SELECT array_agg(expires_at ORDER BY expires_at) FROM qbo_realm_slots WHERE realm_id = '{rig.RealmId}';");

        // A long lease, never renewed during the test: its expiry less the lease is when it was granted.
        var survivor = rig.Budget(slotLease: TimeSpan.FromMinutes(5));
        var taken = new List<IAsyncDisposable>();
        for (var i = 0; i < SharedBudgetRig.ClientLimits.MaxInFlight; i++)
        {
            taken.Add(await survivor.TakeSlotAsync(rig.RealmId, Ct));
        }

        // The survivor's n-th slot was granted no earlier than the killed holder's n-th slot expired: never more than the limit live.
        var granted = await rig.Database.ScalarAsync<DateTime[]>($"SELECT array_agg(expires_at - interval '5 minutes' ORDER BY expires_at) FROM qbo_realm_slots WHERE realm_id = '{rig.RealmId}';");
        Assert.Equal(expiries.Length, granted.Length);
        for (var i = 0; i < granted.Length; i++)
        {
            Assert.True(granted[i] >= expiries[i], $"slot {i + 1} was granted at {granted[i]:O}, before the killed holder's slot {i + 1} expired at {expiries[i]:O}");
        }

        Assert.Equal((long)SharedBudgetRig.ClientLimits.MaxInFlight, await rig.Database.ScalarAsync<long>($"SELECT count(*) FROM qbo_realm_slots WHERE realm_id = '{rig.RealmId}';"));
        Assert.Equal(SharedBudgetRig.ClientLimits.MaxInFlight, survivor.SlotsHeld);

        foreach (var slot in taken)
        {
            await slot.DisposeAsync();
        }

        Assert.Equal(0, survivor.SlotsHeld);
        Assert.Equal(0L, await rig.Database.ScalarAsync<long>("SELECT count(*) FROM qbo_realm_slots;"));
    }

    [Fact]
    public async Task A_slot_given_back_is_taken_by_another_process_at_once()
    {
        await using var rig = await SharedBudgetRig.CreateAsync(Ct);
        var lease = TimeSpan.FromMinutes(5);
        var holder = rig.Budget(slotLease: lease);
        var held = new List<IAsyncDisposable>();
        for (var i = 0; i < SharedBudgetRig.ClientLimits.MaxInFlight; i++)
        {
            held.Add(await holder.TakeSlotAsync(rig.RealmId, Ct));
        }

        var other = rig.Budget(slotLease: lease);
        var waiting = other.TakeSlotAsync(rig.RealmId, Ct).AsTask();
        await held[0].DisposeAsync();
        var slot = await waiting;

        // Granted long before any lease could have expired: the slot given back made room.
        Assert.Equal(1, other.SlotsHeld);
        Assert.Equal(SharedBudgetRig.ClientLimits.MaxInFlight - 1, holder.SlotsHeld);
        Assert.Equal((long)SharedBudgetRig.ClientLimits.MaxInFlight, await rig.Database.ScalarAsync<long>("SELECT count(*) FROM qbo_realm_slots WHERE expires_at > clock_timestamp();"));
        await slot.DisposeAsync();
    }

    [Fact]
    public async Task Permits_granted_to_several_processes_never_exceed_the_limit_within_the_lookback()
    {
        await using var rig = await SharedBudgetRig.CreateAsync(Ct);
        var budgets = new[] { rig.Budget(), rig.Budget(), rig.Budget() };
        var limit = SharedBudgetRig.ClientLimits.RequestsPerWindow;

        // Ask for more than a window's worth at once: the first window's worth is granted, the rest wait for segments to leave
        // (and every request gets its permit in the end).
        await Task.WhenAll(Enumerable.Range(0, limit + 5).Select(i => budgets[i % budgets.Length].TakePermitAsync(rig.RealmId, Ct).AsTask()));

        var lookback = budgets[0].Lookback;
        var overlapping = await rig.Database.ScalarAsync<long>(
            $"SELECT coalesce(max(w.sum), 0)::bigint FROM (SELECT sum(b.taken) OVER (ORDER BY b.segment_start RANGE BETWEEN interval '{(long)lookback.TotalMilliseconds - 1} milliseconds' PRECEDING AND CURRENT ROW) AS sum FROM qbo_realm_permits b WHERE b.realm_id = '{rig.RealmId}') w;");
        Assert.InRange(overlapping, 1, limit);
    }

    private static void Report(StoreBooks.Emulators.Qbo.Traffic.QboTrafficCounters counters, int throttled, string what) =>
        TestContext.Current.TestOutputHelper?.WriteLine($"{what}: served {counters.Served}, 429s {throttled}, peak in flight {counters.PeakInFlight}, peak in window {counters.PeakInWindow}");
}

/// <summary>A serve process of hosted mode (the test rig's, made as <c>serve --database</c> makes it) keeps its syncs' calls in the shared budget.</summary>
public sealed class HostedSharedBudgetTests
{
    [Fact]
    public async Task A_hosted_sync_takes_a_permit_from_postgresql_for_every_call_to_quickbooks()
    {
        await using var rig = await HostedRig.CreateAsync();
        const string realm = "9130360000000900";
        var connection = await rig.AddConnectedShopAsync("budgeted", realm);

        var process = await rig.StartProcessAsync(StoreBooks.Hosting.Scheduling.ServeRole.All);
        await rig.WaitUntilSyncedAsync([connection.Id], process.Engine, TimeSpan.FromSeconds(90));

        var run = Assert.Single(await rig.RunsAsync(connection.Id));
        Assert.True(run.Counts.GetValueOrDefault("orders.posted") > 0, "the sync posted orders");
        var calls = rig.Emulator.Qbo.Traffic.GetCounters(realm).Requests;
        var permits = await rig.Database.ScalarAsync<long>($"SELECT coalesce(sum(taken), 0)::bigint FROM qbo_realm_permits WHERE realm_id = '{realm}';");
        TestContext.Current.TestOutputHelper?.WriteLine($"calls to QuickBooks {calls}, permits granted {permits}");
        Assert.True(calls > 0, "the sync called QuickBooks");
        Assert.InRange(permits, calls, long.MaxValue);
        Assert.Equal(0L, await rig.Database.ScalarAsync<long>("SELECT count(*) FROM qbo_realm_slots;"));
    }
}
