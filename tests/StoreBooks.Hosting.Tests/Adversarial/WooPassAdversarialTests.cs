using System.Globalization;
using System.Text.Json.Nodes;
using StoreBooks.Hosting.Tests.Support;
using Xunit;
using static StoreBooks.Hosting.Tests.Adversarial.AdversarialRig;
using static StoreBooks.Hosting.Tests.Adversarial.WooAdversarialSite;

namespace StoreBooks.Hosting.Tests.Adversarial;

/// <summary>
/// Sliced WooCommerce syncs attacked from the README alone: "a sliced WooCommerce sync is a pass over the changed orders oldest
/// placed first: each slice keeps the pass's position (the placing time it reached) beside the cursor, and the cursor moves only
/// when the pass reaches the end, never past the moment the pass began (an old order edited during the pass is read by the next
/// one)". So whatever the merchant does while a pass runs, the pass and at most one more sync leave every order in QuickBooks once,
/// as a control synced in one run after the changes has it, and a sync after that posts and updates nothing.
/// </summary>
public sealed class WooPassAdversarialTests
{
    /// <summary>The second pass (the sync after the one the changes happened in), then a third that must find nothing.</summary>
    private static async Task SettleAsync(HostedRig rig, JobsProcess worker, Guid connection, int sliceOrders, List<StoreBooks.Hosting.Scheduling.SyncJobResult> log)
    {
        var second = await SyncInSlicesAsync(worker, connection, sliceOrders, 200);
        log.AddRange(second);
        var third = await SyncInSlicesAsync(worker, connection, sliceOrders, 200);
        Log($"second pass: {Describe(second)}");
        Log($"third pass: {Describe(third)}");
        Assert.True(Posted(third) == 0 && Updated(third) == 0,
            $"a sync after the passes still posted {Posted(third)} and updated {Updated(third)} orders: the cursor did not reach the end ({Describe(third)})");
    }

    [Fact]
    public async Task Seven_orders_placed_in_one_second_straddling_slices_of_three_are_each_posted_once()
    {
        // 7 orders in one second in the middle of the site and 7 in the newest second, slices of 3: every slice ends inside a
        // second; WooCommerce's after= is strict, so a pass that resumed "after" the position would skip the rest of the second.
        await using var rig = await HostedRig.CreateAsync();
        var orders = await OrdersByPlacingAsync(rig);
        var template = (long)orders[0]["id"]!;
        var middle = ToSecond(DateTimeOffset.UtcNow.AddDays(-2));
        var newest = ToSecond(DateTimeOffset.UtcNow.AddMinutes(-5));
        var clones = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            clones.Add(Number(await CloneAsync(rig, template, middle, middle)));
            clones.Add(Number(await CloneAsync(rig, template, newest, newest)));
        }

        var sliced = await ConnectAsync(rig, "woo-same-second", "9131500000000011");
        var control = await ConnectAsync(rig, "woo-same-second-control", "9131500000000012");
        await using var worker = await JobsProcessAsync(rig);

        var first = await SyncInSlicesAsync(worker, sliced.Id, 3, 100);
        Log($"first pass: {Describe(first)}");
        Assert.All(first, r => Assert.InRange(r.Run!.Counts.GetValueOrDefault("orders.posted"), 0, 3));
        await SettleAsync(rig, worker, sliced.Id, 3, first);
        await RunWholeAsync(rig, control.Id);

