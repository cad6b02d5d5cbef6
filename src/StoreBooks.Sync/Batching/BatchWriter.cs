using System.Text.Json.Nodes;
using StoreBooks.Core.State;
using StoreBooks.QuickBooks.Batch;
using StoreBooks.QuickBooks.Common;
using StoreBooks.QuickBooks.Entities;
using StoreBooks.QuickBooks.Errors;

namespace StoreBooks.Sync.Batching;

/// <summary>
/// Sends the run's new QuickBooks records (sales receipts, invoices, payments, refund receipts, customers) in batch requests of
/// up to 30, mixed with single requests whenever the company's batch budget (40 a minute) is spent, so both budgets are used.
/// <para>
/// Exactly once: a record goes in a batch only when its link has just become Pending (no request ever went out under its own
/// requestid). The batch's items and a fresh requestid are saved in the journal before it is sent; when the answer comes, each
/// record's link is marked done, then the batch is closed. A batch left open by a crash or a lost reply is sent again as it
/// was, under the same requestid, before the next run writes anything (<see cref="ReplayOpenAsync"/>), so QuickBooks replays
/// its first answer. Until then its records are held: nothing is sent for them under another requestid. An item QuickBooks
/// refused (its own fault in the batch's answer) goes back to its writer, as a single request's refusal would; the rest stand.
/// </para>
/// </summary>
public sealed class BatchWriter
{
    private readonly SyncContext _context;
    private readonly Lock _gate = new();
    private readonly List<Submission> _queue = [];
    private readonly HashSet<Guid> _held = [];
    private Task? _pump;
    private int _batchesInFlight;
    private int _singlesInFlight;
    private int _batches;
    private int _batchedItems;
    private int _singles;
    private int _replayed;
    private long _batchesPausedUntil;

    public BatchWriter(SyncContext context) => _context = context;

    /// <summary>Off: every record is its own request (the way before batches, and a switch for servers without /batch).</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>
    /// The wall clock the pacing (<see cref="Linger"/>, the pump's pauses) runs on: the real one, whatever clock the sync's dates
    /// come from (a test's fake clock would never let a partial batch go).
    /// </summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>How long the oldest waiting record waits for others before a batch of fewer than 30 goes out.</summary>
    public TimeSpan Linger { get; init; } = TimeSpan.FromMilliseconds(150);

    public int MaxBatchesInFlight { get; init; } = 4;

