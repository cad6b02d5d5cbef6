using System.Diagnostics;
using Microsoft.Extensions.Logging;
using StoreBooks.Core.Messages;
using StoreBooks.Core.Model;
using StoreBooks.Core.Payouts;
using StoreBooks.Core.Sources;
using StoreBooks.Core.State;
using StoreBooks.QuickBooks.Errors;
using StoreBooks.QuickBooks.OAuth;
using StoreBooks.Sync.Payouts;
using StoreBooks.Sync.Sales;

namespace StoreBooks.Sync;

/// <summary>What a run did, for the log, the command line and the dashboard.</summary>
/// <summary>
/// A finished run: its log entry (with every count), the outcomes of the orders that need attention and of the first
/// <see cref="RunTally.KeptOutcomes"/> others, and the records the source could not read.
/// </summary>
public sealed record SyncSummary(SyncRun Run, IReadOnlyList<OrderOutcome> Outcomes, IReadOnlyList<SourceProblem> SourceProblems)
{
    public int Count(OrderResult result) => Run.Counts.GetValueOrDefault("orders." + result.ToString().ToLowerInvariant());

    /// <summary>The payouts part of the run; null when payouts are off, the source has none, or the run stopped before them.</summary>
    public PayoutRun? Payouts { get; init; }

    /// <summary>What stopped the run early (QuickBooks refused the authorization, or could not be reached); null when it ran to its end.</summary>
    public Exception? StoppedBy { get; init; }

    /// <summary>
    /// The run did its <see cref="SyncRunner.Slice"/> and stopped before the end of the store's orders, having saved where the next
    /// run goes on: run again (soon) to do the rest. Payouts and per-order fees wait for the run that reaches the end.
    /// </summary>
    public bool MoreToDo { get; init; }
}

/// <summary>Progress of a run, reported as pages complete.</summary>
public sealed record SyncProgress(int OrdersRead, int OrdersDone, string Stage)
{
    /// <summary>The run's counts so far, as its log entry keeps them at the end ("orders.posted", "orders.waiting"…).</summary>
    public IReadOnlyDictionary<string, int> Counts { get; init; } = new Dictionary<string, int>();
}

/// <summary>
/// One sync run of one connection, whoever starts it (the command line, the server's schedule, a webhook, a job engine): logs the
/// run, retries what waits or was left in flight, then reads orders changed since the cursor (less an overlap, so nothing is
/// missed), a page at a time, and moves the cursor once every order read is recorded. Many QuickBooks failures in a row stop
/// the run early; the next run reads those orders again (the posted ones cost no QuickBooks call) and goes on.
/// </summary>
public sealed partial class SyncRunner
{
    /// <summary>The stream name of orders' cursor.</summary>
    public const string OrdersStream = "orders";

    private readonly SyncContext _context;
    private readonly IStoreSource _source;
    private readonly ILogger _logger;

    public SyncRunner(SyncContext context, IStoreSource source)
    {
        _context = context;
        _source = source;
        _logger = context.Loggers.CreateLogger<SyncRunner>();
    }

