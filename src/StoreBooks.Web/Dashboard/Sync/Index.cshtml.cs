using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Localization;
using StoreBooks.Core.Connections;
using StoreBooks.Core.State;
using StoreBooks.Hosting.Progress;
using StoreBooks.Hosting.Scheduling;
using StoreBooks.Sync.Sales;
using StoreBooks.Web.Dashboard.Resources;
using StoreBooks.Web.Dashboard.Shared;

namespace StoreBooks.Web.Dashboard.Sync;

/// <summary>
/// One connection's syncing: "Sync now" (asks for a run the way a webhook does: the schedule records the request and the
/// dispatcher is woken), the run going on (live through server-sent events at <c>/connections/{id}/sync/events</c>), the last
/// runs, and the records needing attention with Retry and Dismiss (what <c>storebooks retry ORDER</c> and
/// <c>storebooks dismiss ORDER</c> do). Another workspace's connection is "not found", for every handler.
/// </summary>
public sealed class IndexModel : PageModel
{
    public const int ListedRuns = 20;

    /// <summary>How many orders posted with warnings the page lists, the latest first.</summary>
    public const int ListedWarned = 20;

    private static readonly JsonSerializerOptions EventJson = new(JsonSerializerDefaults.Web);
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    private readonly CurrentWorkspace _workspace;
    private readonly IStateStore _state;
    private readonly ISyncProgressBoard _board;
    private readonly DispatchSignal _signal;
    private readonly IConnectionLock _locks;
    private readonly TimeProvider _time;
    private readonly IHostApplicationLifetime _lifetime;

    public IndexModel(
        CurrentWorkspace workspace, IStateStore state, ISyncProgressBoard board, DispatchSignal signal, IConnectionLock locks, TimeProvider time,
        IHostApplicationLifetime lifetime, IStringLocalizer<DashboardText> text)
    {
        _workspace = workspace;
        _state = state;
        _board = board;
        _signal = signal;
        _locks = locks;
        _time = time;
        _lifetime = lifetime;
        Text = new SyncText(text);
    }

    [FromRoute]
    public Guid Id { get; set; }

    /// <summary>What the last action did, for the notice after its redirect: requested, retried, dismissed, busy, unknown.</summary>
    [FromQuery(Name = "done")]
    public string? Done { get; set; }

    /// <summary>The record the last action was about ("order #1043").</summary>
    [FromQuery(Name = "record")]
    public string? Record { get; set; }

    public SyncText Text { get; }

    public Connection? Connection { get; private set; }

    public RunProgress? Live { get; private set; }

    public bool Requested { get; private set; }

    public IReadOnlyList<SyncRun> Runs { get; private set; } = [];

    public IReadOnlyList<AttentionRecord> Attention { get; private set; } = [];

    /// <summary>Orders that posted, and what StoreBooks changed to fit QuickBooks (a name cleaned, a note cut), the latest first.</summary>
    public IReadOnlyList<Link> Warned { get; private set; } = [];

    /// <summary>The figures shown: the live run's, else the last run's.</summary>
    public RunFigures Figures => Live is { } live ? RunFigures.From(live.Counts) : Runs.Count > 0 ? RunFigures.From(Runs[0]) : RunFigures.None;

