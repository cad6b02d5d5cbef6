using StoreBooks.Core.Messages;
using StoreBooks.Core.State;
using Xunit;

namespace StoreBooks.Storage.Tests;

/// <summary>The contract for cursors, runs and issues, the schema, and several store instances on one database.</summary>
public abstract partial class StateStoreContract
{
    [Fact]
    public async Task Cursor_set_and_get_per_stream_exactly()
    {
        var connection = await AddConnectionAsync();
        Assert.Null(await Store.Cursors.GetAsync(connection.Id, "orders", Ct));

        var bookmark = new DateTimeOffset(2025, 10, 2, 17, 9, 34, TimeSpan.FromHours(-3)).AddTicks(9876543);
        await Store.Cursors.SetAsync(connection.Id, "orders", bookmark, Ct);
        var read = await Store.Cursors.GetAsync(connection.Id, "orders", Ct);
        Assert.Equal(Stored(bookmark), read);
        Assert.Equal(Stored(bookmark).UtcTicks, read!.Value.UtcTicks);
        Assert.True(read <= bookmark);
        Assert.Null(await Store.Cursors.GetAsync(connection.Id, "products", Ct));

        var later = bookmark.AddDays(1);
        await Store.Cursors.SetAsync(connection.Id, "orders", later, Ct);
        Assert.Equal(Stored(later), await Store.Cursors.GetAsync(connection.Id, "orders", Ct));

        // Moving back is allowed (a --since or full refresh rewinds it).
        await Store.Cursors.SetAsync(connection.Id, "orders", bookmark, Ct);
        Assert.Equal(Stored(bookmark), await Store.Cursors.GetAsync(connection.Id, "orders", Ct));
    }

    [Fact]
    public async Task Cursor_deleted_reads_as_none_and_leaves_other_streams_and_connections()
    {
        var connection = await AddConnectionAsync();
        var other = await AddConnectionAsync("other-shop");
        var at = Time.GetUtcNow();
        await Store.Cursors.SetAsync(connection.Id, "orders.pass.placed", at, Ct);
        await Store.Cursors.SetAsync(connection.Id, "orders", at, Ct);
        await Store.Cursors.SetAsync(other.Id, "orders.pass.placed", at, Ct);

        await Store.Cursors.DeleteAsync(connection.Id, "orders.pass.placed", Ct);
        await Store.Cursors.DeleteAsync(connection.Id, "never-set", Ct);

        Assert.Null(await Store.Cursors.GetAsync(connection.Id, "orders.pass.placed", Ct));
        Assert.Equal(Stored(at), await Store.Cursors.GetAsync(connection.Id, "orders", Ct));
        Assert.Equal(Stored(at), await Store.Cursors.GetAsync(other.Id, "orders.pass.placed", Ct));
        var reopened = await OpenAsync();
        Assert.Null(await reopened.Cursors.GetAsync(connection.Id, "orders.pass.placed", Ct));
    }

    [Fact]
    public async Task Upload_round_trips_to_the_byte_a_new_one_replaces_it_and_a_missing_connection_is_refused()
    {
        var connection = await AddConnectionAsync();
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF, (byte)'#', (byte)'1', 0x00, 0xFF, (byte)'\n' };
        Assert.Null(await Store.Uploads.GetAsync(connection.Id, "orders.csv", Ct));
        Assert.Empty(await Store.Uploads.SavedAtAsync(connection.Id, Ct));

        var savedAt = await Store.Uploads.SaveAsync(connection.Id, "orders.csv", bytes, Ct);
        var first = await (await OpenAsync()).Uploads.GetAsync(connection.Id, "orders.csv", Ct);
        Assert.Equal(bytes, first!.Content);
        Assert.Equal(Stored(Time.GetUtcNow()), first.SavedAt);
        Assert.Equal(first.SavedAt, savedAt);
        Assert.Equal(new Dictionary<string, DateTimeOffset> { ["orders.csv"] = first.SavedAt }, await Store.Uploads.SavedAtAsync(connection.Id, Ct));
        Assert.Null(await Store.Uploads.GetAsync(connection.Id, "products.csv", Ct));

