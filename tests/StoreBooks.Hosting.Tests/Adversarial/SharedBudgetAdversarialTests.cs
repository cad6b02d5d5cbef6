using System.Diagnostics;
using Npgsql;
using StoreBooks.Core.State;
using StoreBooks.Emulators.Qbo;
using StoreBooks.Emulators.Qbo.Traffic;
using StoreBooks.Hosting.QuickBooksLimits;
using StoreBooks.Hosting.Scheduling;
using StoreBooks.Hosting.Tests.QuickBooksLimits;
using StoreBooks.Hosting.Tests.Support;
using StoreBooks.QuickBooks;
using StoreBooks.QuickBooks.Errors;
using StoreBooks.QuickBooks.Http;
using StoreBooks.QuickBooks.OAuth;
using Xunit;
using static StoreBooks.Hosting.Tests.Adversarial.AdversarialRig;

namespace StoreBooks.Hosting.Tests.Adversarial;

/// <summary>
/// QuickBooks' per-company limits held across processes through PostgreSQL, attacked from the README ("QuickBooks' limits,
/// 500 requests a minute and 10 in flight per company, kept together with the other processes") on the emulator with its limits
/// scaled down (<see cref="SharedBudgetRig"/>: 40 requests per 2 s, 10 in flight), whose counters say what the company saw.
/// </summary>
public sealed class SharedBudgetAdversarialTests
{
    private static QboLimitsOptions Limits => SharedBudgetRig.ClientLimits;

    [Fact]
    public async Task Four_processes_calling_one_company_across_several_windows_never_exceed_its_limits_at_a_window_edge()
    {
        // Expected: four processes' budgets together keep the company within 40 requests in any 2 s and 10 in flight, also where
        // one window ends and the next begins (180 calls span at least four windows); every call is served; no 429; nothing held.
        await using var rig = await SharedBudgetRig.CreateAsync(Ct);
        await using var clients = await RealmClients.CreateAsync(rig);
        var processes = new List<QboClient>();
        for (var i = 0; i < 4; i++)
        {
            processes.Add(await clients.ClientAsync(rig.RealmId, rig.Budget(), noRetry: true));
        }

        foreach (var client in processes)
        {
            await client.GetCompanyInfoAsync(Ct);
        }

        rig.Emulator.Qbo.Traffic.ResetCounters(rig.RealmId);
        var throttled = 0;
        await Task.WhenAll(Enumerable.Range(0, 180).Select(async i =>
        {
            try
            {
                await processes[i % processes.Count].GetCompanyInfoAsync(Ct);
            }
            catch (QboThrottledException)
            {
                Interlocked.Increment(ref throttled);
            }
        }));

        var counters = rig.Counters;
        Log($"served {counters.Served}, 429s {throttled}/{counters.Throttled}, peak in flight {counters.PeakInFlight}, peak in window {counters.PeakInWindow}");
        Assert.Equal(0, throttled);
        Assert.Equal(0, counters.Throttled);
        Assert.Equal(180, counters.Served);
        Assert.InRange(counters.PeakInFlight, 1, SharedBudgetRig.EmulatorLimits.MaxInFlight);
        Assert.InRange(counters.PeakInWindow, 1, SharedBudgetRig.EmulatorLimits.RequestsPerWindow);
        Assert.Equal(0L, await rig.Database.ScalarAsync<long>("SELECT count(*) FROM qbo_realm_slots;"));
    }

