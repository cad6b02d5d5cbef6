using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using StoreBooks.Core.Connections;
using StoreBooks.Web.Dashboard.Shared;

namespace StoreBooks.Web.Dashboard.Connections;

/// <summary>One connection of the workspace; another workspace's id (or an unknown one) is a 404 that says only "not found".</summary>
public sealed class DetailsModel : PageModel
{
    private readonly CurrentWorkspace _workspace;

    public DetailsModel(CurrentWorkspace workspace)
    {
        _workspace = workspace;
    }

    [FromRoute]
    public Guid Id { get; set; }

    public Connection? Connection { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Connection = await _workspace.Connections.GetAsync(Id, cancellationToken).ConfigureAwait(false);
        if (Connection is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }
    }
}
