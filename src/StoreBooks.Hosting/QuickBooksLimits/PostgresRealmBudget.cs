using System.Collections.Concurrent;
using Npgsql;
using NpgsqlTypes;
using StoreBooks.QuickBooks.Http;

namespace StoreBooks.Hosting.QuickBooksLimits;

/// <summary>
/// The QuickBooks request budget of each company (realm) shared by every process of hosted mode on one PostgreSQL database
/// (tables <c>qbo_realm_permits</c> and <c>qbo_realm_slots</c>, migration 11): QBO's 500 requests a minute and 10 in flight
/// hold for all the processes together. It stands behind each process's own <see cref="QboRealmLimits"/>, made with the same
/// figures, so a process never exceeds the limits alone and asks PostgreSQL only for what the others might also take.
/// <para>
/// <b>Requests per window.</b> A process takes permits in blocks: one short transaction, under a transaction-level advisory lock
/// of the realm, sums the permits granted in the last <see cref="Lookback"/> (segments of <see cref="Segment"/>), grants
/// as many as this process has requests waiting (up to a tenth of the limit) or none, and says how long until the oldest counted
/// segment leaves the sum. A block must be spent within one <see cref="Segment"/> of asking for it (what is left is lost: it
/// stays counted, which is conservative). Why this keeps any server window of <c>Window</c> within the limit: a request arriving
/// in it was sent at most <c>SafetyMargin</c> before, from a block granted at most one segment before that, and recorded at the
/// start of its segment, one more segment at most; so the last block granted among them saw every other one in its sum of the
/// last <c>Window + SafetyMargin + 2 × segment</c>. All times of grants are PostgreSQL's clock, so the processes' clocks need not
/// agree; the spending deadline is measured on this process's monotonic clock from before the grant was asked for.
/// </para>
/// <para>
/// <b>In flight.</b> Each request holds a slot: a row inserted under another advisory lock of the realm when fewer than the limit
/// are live, deleted when its response has been read. Rows expire after <see cref="SlotLease"/>; a timer renews this process's
/// rows every third of it while they are held, so a process killed mid-request gives its slots back at expiry. A request that
/// finds every slot taken asks again every <see cref="SlotPoll"/>.
/// </para>
/// <para>
/// <b>Batches per window.</b> QBO's 40 batch requests a minute are kept the same way as requests, their permits counted in
/// <c>qbo_realm_permits</c> under the realm's id followed by <see cref="BatchKeySuffix"/>, so a batch writer handing a company
/// over to another process (the next slice of a sync) cannot send twice the company's batches in one minute.
/// </para>
/// <para>
/// Disposing it stops the renewals and gives back nothing: the requests still holding slots then are cut off with the process,
/// and their slots expire as a killed process's would.
/// </para>
/// </summary>
public sealed class PostgresRealmBudget : IQboSharedBudget, IAsyncDisposable
{
    /// <summary>First key of the permits lock, StoreBooks' own ("SBqp"); the second is the schema and realm hashed.</summary>
    private const int PermitLockClass = 0x53427170;

    /// <summary>First key of the slots lock ("SBqs").</summary>
    private const int SlotLockClass = 0x53427173;

    /// <summary>Follows the realm id in the permits table for the realm's batch permits.</summary>
    public const string BatchKeySuffix = "/batches";

    private const string LockSql = "SELECT pg_advisory_xact_lock(@class, hashtext(current_schema() || '/' || @realm));";

    private const string GrantSql = """
        WITH clock AS (SELECT clock_timestamp() AS now),
        counted AS (
            SELECT coalesce(sum(p.taken), 0) AS used, min(p.segment_start) AS oldest
            FROM qbo_realm_permits p, clock
            WHERE p.realm_id = @realm AND p.segment_start > clock.now - @lookback),
        granted AS (SELECT greatest(0, least(@ask, @limit - counted.used))::integer AS n, counted.oldest FROM counted),
        expired AS (
            DELETE FROM qbo_realm_permits p USING clock
            WHERE p.realm_id = @realm AND p.segment_start <= clock.now - @lookback),
        added AS (
            INSERT INTO qbo_realm_permits (realm_id, segment_start, taken)
            SELECT @realm, date_bin(@segment, clock.now, TIMESTAMPTZ '2000-01-01 00:00:00+00'), granted.n
            FROM clock, granted WHERE granted.n > 0
            ON CONFLICT (realm_id, segment_start) DO UPDATE SET taken = qbo_realm_permits.taken + excluded.taken)
        SELECT granted.n, coalesce(extract(epoch FROM granted.oldest + @lookback - clock.now), 0)::float8
        FROM granted, clock;
        """;

