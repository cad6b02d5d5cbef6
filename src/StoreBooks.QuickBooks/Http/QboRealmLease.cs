using System.Threading.RateLimiting;

namespace StoreBooks.QuickBooks.Http;

/// <summary>
/// One request's place in its realm's budget (<see cref="QboRealmLimits.AcquireAsync"/>): this process's slot and permits, and
/// the shared budget's slot when there is one. Dispose it (asynchronously where possible) once the response has been read.
/// </summary>
public sealed class QboRealmLease : IDisposable, IAsyncDisposable
{
    private readonly RateLimitLease _slot;
    private readonly RateLimitLease _permit;
    private readonly RateLimitLease? _batch;
    private int _disposed;

    internal QboRealmLease(RateLimitLease slot, RateLimitLease permit, RateLimitLease? batch)
    {
        _slot = slot;
        _permit = permit;
        _batch = batch;
    }

    /// <summary>The shared budget's slot, given back before this process's own.</summary>
    internal IAsyncDisposable? SharedSlot { get; set; }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            if (SharedSlot is { } shared)
            {
                await shared.DisposeAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            ReleaseOwn();
        }
    }

    /// <summary>Gives this process's slot back at once; the shared slot is given back in the background.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (SharedSlot is { } shared)
        {
            _ = GiveBackAsync(shared);
        }

        ReleaseOwn();
    }

    private static async Task GiveBackAsync(IAsyncDisposable shared)
    {
        try
        {
            await shared.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The shared slot could not be given back (its store unreachable): it comes back by itself when its lease expires.
        }
    }

    private void ReleaseOwn()
    {
        _permit.Dispose();
        _batch?.Dispose();
        _slot.Dispose();
    }
}