    [Fact]
    public async Task A_company_saturated_by_three_processes_does_not_hold_up_calls_to_another_company()
    {
        // Expected: the limits are per company. While three processes use all of one company's budget (180 calls, at least nine
        // seconds of it), ten calls from the same processes to another company are not made to wait behind them: they are all
        // answered before the busy company's calls are, and neither company is throttled.
        await using var rig = await SharedBudgetRig.CreateAsync(Ct);
        const string quiet = "9131500000000099";
        rig.Emulator.Qbo.Companies.Create(QboCompanySettings.DefaultUs with { RealmId = quiet });
        await using var clients = await RealmClients.CreateAsync(rig);
        var busy = new List<QboClient>();
        var calm = new List<QboClient>();
        for (var i = 0; i < 3; i++)
        {
            // One process: one budget and one set of limits for both companies, as a serve process has.
            var budget = rig.Budget();
            var limits = clients.Limits(budget);
            busy.Add(await clients.ClientAsync(rig.RealmId, limits, noRetry: true));
            calm.Add(await clients.ClientAsync(quiet, limits, noRetry: true));
        }

        var hammer = Task.WhenAll(Enumerable.Range(0, 180).Select(i => busy[i % 3].GetCompanyInfoAsync(Ct)));
        await HostedRig.WaitUntilAsync(() => Task.FromResult(rig.Counters.Served >= 60 || hammer.IsCompleted), TimeSpan.FromSeconds(60), "the busy company's budget to be in use");
        for (var i = 0; i < 10; i++)
        {
            await calm[i % 3].GetCompanyInfoAsync(Ct);
        }

        var busyWhenCalmDone = rig.Counters.Served;
        Assert.False(hammer.IsCompleted, $"the other company's ten calls were answered only after the busy company's 180 ({busyWhenCalmDone} served then)");
        await hammer;
        var calmCounters = rig.Emulator.Qbo.Traffic.GetCounters(quiet);
        Log($"busy company served {busyWhenCalmDone} when the quiet one's 10 were done; quiet: served {calmCounters.Served}, 429s {calmCounters.Throttled}");
        Assert.Equal(10, calmCounters.Served);
        Assert.Equal(0, calmCounters.Throttled);
        Assert.Equal(0, rig.Counters.Throttled);
    }

    [Fact]
    public async Task Realm_ids_with_quotes_wildcards_backslashes_and_accents_each_have_a_budget_of_their_own()
    {
        // Expected: a realm id is a key, compared exactly: a quote does not break the SQL, "%" and "_" are not patterns that take
        // another realm's slots, and each id gets its own ten slots, stored under exactly that id.
        await using var rig = await SharedBudgetRig.CreateAsync(Ct);
        string[] realms = ["4620816365", "46208%", "46208_", "4620816365' OR '1'='1", "realm\\with\\backslashes", "réalm-ü-\"quoted\"", "4620816365 "];
        var lease = TimeSpan.FromMinutes(5);
        var holder = rig.Budget(slotLease: lease);
        var held = new List<IAsyncDisposable>();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        deadline.CancelAfter(TimeSpan.FromSeconds(60));
        foreach (var realm in realms)
        {
            for (var i = 0; i < Limits.MaxInFlight; i++)
            {
                try
                {
                    held.Add(await holder.TakeSlotAsync(realm, deadline.Token));
                }
                catch (OperationCanceledException) when (!Ct.IsCancellationRequested)
                {
                    Assert.Fail($"slot {i + 1} of realm [{realm}] was not granted: another realm's slots count against it");
                }
            }

            await holder.TakePermitAsync(realm, deadline.Token);
        }

        Assert.Equal(realms.Length * Limits.MaxInFlight, holder.SlotsHeld);
        var stored = new Dictionary<string, long>(StringComparer.Ordinal);
        await using (var db = new NpgsqlConnection(rig.Database.ConnectionString))
        {
            await db.OpenAsync(Ct);
            await using var read = new NpgsqlCommand("SELECT realm_id, count(*) FROM qbo_realm_slots GROUP BY realm_id", db);
            await using var reader = await read.ExecuteReaderAsync(Ct);
            while (await reader.ReadAsync(Ct))
            {
                stored[reader.GetString(0)] = reader.GetInt64(1);
            }
        }

        Assert.Equal(realms.Order(StringComparer.Ordinal), stored.Keys.Order(StringComparer.Ordinal));
        Assert.All(stored.Values, count => Assert.Equal(Limits.MaxInFlight, count));

        // Each realm is full now: one more slot of the plain id waits (its ten are held), whatever the others hold.
        var other = rig.Budget(slotLease: lease);
        using var brief = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        brief.CancelAfter(TimeSpan.FromSeconds(3));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await other.TakeSlotAsync("4620816365", brief.Token));

        foreach (var slot in held)
        {
            await slot.DisposeAsync();
        }