    /// <summary>The last ended run, for its summary: the board's, else the log's.</summary>
    public SyncRun? LastEnded => Live?.Finished ?? Runs.FirstOrDefault(r => r.Outcome != RunOutcome.Running);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken).ConfigureAwait(false))
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        Live = await _board.GetAsync(Id, cancellationToken).ConfigureAwait(false);
        Requested = await RequestedAsync(cancellationToken).ConfigureAwait(false);
        Runs = await _state.Runs.ListRunsAsync(Id, ListedRuns, cancellationToken).ConfigureAwait(false);
        Attention = await AttentionRecord.ListAsync(_state, Connection!, cancellationToken).ConfigureAwait(false);
        Warned = await _state.Links.ListWarnedAsync(Id, LinkKind.Sale, ListedWarned, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sync now: the same request a webhook makes; the dispatcher queues it, and one company's runs take turns.</summary>
    public async Task<IActionResult> OnPostNowAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken).ConfigureAwait(false))
        {
            return NotFound();
        }

        await _state.Schedule.RequestAsync(Id, "manual", _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        _signal.Wake();
        return Back("requested");
    }

    /// <summary>Retry: the order is taken back (sent again even unchanged, dismissed or refused), then a run is asked for.</summary>
    public async Task<IActionResult> OnPostRetryAsync(string? order, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken).ConfigureAwait(false))
        {
            return NotFound();
        }

        var result = await UnderLockAsync(order, (dismissals, name) => dismissals.TakeBackAsync(name, cancellationToken), cancellationToken).ConfigureAwait(false);
        if (result is not { Found: true })
        {
            return Back(result is null ? "busy" : "unknown", result?.Reference);
        }

        await _state.Schedule.RequestAsync(Id, "retry", _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        _signal.Wake();
        return Back("retried", result.Reference);
    }

    /// <summary>Dismiss: StoreBooks stops reading the order, and its issue closes.</summary>
    public async Task<IActionResult> OnPostDismissAsync(string? order, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken).ConfigureAwait(false))
        {
            return NotFound();
        }

        var result = await UnderLockAsync(order, (dismissals, name) => dismissals.DismissAsync(name, cancellationToken), cancellationToken).ConfigureAwait(false);
        return Back(result switch { null => "busy", { Found: true } => "dismissed", _ => "unknown" }, result?.Reference);
    }

    /// <summary>
    /// The live view: server-sent events, one per change of the connection's run (its progress, its end), each a JSON object of
    /// the figures and sentences the page shows; a comment every few seconds keeps the line open.
    /// </summary>
    public async Task<IActionResult> OnGetEventsAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken).ConfigureAwait(false))
        {
            return NotFound();
        }

        Response.Headers.ContentType = "text/event-stream";
        Response.Headers.CacheControl = "no-cache, no-store";
        HttpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _lifetime.ApplicationStopping);
        var culture = CultureInfo.CurrentCulture;
        long seen = 0;
        try
        {
            await Response.WriteAsync("retry: 3000\n\n", stop.Token).ConfigureAwait(false);
            await Response.Body.FlushAsync(stop.Token).ConfigureAwait(false);
            while (!stop.IsCancellationRequested)
            {
                using var beat = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
                beat.CancelAfter(KeepAlive);
                string message;
                try
                {
                    var live = await _board.WaitForChangeAsync(Id, seen, beat.Token).ConfigureAwait(false);
                    if (live is null)
                    {
                        continue;
                    }

                    seen = live.Version;
                    message = $"id: {live.Version}\ndata: {JsonSerializer.Serialize(Event(live, culture), EventJson)}\n\n";
                }
                catch (OperationCanceledException) when (!stop.IsCancellationRequested)
                {
                    message = ": still here\n\n";
                }

                await Response.WriteAsync(message, stop.Token).ConfigureAwait(false);
                await Response.Body.FlushAsync(stop.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The page was closed, or the server is stopping.
        }

        return new EmptyResult();
    }

    private object Event(RunProgress live, CultureInfo culture)
    {
        var figures = RunFigures.From(live.Counts);
        return new
        {
            running = live.Running,
            status = Text.Status(live, requested: false),
            read = figures.Read,
            posted = figures.Posted,
            waiting = figures.Waiting,
            failed = figures.Failed,
            summary = live.Finished is { } run ? Text.Summary(run, culture) : null,
        };
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        Connection = await _workspace.Connections.GetAsync(Id, cancellationToken).ConfigureAwait(false);
        return Connection is not null;
    }

    private async Task<bool> RequestedAsync(CancellationToken cancellationToken) =>
        await _state.Schedule.GetAsync(Id, cancellationToken).ConfigureAwait(false) is { Requested: true };

    /// <summary>
    /// Runs a dismissal or a retry holding the QuickBooks company's lock, as the command line does (a run may be posting the very
    /// order); null when a run holds it now.
    /// </summary>
    private async Task<DismissalResult?> UnderLockAsync(string? order, Func<OrderDismissals, string, Task<DismissalResult>> action, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(order))
        {
            return new DismissalResult(false, "", "No order was named.");
        }

        var held = await _locks.TryAcquireAsync(SyncJobs.LockKey(Connection!), cancellationToken).ConfigureAwait(false);
        if (held is null)
        {
            return null;
        }

        await using (held.ConfigureAwait(false))
        {
            return await action(new OrderDismissals(_state, Id, _time), order).ConfigureAwait(false);
        }
    }

    private RedirectResult Back(string done, string? record = null)
    {
        var query = QueryString.Create([new("done", done), .. record is { Length: > 0 } ? [new KeyValuePair<string, string?>("record", record)] : Array.Empty<KeyValuePair<string, string?>>()]);
        return Redirect($"/connections/{Id}/sync{query}");
    }
}
