using StoreBooks.Sync;

namespace StoreBooks.Hosting.Progress;

/// <summary>A run's <see cref="IProgress{T}"/> that writes to the board as the run reports, on the run's own thread (in order).</summary>
internal sealed class BoardProgress(ISyncProgressBoard board, Guid connectionId, TimeProvider time) : IProgress<SyncProgress>
{
    public void Report(SyncProgress value) => board.Report(connectionId, value, time.GetUtcNow());
}
