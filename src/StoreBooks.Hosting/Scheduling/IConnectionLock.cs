namespace StoreBooks.Hosting.Scheduling;

/// <summary>
/// Keeps runs that share a QuickBooks company (the rate-limited resource) one at a time. Try-only: a run that finds the lock
/// taken asks for a later run and returns, so no worker waits. In-process now (<see cref="InProcessConnectionLock"/>); a
/// PostgreSQL session advisory lock in hosted mode, which a dead process releases by itself.
/// </summary>
public interface IConnectionLock
{
    /// <summary>The lock of <paramref name="key"/> when it is free (dispose it to release), else null at once.</summary>
    ValueTask<IAsyncDisposable?> TryAcquireAsync(string key, CancellationToken cancellationToken);
}