        Time.Advance(TimeSpan.FromMinutes(5));
        await Store.Uploads.SaveAsync(connection.Id, "orders.csv", [1, 2, 3], Ct);
        var second = await Store.Uploads.GetAsync(connection.Id, "orders.csv", Ct);
        Assert.Equal(new byte[] { 1, 2, 3 }, second!.Content);
        Assert.True(second.SavedAt > first.SavedAt);
        await Store.Uploads.SaveAsync(connection.Id, "products.csv", [4], Ct);
        var both = await Store.Uploads.SavedAtAsync(connection.Id, Ct);
        Assert.Equal(["orders.csv", "products.csv"], both.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(second.SavedAt, both["orders.csv"]);

        var missing = await Assert.ThrowsAsync<InvalidOperationException>(() => Store.Uploads.SaveAsync(Guid.NewGuid(), "orders.csv", bytes, Ct));
        Assert.Contains("add the connection first", missing.Message, StringComparison.Ordinal);
    }

    // ---- runs and issues

    [Fact]
    public async Task Run_starts_finishes_and_lists_newest_first()
    {
        var connection = await AddConnectionAsync();
        var started = Time.GetUtcNow();
        var first = await Store.Runs.StartAsync(connection.Id, "manual", started, Ct);
        Assert.Equal(RunOutcome.Running, first.Outcome);

        var finished = first with
        {
            FinishedAt = started.AddSeconds(12),
            Outcome = RunOutcome.NeedsAttention,
            Counts = new Dictionary<string, int> { ["sales.created"] = 38, ["issues"] = 2 },
        };
        await Store.Runs.FinishAsync(finished, Ct);
        var second = await Store.Runs.StartAsync(connection.Id, "schedule", started.AddHours(1), Ct);

        var runs = await Store.Runs.ListRunsAsync(connection.Id, 10, Ct);
        Assert.Equal([second.Id, first.Id], runs.Select(r => r.Id));
        var read = runs[1];
        Assert.Equal("manual", read.Trigger);
        Assert.Equal(RunOutcome.NeedsAttention, read.Outcome);
        Assert.Equal(Stored(finished.FinishedAt!.Value), read.FinishedAt);
        Assert.Equal(38, read.Counts["sales.created"]);
        Assert.Equal(2, read.Counts["issues"]);
        Assert.Null(runs[0].FinishedAt);
        Assert.Single(await Store.Runs.ListRunsAsync(connection.Id, 1, Ct));
    }

    [Fact]
    public async Task Runs_left_running_by_a_killed_process_are_marked_abandoned_and_no_others()
    {
        var connection = await AddConnectionAsync();
        var other = await AddConnectionAsync("other-shop");
        var started = Time.GetUtcNow();
        var killed = await Store.Runs.StartAsync(connection.Id, "schedule", started, Ct);
        var finished = await Store.Runs.StartAsync(connection.Id, "manual", started.AddMinutes(1), Ct);
        await Store.Runs.FinishAsync(finished with { Outcome = RunOutcome.Succeeded, FinishedAt = started.AddMinutes(2) }, Ct);
        var elsewhere = await Store.Runs.StartAsync(other.Id, "manual", started, Ct);
        var now = started.AddMinutes(10);
        var current = await Store.Runs.StartAsync(connection.Id, "manual", now, Ct);

        var count = await Store.Runs.AbandonRunningAsync(connection.Id, now, now, RunMessages.Abandoned.With(), Ct);

        Assert.Equal(1, count);
        var runs = (await Store.Runs.ListRunsAsync(connection.Id, 10, Ct)).ToDictionary(r => r.Id);
        Assert.Equal(RunOutcome.Abandoned, runs[killed.Id].Outcome);
        Assert.Equal(RunMessages.Abandoned.English, runs[killed.Id].Error);
        Assert.Equal("run.abandoned", runs[killed.Id].ErrorDetail?.Code);
        Assert.Equal(Stored(now), runs[killed.Id].FinishedAt);
        Assert.Equal(RunOutcome.Succeeded, runs[finished.Id].Outcome);
        Assert.Equal(RunOutcome.Running, runs[current.Id].Outcome);
        Assert.Equal(RunOutcome.Running, Assert.Single(await Store.Runs.ListRunsAsync(other.Id, 10, Ct)).Outcome);
        Assert.Equal(elsewhere.Id, (await Store.Runs.ListRunsAsync(other.Id, 10, Ct))[0].Id);
        Assert.Equal(0, await Store.Runs.AbandonRunningAsync(connection.Id, now, now, SyncMessage.Untranslated("again"), Ct));
    }

