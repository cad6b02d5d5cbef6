using System.Collections.Concurrent;
using StoreBooks.Core.State;
using StoreBooks.Sync;

namespace StoreBooks.Hosting.Progress;

/// <summary>The progress board of one process: each connection's latest run in memory, and a signal for those waiting on it.</summary>
public sealed class InProcessSyncProgressBoard : ISyncProgressBoard
{
    private readonly ConcurrentDictionary<Guid, Slot> _slots = new();
    private long _version;

    public void Started(Guid connectionId, string trigger, DateTimeOffset at) =>
        Change(connectionId, _ => new RunProgress { ConnectionId = connectionId, Trigger = trigger, StartedAt = at, UpdatedAt = at });

    public void Report(Guid connectionId, SyncProgress progress, DateTimeOffset at) =>
        Change(connectionId, current => (current ?? new RunProgress { ConnectionId = connectionId, Trigger = "unknown", StartedAt = at }) with
        {
            Stage = progress.Stage,
            OrdersRead = progress.OrdersRead,
            Counts = progress.Counts,
            UpdatedAt = at,
        });

    public void Finished(Guid connectionId, SyncRun run, DateTimeOffset at) =>
        Change(connectionId, current => (current ?? new RunProgress { ConnectionId = connectionId, Trigger = run.Trigger, StartedAt = run.StartedAt }) with
        {
            Stage = "finished",
            OrdersRead = OrdersOf(run),
            Counts = run.Counts,
            Finished = run,
            UpdatedAt = at,
        });

    public ValueTask<RunProgress?> GetAsync(Guid connectionId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_slots.TryGetValue(connectionId, out var slot) ? slot.Current : null);

    public async ValueTask<RunProgress?> WaitForChangeAsync(Guid connectionId, long seenVersion, CancellationToken cancellationToken)
    {
        var slot = _slots.GetOrAdd(connectionId, _ => new Slot());
        Task changed;
        lock (slot)
        {
            if (slot.Current is { } current && current.Version > seenVersion)
            {
                return current;
            }

            changed = slot.Changed.Task;
        }

        await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
        return slot.Current;
    }

    private void Change(Guid connectionId, Func<RunProgress?, RunProgress> change)
    {
        var slot = _slots.GetOrAdd(connectionId, _ => new Slot());
        TaskCompletionSource signal;
        lock (slot)
        {
            slot.Current = change(slot.Current) with { Version = Interlocked.Increment(ref _version) };
            signal = slot.Changed;
            slot.Changed = NewSignal();
        }

        signal.TrySetResult();
    }

    private static int OrdersOf(SyncRun run) =>
        run.Counts.Where(c => c.Key.StartsWith("orders.", StringComparison.Ordinal)).Sum(c => c.Value);

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private sealed class Slot
    {
        public RunProgress? Current { get; set; }

        public TaskCompletionSource Changed { get; set; } = NewSignal();
    }
}