        Assert.Equal(0L, await rig.Database.ScalarAsync<long>("SELECT count(*) FROM qbo_realm_slots;"));
    }

    [Fact]
    public async Task A_budget_disposed_while_its_requests_are_in_flight_gives_its_slots_back_after_their_lease_and_its_calls_end()
    {
        // Expected (README: the slots of a holder that is gone come back after their lease): a process's budget is disposed while
        // ten of its requests are still being answered; another process then gets all ten slots once the lease has run out, and
        // the disposed process's calls end (answered or failed), none left hanging.
        await using var rig = await SharedBudgetRig.CreateAsync(Ct);
        await using var clients = await RealmClients.CreateAsync(rig);
        // Made here, not by the rig: the test disposes it, as a process that goes away would.
        var doomed = new PostgresRealmBudget(rig.Database.ConnectionString, Limits, TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(10));
        var client = await clients.ClientAsync(rig.RealmId, doomed, noRetry: true);
        await client.GetCompanyInfoAsync(Ct);
        rig.Emulator.Qbo.Traffic.SetFaults(rig.RealmId, new QboFaultSettings { LatencyMs = 4_000 });
        var calls = Enumerable.Range(0, Limits.MaxInFlight).Select(_ => Task.Run(() => client.GetCompanyInfoAsync(Ct), Ct)).ToList();
        await HostedRig.WaitUntilAsync(() => Task.FromResult(doomed.SlotsHeld == Limits.MaxInFlight), TimeSpan.FromSeconds(30), "the ten requests to hold their slots");
        await doomed.DisposeAsync();

        var survivor = rig.Budget(slotLease: TimeSpan.FromMinutes(5));
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        deadline.CancelAfter(TimeSpan.FromSeconds(90));
        var taken = new List<IAsyncDisposable>();
        for (var i = 0; i < Limits.MaxInFlight; i++)
        {
            taken.Add(await survivor.TakeSlotAsync(rig.RealmId, deadline.Token));
        }

        Assert.Equal(Limits.MaxInFlight, survivor.SlotsHeld);
        await Task.WhenAny(Task.WhenAll(calls), Task.Delay(TimeSpan.FromSeconds(90), Ct));
        Assert.True(calls.All(c => c.IsCompleted), $"{calls.Count(c => !c.IsCompleted)} of the disposed budget's calls never ended");
        Log($"disposed budget's calls: {calls.Count(c => c.IsCompletedSuccessfully)} answered, {calls.Count(c => c.IsFaulted)} failed");
        foreach (var slot in taken)
        {
            await slot.DisposeAsync();
        }

        Assert.Equal(0L, await rig.Database.ScalarAsync<long>("SELECT count(*) FROM qbo_realm_slots WHERE expires_at > clock_timestamp();"));
    }

    [Fact]
    public async Task A_429_with_retry_after_is_waited_out_before_the_call_is_sent_again()
    {
        // Expected (README: retried, honouring Retry-After): the company answers 429 with Retry-After: 2 although the budget
        // allowed the call; the client waits the two seconds, sends it again once, and the call succeeds.
        await using var rig = await SharedBudgetRig.CreateAsync(Ct);
        await using var clients = await RealmClients.CreateAsync(rig);
        var client = await clients.ClientAsync(rig.RealmId, rig.Budget(), noRetry: false);
        await client.GetCompanyInfoAsync(Ct);
        rig.Emulator.Qbo.Traffic.ResetCounters(rig.RealmId);
        rig.Emulator.Qbo.Traffic.SetFaults(rig.RealmId, new QboFaultSettings { ThrottleNext = 1, ThrottleRetryAfterSeconds = 2 });

        var clock = Stopwatch.StartNew();
        await client.GetCompanyInfoAsync(Ct);
        clock.Stop();

        var counters = rig.Counters;
        Log($"answered after {clock.Elapsed.TotalSeconds:0.00} s; requests {counters.Requests}, injected 429s {counters.InjectedThrottles}");
        Assert.Equal(1, counters.InjectedThrottles);
        Assert.Equal(2, counters.Requests);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(1.9), $"the call was sent again {clock.Elapsed.TotalSeconds:0.00} s after the 429, before its Retry-After of 2 s");
    }

    [Fact]
    public async Task A_hosted_sync_through_429s_and_lost_batch_answers_posts_every_order_exactly_once()
    {
        // Expected (README): QuickBooks' 429s are retried, and a batch whose answer was lost is sent again under the same
        // requestid, so QuickBooks replays its first answer: the company ends with each order's document once, the same
        // documents as a company synced without faults.
        const string realm = "9131500000000201";
        const string control = "9131500000000202";
        await using var rig = await HostedRig.CreateAsync();
        var connection = await rig.AddConnectedShopAsync("throttled", realm);
        var controlConnection = await rig.AddConnectedShopAsync("control", control);
        await RunWholeAsync(rig, controlConnection.Id);
        rig.Emulator.Qbo.Traffic.SetFaults(realm, new QboFaultSettings { Resource = "batch", ThrottleNext = 2, ThrottleRetryAfterSeconds = 1, DropNext = 2 });

        var process = await rig.StartProcessAsync(ServeRole.All, "throttled-worker");
        await HostedRig.WaitUntilAsync(
            async () => (await rig.RunsAsync(connection.Id)).Any(r => r.Outcome is RunOutcome.Succeeded or RunOutcome.NeedsAttention),
            TimeSpan.FromSeconds(240),
            "a run of the throttled connection to succeed",
            async () => string.Join(" | ", (await rig.RunsAsync(connection.Id)).Select(r => $"{r.Outcome} {r.Error}")));
        await rig.WaitUntilSyncedAsync([connection.Id], process.Engine, TimeSpan.FromSeconds(120));

        var counters = rig.Emulator.Qbo.Traffic.GetCounters(realm);
        var runs = await rig.RunsAsync(connection.Id);
        Log($"injected 429s {counters.InjectedThrottles}, dropped answers {counters.DroppedResponses}, batches {counters.BatchRequests}; runs: {string.Join(" | ", runs.Select(r => $"{r.Outcome} {r.Error} {string.Join(",", r.Counts.Select(c => c.Key + "=" + c.Value))}"))}");
        Assert.Equal(2, counters.InjectedThrottles);
        Assert.Equal(2, counters.DroppedResponses);
        var ids = await PostedOrderIdsAsync(rig, realm);
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal((await PostedOrderIdsAsync(rig, control)).Order(), ids.Order());
        var numbers = await rig.DocNumbersAsync(realm);
        Assert.Equal(numbers.Count, numbers.Distinct().Count());
        Assert.Equal((await rig.DocNumbersAsync(control)).Order(), numbers.Order());
    }
}