    /// <summary>Re-read orders changed up to this long before the cursor, so an order changed during the last run is not missed.</summary>
    public TimeSpan Overlap { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The cursor never moves past the run's start less this, as a store's clock and indexing may lag.</summary>
    public TimeSpan SafetyWindow { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Failures to reach QuickBooks in a row that stop the run.</summary>
    public int MaxConsecutiveDeferrals { get; init; } = 20;

    /// <summary>Orders posted at once: many when new records go out in batches (they wait on a batch together), else QuickBooks' 10 in flight less a margin.</summary>
    public int? Parallelism { get; init; }

    /// <summary>Orders posted together at most: the store's small pages are joined up to this, so QuickBooks batches fill.</summary>
    public int LargestPage { get; init; } = 250;

    /// <summary>Orders read ahead of the posting at most (the pipeline's buffer: memory stays flat however large the store).</summary>
    public int ReadAheadRecords { get; init; } = 1000;

    /// <summary>New records go out in QuickBooks batch requests, mixed with single requests (on by default).</summary>
    public bool Batching { get; init; } = true;

    /// <summary>
    /// The most one run does before it stops between two pages with <see cref="SyncSummary.MoreToDo"/> (a job engine's fairness: a
    /// backfill of a large store goes in slices, queued behind the other connections); null, the default, runs to the end. A
    /// source that lists orders oldest change first (<see cref="IStoreSource.OrdersInChangeOrder"/>, Shopify) is sliced with the
    /// cursor moving to the last change read; one that can list them in placing order (<see cref="IPlacedOrderSource"/>,
    /// WooCommerce) in a <see cref="PlacingPass"/> that keeps its position between runs. Any other source's run goes to the end.
    /// </summary>
    public SyncSlice? Slice { get; init; }

    /// <param name="trigger">Why it runs: "manual", "schedule", "webhook", "retry", "demo".</param>
    /// <param name="retryFailed">
    /// The merchant says they fixed something outside the store (in QuickBooks, in the settings): send again what QuickBooks refused
    /// even when the store has not changed it. Orders refused for their own data are re-read on every run either way.
    /// </param>
    public async Task<SyncSummary> RunAsync(string trigger, bool retryFailed = false, IProgress<SyncProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var state = _context.State;
        var startedAt = _context.Time.GetUtcNow();

        // Whoever runs this holds the connection's lock: a run of it still marked running died with its process.
        await state.Runs.AbandonRunningAsync(_context.ConnectionId, startedAt, startedAt,
            RunMessages.Abandoned.With(),
            cancellationToken).ConfigureAwait(false);
        var run = await state.Runs.StartAsync(_context.ConnectionId, trigger, startedAt, cancellationToken).ConfigureAwait(false);
        var tally = new RunTally();
        var sourceProblems = new List<SourceProblem>();
        var stopwatch = Stopwatch.StartNew();
        SyncMessage? error = null;
        Exception? stoppedBy = null;
        OrderSync? batches = null;
        PayoutRun? payouts = null;
        var moreToDo = false;
        var sliceStarted = _context.Time.GetTimestamp();
        var sent = 0;
        try
        {
            var orders = await OrderSync.CreateAsync(_context, cancellationToken, Batching).ConfigureAwait(false);
            batches = orders;
            orders.Parallelism = Parallelism ?? (Batching ? 96 : 8);
            orders.RetryRefused = retryFailed;
            var streak = 0;
            var unattributed = false;
            DateTimeOffset? unread = null;
            async Task<IReadOnlyList<OrderOutcome>> PageAsync(SourcePage<StoreOrder> page, string stage)
            {
                var (standing, holding, stray) = await RecordSourceProblemsAsync(page.Problems, run.Id, cancellationToken).ConfigureAwait(false);
                sourceProblems.AddRange(standing);
                unattributed |= stray;

                // An order the store could not hand over (and that is not posted) holds the cursor at its time (with no time, where
                // it is): its id may be misread (a shifted row), so the stream, not only a read by id, must meet it again once fixed.
                foreach (var problem in holding.Where(_ => stage == "orders"))
                {
                    if (problem.UpdatedAt is not { } at)
                    {
                        unattributed = true;
                    }
                    else if (unread is null || at < unread)
                    {
                        unread = at;
                    }
                }

                var done = await orders.SyncPageAsync(page.Records, run.Id, cancellationToken).ConfigureAwait(false);
                foreach (var outcome in done)
                {
                    tally.Add(outcome);
                    sent += outcome.Result is OrderResult.Posted or OrderResult.Updated or OrderResult.Adopted ? 1 : 0;
                }

                streak = done.All(o => o.Result == OrderResult.Deferred) && done.Count > 0 ? streak + done.Count : done.Any(o => o.Result != OrderResult.Deferred) ? 0 : streak;
                progress?.Report(new SyncProgress(tally.Orders, tally.Done, stage) { Counts = tally.Counts() });
                if (streak >= MaxConsecutiveDeferrals)
                {
                    var last = done.Last();
                    throw new RunStoppedException(RunMessages.Unreachable.With(("count", streak), ("last", last.Detail ?? SyncMessage.Untranslated(last.Message ?? ""))));
                }

                return done;
            }

            var retry = await UnendedOrdersAsync(cancellationToken).ConfigureAwait(false);
            var answered = new HashSet<string>(StringComparer.Ordinal);
            if (retry.Count > 0)
            {
                await foreach (var page in _source.GetOrdersAsync(retry, cancellationToken).ConfigureAwait(false))
                {
                    answered.UnionWith(page.Records.Select(o => o.SourceId));
                    answered.UnionWith(page.Problems.Select(p => p.OrderId).OfType<string>());
                    await PageAsync(page, "retrying").ConfigureAwait(false);
                }
            }

            // The cursor moves once the stream has been read to its end, or a slice of it when the source lists orders oldest
            // change first. Another source need not list orders by the time they changed (an export lists them as they were
            // placed, and an order paid days later sits among older ones), so the times of one page say nothing of the pages
            // after it: moved per page, a crash or a stop would skip the orders not read yet.
            var cursor = await state.Cursors.GetAsync(_context.ConnectionId, OrdersStream, cancellationToken).ConfigureAwait(false);
            var placing = Slice is not null && !_source.OrdersInChangeOrder ? _source as IPlacedOrderSource : null;
            var pass = placing is null ? null : await PlacingPass.ResumeOrBeginAsync(state.Cursors, _context.ConnectionId, cursor, startedAt, cancellationToken).ConfigureAwait(false);
            var ceiling = (pass?.Started ?? startedAt) - SafetyWindow;
            // An order QuickBooks could not take may have nothing in the state store that brings it back (its sale was posted, its
            // refund or payment was not yet begun): the cursor stops short of the earliest such order, so the next run reads it again.
            // One whose sale link waits is retried by id, so it never holds the cursor (an order QuickBooks keeps refusing would).
            // A pass in placing order goes on from what the runs before it read.
            DateTimeOffset? reached = pass?.Reached;
            DateTimeOffset? deferred = pass?.Held;
            unattributed |= pass?.Unattributed ?? false;
            DateTimeOffset? placed = pass?.Placed;
            var slice = _source.OrdersInChangeOrder || pass is not null ? Slice : null;
            bool Moved() => pass is not null
                ? placed is { } at && (pass.Placed is null || at > pass.Placed)
                : Resume(reached, deferred, unread, unattributed, ceiling) is { } next && (cursor is null || next > cursor);
            var stream = pass is not null && placing is not null
                ? placing.ReadOrdersByPlacingAsync(cursor - Overlap, pass.Placed, cancellationToken)
                : _source.ReadOrdersAsync(cursor - Overlap, cancellationToken);
            await foreach (var read in ReadAhead.PagesAsync(stream, LargestPage, ReadAheadRecords, cancellationToken).ConfigureAwait(false))
            {
                // A sliced run posts no more of a page than the slice has room for: the orders after them changed no earlier, so
                // they are read again by the next run, and the slice ends where it was asked to, whatever the store's page size.
                SourcePage<StoreOrder>? rest = read;
                while (rest is not null && !moreToDo)
                {
                    var page = rest;
                    rest = null;
                    if (slice is not null && slice.Orders - sent is var room and > 0 && page.Records.Count > room)
                    {
                        rest = new SourcePage<StoreOrder>(page.Records.Skip(room).ToList());
                        page = new SourcePage<StoreOrder>(page.Records.Take(room).ToList(), page.Problems);
                    }

                    var done = await PageAsync(page, "orders").ConfigureAwait(false);
                    var waiting = await UnlinkedDeferralsAsync(done, cancellationToken).ConfigureAwait(false);
                    foreach (var order in page.Records)
                    {
                        reached = reached is { } r && r >= order.UpdatedAt ? r : order.UpdatedAt;
                        placed = placed is { } p && p >= order.CreatedAt ? p : order.CreatedAt;
                        if (waiting.Contains(order.SourceId) && (deferred is null || order.UpdatedAt < deferred))
                        {
                            deferred = order.UpdatedAt;
                        }
                    }

                    // The slice is done once enough went to QuickBooks, or its time is up and it moved forward (sent something, or
                    // the cursor would move): a slice that stopped without either would leave the next one where it started.
                    if (slice is not null && (sent >= Math.Max(1, slice.Orders) || (_context.Time.GetElapsedTime(sliceStarted) >= slice.Duration && (sent > 0 || Moved()))))
                    {
                        moreToDo = true;
                        LogSliced(_context.Connection.Name, sent, tally.Orders);
                    }
                }

                if (moreToDo)
                {
                    break;
                }
            }

            // Read to its end, the stream's orders all changed at or before the last one read. Stopped after a slice of a stream
            // that lists orders oldest change first, those not read yet changed at or after it (and any that changes meanwhile
            // comes again with a later time): either way the next run reads on from there. Stopped after a slice of a pass in
            // placing order, the cursor stays and the pass keeps its position; the pass read to its end moves the cursor.
            if (pass is not null && moreToDo)
            {
                var held = unread is { } u && (deferred is null || u < deferred) ? u : deferred;
                await (pass with { Placed = placed, Reached = reached, Held = held, Unattributed = unattributed })
                    .SaveAsync(state.Cursors, _context.ConnectionId, cancellationToken).ConfigureAwait(false);
            }
            else if (Resume(reached, deferred, unread, unattributed, ceiling) is { } next && (cursor is null || next > cursor))
            {
                await state.Cursors.SetAsync(_context.ConnectionId, OrdersStream, next, cancellationToken).ConfigureAwait(false);
            }

            if (pass is not null && !moreToDo)
            {
                await PlacingPass.EndAsync(state.Cursors, _context.ConnectionId, cancellationToken).ConfigureAwait(false);
            }

            await EndMisreadAsync(retry.Where(id => !answered.Contains(id)).ToList(), cancellationToken).ConfigureAwait(false);
            if (moreToDo)
            {
                // Unread records are resolved, payouts deposited and fees booked by the run that reads the stream to its end.
                return await FinishAsync(run, tally, sourceProblems, null, stopwatch, batches, payouts).ConfigureAwait(false) with { MoreToDo = true };
            }

            await ResolveUnreadRecordsAsync(run.Id, cancellationToken).ConfigureAwait(false);

            // Payouts after orders: a payout deposits the documents this run may just have posted.
            if (_context.Settings.Payouts.Enabled && _source is IPayoutSource { HasPayouts: true } payoutSource)
            {
                progress?.Report(new SyncProgress(tally.Orders, tally.Done, "payouts"));
                payouts = await new PayoutSync(_context, payoutSource, _source) { RetryRefused = retryFailed }.RunAsync(run.Id, cancellationToken).ConfigureAwait(false);
            }

            // Fees the store records per order (the WooCommerce Stripe plugin's), for gateways whose payouts are not read.
            if (OrderFeeSync.Wanted(_context.Settings.Payouts, _source.Kind))
            {
                await new OrderFeeSync(_context, _source).RunAsync(run.Id, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is RunStoppedException or QboAuthenticationException or QboReconnectRequiredException or QboOAuthException or HttpRequestException or QboException)
        {
            error = e is RunStoppedException stopped ? stopped.Detail : SyncMessage.Untranslated(e.Message);
            stoppedBy = e;
            LogStopped(e.Message);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await FinishAsync(run, tally, sourceProblems, RunMessages.Cancelled.With(), stopwatch, batches, payouts).ConfigureAwait(false);
            throw;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            // The store could not be read (access revoked, too many refusals) or something unforeseen: the run is recorded as
            // stopped with what was said, the cursor has not moved past anything unread, and the next run goes on from here.
            error = RunMessages.Stopped.With(("reason", e.Message));
            stoppedBy = e;
            LogFailed(e);
        }

        return await FinishAsync(run, tally, sourceProblems, error, stopwatch, batches, payouts).ConfigureAwait(false) with { StoppedBy = stoppedBy };
    }

    /// <summary>
    /// Where the orders stream resumes: the last change read, held back to the earliest order QuickBooks could not take that only
    /// the stream brings back, and to the earliest order the store could not hand over; never past <paramref name="ceiling"/>.
    /// Null when nothing was read, or a record tied to no order was met (a broken quote that swallowed rows has no link to bring
    /// it back: the cursor stays where it was, so the next run reads the same orders again, fixed or not).
    /// </summary>
    private static DateTimeOffset? Resume(DateTimeOffset? reached, DateTimeOffset? deferred, DateTimeOffset? unread, bool unattributed, DateTimeOffset ceiling)
    {
        if (unattributed)
        {
            return null;
        }

        if (deferred is { } earliest && (reached is null || earliest < reached))
        {
            reached = earliest;
        }

        if (unread is { } broken && (reached is null || broken < reached))
        {
            reached = broken;
        }

        return reached is { } end ? (end < ceiling ? end : ceiling) : null;
    }

    private async Task<SyncSummary> FinishAsync(SyncRun run, RunTally tally, List<SourceProblem> sourceProblems, SyncMessage? error, Stopwatch stopwatch, OrderSync? orders, PayoutRun? payouts)
    {
        var counts = tally.Counts();
        counts["sourceProblems"] = sourceProblems.Count;
        if (orders?.BatchCounts is { } sent && (sent.Batches > 0 || sent.Replayed > 0 || sent.Singles > 0))
        {
            counts["qbo.batches"] = sent.Batches;
            counts["qbo.batchedRecords"] = sent.BatchedItems;
            counts["qbo.batchesReplayed"] = sent.Replayed;
            counts["qbo.singleRecords"] = sent.Singles;
        }

        foreach (var (key, value) in payouts?.Counts() ?? [])
        {
            counts[key] = value;
        }

        var finished = run with
        {
            FinishedAt = _context.Time.GetUtcNow(),
            Counts = counts,
            Error = error?.Text,
            ErrorDetail = error is { Code: not null } ? error : null,
            Outcome = error is not null ? RunOutcome.Failed
                : tally.NeedsAttention || sourceProblems.Count > 0 || payouts?.NeedsAttention == true ? RunOutcome.NeedsAttention
                : RunOutcome.Succeeded,
        };
        await _context.State.Runs.FinishAsync(finished, CancellationToken.None).ConfigureAwait(false);
        LogFinished(_context.Connection.Name, finished.Outcome, tally.Orders, stopwatch.Elapsed.TotalSeconds);
        return new SyncSummary(finished, tally.Outcomes, sourceProblems) { Payouts = payouts };
    }

    /// <summary>
    /// The deferred orders that only the cursor brings back: their sale is posted, so no waiting link makes the next run read them
    /// by id (one whose sale link waits is retried by id however far the cursor has moved, and need not hold it back).
    /// </summary>
    private async Task<HashSet<string>> UnlinkedDeferralsAsync(IReadOnlyList<OrderOutcome> done, CancellationToken cancellationToken)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var outcome in done.Where(o => o.Result == OrderResult.Deferred))
        {
            var link = await _context.State.Links.FindAsync(_context.ConnectionId, LinkKind.Sale, outcome.SourceId, cancellationToken).ConfigureAwait(false);
            if (link is null or { State: LinkState.Done })
            {
                ids.Add(outcome.SourceId);
            }
        }

        return ids;
    }

    /// <summary>
    /// Orders that have not ended (posted, skipped by a rule, or dismissed): their link waits, was left in flight, or was refused
    /// (by the source, the order checks or QuickBooks). Each is re-read by id on every run, whatever the cursor, until it ends: a
    /// merchant who fixes an order in the store sees it post on the next run. What QuickBooks refused is not sent again unchanged
    /// unless the merchant retries (<see cref="OrderSync.RetryRefused"/>).
    /// </summary>
    private async Task<IReadOnlyList<string>> UnendedOrdersAsync(CancellationToken cancellationToken)
    {
        var links = _context.State.Links;
        var ids = new List<string>();
        foreach (var state in new[] { LinkState.Waiting, LinkState.Pending, LinkState.Failed })
        {
            ids.AddRange((await links.ListAsync(_context.ConnectionId, LinkKind.Sale, state, cancellationToken).ConfigureAwait(false)).Select(l => l.SourceId));
        }

        // A refund or an invoice's payment left in flight (or refused) leads back to its order: refund keys are "order/refund",
        // payment keys the order's id, or "order/gateway" for the other gateways of an order paid through several (both readings
        // are asked for: the store leaves out an id it does not have).
        foreach (var kind in new[] { LinkKind.Refund, LinkKind.Payment })
        {
            foreach (var state in new[] { LinkState.Pending, LinkState.Failed })
            {
                ids.AddRange((await links.ListAsync(_context.ConnectionId, kind, state, cancellationToken).ConfigureAwait(false))
                    .SelectMany(l => kind == LinkKind.Refund ? [Before(l.SourceId)] : new[] { l.SourceId, Before(l.SourceId) })
                    .Where(id => id.Length > 0));
            }
        }

        return ids.Distinct(StringComparer.Ordinal).ToList();

        static string Before(string key) => key[..Math.Max(0, key.LastIndexOf('/'))];
    }

    /// <summary>
    /// Refused or waiting orders the store did not hand over by id this run, that another link of the same name has since posted:
    /// the refusal was of a misread record (a shifted CSV row read another column as its id), and the order is in QuickBooks under
    /// its real id, so the misread one ends, skipped, and its issue closes. An order merely missing from one read (a newer export
    /// without it, a token that no longer sees old orders) is kept, refused, and read again on every run: absence alone never
    /// ends an order. An order in flight (Pending) is never ended here.
    /// </summary>
    private async Task EndMisreadAsync(IReadOnlyList<string> missing, CancellationToken cancellationToken)
    {
        if (missing.Count == 0)
        {
            return;
        }

        var store = _context.State.Links;
        var links = await store.FindManyAsync(_context.ConnectionId, LinkKind.Sale, missing, cancellationToken).ConfigureAwait(false);
        foreach (var link in links.Values.Where(l => l.State is LinkState.Failed or LinkState.Waiting && l.Reference is not null))
        {
            var posted = (await store.FindByReferenceAsync(_context.ConnectionId, LinkKind.Sale, link.Reference!, cancellationToken).ConfigureAwait(false))
                .FirstOrDefault(l => l.State == LinkState.Done && l.SourceId != link.SourceId);
            if (posted is null)
            {
                continue;
            }

            var now = _context.Time.GetUtcNow();
            await store.SaveAsync(link with
            {
                State = LinkState.Skipped,
                Message = $"a misread record of {link.Reference}, which is in QuickBooks under its store id {posted.SourceId}",
                UpdatedAt = now,
            }, cancellationToken).ConfigureAwait(false);
            await _context.State.Runs.ResolveAsync(_context.ConnectionId, LinkKind.Sale, link.SourceId, now, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Records what the source could not read. A problem tied to an order makes the order's link Failed (a posted order keeps its
    /// document; one in flight stays Pending) and opens its issue, so the order is re-read by id on every run until it posts or is
    /// dismissed. A problem tied to no order opens an issue under the record's place in the source ("orders.csv line 57").
    /// Answers the problems that stand (those the merchant dismissed are left out), those that hold the cursor (an order's, not
    /// yet posted), and whether some could not be tied to an order. A problem with a later version of a posted order is reported
    /// but holds nothing back: its document is in QuickBooks, and a change the store makes to it comes with a new time.
    /// </summary>
    private async Task<(List<SourceProblem> Standing, List<SourceProblem> Holding, bool Unattributed)> RecordSourceProblemsAsync(IReadOnlyList<SourceProblem> problems, Guid runId, CancellationToken cancellationToken)
    {
        var unattributed = false;
        var standing = new List<SourceProblem>();
        var holding = new List<SourceProblem>();
        var links = _context.State.Links;
        foreach (var problem in problems)
        {
            var reference = problem.RecordId;
            if (problem.ProductId is { Length: > 0 } productId)
            {
                await _context.RaiseAsync(runId, LinkKind.Item, CataloguePrefix + productId, problem.RecordId, problem.Message, problem.Detail, cancellationToken).ConfigureAwait(false);
                standing.Add(problem);
                continue;
            }

            if (problem.OrderId is { Length: > 0 } orderId)
            {
                var link = await links.FindAsync(_context.ConnectionId, LinkKind.Sale, orderId, cancellationToken).ConfigureAwait(false);
                if (link is { State: LinkState.Dismissed })
                {
                    continue;
                }

                reference = problem.OrderNumber is { Length: > 0 } number ? $"order #{number.TrimStart('#')}" : link?.Reference ?? problem.RecordId;
                if (link is not { State: LinkState.Done })
                {
                    holding.Add(problem);
                }

                if (link is not { State: LinkState.Done or LinkState.Pending })
                {
                    // A link reserved here is new: no write was ever sent under it.
                    link ??= await links.ReserveAsync(_context.ConnectionId, LinkKind.Sale, orderId, cancellationToken).ConfigureAwait(false);
                    await links.SaveAsync(link with { State = LinkState.Failed, Message = problem.Message, Reference = reference }, cancellationToken).ConfigureAwait(false);
                }
            }
            else
            {
                // A record tied to no order holds the cursor until the file is fixed, or the merchant dismisses it by its place
                // (that very problem: another one at the same place later, in a newer file, is a new problem).
                var dismissed = await links.FindAsync(_context.ConnectionId, LinkKind.Sale, problem.RecordId, cancellationToken).ConfigureAwait(false);
                if (dismissed is { State: LinkState.Dismissed } && dismissed.Fingerprint == OrderDismissals.ProblemFingerprint(problem.Message))
                {
                    continue;
                }

                unattributed = true;
            }

            await _context.RaiseAsync(runId, LinkKind.Sale, problem.OrderId is { Length: > 0 } id ? id : problem.RecordId, reference, problem.Message, problem.Detail, cancellationToken).ConfigureAwait(false);
            standing.Add(problem);
        }

        return (standing, holding, unattributed);
    }

    /// <summary>The source id of a catalogue problem's issue: told apart from the item issues others raise (items push).</summary>
    public const string CataloguePrefix = "catalogue:";

    /// <summary>
    /// Issues of records the source could not tie to any order, that this run (having read the stream to its end) no longer met:
    /// the merchant fixed the file, so they are resolved.
    /// </summary>
    private async Task ResolveUnreadRecordsAsync(Guid runId, CancellationToken cancellationToken)
    {
        var open = await _context.State.Runs.ListOpenIssuesAsync(_context.ConnectionId, cancellationToken).ConfigureAwait(false);

        // Catalogue problems are met on every full read until the catalogue is fixed; other item issues (items push) are not ours.
        foreach (var product in open.Where(i => i.Kind == LinkKind.Item && i.RunId != runId && i.SourceId.StartsWith(CataloguePrefix, StringComparison.Ordinal)))
        {
            await _context.State.Runs.ResolveAsync(_context.ConnectionId, LinkKind.Item, product.SourceId, _context.Time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        }

        var stale = open.Where(i => i.Kind == LinkKind.Sale && i.RunId != runId).ToList();
        if (stale.Count == 0)
        {
            return;
        }

        var linked = await _context.State.Links.FindManyAsync(_context.ConnectionId, LinkKind.Sale, stale.Select(i => i.SourceId).ToList(), cancellationToken).ConfigureAwait(false);
        foreach (var issue in stale.Where(i => !linked.ContainsKey(i.SourceId)))
        {
            await _context.State.Runs.ResolveAsync(_context.ConnectionId, LinkKind.Sale, issue.SourceId, _context.Time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sync of {Connection} stops after its slice ({Sent} orders sent to QuickBooks, {Orders} read); the next run goes on from here")]
    private partial void LogSliced(string connection, int sent, int orders);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sync run stopped: {Reason}")]
    private partial void LogStopped(string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Sync run stopped by an error")]
    private partial void LogFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sync of {Connection} finished: {Outcome}, {Orders} orders in {Seconds:0.0} s")]
    private partial void LogFinished(string connection, RunOutcome outcome, int orders, double seconds);

    private sealed class RunStoppedException(SyncMessage message) : Exception(message.Text)
    {
        public SyncMessage Detail { get; } = message;
    }
}
