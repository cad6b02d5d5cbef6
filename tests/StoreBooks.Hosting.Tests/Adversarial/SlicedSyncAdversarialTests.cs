using System.Text.Json.Nodes;
using Npgsql;
using StoreBooks.Core.State;
using StoreBooks.Emulators.Qbo.Traffic;
using StoreBooks.Hosting.Scheduling;
using StoreBooks.Hosting.Tests.Support;
using StoreBooks.Hosting.Webhooks;
using StoreBooks.Sync;
using Xunit;
using static StoreBooks.Hosting.Tests.Adversarial.AdversarialRig;

namespace StoreBooks.Hosting.Tests.Adversarial;

/// <summary>
/// Sliced Shopify syncs in hosted mode, attacked from their documented behaviour only: "a job does at most a slice of a sync (250
/// orders sent to QuickBooks or 60 s), then queues the rest as a new job at the back of the queue"; "Shopify lists orders oldest
/// change first, so the cursor moves to the last change a slice read"; one queued job per connection; a refused authorization
/// parks; a dead worker's job goes to another and nothing is posted twice; one sync per QuickBooks company at a time. Each case
/// compares the sliced connection's QuickBooks company with a control connection synced in one run from the same shop.
/// </summary>
public sealed class SlicedSyncAdversarialTests
{
    [Fact]
    public async Task Slices_of_a_single_order_post_every_order_exactly_once_and_end()
    {
        // Expected (README): each slice sends at most one order to QuickBooks; the backfill ends (no slice asks for more once the
        // orders are done), and the company holds the same documents as a connection synced in one run, none twice.
        await using var rig = await HostedRig.CreateAsync();
        var sliced = await rig.AddConnectedShopAsync("one-by-one", "9131400000000001");
        var control = await rig.AddConnectedShopAsync("control", "9131400000000002");

        var controlRun = await RunWholeAsync(rig, control.Id);
        var expected = controlRun.Counts["orders.posted"];
        Assert.True(expected > 5, $"the control posted {expected} orders");

        var results = await RunSlicesAsync(rig, sliced.Id, new SyncSlice(1, TimeSpan.FromHours(1)), most: expected + 6);
        var posted = results.Select(r => r.Run!.Counts.GetValueOrDefault("orders.posted")).ToList();
        Log($"{expected} orders; {results.Count} slices posted {string.Join(",", posted)}");
        Assert.All(posted, p => Assert.InRange(p, 0, 1));
        Assert.Equal(expected, posted.Sum());

        var numbers = await rig.DocNumbersAsync("9131400000000001");
        Assert.Equal(numbers.Count, numbers.Distinct().Count());
        Assert.Equal((await rig.DocNumbersAsync("9131400000000002")).Order(), numbers.Order());
    }

    [Fact]
    public async Task Orders_sharing_one_updated_at_across_slice_boundaries_are_each_posted_once_and_none_is_lost()
    {
        // Every order of the shop is changed at the same second: a slice boundary necessarily falls between orders with the same
        // updated_at. Expected: the cursor (the last change a slice read) neither skips the rest of that second (orders lost) nor
        // re-reads it forever (no end); every order is posted once, as in a run without slices.
        await using var rig = await HostedRig.CreateAsync();
        var sliced = await rig.AddConnectedShopAsync("same-second", "9131400000000011");
        var control = await rig.AddConnectedShopAsync("control", "9131400000000012");
        var orders = await OrdersAsync(rig);
        var sameInstant = ShopifyDate(DateTimeOffset.UtcNow.AddMinutes(-20));
        foreach (var order in orders)
        {
            await ChangeOrderAsync(rig, (long)order["id"]!, new JsonObject { ["updated_at"] = sameInstant });
        }

        Assert.All(await OrdersAsync(rig), o => Assert.Equal(sameInstant, (string?)o["updated_at"]));
        var expected = (await RunWholeAsync(rig, control.Id)).Counts["orders.posted"];

        var results = await RunSlicesAsync(rig, sliced.Id, new SyncSlice(4, TimeSpan.FromHours(1)), most: expected + 6);
        var posted = results.Select(r => r.Run!.Counts.GetValueOrDefault("orders.posted")).ToList();
        Log($"{orders.Count} orders at {sameInstant}; {expected} posted by the control; slices posted {string.Join(",", posted)}");
        Assert.True(results.Count >= 2, "the sync was not sliced at all");
        var ids = await PostedOrderIdsAsync(rig, "9131400000000011");
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal((await PostedOrderIdsAsync(rig, "9131400000000012")).Order(), ids.Order());
        Assert.Equal(expected, posted.Sum());
    }

