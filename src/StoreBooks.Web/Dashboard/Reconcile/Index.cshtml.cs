using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Logging;
using StoreBooks.Core.Connections;
using StoreBooks.Sync.Reconciliation;
using StoreBooks.Web.Dashboard.Shared;
using StoreBooks.Web.Dashboard.Sync;

namespace StoreBooks.Web.Dashboard.Reconcile;

/// <summary>
/// A connection's reconciliation for a period (the last <see cref="ReportPeriod.DefaultDays"/> days unless chosen): its payouts beside their deposits, each day's
/// figures beside QuickBooks', and what is still undeposited and why; <see cref="ReconciliationReport.RunAsync"/>, the report
/// <c>storebooks reconcile</c> prints.
/// </summary>
public sealed partial class IndexModel : PageModel
{
    private readonly CurrentWorkspace _workspace;
    private readonly SyncSessions _sessions;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public IndexModel(CurrentWorkspace workspace, SyncSessions sessions, TimeProvider time, ILogger<IndexModel> logger)
    {
        _workspace = workspace;
        _sessions = sessions;
        _time = time;
        _logger = logger;
    }

    [FromRoute]
    public Guid Id { get; set; }

    [FromQuery(Name = "from")]
    public DateOnly? From { get; set; }

    [FromQuery(Name = "to")]
    public DateOnly? To { get; set; }

    public Connection? Connection { get; private set; }

    public PeriodReconciliation? Report { get; private set; }

    /// <summary>The resource key of what is wrong with the period asked for; null when it is fine.</summary>
    public string? PeriodProblem { get; private set; }

    public string? Failure { get; private set; }

    /// <summary>The page only reads: a form posted to it changes nothing and is answered 405.</summary>
    public IActionResult OnPost() => StatusCode(StatusCodes.Status405MethodNotAllowed);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Connection = await _workspace.Connections.GetAsync(Id, cancellationToken).ConfigureAwait(false);
        if (Connection is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var period = ReportPeriod.Of(From, To, ModelState.IsValid, DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime), ReconciliationReport.MaxDays);
        (From, To) = (period.From, period.To);
        if (period.Problem is { } problem)
        {
            PeriodProblem = $"Reconcile_{problem}";
            return;
        }

        try
        {
            using var session = await _sessions.OpenAsync(Connection, cancellationToken).ConfigureAwait(false);
            Report = await ReconciliationReport.RunAsync(session.Context, session.Source, period.From, period.To, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogFailed(e, Connection.Name);
            Failure = e.Message;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The reconciliation of {Connection} could not be made")]
    private partial void LogFailed(Exception exception, string connection);
}
