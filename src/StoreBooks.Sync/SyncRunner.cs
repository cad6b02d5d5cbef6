using System.Diagnostics;
using Microsoft.Extensions.Logging;
using StoreBooks.Core.Model;
using StoreBooks.Core.Sources;
using StoreBooks.Core.State;
using StoreBooks.QuickBooks.Errors;
using StoreBooks.QuickBooks.OAuth;
using StoreBooks.Sync.Sales;

namespace StoreBooks.Sync;

/// <summary>What a run did, for the log, the command line and the dashboard.</summary>
public sealed record SyncSummary(SyncRun Run, IReadOnlyList<OrderOutcome> Outcomes, IReadOnlyList<SourceProblem> SourceProblems)
{
    public int Count(OrderResult result) => Outcomes.Count(o => o.Result == result);
}

/// <summary>Progress of a run, reported as pages complete.</summary>
public sealed record SyncProgress(int OrdersRead, int OrdersDone, string Stage);

/// <summary>
/// One sync run of one connection, whoever starts it (the command line, the server's schedule, a webhook, a job engine): logs the
/// run, retries what waits or was left in flight, then reads orders changed since the cursor (less an overlap, so nothing is
/// missed), a page at a time, moving the cursor only once a page's orders are all recorded. Many QuickBooks failures in a row stop
/// the run early; it goes on from where it stopped next time.
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

    public int Parallelism { get; init; } = 8;

    /// <param name="trigger">Why it runs: "manual", "schedule", "webhook", "retry", "demo".</param>
    /// <param name="retryFailed">Also retry orders that failed (the merchant says they fixed something).</param>
    public async Task<SyncSummary> RunAsync(string trigger, bool retryFailed = false, IProgress<SyncProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var state = _context.State;
        var startedAt = _context.Time.GetUtcNow();
        var run = await state.Runs.StartAsync(_context.ConnectionId, trigger, startedAt, cancellationToken).ConfigureAwait(false);
        var outcomes = new List<OrderOutcome>();
        var sourceProblems = new List<SourceProblem>();
        var stopwatch = Stopwatch.StartNew();
        string? error = null;
        try
        {
            var orders = await OrderSync.CreateAsync(_context, cancellationToken).ConfigureAwait(false);
            orders.Parallelism = Parallelism;
            var streak = 0;
            async Task PageAsync(SourcePage<StoreOrder> page, string stage)
            {
                sourceProblems.AddRange(page.Problems);
                await RaiseSourceProblemsAsync(page.Problems, run.Id, cancellationToken).ConfigureAwait(false);
                var done = await orders.SyncPageAsync(page.Records, run.Id, cancellationToken).ConfigureAwait(false);
                outcomes.AddRange(done);
                streak = done.All(o => o.Result == OrderResult.Deferred) && done.Count > 0 ? streak + done.Count : done.Any(o => o.Result != OrderResult.Deferred) ? 0 : streak;
                progress?.Report(new SyncProgress(outcomes.Count, outcomes.Count(o => o.Result != OrderResult.Deferred), stage));
                if (streak >= MaxConsecutiveDeferrals)
                {
                    throw new RunStoppedException($"QuickBooks could not be reached for {streak} orders in a row; the run stopped and the next one goes on from here. Last: {done.Last().Message}");
                }
            }

            var retry = await RetrySetAsync(retryFailed, cancellationToken).ConfigureAwait(false);
            if (retry.Count > 0)
            {
                await foreach (var page in _source.GetOrdersAsync(retry, cancellationToken).ConfigureAwait(false))
                {
                    await PageAsync(page, "retrying").ConfigureAwait(false);
                }
            }

            var cursor = await state.Cursors.GetAsync(_context.ConnectionId, OrdersStream, cancellationToken).ConfigureAwait(false);
            var ceiling = startedAt - SafetyWindow;
            await foreach (var page in _source.ReadOrdersAsync(cursor - Overlap, cancellationToken).ConfigureAwait(false))
            {
                await PageAsync(page, "orders").ConfigureAwait(false);
                if (page.Records.Count > 0)
                {
                    var reached = page.Records.Max(o => o.UpdatedAt);
                    var next = reached < ceiling ? reached : ceiling;
                    if (cursor is null || next > cursor)
                    {
                        await state.Cursors.SetAsync(_context.ConnectionId, OrdersStream, next, cancellationToken).ConfigureAwait(false);
                        cursor = next;
                    }
                }
            }
        }
        catch (Exception e) when (e is RunStoppedException or QboAuthenticationException or QboReconnectRequiredException or QboOAuthException or HttpRequestException or QboException)
        {
            error = e.Message;
            LogStopped(e.Message);
        }

        var counts = Count(outcomes);
        counts["sourceProblems"] = sourceProblems.Count;
        var finished = run with
        {
            FinishedAt = _context.Time.GetUtcNow(),
            Counts = counts,
            Error = error,
            Outcome = error is not null ? RunOutcome.Failed
                : outcomes.Any(o => o.Result is OrderResult.Failed or OrderResult.Waiting or OrderResult.Deferred) || sourceProblems.Count > 0 ? RunOutcome.NeedsAttention
                : RunOutcome.Succeeded,
        };
        await state.Runs.FinishAsync(finished, CancellationToken.None).ConfigureAwait(false);
        LogFinished(_context.Connection.Name, finished.Outcome, outcomes.Count, stopwatch.Elapsed.TotalSeconds);
        return new SyncSummary(finished, outcomes, sourceProblems);
    }

    /// <summary>Orders whose link waits or was left in flight (and failed ones when retrying): re-read by id whatever the cursor.</summary>
    private async Task<IReadOnlyList<string>> RetrySetAsync(bool retryFailed, CancellationToken cancellationToken)
    {
        var links = _context.State.Links;
        var ids = new List<string>();
        foreach (var state in retryFailed ? new[] { LinkState.Waiting, LinkState.Pending, LinkState.Failed } : [LinkState.Waiting, LinkState.Pending])
        {
            ids.AddRange((await links.ListAsync(_context.ConnectionId, LinkKind.Sale, state, cancellationToken).ConfigureAwait(false)).Select(l => l.SourceId));
        }

        // A refund or an invoice's payment left in flight (or refused) leads back to its order: refund keys are "order/refund",
        // payment keys the order's id.
        foreach (var kind in new[] { LinkKind.Refund, LinkKind.Payment })
        {
            foreach (var state in retryFailed ? new[] { LinkState.Pending, LinkState.Failed } : [LinkState.Pending])
            {
                ids.AddRange((await links.ListAsync(_context.ConnectionId, kind, state, cancellationToken).ConfigureAwait(false))
                    .Select(l => kind == LinkKind.Refund ? l.SourceId[..Math.Max(0, l.SourceId.LastIndexOf('/'))] : l.SourceId)
                    .Where(id => id.Length > 0));
            }
        }

        return ids.Distinct(StringComparer.Ordinal).ToList();
    }

    private async Task RaiseSourceProblemsAsync(IReadOnlyList<SourceProblem> problems, Guid runId, CancellationToken cancellationToken)
    {
        foreach (var problem in problems)
        {
            await _context.State.Runs.RaiseAsync(new SyncIssue
            {
                Id = Guid.NewGuid(),
                ConnectionId = _context.ConnectionId,
                RunId = runId,
                Kind = LinkKind.Sale,
                SourceId = problem.RecordId,
                Reference = problem.RecordId,
                Message = problem.Message,
                RaisedAt = _context.Time.GetUtcNow(),
            }, cancellationToken).ConfigureAwait(false);
        }
    }

    private static Dictionary<string, int> Count(IReadOnlyList<OrderOutcome> outcomes)
    {
        var counts = outcomes.GroupBy(o => o.Result).ToDictionary(g => "orders." + g.Key.ToString().ToLowerInvariant(), g => g.Count());
        counts["refunds.posted"] = outcomes.Sum(o => o.RefundsPosted);
        counts["payments.posted"] = outcomes.Count(o => o.PaymentPosted);
        return counts;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sync run stopped: {Reason}")]
    private partial void LogStopped(string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sync of {Connection} finished: {Outcome}, {Orders} orders in {Seconds:0.0} s")]
    private partial void LogFinished(string connection, RunOutcome outcome, int orders, double seconds);

    private sealed class RunStoppedException(string message) : Exception(message);
}
