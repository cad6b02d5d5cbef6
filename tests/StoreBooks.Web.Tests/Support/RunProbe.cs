using System.Runtime.CompilerServices;
using StoreBooks.Core.Model;
using StoreBooks.Core.Sources;

namespace StoreBooks.Web.Tests.Support;

/// <summary>
/// A store with no orders that counts the runs reading it, how many read at once, and can hold them mid-read until released:
/// what the tests of webhooks and of the per-company lock need, without the cost of a real sync. Share one probe between the
/// connections of one QuickBooks company to see that their runs never overlap.
/// </summary>
public sealed class RunProbe
{
    private readonly Lock _gate = new();
    private TaskCompletionSource? _hold;
    private TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _running;
    private int _maxRunning;
    private int _reads;

    /// <summary>Runs that have read the orders stream.</summary>
    public int Reads => Volatile.Read(ref _reads);

    /// <summary>The most runs that were reading at the same moment.</summary>
    public int MaxConcurrent => Volatile.Read(ref _maxRunning);

    /// <summary>A source of this probe, of <paramref name="kind"/>.</summary>
    public IStoreSource Source(string kind) => new ProbeSource(kind, this);

    /// <summary>From now on, runs wait mid-read until <see cref="Release"/>.</summary>
    public Task HeldRunEntered()
    {
        lock (_gate)
        {
            _hold ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _entered.Task;
        }
    }

    public void Release()
    {
        lock (_gate)
        {
            _hold?.TrySetResult();
            _hold = null;
        }
    }

    private async Task EnterAsync(CancellationToken cancellationToken)
    {
        var now = Interlocked.Increment(ref _running);
        Interlocked.Increment(ref _reads);
        int max;
        while (now > (max = Volatile.Read(ref _maxRunning)) && Interlocked.CompareExchange(ref _maxRunning, now, max) != max)
        {
        }

        Task? wait;
        lock (_gate)
        {
            wait = _hold?.Task;
            _entered.TrySetResult();
        }

        if (wait is not null)
        {
            await wait.WaitAsync(cancellationToken);
        }
    }

    private void Exit() => Interlocked.Decrement(ref _running);

    private sealed class ProbeSource(string kind, RunProbe probe) : IStoreSource
    {
        public string Kind => kind;

        public async IAsyncEnumerable<SourcePage<StoreProduct>> ReadProductsAsync(DateTimeOffset? changedSince, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await Task.CompletedTask;
            yield break;
        }

        public async IAsyncEnumerable<SourcePage<StoreOrder>> ReadOrdersAsync(DateTimeOffset? changedSince, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            try
            {
                await probe.EnterAsync(cancellationToken);
                yield return new SourcePage<StoreOrder>([]);
            }
            finally
            {
                probe.Exit();
            }
        }

        public async IAsyncEnumerable<SourcePage<StoreOrder>> GetOrdersAsync(IReadOnlyCollection<string> sourceIds, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await Task.CompletedTask;
            yield break;
        }
    }
}