    [Fact]
    public async Task Orders_refunded_cancelled_and_edited_between_slices_end_in_quickbooks_once_as_the_store_has_them()
    {
        // After the first slice: an order it posted is refunded; an order not yet read is cancelled; another not yet read is
        // edited (a note with quotes, a backslash and accents). Expected: the posted order's sale stays once and its refund is
        // posted once; the cancelled order ends as a connection synced afterwards in one run from the changed shop has it (the
        // emulator's cancel keeps the money of this order: it posts), and the company holds the same sales documents as that one.
        await using var rig = await HostedRig.CreateAsync();
        const string slicedRealm = "9131400000000021";
        var sliced = await rig.AddConnectedShopAsync("changing", slicedRealm);
        var control = await rig.AddConnectedShopAsync("control", "9131400000000022");
        long refundId = 0;
        long refundedOrder = 0;
        long cancelledOrder = 0;
        long editedOrder = 0;

        var results = await RunSlicesAsync(rig, sliced.Id, new SyncSlice(5, TimeSpan.FromHours(1)), most: 40, between: async done =>
        {
            if (done != 1)
            {
                return;
            }

            var posted = (await PostedOrderIdsAsync(rig, slicedRealm)).ToHashSet();
            Assert.NotEmpty(posted);
            var orders = await OrdersAsync(rig);
            foreach (var candidate in orders.Where(o => posted.Contains(((long)o["id"]!).ToString(System.Globalization.CultureInfo.InvariantCulture)) && (string?)o["financial_status"] == "paid"))
            {
                if (await TryRefundOneUnitAsync(rig, candidate) is { } refunded)
                {
                    refundId = refunded;
                    refundedOrder = (long)candidate["id"]!;
                    break;
                }
            }

            Assert.True(refundId != 0, "no order the first slice posted could be refunded");
            var waiting = orders.Where(o => !posted.Contains(((long)o["id"]!).ToString(System.Globalization.CultureInfo.InvariantCulture)) && (string?)o["financial_status"] == "paid" && o["cancelled_at"] is null && (bool?)o["test"] != true).ToList();
            Assert.True(waiting.Count >= 2, "two paid orders were still to be read after the first slice");
            cancelledOrder = (long)waiting[^1]["id"]!;
            await CancelAsync(rig, cancelledOrder);
            var cancelled = (await OrdersAsync(rig)).Single(o => (long)o["id"]! == cancelledOrder);
            var refundedMoney = (cancelled["refunds"] as JsonArray ?? []).OfType<JsonObject>()
                .SelectMany(r => (r["transactions"] as JsonArray ?? []).OfType<JsonObject>())
                .Sum(t => decimal.Parse((string)t["amount"]!, System.Globalization.CultureInfo.InvariantCulture));
            Log($"cancelled order {cancelledOrder}: {cancelled["financial_status"]}, total {cancelled["total_price"]}, current total {cancelled["current_total_price"]}, refunded {refundedMoney}, cancelled at {cancelled["cancelled_at"]}");
            editedOrder = (long)waiting[^2]["id"]!;
            await ChangeOrderAsync(rig, editedOrder, new JsonObject { ["note"] = "Gift wrap, please \"carefully\" \\ ünïcode" });
        });
        Log($"slices posted {string.Join(",", results.Select(r => r.Run!.Counts.GetValueOrDefault("orders.posted")))}; refunded {refundedOrder} (refund {refundId}), cancelled {cancelledOrder}, edited {editedOrder}");

        await RunWholeAsync(rig, control.Id);
        var ids = await PostedOrderIdsAsync(rig, slicedRealm);
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal((await PostedOrderIdsAsync(rig, "9131400000000022")).Order(), ids.Order());
        Assert.Single(ids, id => id == refundedOrder.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(ids.Count(id => id == cancelledOrder.ToString(System.Globalization.CultureInfo.InvariantCulture)) <= 1, "the cancelled order was posted twice");
        Assert.Contains(editedOrder.ToString(System.Globalization.CultureInfo.InvariantCulture), ids);
        Assert.Equal(1, await RefundDocumentCountAsync(rig, slicedRealm, refundId));
        var numbers = await rig.DocNumbersAsync(slicedRealm);
        Assert.Equal(numbers.Count, numbers.Distinct().Count());
    }

    [Fact]
    public async Task Webhooks_arriving_while_a_sliced_backfill_runs_never_queue_a_second_job_for_the_connection()
    {
        // Expected (README): "a queued_syncs row per connection keeps one job queued, running or waiting for a retry, however many
        // processes or webhooks ask"; the next slice is handed the connection's one queued job. So however many deliveries arrive
        // during the backfill, Hangfire never holds two queued jobs for this (only) connection, the number of runs stays that of
        // the slices (plus at most the one sync the webhooks asked for), and every order is posted once. (Deliveries go on until
        // the backfill ends, not until the connection is idle: each one after the end rightly asks for another sync.)
        const string secret = "adv-webhook-secret-5f1c";
        const string realm = "9131400000000031";
        await using var rig = await HostedRig.CreateAsync();
        var connection = await rig.AddConnectedShopAsync("hooked", realm);
        await WebhookSecrets.SaveAsync(rig.State.Credentials, connection.Id, WebhookSecrets.Shopify, secret, Ct);
        rig.Emulator.Qbo.Traffic.SetFaults(realm, new QboFaultSettings { LatencyMs = 60 });
        var process = await rig.StartProcessAsync(ServeRole.All, "hooked-worker", workers: 3, slice: new SyncSlice(3, TimeSpan.FromHours(1)));
        using var http = new HttpClient { BaseAddress = process.Server.BaseUrl };

        var deliveries = 0;
        var mostQueued = 0L;
        await HostedRig.WaitUntilAsync(
            async () =>
            {
                var status = await DeliverShopifyWebhookAsync(http, connection.Id, secret, $"{{\"id\":{900000 + deliveries},\"note\":\"delivery {deliveries}\"}}");
                Assert.InRange(status, 200, 299);
                deliveries++;
                var (enqueued, _, _) = Jobs(process);
                mostQueued = Math.Max(mostQueued, enqueued);
                Assert.True(enqueued <= 1, $"{enqueued} jobs queued at once for the one connection after {deliveries} deliveries");
                // The backfill has ended when a slice posted fewer orders than a slice may: deliveries stop there, since each one
                // after the end rightly asks for one more sync.
                var runs = await rig.RunsAsync(connection.Id, 100);
                return runs.Any(r => r.Outcome != RunOutcome.Running && r.Counts.GetValueOrDefault("orders.posted") < 3);
            },
            TimeSpan.FromSeconds(180),
            "the backfill to end");
        var backfill = (await rig.RunsAsync(connection.Id, 100)).Count;
        await rig.WaitUntilSyncedAsync([connection.Id], process.Engine, TimeSpan.FromSeconds(120));

        var all = await rig.RunsAsync(connection.Id, 100);
        var posted = all.Sum(r => r.Counts.GetValueOrDefault("orders.posted"));
        Log($"{deliveries} deliveries; {all.Count} runs posted {string.Join(",", all.OrderBy(r => r.StartedAt).Select(r => r.Counts.GetValueOrDefault("orders.posted")))}; most queued {mostQueued}");
        Assert.All(all, r => Assert.True(r.Outcome is RunOutcome.Succeeded or RunOutcome.NeedsAttention, $"a run ended {r.Outcome}: {r.Error}"));
        var numbers = await rig.DocNumbersAsync(realm);
        Assert.Equal(numbers.Count, numbers.Distinct().Count());
        Assert.Equal(numbers.Count, posted);
        Assert.True(deliveries > all.Count + 3, $"{deliveries} deliveries were not many more than the {all.Count} runs: the case proves nothing");
        Assert.InRange(all.Count, 1, ((posted + 2) / 3) + 2);
        // The deliveries that came during the backfill ask for one sync after it at most (one may be starting as it ends).
        Assert.InRange(all.Count - backfill, 0, 2);
    }

    [Fact]
    public async Task A_quickbooks_authorization_revoked_between_slices_parks_the_connection_instead_of_queuing_slices_forever()
    {
        // Expected (README): "a refused authorization parks the connection (no retries, next scheduled run a day later)". The
        // backfill's next slice finds the authorization revoked: its run fails saying to reconnect, nothing more is queued or
        // scheduled, no further run starts, and nothing already posted is posted again.
        const string realm = "9131400000000041";
        await using var rig = await HostedRig.CreateAsync();
        var connection = await rig.AddConnectedShopAsync("revoked-mid-backfill", realm);
        var issued = rig.LastIssued!;
        rig.Emulator.Qbo.Traffic.SetFaults(realm, new QboFaultSettings { LatencyMs = 100 });
        var process = await rig.StartProcessAsync(ServeRole.All, "revoking", workers: 2, slice: new SyncSlice(2, TimeSpan.FromHours(1)));

        await HostedRig.WaitUntilAsync(async () => (await rig.RunsAsync(connection.Id)).Any(r => r.Outcome == RunOutcome.Succeeded), TimeSpan.FromSeconds(90), "a first slice to finish");
        Assert.True(rig.Emulator.Qbo.OAuth.Revoke(rig.Emulator.Qbo.Options.ClientId, issued.RefreshToken), "the grant was revoked");
        await rig.WaitUntilSyncedAsync([connection.Id], process.Engine, TimeSpan.FromSeconds(120));
        var settled = await rig.RunsAsync(connection.Id, 100);

        // Ten dispatcher passes later, still nothing.
        await Task.Delay(TimeSpan.FromSeconds(10), Ct);
        var later = await rig.RunsAsync(connection.Id, 100);
        Log(string.Join(" | ", later.OrderBy(r => r.StartedAt).Select(r => $"{r.Outcome} {r.Counts.GetValueOrDefault("orders.posted")} {r.Error}")));
        Assert.Equal(settled.Count, later.Count);
        var last = later.OrderBy(r => r.StartedAt).Last();
        Assert.Equal(RunOutcome.Failed, last.Outcome);
        Assert.Contains("Reconnect", last.Error, StringComparison.Ordinal);
        var (enqueued, processing, scheduled) = Jobs(process);
        Assert.Equal((0L, 0L, 0L), (enqueued, processing, scheduled));
        Assert.Empty(await process.Engine.Claims.ListAsync(Ct));
        var schedule = await rig.State.Schedule.GetAsync(connection.Id, Ct);
        Assert.True(schedule!.NextSyncAt > DateTimeOffset.UtcNow.AddHours(12), $"next sync at {schedule.NextSyncAt}");
        var numbers = await rig.DocNumbersAsync(realm);
        Assert.Equal(numbers.Count, numbers.Distinct().Count());
    }

    [Fact]
    public async Task A_connection_deleted_between_slices_ends_its_backfill_without_retries_or_new_jobs()
    {
        // Expected: the connection's queued next slice finds it gone (SyncJobStatus.NotFound: "the connection no longer exists")
        // and ends there: no failed or retried job, nothing queued or scheduled, the connection's claim released, so a deleted
        // connection cannot keep a worker busy. The worker is stopped after the first slice (its job goes back to the queue), the
        // connection is deleted, and another worker takes the queued slice.
        const string realm = "9131400000000051";
        await using var rig = await HostedRig.CreateAsync();
        var connection = await rig.AddConnectedShopAsync("deleted-mid-backfill", realm);
        rig.Emulator.Qbo.Traffic.SetFaults(realm, new QboFaultSettings { LatencyMs = 100 });
        var first = await StartOwnProcessAsync(rig, ServeRole.Worker, "before-delete", workers: 1, slice: new SyncSlice(2, TimeSpan.FromHours(1)));
        await HostedRig.WaitUntilAsync(async () => (await rig.RunsAsync(connection.Id)).Any(r => r.Outcome == RunOutcome.Succeeded), TimeSpan.FromSeconds(90), "a first slice to finish");
        await first.DisposeAsync();

        await using (var db = new NpgsqlConnection(rig.Database.ConnectionString))
        {
            await db.OpenAsync(Ct);
            await using var delete = new NpgsqlCommand("DELETE FROM connections WHERE id = @id", db);
            delete.Parameters.AddWithValue("id", connection.Id);
            Assert.Equal(1, await delete.ExecuteNonQueryAsync(Ct));
        }

        Assert.Null(await rig.State.Connections.GetAsync(connection.Id, Ct));
        await using var second = await StartOwnProcessAsync(rig, ServeRole.Worker, "after-delete", workers: 1, slice: new SyncSlice(2, TimeSpan.FromHours(1)));
        await HostedRig.WaitUntilAsync(
            async () => Jobs(second) == (0, 0, 0) && (await second.Engine.Claims.ListAsync(CancellationToken.None)).Count == 0,
            TimeSpan.FromSeconds(120),
            "the deleted connection's jobs to end",
            () => Task.FromResult(Jobs(second).ToString()));
        await Task.Delay(TimeSpan.FromSeconds(5), Ct);
        var stats = second.Monitoring.GetStatistics();
        Log($"succeeded {stats.Succeeded}, failed {stats.Failed}, scheduled {stats.Scheduled}, enqueued {stats.Enqueued}");
        Assert.Equal(0L, stats.Failed);
        Assert.Equal((0L, 0L, 0L), Jobs(second));
        Assert.Empty(await second.Engine.Claims.ListAsync(Ct));
    }

    [Fact]
    public async Task A_worker_stopped_in_the_middle_of_a_slice_leaves_the_rest_to_another_worker_and_nothing_is_posted_twice()
    {
        // Expected (README): a job that a worker gives up goes to another worker; "the run starts again from the links and the
        // cursor, the dead run is marked abandoned, and nothing already posted is posted twice". The first worker is stopped while
        // its slice is posting; a second worker on another "machine" finishes the backfill; the company ends with the control's
        // documents, each once, and no run is left running.
        const string realm = "9131400000000061";
        await using var rig = await HostedRig.CreateAsync();
        var connection = await rig.AddConnectedShopAsync("stopped-worker", realm);
        var control = await rig.AddConnectedShopAsync("control", "9131400000000062");
        await RunWholeAsync(rig, control.Id);
        rig.Emulator.Qbo.Traffic.SetFaults(realm, new QboFaultSettings { LatencyMs = 250 });

        var first = await StartOwnProcessAsync(rig, ServeRole.Worker, "first-worker", workers: 1, slice: new SyncSlice(8, TimeSpan.FromHours(1)));
        await HostedRig.WaitUntilAsync(
            async () => (await rig.RunsAsync(connection.Id)).Any(r => r.Outcome != RunOutcome.Running) && (await rig.DocNumbersAsync(realm)).Count > 10,
            TimeSpan.FromSeconds(150),
            "the second slice to be posting");
        var atStop = await rig.DocNumbersAsync(realm);
        await first.DisposeAsync();
        rig.Emulator.Qbo.Traffic.SetFaults(realm, new QboFaultSettings());

        await using var second = await StartOwnProcessAsync(rig, ServeRole.Worker, "second-worker", workers: 2, slice: new SyncSlice(8, TimeSpan.FromHours(1)));
        await rig.WaitUntilSyncedAsync([connection.Id], second.Engine, TimeSpan.FromSeconds(180));
        var runs = await rig.RunsAsync(connection.Id, 100);
        Log($"{atStop.Count} documents at the stop; runs: {string.Join(" | ", runs.OrderBy(r => r.StartedAt).Select(r => $"{r.Outcome} {r.Counts.GetValueOrDefault("orders.posted")}"))}");
        Assert.DoesNotContain(runs, r => r.Outcome == RunOutcome.Running);
        var numbers = await rig.DocNumbersAsync(realm);
        Assert.Equal(numbers.Count, numbers.Distinct().Count());
        Assert.Superset(atStop.ToHashSet(), numbers.ToHashSet());
        Assert.Equal((await rig.DocNumbersAsync("9131400000000062")).Order(), numbers.Order());
    }

    [Fact]
    public async Task Two_connections_on_one_quickbooks_company_sliced_at_once_never_run_at_the_same_time_and_post_nothing_twice()
    {
        // Expected (README): "at most one sync at a time per QuickBooks company", also across slices and workers. Two connections
        // of the same shop to the same company, sliced small on three workers: their runs never overlap in time, and the company
        // holds each order's document once (the second connection finds the first's documents by their marker and links them).
        const string realm = "9131400000000071";
        await using var rig = await HostedRig.CreateAsync();
        var a = await rig.AddConnectedShopAsync("first-of-company", realm);
        var b = await rig.AddConnectedShopAsync("second-of-company", realm);
        var control = await rig.AddConnectedShopAsync("control", "9131400000000072");
        await RunWholeAsync(rig, control.Id);
        rig.Emulator.Qbo.Traffic.SetFaults(realm, new QboFaultSettings { LatencyMs = 30 });

        var process = await rig.StartProcessAsync(ServeRole.All, "company-lock", workers: 3, slice: new SyncSlice(3, TimeSpan.FromHours(1)));
        await rig.WaitUntilSyncedAsync([a.Id, b.Id], process.Engine, TimeSpan.FromSeconds(240));

        var runs = (await rig.RunsAsync(a.Id, 100)).Concat(await rig.RunsAsync(b.Id, 100)).OrderBy(r => r.StartedAt).ToList();
        Log(string.Join("\n", runs.Select(r => $"{(r.ConnectionId == a.Id ? "a" : "b")} {r.StartedAt:HH:mm:ss.fff} → {r.FinishedAt:HH:mm:ss.fff} {r.Outcome} posted {r.Counts.GetValueOrDefault("orders.posted")}")));
        Assert.True(runs.Count(r => r.ConnectionId == a.Id) >= 2 || runs.Count(r => r.ConnectionId == b.Id) >= 2, "neither connection was sliced");
        for (var i = 1; i < runs.Count; i++)
        {
            Assert.True(runs[i].StartedAt >= runs[i - 1].FinishedAt,
                $"a run started at {runs[i].StartedAt:HH:mm:ss.fff} while another of the company ran until {runs[i - 1].FinishedAt:HH:mm:ss.fff}");
        }

        var numbers = await rig.DocNumbersAsync(realm);
        Assert.Equal(numbers.Count, numbers.Distinct().Count());
        Assert.Equal((await rig.DocNumbersAsync("9131400000000072")).Order(), numbers.Order());
    }
}
