using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using StoreBooks.Core.Connections;
using StoreBooks.Web.Dashboard.Shared;

namespace StoreBooks.Web.Dashboard.Sync;

/// <summary>
/// The sections' entry to a connection's page (<c>/preview</c>, <c>/sync</c>, <c>/totals</c>): the workspace's only connection
/// opens at once; with several, they are listed to choose from.
/// </summary>
public sealed class ChooseModel : PageModel
{
    private readonly CurrentWorkspace _workspace;

    public ChooseModel(CurrentWorkspace workspace)
    {
        _workspace = workspace;
    }

    [FromRoute]
    public string Section { get; set; } = "";

    public IReadOnlyList<Connection> Connections { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Connections = await _workspace.Connections.ListAsync(cancellationToken).ConfigureAwait(false);
        return Connections.Count == 1 ? LocalRedirect($"/connections/{Connections[0].Id}/{Section}") : Page();
    }
}