    private const string TakeSlotSql = """
        WITH clock AS (SELECT clock_timestamp() AS now),
        expired AS (
            DELETE FROM qbo_realm_slots s USING clock
            WHERE s.realm_id = @realm AND s.expires_at <= clock.now),
        live AS (
            SELECT count(*) AS n FROM qbo_realm_slots s, clock
            WHERE s.realm_id = @realm AND s.expires_at > clock.now),
        added AS (
            INSERT INTO qbo_realm_slots (id, realm_id, holder, expires_at)
            SELECT @id, @realm, @holder, clock.now + @lease FROM clock, live WHERE live.n < @max
            RETURNING id)
        SELECT count(*) FROM added;
        """;

    private readonly NpgsqlDataSource _dataSource;
    private readonly TimeProvider _time;
    private readonly Guid _holder = Guid.NewGuid();
    private readonly ConcurrentDictionary<string, RealmPermits> _permits = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Guid, string> _slots = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _renewing;
    private readonly int _maxBlock;
    private readonly int _maxBatchBlock;
    private int _disposed;

    /// <param name="connectionString">The hosted database (the state store's), migrated to schema 11 or later.</param>
    /// <param name="limits">QBO's limits (the default) or the figures of a server that differs; the same as the process's own.</param>
    /// <param name="slotLease">How long a slot outlives its holder's last renewal (default one minute).</param>
    /// <param name="slotPoll">How often a request that found every slot taken asks again (default 50 ms).</param>
    public PostgresRealmBudget(string connectionString, QboLimitsOptions? limits = null, TimeSpan? slotLease = null, TimeSpan? slotPoll = null, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        Limits = limits ?? new QboLimitsOptions();
        SlotLease = slotLease ?? TimeSpan.FromMinutes(1);
        SlotPoll = slotPoll ?? TimeSpan.FromMilliseconds(50);
        if (SlotLease <= TimeSpan.Zero || SlotPoll <= TimeSpan.Zero)
        {
            throw new ArgumentException($"The slot lease ({SlotLease}) and poll interval ({SlotPoll}) must be positive.");
        }

        _time = time ?? TimeProvider.System;
        Segment = Limits.Window / Limits.SegmentsPerWindow;
        Lookback = Limits.Window + Limits.SafetyMargin + (2 * Segment);
        _maxBlock = Math.Max(1, Limits.RequestsPerWindow / 10);
        _maxBatchBlock = Math.Max(1, Limits.BatchesPerWindow / 10);
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (string.IsNullOrEmpty(builder.ApplicationName))
        {
            builder.ApplicationName = "StoreBooks QBO budget";
        }

        // Its statements are short: a small pool of its own (a smaller size in the connection string is kept).
        builder.MaxPoolSize = Math.Min(builder.MaxPoolSize, 10);

        _dataSource = NpgsqlDataSource.Create(builder);
        _renewing = RenewAsync(_stopping.Token);
    }

    public QboLimitsOptions Limits { get; }

    /// <summary>Length of a permits segment, and how long a block of permits may be spent: the window over its segments.</summary>
    public TimeSpan Segment { get; }

    /// <summary>How far back granted permits count: <c>Window + SafetyMargin + 2 × Segment</c>.</summary>
    public TimeSpan Lookback { get; }

    public TimeSpan SlotLease { get; }

    public TimeSpan SlotPoll { get; }

    /// <summary>Slots this process holds now, all realms together (for tests and diagnostics).</summary>
    public int SlotsHeld => _slots.Count;

