using StoreBooks.Core.State;
using Xunit;

namespace StoreBooks.Storage.Tests;

/// <summary>The contract for the sync schedule (due connections, requests during runs) and the webhook inbox.</summary>
public abstract partial class StateStoreContract
{
    // ---- schedule

    [Fact]
    public async Task Schedule_a_new_connection_is_due_then_waits_for_its_next_time()
    {
        var connection = await AddConnectionAsync();
        var now = Time.GetUtcNow();

        Assert.Null(await Store.Schedule.GetAsync(connection.Id, Ct));
        Assert.Equal([new DueSync(connection.Id, "schedule")], await Store.Schedule.ListDueAsync(now, Ct));

        await Store.Schedule.StartedAsync(connection.Id, now, Ct);
        await Store.Schedule.FinishedAsync(connection.Id, now.AddSeconds(30), now.AddMinutes(15), Ct);

        Assert.Empty(await Store.Schedule.ListDueAsync(now.AddMinutes(14), Ct));
        Assert.Equal([new DueSync(connection.Id, "schedule")], await Store.Schedule.ListDueAsync(now.AddMinutes(15), Ct));
        var schedule = await Store.Schedule.GetAsync(connection.Id, Ct);
        Assert.NotNull(schedule);
        Assert.Equal(Stored(now.AddMinutes(15)), schedule.NextSyncAt);
        Assert.Equal(Stored(now), schedule.LastStartedAt);
        Assert.Equal(Stored(now.AddSeconds(30)), schedule.LastFinishedAt);
        Assert.False(schedule.Requested);
        Assert.Null(schedule.SyncRequestedAt);
    }

    [Fact]
    public async Task Schedule_without_a_next_time_is_due_only_when_requested()
    {
        var connection = await AddConnectionAsync();
        var now = Time.GetUtcNow();
        await Store.Schedule.StartedAsync(connection.Id, now, Ct);
        await Store.Schedule.FinishedAsync(connection.Id, now, null, Ct);
        Assert.Empty(await Store.Schedule.ListDueAsync(now.AddYears(5), Ct));

        await Store.Schedule.RequestAsync(connection.Id, "webhook", now.AddMinutes(1), Ct);

        Assert.Equal([new DueSync(connection.Id, "webhook")], await Store.Schedule.ListDueAsync(now, Ct));
        var schedule = await Store.Schedule.GetAsync(connection.Id, Ct);
        Assert.True(schedule!.Requested);
        Assert.Equal(Stored(now.AddMinutes(1)), schedule.SyncRequestedAt);
        Assert.Equal("webhook", schedule.RequestReason);
        Assert.Null(schedule.NextSyncAt);
    }

    [Fact]
    public async Task Schedule_requests_during_a_run_lead_to_exactly_one_more_run_even_at_the_same_instant()
    {
        var connection = await AddConnectionAsync();
        var now = Time.GetUtcNow();
        await Store.Schedule.RequestAsync(connection.Id, "webhook", now, Ct);

        // The run starts at the very instant of the request and of two more that come while it goes: times cannot tell them apart.
        await Store.Schedule.StartedAsync(connection.Id, now, Ct);
        Assert.Empty(await Store.Schedule.ListDueAsync(now, Ct));
        await Store.Schedule.RequestAsync(connection.Id, "webhook", now, Ct);
        await Store.Schedule.RequestAsync(connection.Id, "webhook", now, Ct);
        await Store.Schedule.FinishedAsync(connection.Id, now, null, Ct);

        Assert.Equal([new DueSync(connection.Id, "webhook")], await Store.Schedule.ListDueAsync(now, Ct));
        await Store.Schedule.StartedAsync(connection.Id, now, Ct);
        await Store.Schedule.FinishedAsync(connection.Id, now, null, Ct);
        Assert.Empty(await Store.Schedule.ListDueAsync(now, Ct));
    }

    [Fact]
    public async Task Schedule_lists_requested_connections_first_then_the_longest_waiting()
    {
        var early = await AddConnectionAsync("early");
        var late = await AddConnectionAsync("late");
        var asked = await AddConnectionAsync("asked");
        var now = Time.GetUtcNow();
        await Store.Schedule.FinishedAsync(late.Id, now, now.AddMinutes(-1), Ct);
        await Store.Schedule.FinishedAsync(early.Id, now, now.AddMinutes(-10), Ct);
        await Store.Schedule.FinishedAsync(asked.Id, now, now.AddHours(1), Ct);
        await Store.Schedule.RequestAsync(asked.Id, "manual", now, Ct);

        var due = await Store.Schedule.ListDueAsync(now, Ct);

        Assert.Equal([new DueSync(asked.Id, "manual"), new DueSync(early.Id, "schedule"), new DueSync(late.Id, "schedule")], due);
    }

    [Fact]
    public async Task Schedule_requests_from_two_store_instances_are_all_counted()
    {
        var connection = await AddConnectionAsync();
        var other = await OpenAsync();
        var now = Time.GetUtcNow();
        await Store.Schedule.StartedAsync(connection.Id, now, Ct);
        await Store.Schedule.FinishedAsync(connection.Id, now, null, Ct);

        await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            Task.Run(() => (i % 2 == 0 ? Store : other).Schedule.RequestAsync(connection.Id, "webhook", now, Ct), Ct)));

        Assert.Single(await other.Schedule.ListDueAsync(now, Ct));
        await other.Schedule.StartedAsync(connection.Id, now, Ct);
        Assert.Empty(await Store.Schedule.ListDueAsync(now, Ct));
    }

    [Fact]
    public async Task Schedule_of_a_missing_connection_is_refused_clearly()
    {
        var ghost = Guid.NewGuid();
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Store.Schedule.RequestAsync(ghost, "webhook", Time.GetUtcNow(), Ct));
        Assert.Contains(ghost.ToString(), error.Message, StringComparison.Ordinal);
    }
}
