using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using StoreBooks.Core.Connections;
using StoreBooks.Web.Dashboard.Shared;

namespace StoreBooks.Web.Dashboard.Products;

/// <summary>The navigation's "Products": the workspace's only connection opens at once; with several, each leads to its product settings and item plan.</summary>
public sealed class IndexModel : PageModel
{
    private readonly CurrentWorkspace _workspace;

    public IndexModel(CurrentWorkspace workspace)
    {
        _workspace = workspace;
    }

    public IReadOnlyList<Connection> Connections { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Connections = await _workspace.Connections.ListAsync(cancellationToken).ConfigureAwait(false);
        return Connections.Count == 1 ? LocalRedirect($"/connections/{Connections[0].Id}/products") : Page();
    }
}