    public async ValueTask<IAsyncDisposable> TakeSlotAsync(string realmId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(realmId);
        var id = Guid.NewGuid();
        while (true)
        {
            // Counted before the row exists, so a renewal running meanwhile cannot miss it.
            _slots[id] = realmId;
            bool taken;
            try
            {
                taken = await TryTakeSlotAsync(realmId, id, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                _slots.TryRemove(id, out _);
                throw;
            }

            if (taken)
            {
                return new Slot(this, id);
            }

            _slots.TryRemove(id, out _);
            await Task.Delay(SlotPoll, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    public ValueTask TakePermitAsync(string realmId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(realmId);
        return TakeAsync(realmId, Limits.RequestsPerWindow, _maxBlock, cancellationToken);
    }

    public ValueTask TakeBatchPermitAsync(string realmId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(realmId);
        return TakeAsync(realmId + BatchKeySuffix, Limits.BatchesPerWindow, _maxBatchBlock, cancellationToken);
    }

    /// <summary>One permit of the window counted under <paramref name="key"/> (a realm's requests, or its batches).</summary>
    private async ValueTask TakeAsync(string key, int limit, int maxBlock, CancellationToken cancellationToken)
    {
        var permits = _permits.GetOrAdd(key, static _ => new RealmPermits());
        Interlocked.Increment(ref permits.Waiting);
        try
        {
            while (true)
            {
                if (permits.TryTake(_time.GetTimestamp()))
                {
                    return;
                }

                // One grant at a time per realm in this process: the others wait here and mostly find permits when it ends.
                await permits.Asking.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    if (permits.TryTake(_time.GetTimestamp()))
                    {
                        return;
                    }

                    var asked = _time.GetTimestamp();
                    var ask = Math.Clamp(Volatile.Read(ref permits.Waiting), 1, maxBlock);
                    var (granted, wait) = await GrantAsync(key, ask, limit, cancellationToken).ConfigureAwait(false);
                    if (granted > 0)
                    {
                        // Spendable for one segment from before the grant was asked for (PostgreSQL's grant came after).
                        permits.Fill(granted - 1, asked + (long)(Segment.TotalSeconds * _time.TimestampFrequency));
                        return;
                    }

                    var pause = wait < TimeSpan.FromMilliseconds(5) ? TimeSpan.FromMilliseconds(5) : wait > Lookback ? Lookback : wait;
                    await Task.Delay(pause, _time, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    permits.Asking.Release();
                }
            }
        }
        finally
        {
            Interlocked.Decrement(ref permits.Waiting);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await _renewing.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        _stopping.Dispose();
        foreach (var permits in _permits.Values)
        {
            permits.Asking.Dispose();
        }

        await _dataSource.DisposeAsync().ConfigureAwait(false);
    }

    private async Task<(int Granted, TimeSpan Wait)> GrantAsync(string realmId, int ask, int limit, CancellationToken cancellationToken)
    {
        var grant = new NpgsqlBatchCommand(GrantSql);
        grant.Parameters.Add(new NpgsqlParameter("realm", NpgsqlDbType.Text) { Value = realmId });
        grant.Parameters.Add(new NpgsqlParameter("lookback", NpgsqlDbType.Interval) { Value = Lookback });
        grant.Parameters.Add(new NpgsqlParameter("segment", NpgsqlDbType.Interval) { Value = Segment });
        grant.Parameters.Add(new NpgsqlParameter("ask", NpgsqlDbType.Integer) { Value = ask });
        grant.Parameters.Add(new NpgsqlParameter("limit", NpgsqlDbType.Integer) { Value = limit });
        return await UnderRealmLockAsync(PermitLockClass, realmId, grant, static reader =>
            (reader.GetInt32(0), TimeSpan.FromSeconds(Math.Max(0, reader.GetDouble(1)))), cancellationToken).ConfigureAwait(false);
    }

    private async Task<bool> TryTakeSlotAsync(string realmId, Guid id, CancellationToken cancellationToken)
    {
        var take = new NpgsqlBatchCommand(TakeSlotSql);
        take.Parameters.Add(new NpgsqlParameter("realm", NpgsqlDbType.Text) { Value = realmId });
        take.Parameters.Add(new NpgsqlParameter("id", NpgsqlDbType.Uuid) { Value = id });
        take.Parameters.Add(new NpgsqlParameter("holder", NpgsqlDbType.Uuid) { Value = _holder });
        take.Parameters.Add(new NpgsqlParameter("lease", NpgsqlDbType.Interval) { Value = SlotLease });
        take.Parameters.Add(new NpgsqlParameter("max", NpgsqlDbType.Bigint) { Value = (long)Limits.MaxInFlight });
        return await UnderRealmLockAsync(SlotLockClass, realmId, take, static reader => reader.GetInt64(0) == 1, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs <paramref name="command"/> in one short transaction under the realm's transaction-level advisory lock of
    /// <paramref name="lockClass"/> (both in one round trip), and reads its one row.
    /// </summary>
    private async Task<T> UnderRealmLockAsync<T>(int lockClass, string realmId, NpgsqlBatchCommand command, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var batch = new NpgsqlBatch(connection, transaction);
        batch.BatchCommands.Add(LockCommand(lockClass, realmId));
        batch.BatchCommands.Add(command);
        T result;
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            // The lock's row, then the command's.
            await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            result = read(reader);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return result;
    }

    private async Task GiveBackAsync(Guid id)
    {
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(CancellationToken.None).ConfigureAwait(false);
            await using var command = new NpgsqlCommand("DELETE FROM qbo_realm_slots WHERE id = @id;", connection);
            command.Parameters.Add(new NpgsqlParameter("id", NpgsqlDbType.Uuid) { Value = id });
            await command.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            // Not renewed from now on: if the delete failed, the row expires.
            _slots.TryRemove(id, out _);
        }
    }

    private async Task RenewAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(SlotLease / 3, _time);
        while (await timer.WaitForNextTickAsync(stopping).ConfigureAwait(false))
        {
            if (_slots.IsEmpty)
            {
                continue;
            }

            try
            {
                await using var connection = await _dataSource.OpenConnectionAsync(stopping).ConfigureAwait(false);
                await using var command = new NpgsqlCommand("UPDATE qbo_realm_slots SET expires_at = clock_timestamp() + @lease WHERE holder = @holder;", connection);
                command.Parameters.Add(new NpgsqlParameter("lease", NpgsqlDbType.Interval) { Value = SlotLease });
                command.Parameters.Add(new NpgsqlParameter("holder", NpgsqlDbType.Uuid) { Value = _holder });
                await command.ExecuteNonQueryAsync(stopping).ConfigureAwait(false);
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException)
            {
                // The database did not answer this time; the next tick tries again, well before the lease runs out.
            }
        }
    }

    private static NpgsqlBatchCommand LockCommand(int lockClass, string realmId)
    {
        var command = new NpgsqlBatchCommand(LockSql);
        command.Parameters.Add(new NpgsqlParameter("class", NpgsqlDbType.Integer) { Value = lockClass });
        command.Parameters.Add(new NpgsqlParameter("realm", NpgsqlDbType.Text) { Value = realmId });
        return command;
    }

    /// <summary>The block of permits this process holds for one realm, and who is waiting for one.</summary>
    private sealed class RealmPermits
    {
        private readonly Lock _gate = new();
        private int _left;
        private long _spendBefore;

        /// <summary>One grant asked for at a time.</summary>
        public SemaphoreSlim Asking { get; } = new(1, 1);

        /// <summary>Requests of this process waiting for a permit of the realm (the size of the next block asked for).</summary>
        public int Waiting;

        public bool TryTake(long now)
        {
            lock (_gate)
            {
                if (_left > 0 && now < _spendBefore)
                {
                    _left--;
                    return true;
                }

                return false;
            }
        }

        public void Fill(int left, long spendBefore)
        {
            lock (_gate)
            {
                _left = left;
                _spendBefore = spendBefore;
            }
        }
    }

    /// <summary>One slot held; disposing it deletes its row.</summary>
    private sealed class Slot(PostgresRealmBudget owner, Guid id) : IAsyncDisposable
    {
        private int _given;

        public ValueTask DisposeAsync() =>
            Interlocked.Exchange(ref _given, 1) == 0 ? new ValueTask(owner.GiveBackAsync(id)) : ValueTask.CompletedTask;
    }
}
