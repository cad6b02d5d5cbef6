namespace StoreBooks.Hosting.Scheduling;

/// <summary>
/// Wakes the dispatcher before its next tick: a webhook asked for a sync, or a run ended and its connection may be due again.
/// Wakes that come while the dispatcher is busy are kept (at most one), so none is lost.
/// </summary>
public sealed class DispatchSignal
{
    private readonly SemaphoreSlim _wake = new(0, 1);

    public void Wake()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // A wake is already pending.
        }
    }

    /// <summary>Waits until woken or <paramref name="timeout"/> passes on <paramref name="time"/>'s clock.</summary>
    public async Task WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var woken = _wake.WaitAsync(stop.Token);
        var elapsed = Task.Delay(timeout, time, stop.Token);
        await Task.WhenAny(woken, elapsed).ConfigureAwait(false);
        await stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(woken, elapsed).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The other half was cancelled; a wake taken just before the cancel is fine: the dispatcher is about to look anyway.
        }

        cancellationToken.ThrowIfCancellationRequested();
    }
}
