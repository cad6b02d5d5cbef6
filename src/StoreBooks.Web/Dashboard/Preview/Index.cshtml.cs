using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Logging;
using StoreBooks.Core.Connections;
using StoreBooks.Sync.Preview;
using StoreBooks.Web.Dashboard.Shared;
using StoreBooks.Web.Dashboard.Sync;

namespace StoreBooks.Web.Dashboard.Preview;

/// <summary>
/// What the next sync would do, changing nothing: <c>storebooks sync --dry-run</c> as a page. The documents it would post,
/// the records it would create, the orders it would hold back and why (<see cref="SyncPreview"/>).
/// </summary>
public sealed partial class IndexModel : PageModel
{
    private readonly CurrentWorkspace _workspace;
    private readonly SyncSessions _sessions;
    private readonly ILogger _logger;

    public IndexModel(CurrentWorkspace workspace, SyncSessions sessions, ILogger<IndexModel> logger)
    {
        _workspace = workspace;
        _sessions = sessions;
        _logger = logger;
    }

    [FromRoute]
    public Guid Id { get; set; }

    public Connection? Connection { get; private set; }

    public PreviewReport? Report { get; private set; }

    /// <summary>The QuickBooks company's currency, the documents' amounts are in.</summary>
    public string Currency { get; private set; } = "USD";

    /// <summary>Why the preview could not run at all (the store or QuickBooks would not answer), in the words of the failure.</summary>
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

        try
        {
            using var session = await _sessions.OpenAsync(Connection, cancellationToken).ConfigureAwait(false);
            Report = await SyncPreview.RunAsync(session.Context, session.Source, SyncPreview.DefaultOrders, cancellationToken).ConfigureAwait(false);
            Currency = (await session.Context.CompanyAsync(cancellationToken).ConfigureAwait(false)).HomeCurrency;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogFailed(e, Connection.Name);
            Failure = e.Message;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The preview of {Connection} could not run")]
    private partial void LogFailed(Exception exception, string connection);
}