    [Fact]
    public async Task Prune_forgets_old_finished_runs_and_resolved_issues_but_keeps_each_last_run_running_runs_and_open_issues()
    {
        var busy = await AddConnectionAsync();
        var quiet = await AddConnectionAsync("quiet-shop");
        var start = Time.GetUtcNow();
        var cutoff = start.AddDays(30);
        // More old runs than one delete takes, so the purge must go on until none is left.
        for (var i = 0; i < 1205; i++)
        {
            var old = await Store.Runs.StartAsync(busy.Id, "schedule", start.AddMinutes(i), Ct);
            await Store.Runs.FinishAsync(old with { Outcome = RunOutcome.Succeeded, FinishedAt = old.StartedAt.AddSeconds(5) }, Ct);
        }

        var stillRunning = await Store.Runs.StartAsync(busy.Id, "schedule", start.AddMinutes(-1), Ct);
        var recent = await Store.Runs.StartAsync(busy.Id, "webhook", cutoff.AddHours(1), Ct);
        await Store.Runs.FinishAsync(recent with { Outcome = RunOutcome.Succeeded, FinishedAt = cutoff.AddHours(1.1) }, Ct);
        var quietOld = await Store.Runs.StartAsync(quiet.Id, "schedule", start, Ct);
        await Store.Runs.FinishAsync(quietOld with { Outcome = RunOutcome.Failed, FinishedAt = start.AddSeconds(1) }, Ct);
        var quietLast = await Store.Runs.StartAsync(quiet.Id, "schedule", start.AddDays(1), Ct);
        await Store.Runs.FinishAsync(quietLast with { Outcome = RunOutcome.Failed, FinishedAt = start.AddDays(1).AddSeconds(1) }, Ct);

        SyncIssue Issue(string order) => new()
        {
            Id = Guid.NewGuid(), ConnectionId = busy.Id, RunId = recent.Id, Kind = LinkKind.Sale, SourceId = order,
            Reference = $"order #{order}", Message = "line 1: SKU MUG-1 has no QuickBooks item", RaisedAt = start,
        };
        foreach (var order in new[] { "1001", "1002", "1003" })
        {
            await Store.Runs.RaiseAsync(Issue(order), Ct);
        }

        await Store.Runs.ResolveAsync(busy.Id, LinkKind.Sale, "1001", start.AddDays(1), Ct);
        await Store.Runs.ResolveAsync(busy.Id, LinkKind.Sale, "1002", cutoff.AddDays(1), Ct);

        var pruned = await Store.Runs.PruneAsync(cutoff, Ct);

        Assert.Equal(new PrunedRuns(1205 + 1, 1), pruned);
        Assert.Equal([recent.Id, stillRunning.Id], (await Store.Runs.ListRunsAsync(busy.Id, 2000, Ct)).Select(r => r.Id));
        Assert.Equal([quietLast.Id], (await Store.Runs.ListRunsAsync(quiet.Id, 10, Ct)).Select(r => r.Id));
        Assert.Equal(["1003"], (await Store.Runs.ListOpenIssuesAsync(busy.Id, Ct)).Select(i => i.SourceId));
        Assert.Equal(new PrunedRuns(0, 0), await Store.Runs.PruneAsync(cutoff, Ct));
        // The resolved issue newer than the cutoff was kept: a later purge forgets it.
        Assert.Equal(new PrunedRuns(0, 1), await Store.Runs.PruneAsync(cutoff.AddDays(2), Ct));
    }

