using System.Net;
using StoreBooks.Core.Connections;
using StoreBooks.Core.State;
using StoreBooks.Emulators;
using StoreBooks.Emulators.Qbo;
using StoreBooks.Hosting.Scheduling;
using StoreBooks.Hosting.Webhooks;
using StoreBooks.Web.Tests.Support;
using Xunit;

namespace StoreBooks.Web.Tests.Scheduling;

/// <summary>
/// Nudges while a run goes on, and connections sharing one QuickBooks company: the per-company lock is try-or-ask-later, so a
/// busy company never has two runs, and requests made meanwhile lead to exactly one more run.
/// </summary>
public sealed class RealmLockTests
{
    private const string Secret = "shpss_lock-test-secret";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static EmulatorOptions TwoCompanies => new()
    {
        Port = 0,
        Qbo = new QboEmulatorOptions { Realms = [QboCompanySettings.DefaultUs, QboCompanySettings.DefaultCanada] },
    };

    [Fact]
    public async Task A_server_stopped_during_a_sync_logs_that_run_once_as_stopped()
    {
        await using var harness = await ServeHarness.CreateAsync();
        var probe = new RunProbe();
        harness.Sources.Use("shopify", (_, _, _) => Task.FromResult(probe.Source("shopify")));
        var shop = await harness.AddConnectionAsync("maple-lane", "shopify");
        var held = probe.HeldRunEntered();
        await harness.StartServerAsync();
        await held;

        await harness.Server.DisposeAsync();

        var run = Assert.Single(await harness.RunsAsync(shop));
        Assert.Equal(RunOutcome.Failed, run.Outcome);
        Assert.NotNull(run.FinishedAt);
        Assert.Contains("cancelled", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_nudges_during_a_running_sync_lead_to_exactly_one_follow_up_run()
    {
        await using var harness = await ServeHarness.CreateAsync();
        var probe = new RunProbe();
        harness.Sources.Use("shopify", (_, _, _) => Task.FromResult(probe.Source("shopify")));
        var shop = await harness.AddConnectionAsync("maple-lane", "shopify");
        await harness.SetSecretAsync(shop, WebhookSecrets.Shopify, Secret);
        var held = probe.HeldRunEntered();
        await harness.StartServerAsync();
        await held;

        foreach (var eventId in new[] { "evt-a", "evt-b" })
        {
            // Two changes of the order (the same body again under a new id would be a replay, not a nudge).
            var body = $$"""{"id":1001,"note":"{{eventId}}"}""";
            using var response = await harness.Http.SendAsync(Deliveries.SignedShopify(shop.Id.ToString(), body, Secret, eventId), Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("sync requested", (await response.Content.ReadAsStringAsync(Ct)).Trim());
        }

        // The dispatcher looks again while the first run holds the company: the connection is due, but already running.
        harness.Time.Advance(TimeSpan.FromSeconds(15));
        await harness.DispatchPassAsync();
        Assert.Equal(1, probe.Reads);
        Assert.True((await harness.State.Schedule.GetAsync(shop.Id, Ct))!.Requested);
        probe.Release();

        await harness.WaitForRunsAsync(shop, 2);
        await harness.WaitIdleAsync();
        harness.Time.Advance(TimeSpan.FromMinutes(1));
        await harness.DispatchPassAsync();
        await harness.WaitIdleAsync();

        var runs = await harness.RunsAsync(shop);
        Assert.Equal(["schedule", "webhook"], runs.Select(r => r.Trigger).Order(StringComparer.Ordinal));
        Assert.Equal(2, probe.Reads);
        Assert.Equal(1, probe.MaxConcurrent);
    }

    [Fact]
    public async Task Connections_of_one_QuickBooks_company_never_sync_at_the_same_time_while_another_company_does()
    {
        await using var harness = await ServeHarness.CreateAsync(TwoCompanies);
        var usProbe = new RunProbe();
        var canadaProbe = new RunProbe();
        var kinds = new Dictionary<Guid, RunProbe>();
        harness.Sources.Use("shopify", (connection, _, _) => Task.FromResult(kinds[connection.Id].Source("shopify")));
        var first = await harness.AddConnectionAsync("us-first", "shopify", realmId: QboCompanySettings.DefaultUs.RealmId);
        var second = await harness.AddConnectionAsync("us-second", "shopify", realmId: QboCompanySettings.DefaultUs.RealmId);
        var canada = await harness.AddConnectionAsync("canada", "shopify", realmId: QboCompanySettings.DefaultCanada.RealmId);
        kinds[first.Id] = usProbe;
        kinds[second.Id] = usProbe;
        kinds[canada.Id] = canadaProbe;
        foreach (var connection in new[] { first, second, canada })
        {
            await harness.SetSecretAsync(connection, WebhookSecrets.Shopify, Secret);
        }

        var usHeld = usProbe.HeldRunEntered();
        await harness.StartServerAsync();
        await usHeld;

        // One US connection reads (held); the other found the company busy and asked for a later run; Canada ran meanwhile.
        var (running, waiting) = (await harness.RunsAsync(first)).Count == 1 ? (first, second) : (second, first);
        await ServeHarness.WaitUntilAsync(
            async () => (await harness.State.Schedule.GetAsync(waiting.Id, Ct))?.Requested == true, "the second US connection to ask for a later run");
        await harness.WaitForRunsAsync(canada, 1);
        Assert.Empty(await harness.RunsAsync(waiting));
        Assert.Equal(1, usProbe.Reads);

        // More nudges to both while the company is busy.
        foreach (var connection in new[] { running, waiting, running, waiting })
        {
            var eventId = Guid.NewGuid().ToString();
            var body = $$"""{"id":1001,"note":"{{eventId}}"}""";
            using var response = await harness.Http.SendAsync(Deliveries.SignedShopify(connection.Id.ToString(), body, Secret, eventId), Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        usProbe.Release();
        await harness.WaitForRunsAsync(running, 2);
        await harness.WaitForRunsAsync(waiting, 1);
        await harness.WaitIdleAsync();

        Assert.Equal(1, usProbe.MaxConcurrent);
        Assert.Equal(2, (await harness.RunsAsync(running)).Count);
        Assert.Single(await harness.RunsAsync(waiting));
        Assert.Equal(3, usProbe.Reads);
        Assert.Contains(harness.Logs.Lines, l => l.Contains("another run holds QuickBooks company " + QboCompanySettings.DefaultUs.RealmId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_in_process_lock_is_try_only_and_released_once()
    {
        var locks = new InProcessConnectionLock();
        var held = await locks.TryAcquireAsync("qbo-realm:1", Ct);
        Assert.NotNull(held);
        Assert.Null(await locks.TryAcquireAsync("qbo-realm:1", Ct));
        var other = await locks.TryAcquireAsync("qbo-realm:2", Ct);
        Assert.NotNull(other);

        await held.DisposeAsync();
        await held.DisposeAsync();
        var again = await locks.TryAcquireAsync("qbo-realm:1", Ct);
        Assert.NotNull(again);
        Assert.Null(await locks.TryAcquireAsync("qbo-realm:1", Ct));
        await again.DisposeAsync();
        await other.DisposeAsync();
    }

    [Fact]
    public async Task A_job_for_a_connection_that_is_gone_or_not_connected_says_so_and_is_not_retried_in_a_loop()
    {
        await using var harness = await ServeHarness.CreateAsync();
        var loose = await harness.AddConnectionAsync("not-joined", "shopify", joinQuickBooks: false, settings: new ConnectionSettings { SyncInterval = TimeSpan.FromMinutes(30) });
        await harness.StartServerAsync();

        var runs = await harness.WaitForRunsAsync(loose, 1);
        await harness.WaitIdleAsync();

        var failed = Assert.Single(runs);
        Assert.Equal(Core.State.RunOutcome.Failed, failed.Outcome);
        Assert.Contains("no QuickBooks app credentials", failed.Error, StringComparison.Ordinal);
        Assert.Contains("storebooks connect quickbooks --connection not-joined", failed.Error, StringComparison.Ordinal);
        var schedule = await harness.State.Schedule.GetAsync(loose.Id, Ct);
        Assert.Equal(failed.FinishedAt!.Value.AddMinutes(30), schedule!.NextSyncAt);
        Assert.Equal(SyncJobStatus.NotFound, (await harness.Server.Jobs.RunAsync(Guid.NewGuid(), "manual", Ct)).Status);
    }
}
