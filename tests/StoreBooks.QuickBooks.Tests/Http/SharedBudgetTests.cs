using StoreBooks.QuickBooks.Http;
using StoreBooks.QuickBooks.Tests.Support;
using Xunit;

namespace StoreBooks.QuickBooks.Tests.Http;

/// <summary>
/// The seam for the budget shared beyond the process (<see cref="IQboSharedBudget"/>; PostgreSQL's in hosted mode, tested in
/// StoreBooks.Hosting.Tests): asked after this process's own limits, its slot held until the response is read and given back
/// whatever happens.
/// </summary>
public sealed class SharedBudgetTests(LimitedEmulator emulator) : IClassFixture<LimitedEmulator>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_shared_budget_with_other_limits_than_the_process_is_refused()
    {
        var shared = new InProcessSharedBudget(LimitedEmulator.ClientLimits);

        var error = Assert.Throws<ArgumentException>(() => new QboRealmLimits(LimitedEmulator.ClientLimits with { MaxInFlight = 20 }, shared));
        await using var taken = new QboRealmLimits(shared: shared);

        Assert.Contains("same figures", error.Message, StringComparison.Ordinal);
        Assert.Equal(LimitedEmulator.ClientLimits, taken.Options);
    }

    [Fact]
    public async Task Every_request_takes_a_shared_slot_and_permit_and_gives_the_slot_back_when_read()
    {
        var realm = await emulator.NewRealmAsync();
        await emulator.SetFaultsAsync(realm, new { latencyMs = 5 });
        var shared = new InProcessSharedBudget(LimitedEmulator.ClientLimits);
        await using var limits = new QboRealmLimits(LimitedEmulator.ClientLimits, shared);
        await using var connection = await QboTestConnection.CreateAsync(emulator, realm, LimitedEmulator.ClientLimits);
        using var client = connection.CreateClient(limits: limits, retry: QboTestConnection.FastRetry with { MaxRetryAttempts = 0 });

        await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => client.GetCompanyInfoAsync(Ct)));

        Assert.Equal(100, shared.Permits);
        Assert.Equal(0, shared.Held);
        Assert.InRange(shared.PeakHeld, 1, LimitedEmulator.ClientLimits.MaxInFlight);
        Assert.Equal(0, limits.InFlight(realm));
    }

    [Fact]
    public async Task A_batch_request_also_takes_a_shared_batch_permit_and_a_single_one_does_not()
    {
        var shared = new InProcessSharedBudget(LimitedEmulator.ClientLimits);
        await using var limits = new QboRealmLimits(LimitedEmulator.ClientLimits, shared);

        await using (await limits.AcquireAsync("9130", Ct, batch: true))
        {
        }

        await using (await limits.AcquireAsync("9130", Ct))
        {
        }

        Assert.Equal(1, shared.BatchPermits);
        Assert.Equal(2, shared.Permits);
        Assert.Equal(0, shared.Held);
    }

    [Fact]
    public async Task A_request_cancelled_while_waiting_for_the_shared_budget_gives_back_its_own_slot()
    {
        var shared = new InProcessSharedBudget(LimitedEmulator.ClientLimits, slots: 0);
        await using var limits = new QboRealmLimits(LimitedEmulator.ClientLimits, shared);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        var waiting = limits.AcquireAsync("9130", cancel.Token).AsTask();
        await shared.Waiting.Task;
        Assert.Equal(1, limits.InFlight("9130"));
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.Equal(0, limits.InFlight("9130"));
        Assert.Equal(0, shared.Permits);
    }

    /// <summary>A shared budget within one process: a number of slots, permits counted, the most slots held at once.</summary>
    private sealed class InProcessSharedBudget(QboLimitsOptions limits, int? slots = null) : IQboSharedBudget
    {
        private readonly SemaphoreSlim _slots = new(slots ?? limits.MaxInFlight);
        private int _held;
        private int _peak;
        private int _permits;
        private int _batchPermits;

        public QboLimitsOptions Limits => limits;

        /// <summary>Set once a request waits for a slot.</summary>
        public TaskCompletionSource Waiting { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Held => Volatile.Read(ref _held);

        public int PeakHeld => Volatile.Read(ref _peak);

        public int Permits => Volatile.Read(ref _permits);

        public int BatchPermits => Volatile.Read(ref _batchPermits);

        public async ValueTask<IAsyncDisposable> TakeSlotAsync(string realmId, CancellationToken cancellationToken)
        {
            Waiting.TrySetResult();
            await _slots.WaitAsync(cancellationToken);
            var held = Interlocked.Increment(ref _held);
            int peak;
            while ((peak = Volatile.Read(ref _peak)) < held && Interlocked.CompareExchange(ref _peak, held, peak) != peak)
            {
            }

            return new Slot(this);
        }

        public ValueTask TakePermitAsync(string realmId, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _permits);
            return ValueTask.CompletedTask;
        }

        public ValueTask TakeBatchPermitAsync(string realmId, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _batchPermits);
            return ValueTask.CompletedTask;
        }

        private sealed class Slot(InProcessSharedBudget owner) : IAsyncDisposable
        {
            public ValueTask DisposeAsync()
            {
                Interlocked.Decrement(ref owner._held);
                owner._slots.Release();
                return ValueTask.CompletedTask;
            }
        }
    }
}
