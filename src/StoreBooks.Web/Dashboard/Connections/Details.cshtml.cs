using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using StoreBooks.Core.Connections;
using StoreBooks.Core.State;
using StoreBooks.Hosting.Connections;
using StoreBooks.Web.Dashboard.Shared;

namespace StoreBooks.Web.Dashboard.Connections;

/// <summary>
/// One connection of the workspace: its store, its QuickBooks company (connect, reconnect, disconnect), its last and next runs.
/// Another workspace's id (or an unknown one) is a 404 that says only "not found", for reading and for posting alike.
/// </summary>
public sealed class DetailsModel : PageModel
{
    private readonly CurrentWorkspace _workspace;
    private readonly ConnectionOverviews _overviews;
    private readonly IStateStore _state;
    private readonly QuickBooksAuthorization _authorization;
    private readonly QuickBooksHttp _http;
    private readonly TimeProvider _time;

    public DetailsModel(
        CurrentWorkspace workspace, ConnectionOverviews overviews, IStateStore state, QuickBooksAuthorization authorization, QuickBooksHttp http, TimeProvider time)
    {
        _workspace = workspace;
        _overviews = overviews;
        _state = state;
        _authorization = authorization;
        _http = http;
        _time = time;
    }

    [FromRoute]
    public Guid Id { get; set; }

    /// <summary>What just happened, from the address: "added" (a store), "connected" / "disconnected" (QuickBooks).</summary>
    [FromQuery(Name = "done")]
    public string? Done { get; set; }

    [FromQuery(Name = "quickbooks")]
    public string? QuickBooksDone { get; set; }

    public Connection? Connection => Overview?.Connection;

    public ConnectionOverview? Overview { get; private set; }

    /// <summary>False when this server has no Intuit app, so no company can be connected.</summary>
    public bool CanConnect => _authorization.CanConnect;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var connection = await _workspace.Connections.GetAsync(Id, cancellationToken).ConfigureAwait(false);
        if (connection is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        Overview = await _overviews.ForAsync(connection, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Revokes the company's authorization at Intuit and forgets its tokens; the store connection stays.</summary>
    public async Task<IActionResult> OnPostDisconnectAsync(CancellationToken cancellationToken)
    {
        var connection = await _workspace.Connections.GetAsync(Id, cancellationToken).ConfigureAwait(false);
        if (connection is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }

        if (connection.QboRealmId is not null)
        {
            await QuickBooksLink.DisconnectAsync(_workspace.Connections, _state.Credentials, _http.Client, connection, _time, cancellationToken).ConfigureAwait(false);
        }

        return Redirect($"/connections/{connection.Id}?quickbooks=disconnected");
    }
}