    /// <summary>
    /// How long a batch QuickBooks throttles (HTTP 429) is sent again, as it was and under its requestid, before its records are
    /// left to the next run. Meanwhile the records after it go out on their own.
    /// </summary>
    public TimeSpan ThrottlePatience { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Records sent on their own at once while the batch budget is spent.</summary>
    public int MaxSinglesInFlight { get; init; } = 6;

    /// <summary>Batch requests sent, records sent in them, records sent on their own, and batches sent again from the journal.</summary>
    public (int Batches, int BatchedItems, int Singles, int Replayed) Counts => (_batches, _batchedItems, _singles, _replayed);

    /// <summary>
    /// Creates <paramref name="entity"/> for <paramref name="link"/>: in a batch when the link has just become Pending
    /// (<paramref name="fresh"/>), else through <paramref name="single"/> (which sends it under the link's own requestid).
    /// Throws the item's own <see cref="QboException"/> when QuickBooks refused it, and a system fault when its batch got no answer.
    /// </summary>
    public async Task<T> CreateAsync<T>(T entity, Link link, bool fresh, string? fingerprint, Func<CancellationToken, Task<T>> single, CancellationToken cancellationToken)
        where T : QboEntity
    {
        if (Holds(link.Id))
        {
            throw new QboSystemException($"{QboEntityNames.Of<T>()} of {link.SourceId}: the batch it went in got no answer yet; the next run sends that batch again", null, null, null);
        }

        if (!Enabled || !fresh)
        {
            return await single(cancellationToken).ConfigureAwait(false);
        }

        var submission = new Submission(QboBatchOperation.Create(entity), QboEntityNames.Of<T>(), link, fingerprint, Clock.GetUtcNow());
        Enqueue(submission);
        QboBatchAnswer? answer;
        try
        {
            answer = await submission.Route.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            lock (_gate)
            {
                _queue.Remove(submission);
            }

            throw;
        }

        if (answer is not null)
        {
            return answer.GetEntity<T>();
        }

        try
        {
            return await single(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _singlesInFlight);
        }
    }

    /// <summary>Whether a record's link is in a batch that got no answer this run (it must not be written any other way).</summary>
    public bool Holds(Guid linkId)
    {
        lock (_gate)
        {
            return _held.Contains(linkId);
        }
    }

    /// <summary>
    /// Sends again, as they were and under their requestids, the batches a crash or a lost reply left open, and records their
    /// answers in the links. Throws when QuickBooks cannot be reached: the run must not write anything before these are settled.
    /// </summary>
    public async Task ReplayOpenAsync(CancellationToken cancellationToken)
    {
        foreach (var batch in await _context.State.Batches.ListOpenAsync(_context.ConnectionId, cancellationToken).ConfigureAwait(false))
        {
            var items = JsonNode.Parse(batch.Items)!.AsArray();
            var answers = await _context.Qbo.Batch.SendAsync(items, batch.RequestId, cancellationToken).ConfigureAwait(false);
            await RecordAsync(batch, answers, cancellationToken).ConfigureAwait(false);
            await _context.State.Batches.CloseAsync(batch.Id, cancellationToken).ConfigureAwait(false);
            Interlocked.Increment(ref _replayed);
        }
    }

    private void Enqueue(Submission submission)
    {
        lock (_gate)
        {
            _queue.Add(submission);
            _pump ??= Task.Run(PumpAsync);
        }
    }

    /// <summary>
    /// Sends batches while records wait: a full batch at once, a partial one after <see cref="Linger"/>; singles while the batch
    /// budget is spent, as long as the request budget keeps a request for each batch the window allows (a batch carries 30
    /// records, a single one: singles that spend the last requests would leave the next batches waiting for the window).
    /// </summary>
    private async Task PumpAsync()
    {
        var realm = _context.Qbo.RealmId;
        var limits = _context.Qbo.Options.Limits;
        while (true)
        {
            List<Submission>? batch = null;
            Submission? alone = null;
            lock (_gate)
            {
                if (_queue.Count == 0)
                {
                    _pump = null;
                    return;
                }

                var due = _queue.Count >= QboBatchService.MaxItemsPerCall || Clock.GetUtcNow() - _queue[0].QueuedAt >= Linger;
                var batchBudget = limits.BatchAvailable(realm) && Clock.GetUtcNow().UtcTicks >= Interlocked.Read(ref _batchesPausedUntil);
                if (due && batchBudget && _batchesInFlight < MaxBatchesInFlight)
                {
                    batch = _queue.Take(QboBatchService.MaxItemsPerCall).ToList();
                    _queue.RemoveRange(0, batch.Count);
                    _batchesInFlight++;
                }
                else if (due && !batchBudget && _singlesInFlight < MaxSinglesInFlight && limits.RequestsAvailable(realm) > limits.Options.BatchesPerWindow)
                {
                    alone = _queue[0];
                    _queue.RemoveAt(0);
                    _singlesInFlight++;
                }
            }

            if (batch is not null)
            {
                _ = SendAsync(batch);
            }
            else if (alone is not null)
            {
                Interlocked.Increment(ref _singles);
                alone.Route.TrySetResult(null);
            }
            else
            {
                await Task.Delay(TimeSpan.FromMilliseconds(15), Clock).ConfigureAwait(false);
            }
        }
    }

    private async Task SendAsync(List<Submission> submissions)
    {
        try
        {
            var items = new JsonArray();
            var members = new List<BatchMember>();
            QboBatchRecord record;
            try
            {
                for (var i = 0; i < submissions.Count; i++)
                {
                    var s = submissions[i];
                    var bId = "r" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    s.BId = bId;
                    items.Add((s.Operation with { BId = bId }).ToItem());
                    members.Add(new BatchMember(bId, s.Link.Id, s.Link.Kind, s.Link.SourceId, s.Link.Attempt, s.Entity, s.Fingerprint));
                }

                record = new QboBatchRecord
                {
                    Id = Guid.NewGuid(),
                    ConnectionId = _context.ConnectionId,
                    RequestId = Guid.NewGuid().ToString("N"),
                    Items = items.ToJsonString(),
                    Members = members,
                    CreatedAt = _context.Time.GetUtcNow(),
                };
                await _context.State.Batches.OpenAsync(record, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                // Not saved, so not sent: nothing is held, and each record goes back to its writer as not sent.
                Fail(submissions, e);
                return;
            }

            try
            {
                Interlocked.Increment(ref _batches);
                Interlocked.Add(ref _batchedItems, submissions.Count);
                var answers = await SendPatientlyAsync(items, record.RequestId).ConfigureAwait(false);
                await RecordAsync(record, answers, CancellationToken.None).ConfigureAwait(false);
                await _context.State.Batches.CloseAsync(record.Id, CancellationToken.None).ConfigureAwait(false);
                foreach (var s in submissions)
                {
                    s.Route.TrySetResult(answers[s.BId!]);
                }
            }
            catch (Exception e)
            {
                lock (_gate)
                {
                    _held.UnionWith(submissions.Select(s => s.Link.Id));
                }

                Fail(submissions, e);
            }
        }
        finally
        {
            lock (_gate)
            {
                _batchesInFlight--;
            }
        }
    }

    /// <summary>
    /// Sends a saved batch; when QuickBooks throttles it (its batch limit is spent, whatever this process counted), sends it again as
    /// it was, under the same requestid (so it can never be written twice), after a growing pause, for up to
    /// <see cref="ThrottlePatience"/>. While it waits, batches pause and records go out on their own.
    /// </summary>
    private async Task<IReadOnlyDictionary<string, QboBatchAnswer>> SendPatientlyAsync(JsonArray items, string requestId)
    {
        var waited = TimeSpan.Zero;
        var pause = TimeSpan.FromSeconds(2);
        while (true)
        {
            try
            {
                return await _context.Qbo.Batch.SendAsync(items, requestId, CancellationToken.None).ConfigureAwait(false);
            }
            catch (QboException e) when (e.Kind == QboErrorKind.Throttled && waited < ThrottlePatience)
            {
                var until = Clock.GetUtcNow() + pause;
                long seen;
                do
                {
                    seen = Interlocked.Read(ref _batchesPausedUntil);
                }
                while (seen < until.UtcTicks && Interlocked.CompareExchange(ref _batchesPausedUntil, until.UtcTicks, seen) != seen);

                await Task.Delay(pause, Clock).ConfigureAwait(false);
                waited += pause;
                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
            }
        }
    }

    private static void Fail(List<Submission> submissions, Exception e)
    {
        var error = e as QboException ?? new QboSystemException("batch request", null, null, null, e);
        foreach (var s in submissions)
        {
            s.Route.TrySetException(error);
        }
    }

    /// <summary>
    /// Marks done the link of each item QuickBooks wrote, when the link is still the one the batch wrote for (Pending, same
    /// attempt). Items it refused leave their links as they are: nothing was written, and the writer records why.
    /// </summary>
    private async Task RecordAsync(QboBatchRecord batch, IReadOnlyDictionary<string, QboBatchAnswer> answers, CancellationToken cancellationToken)
    {
        var links = _context.State.Links;
        foreach (var member in batch.Members)
        {
            if (!answers.TryGetValue(member.BId, out var answer) || answer.Error is not null)
            {
                continue;
            }

            var (id, syncToken) = answer.GetIds();
            var link = await links.FindAsync(_context.ConnectionId, member.Kind, member.SourceId, cancellationToken).ConfigureAwait(false);
            if (link is not { State: LinkState.Pending } || link.Id != member.LinkId || link.Attempt != member.Attempt)
            {
                continue;
            }

            var document = member.Kind is LinkKind.Sale or LinkKind.Refund;
            await links.SaveAsync(link with
            {
                State = LinkState.Done,
                QboId = id,
                QboSyncToken = syncToken,
                Fingerprint = document ? member.Fingerprint : link.Fingerprint,
                CreatedWith = document ? link.CreatedWith ?? new JsonObject { ["entity"] = member.Entity }.ToJsonString() : link.CreatedWith,
                Message = null,
                UpdatedAt = _context.Time.GetUtcNow(),
            }, cancellationToken).ConfigureAwait(false);
        }
    }

    private sealed class Submission(QboBatchOperation operation, string entity, Link link, string? fingerprint, DateTimeOffset queuedAt)
    {
        public QboBatchOperation Operation { get; } = operation;

        public string Entity { get; } = entity;

        public Link Link { get; } = link;

        public string? Fingerprint { get; } = fingerprint;

        public DateTimeOffset QueuedAt { get; } = queuedAt;

        public string? BId { get; set; }

        /// <summary>The item's answer, or null when it is to go on its own.</summary>
        public TaskCompletionSource<QboBatchAnswer?> Route { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