/// <summary>QuickBooks clients of any company of a <see cref="SharedBudgetRig"/>'s emulator, each as one process makes them.</summary>
internal sealed class RealmClients : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _owned = [];
    private readonly List<IDisposable> _clients = [];

    private RealmClients(SharedBudgetRig rig, HttpClient http, QboOAuthEndpoints endpoints)
    {
        Rig = rig;
        Http = http;
        Endpoints = endpoints;
    }

    private SharedBudgetRig Rig { get; }

    private HttpClient Http { get; }

    private QboOAuthEndpoints Endpoints { get; }

    public static async Task<RealmClients> CreateAsync(SharedBudgetRig rig)
    {
        var http = new HttpClient();
        var endpoints = await QboDiscovery.DiscoverAsync(http, QboEnvironment.At(rig.Emulator.BaseUrl), Ct);
        return new RealmClients(rig, http, endpoints);
    }

    /// <summary>One process's limits, behind <paramref name="shared"/>.</summary>
    public QboRealmLimits Limits(IQboSharedBudget? shared)
    {
        var limits = new QboRealmLimits(SharedBudgetRig.ClientLimits, shared);
        _owned.Add(limits);
        return limits;
    }

    public Task<QboClient> ClientAsync(string realm, IQboSharedBudget? shared, bool noRetry) => ClientAsync(realm, Limits(shared), noRetry);

    public async Task<QboClient> ClientAsync(string realm, QboRealmLimits limits, bool noRetry)
    {
        var store = new InMemoryQboTokenStore();
        var key = "process-" + Guid.NewGuid().ToString("N")[..8];
        var issued = Rig.Emulator.Qbo.OAuth.IssueTokens(realm);
        await QboTokenKeeper.SaveNewConnectionAsync(store, key, new QboTokenSet(issued.AccessToken, issued.RefreshToken, issued.AccessTokenExpiresAt, null, realm), Ct);
        var client = new QboClient(new QboClientOptions
        {
            Environment = QboEnvironment.At(Rig.Emulator.BaseUrl),
            RealmId = realm,
            Tokens = new QboTokenKeeper(key, store, new QboOAuthClient(Http, Endpoints, new QboAppCredentials("demo-client", "demo-secret"))),
            Limits = limits,
            Retry = noRetry ? new QboRetryOptions { MaxRetryAttempts = 0 } : new QboRetryOptions(),
        });
        _clients.Add(client);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        foreach (var owned in _owned)
        {
            await owned.DisposeAsync();
        }

        Http.Dispose();
    }
}