    [Fact]
    public async Task Issue_one_open_per_record_refreshed_then_resolved()
    {
        var connection = await AddConnectionAsync();
        var run = await Store.Runs.StartAsync(connection.Id, "manual", Time.GetUtcNow(), Ct);
        var firstRaised = Time.GetUtcNow();
        var issue = new SyncIssue
        {
            Id = Guid.NewGuid(),
            ConnectionId = connection.Id,
            RunId = run.Id,
            Kind = LinkKind.Sale,
            SourceId = "1043",
            Reference = "order #1043",
            Message = "line 2: SKU ABC-1 has no QuickBooks item",
            RaisedAt = firstRaised,
        };
        await Store.Runs.RaiseAsync(issue, Ct);
        Time.Advance(TimeSpan.FromHours(1));
        var run2 = await Store.Runs.StartAsync(connection.Id, "retry", Time.GetUtcNow(), Ct);
        await Store.Runs.RaiseAsync(issue with { Id = Guid.NewGuid(), RunId = run2.Id, Message = "line 2: SKU ABC-1 is inactive in QuickBooks", RaisedAt = Time.GetUtcNow() }, Ct);
        await Store.Runs.RaiseAsync(issue with { Id = Guid.NewGuid(), SourceId = "1044", Reference = "order #1044", RaisedAt = Time.GetUtcNow() }, Ct);

        var open = await Store.Runs.ListOpenIssuesAsync(connection.Id, Ct);
        Assert.Equal(2, open.Count);
        var refreshed = open.Single(i => i.SourceId == "1043");
        Assert.Equal(issue.Id, refreshed.Id);
        Assert.Equal(Stored(firstRaised), refreshed.RaisedAt);
        Assert.Equal(run2.Id, refreshed.RunId);
        Assert.Equal("line 2: SKU ABC-1 is inactive in QuickBooks", refreshed.Message);
        Assert.Null(refreshed.ResolvedAt);

        await Store.Runs.ResolveAsync(connection.Id, LinkKind.Sale, "1043", Time.GetUtcNow(), Ct);
        Assert.Equal(["1044"], (await Store.Runs.ListOpenIssuesAsync(connection.Id, Ct)).Select(i => i.SourceId));

        // A new problem with the resolved record opens a new issue.
        var reopened = issue with { Id = Guid.NewGuid(), Message = "again", RaisedAt = Time.GetUtcNow() };
        await Store.Runs.RaiseAsync(reopened, Ct);
        var now = await Store.Runs.ListOpenIssuesAsync(connection.Id, Ct);
        Assert.Equal(reopened.Id, now.Single(i => i.SourceId == "1043").Id);
    }

    // ---- schema and processes

    [Fact]
    public async Task Migrations_rerun_safely_and_keep_the_data()
    {
        var connection = await AddConnectionAsync();
        await Store.Links.ReserveAsync(connection.Id, LinkKind.Sale, "1043", Ct);

        await MigrateAgainAsync(Ct);
        await MigrateAgainAsync(Ct);
        var reopened = await OpenAsync();

        Assert.Equal(connection.Id, (await reopened.Connections.FindByNameAsync("main-shop", Ct))?.Id);
        Assert.NotNull(await reopened.Links.FindAsync(connection.Id, LinkKind.Sale, "1043", Ct));
    }

    [Fact]
    public async Task Two_store_instances_see_each_others_writes()
    {
        var other = await OpenAsync();
        var connection = await AddConnectionAsync();

        var seen = await other.Connections.GetAsync(connection.Id, Ct);
        Assert.Equal("main-shop", seen?.Name);

        Assert.True(await other.Credentials.TrySaveAsync(connection.Id, "quickbooks", "RT-from-server", 0, Ct));
        Assert.Equal("RT-from-server", (await Store.Credentials.GetAsync(connection.Id, "quickbooks", Ct))?.Value);

        await Store.Cursors.SetAsync(connection.Id, "orders", Time.GetUtcNow(), Ct);
        Assert.Equal(Stored(Time.GetUtcNow()), await other.Cursors.GetAsync(connection.Id, "orders", Ct));

        var link = await other.Links.ReserveAsync(connection.Id, LinkKind.Customer, "ann@example.com", Ct);
        await Store.Links.SaveAsync(link with { State = LinkState.Done, QboId = "58" }, Ct);
        Assert.Equal("58", (await other.Links.FindAsync(connection.Id, LinkKind.Customer, "ann@example.com", Ct))?.QboId);
    }
}