        await AssertSameBooksAsync(rig, "9131500000000011", "9131500000000012");
        foreach (var number in clones)
        {
            Assert.Equal(1, await CountAsync(rig, "9131500000000011", number));
        }
    }

    [Fact]
    public async Task Slices_of_one_order_end_and_post_every_order_once_with_orders_sharing_a_second()
    {
        // The smallest slice: one order sent to QuickBooks a job. Five orders share a second, so a slice that re-reads its own
        // second must still go forward (a second read "costs nothing"), and the pass must end.
        await using var rig = await HostedRig.CreateAsync();
        var orders = await OrdersByPlacingAsync(rig);
        var shared = ToSecond(DateTimeOffset.UtcNow.AddDays(-1));
        for (var i = 0; i < 5; i++)
        {
            await CloneAsync(rig, (long)orders[^1]["id"]!, shared, shared);
        }

        var sliced = await ConnectAsync(rig, "woo-slice-one", "9131500000000021");
        var control = await ConnectAsync(rig, "woo-slice-one-control", "9131500000000022");
        await using var worker = await JobsProcessAsync(rig);

        var first = await SyncInSlicesAsync(worker, sliced.Id, 1, 150);
        Log($"first pass ({first.Count} slices): {Describe(first)}");
        Assert.All(first, r => Assert.InRange(r.Run!.Counts.GetValueOrDefault("orders.posted"), 0, 1));
        await SettleAsync(rig, worker, sliced.Id, 1, first);
        var whole = await RunWholeAsync(rig, control.Id);

        await AssertSameBooksAsync(rig, "9131500000000021", "9131500000000022");
        Assert.Equal(whole.Counts.GetValueOrDefault("orders.posted"), Posted(first));
    }

    [Fact]
    public async Task An_order_whose_placing_date_is_edited_during_a_pass_forwards_past_the_position_or_back_behind_it_is_posted_once_with_the_edit()
    {
        // Forwards: an order the first slice posted is moved after the pass's position; the pass meets it again and must update
        // it, not post it twice. Backwards: an order the pass has not reached is moved before the position; this pass no longer
        // meets it, the cursor stays at most at the pass's start, so the next sync must post it (README: "an old order edited
        // during the pass is read by the next one").
        await using var rig = await HostedRig.CreateAsync();
        var sliced = await ConnectAsync(rig, "woo-moved", "9131500000000031");
        var control = await ConnectAsync(rig, "woo-moved-control", "9131500000000032");
        await using var worker = await JobsProcessAsync(rig);
        string? forward = null;
        string? backward = null;

        var first = await SyncInSlicesAsync(worker, sliced.Id, 4, 100, async n =>
        {
            if (n != 1)
            {
                return;
            }

            var posted = (await DocumentsAsync(rig, "9131500000000031")).Select(d => (string)d["DocNumber"]!).ToHashSet();
            var byPlacing = await OrdersByPlacingAsync(rig);
            var early = byPlacing.First(o => posted.Contains(Number(o)));
            var late = byPlacing.Last(o => (string?)o["status"] is "processing" or "completed" && !posted.Contains(Number(o)));
            forward = Number(early);
            backward = Number(late);
            await MovePlacingAsync(rig, (long)early["id"]!, DateTimeOffset.UtcNow.AddMinutes(-1), "Placing date moved forward");
            await MovePlacingAsync(rig, (long)late["id"]!, DateTimeOffset.Parse((string)byPlacing[0]["date_created_gmt"]! + "Z", CultureInfo.InvariantCulture).AddDays(-30), "Placing date moved back");
        });
        Log($"first pass: {Describe(first)}; moved forward {forward}, back {backward}");
        await SettleAsync(rig, worker, sliced.Id, 4, first);
        await RunWholeAsync(rig, control.Id);

        await AssertSameBooksAsync(rig, "9131500000000031", "9131500000000032");
        var documents = await DocumentsAsync(rig, "9131500000000031");
        Assert.Contains("Placing date moved forward", (string?)documents.Single(d => (string?)d["DocNumber"] == forward)["PrivateNote"] ?? "", StringComparison.Ordinal);
        Assert.Contains("Placing date moved back", (string?)documents.Single(d => (string?)d["DocNumber"] == backward)["PrivateNote"] ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task Orders_trashed_refunded_or_paid_during_a_pass_end_as_the_merchant_left_them()
    {
        // During the pass: an unpaid order the first slice held back (pending) is paid; an unpaid order the pass has not reached
        // is paid; an order not reached yet is trashed; an order the first slice posted is refunded, and one not reached yet is
        // refunded. Expected: both paid orders posted once, the trashed one never, each refund once as a refund document.
        await using var rig = await HostedRig.CreateAsync();
        var byPlacing = await OrdersByPlacingAsync(rig);
        var template = (long)byPlacing.First(o => (string?)o["status"] is "processing" or "completed")["id"]!;
        var earliest = DateTimeOffset.Parse((string)byPlacing[0]["date_created_gmt"]! + "Z", CultureInfo.InvariantCulture);
        var pendingEarly = await CloneAsync(rig, template, earliest.AddDays(-1), earliest.AddDays(-1), status: "pending");
        var pendingLate = await CloneAsync(rig, template, DateTimeOffset.UtcNow.AddMinutes(-30), DateTimeOffset.UtcNow.AddMinutes(-30), status: "pending");
        var trashedLate = await CloneAsync(rig, template, DateTimeOffset.UtcNow.AddMinutes(-20), DateTimeOffset.UtcNow.AddMinutes(-20));
        var refundedLate = await CloneAsync(rig, template, DateTimeOffset.UtcNow.AddMinutes(-10), DateTimeOffset.UtcNow.AddMinutes(-10));
        var sliced = await ConnectAsync(rig, "woo-mid-pass", "9131500000000041");
        var control = await ConnectAsync(rig, "woo-mid-pass-control", "9131500000000042");
        await using var worker = await JobsProcessAsync(rig);
        long refundEarlyId = 0;
        long refundLateId = 0;
        string? refundedEarly = null;

        var first = await SyncInSlicesAsync(worker, sliced.Id, 4, 100, async n =>
        {
            if (n != 1)
            {
                return;
            }

            var posted = (await DocumentsAsync(rig, "9131500000000041")).Select(d => (string)d["DocNumber"]!).ToHashSet();
            Assert.DoesNotContain(Number(pendingEarly), posted);
            var early = (await OrdersByPlacingAsync(rig)).First(o => posted.Contains(Number(o)) && decimal.Parse((string)o["total"]!, CultureInfo.InvariantCulture) > 5m && (string?)o["status"] != "refunded");
            refundedEarly = Number(early);
            refundEarlyId = await RefundAsync(rig, (long)early["id"]!, 5m);
            refundLateId = await RefundAsync(rig, (long)refundedLate["id"]!, 5m);
            foreach (var pending in new[] { pendingEarly, pendingLate })
            {
                var now = DateTimeOffset.UtcNow;
                await PutAsync(rig, (long)pending["id"]!, new JsonObject
                {
                    ["status"] = "processing",
                    ["date_paid"] = Woo(now, SiteOffset),
                    ["date_paid_gmt"] = Woo(now, TimeSpan.Zero),
                    ["transaction_id"] = "ch_paid_mid_pass_" + pending["id"],
                });
            }

            await PutAsync(rig, (long)trashedLate["id"]!, new JsonObject { ["status"] = "trash" });
        });
        Log($"first pass: {Describe(first)}; refunded {refundedEarly} ({refundEarlyId}) and {Number(refundedLate)} ({refundLateId})");
        await SettleAsync(rig, worker, sliced.Id, 4, first);
        await RunWholeAsync(rig, control.Id);

        const string realm = "9131500000000041";
        Assert.Equal(1, await CountAsync(rig, realm, Number(pendingEarly)));
        Assert.Equal(1, await CountAsync(rig, realm, Number(pendingLate)));
        Assert.Equal(0, await CountAsync(rig, realm, Number(trashedLate)));
        Assert.Equal(1, await RefundDocumentsAsync(rig, realm, refundEarlyId));
        Assert.Equal(1, await RefundDocumentsAsync(rig, realm, refundLateId));
        await AssertSameBooksAsync(rig, realm, "9131500000000042");
    }

    [Fact]
    public async Task Orders_placed_in_the_future_or_imported_from_long_ago_do_not_stop_later_orders_from_posting()
    {
        // A site whose clock is three hours ahead places an order "in the future"; an import brings an order placed in 1999. A pass
        // must post both once, and its cursor must not jump to the future one: an order placed (by a right clock) after the pass
        // ends is posted by the next sync, and a sync after that finds nothing.
        await using var rig = await HostedRig.CreateAsync();
        var byPlacing = await OrdersByPlacingAsync(rig);
        var template = (long)byPlacing.First(o => (string?)o["status"] is "processing" or "completed")["id"]!;
        var future = await CloneAsync(rig, template, DateTimeOffset.UtcNow.AddHours(3), DateTimeOffset.UtcNow.AddHours(3));
        var ancient = await CloneAsync(rig, template, new DateTimeOffset(1999, 12, 31, 23, 59, 59, TimeSpan.Zero), DateTimeOffset.UtcNow.AddMinutes(-1));
        var sliced = await ConnectAsync(rig, "woo-skew", "9131500000000051");
        var control = await ConnectAsync(rig, "woo-skew-control", "9131500000000052");
        await using var worker = await JobsProcessAsync(rig);
        JsonObject? importedMidPass = null;

        var first = await SyncInSlicesAsync(worker, sliced.Id, 5, 100, async n =>
        {
            if (n == 2)
            {
                importedMidPass = await CloneAsync(rig, template, new DateTimeOffset(2001, 1, 1, 0, 0, 0, TimeSpan.Zero), DateTimeOffset.UtcNow);
            }
        });
        Log($"first pass: {Describe(first)}");
        var after = await CloneAsync(rig, template, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow);
        await SettleAsync(rig, worker, sliced.Id, 5, first);
        await RunWholeAsync(rig, control.Id);

        const string realm = "9131500000000051";
        foreach (var order in new[] { future, ancient, importedMidPass!, after })
        {
            Assert.True(await CountAsync(rig, realm, Number(order)) == 1, $"order {Number(order)} placed {order["date_created_gmt"]} is in QuickBooks {await CountAsync(rig, realm, Number(order))} time(s)");
        }

        await AssertSameBooksAsync(rig, realm, "9131500000000052");
    }

    [Fact]
    public async Task An_edit_stamped_in_the_second_the_pass_began_is_read_by_the_next_sync()
    {
        // WooCommerce keeps times to the second (store-apis.md 2.1: "YYYY-MM-DDTHH:MM:SS"). An order the pass read in its first
        // second and the merchant edited later in that same second carries date_modified = that second, which is before the moment
        // the pass began (to the millisecond). The cursor is "never past the moment the pass began", and the next sync reads what
        // changed since: it must not lose that edit by comparing a second-precision time with a millisecond-precision start.
        await using var rig = await HostedRig.CreateAsync();
        var sliced = await ConnectAsync(rig, "woo-same-second-edit", "9131500000000061");
        await using var worker = await JobsProcessAsync(rig);

        var first = await SyncInSlicesAsync(worker, sliced.Id, 10, 100);
        var passStart = (await rig.RunsAsync(sliced.Id, 100)).Min(r => r.StartedAt);
        var documents = await DocumentsAsync(rig, "9131500000000061");
        var target = (await OrdersByPlacingAsync(rig)).First(o => documents.Any(d => (string?)d["DocNumber"] == Number(o)));
        var stamp = ToSecond(passStart);
        await PutAsync(rig, (long)target["id"]!, new JsonObject
        {
            ["customer_note"] = "Edited in the second the pass began",
            ["date_modified"] = Woo(stamp, SiteOffset),
            ["date_modified_gmt"] = Woo(stamp, TimeSpan.Zero),
        });
        Log($"first pass: {Describe(first)}; pass began {passStart:O}; edit stamped {stamp:O} on {Number(target)}");

        var second = await SyncInSlicesAsync(worker, sliced.Id, 10, 100);
        Log($"second pass: {Describe(second)}");
        var edited = (await DocumentsAsync(rig, "9131500000000061")).Single(d => (string?)d["DocNumber"] == Number(target));
        Assert.Contains("Edited in the second the pass began", (string?)edited["PrivateNote"] ?? "", StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(130, "trash")]
    [InlineData(1000, "trash")]
    [InlineData(130, "move")]
    public async Task An_order_trashed_or_moved_between_two_pages_of_a_slice_does_not_make_the_pass_skip_another(int sliceOrders, string change)
    {
        // 150 orders: a slice reads more than one page of the list. Just before it asks for the next page, the merchant trashes an
        // order of the page it has read. Were the pass to page by number or offset over a list that just lost an order, the order
        // that moved from the next page onto this one would never be read, and being unchanged, no later pass would read it
        // either. The same when the merchant moves that order's placing date to now (it leaves the page for the list's end).
        // Expected: every order in QuickBooks once, as the control synced afterwards has them (the trashed one at most once: it
        // may have been posted before it was trashed).
        await using var rig = await HostedRig.CreateAsync(o => o with { WooCommerce = o.WooCommerce with { GeneratedOrders = 120 } });
        var sliced = await ConnectAsync(rig, "woo-page-shift", "9131500000000071");
        var control = await ConnectAsync(rig, "woo-page-shift-control", "9131500000000072");
        string? trashed = null;
        using var merchant = new MerchantBetweenPages(async page =>
        {
            var first = (JsonObject)page[0]!;
            trashed = Number(first);
            await PutAsync(rig, (long)first["id"]!, change == "trash"
                ? new JsonObject { ["status"] = "trash" }
                : new JsonObject { ["date_created"] = Woo(DateTimeOffset.UtcNow, SiteOffset), ["date_created_gmt"] = Woo(DateTimeOffset.UtcNow, TimeSpan.Zero) });
        });
        using var http = new HttpClient(merchant);
        var state = await Storage.StateStore.OpenPostgresAsync(rig.Database.ConnectionString, rig.Key, TimeProvider.System, Ct);
        await using var worker = new JobsProcess(state, new Scheduling.SyncJobs(
            state, new Sync.Connections.QuickBooksConnections(state), new Sources.SourceFactory(http: http), new Scheduling.InProcessConnectionLock()));

        var first = await SyncInSlicesAsync(worker, sliced.Id, sliceOrders, 20);
        Log($"list requests: {string.Join(" ", merchant.Lists.Select(l => l.Length > 160 ? l[..160] : l))}");
        Log($"first pass: {Describe(first)}; trashed {trashed}");
        Assert.True(merchant.Acted, "the pass never asked for a second page (it pages by placing time): the case proves nothing here");
        await SettleAsync(rig, worker, sliced.Id, sliceOrders, first);
        await RunWholeAsync(rig, control.Id);

        var numbers = (await DocumentsAsync(rig, "9131500000000071")).Select(d => (string)d["DocNumber"]!).ToList();
        var controlNumbers = (await DocumentsAsync(rig, "9131500000000072")).Select(d => (string)d["DocNumber"]!).ToList();
        Assert.Equal(numbers.Count, numbers.Distinct().Count());
        var missing = controlNumbers.Except(numbers).ToList();
        Assert.True(missing.Count == 0, $"orders the pass never posted after {trashed} was {(change == "trash" ? "trashed" : "moved")} between pages: {string.Join(",", missing)}");
        Assert.DoesNotContain(numbers.Except(controlNumbers), n => n != trashed);
        if (change == "move")
        {
            await AssertSameBooksAsync(rig, "9131500000000071", "9131500000000072");
        }
    }

    [Fact]
    public async Task Slices_cut_by_time_before_their_first_order_still_move_the_pass_forward_and_end()
    {
        // "at most a slice of a sync, 250 orders sent to QuickBooks or 60 seconds": with a slow QuickBooks a slice's time can be up
        // before it has posted much. Slices of one millisecond: each must still leave the pass further on than it found it, so the
        // sync ends, every order once, as the control.
        await using var rig = await HostedRig.CreateAsync();
        var sliced = await ConnectAsync(rig, "woo-time-slices", "9131500000000081");
        var control = await ConnectAsync(rig, "woo-time-slices-control", "9131500000000082");
        await using var worker = await JobsProcessAsync(rig);

        var first = await SyncInSlicesAsync(worker, sliced.Id, new Sync.SyncSlice(1000, TimeSpan.FromMilliseconds(1)), 120);
        Log($"first pass ({first.Count} slices): {Describe(first)}");
        var whole = await RunWholeAsync(rig, control.Id);

        Assert.Equal(whole.Counts.GetValueOrDefault("orders.posted"), Posted(first));
        await AssertSameBooksAsync(rig, "9131500000000081", "9131500000000082");
        var after = await SyncInSlicesAsync(worker, sliced.Id, 1000, 5);
        Assert.Equal(0, Posted(after) + Updated(after));
    }
}
